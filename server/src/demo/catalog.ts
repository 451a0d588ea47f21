import { CATALOG_SKUS, DEMO_SHOPS, DEMO_WAREHOUSES, demoProducts } from './fixtures';
import type { DemoUsername, Staff } from './staff';

/** Two SKUs get little stock, so restock alerts show on the workbench as they sell. */
const LOW_STOCK_SKUS = new Set(['SG-SK06-02', 'SG-CD12-03']);

/** Who packs and ships in each warehouse. */
export const PACKERS: Record<(typeof DEMO_WAREHOUSES)[number]['code'], DemoUsername> = { HZ01: 'chenshifu', GZ01: 'huangshifu' };

/** Warehouses, shops, products and the first receipts; answers which packer works in which warehouse (by id). */
export async function seedCatalog(staff: Staff, scale: number): Promise<Map<number, DemoUsername>> {
  const packers = new Map<number, DemoUsername>();
  for (const w of DEMO_WAREHOUSES) {
    const created = await staff.laowang<{ id: number }>('POST', '/api/v1/warehouses', { ...w, bins: ['A-01-01', 'A-01-02', 'B-02-01'] });
    packers.set(created.id, PACKERS[w.code]);
  }
  for (const s of DEMO_SHOPS) await staff.laowang('POST', '/api/v1/shops', s);
  for (const p of demoProducts()) await staff.liuyunying('POST', '/api/v1/products', p);
  const [hangzhou, guangzhou] = DEMO_WAREHOUSES;
  await staff[PACKERS[hangzhou.code]]('POST', '/api/v1/inventory/receipts', {
    warehouseCode: hangzhou.code,
    reference: 'PO-2026-1001',
    note: '首批到货',
    lines: CATALOG_SKUS.map((s) => ({ skuCode: s.code, quantity: (LOW_STOCK_SKUS.has(s.code) ? 40 : 200) * scale })),
  });
  await staff[PACKERS[guangzhou.code]]('POST', '/api/v1/inventory/receipts', {
    warehouseCode: guangzhou.code,
    reference: 'PO-2026-1002',
    note: '华南仓备货',
    lines: CATALOG_SKUS.filter((s) => !LOW_STOCK_SKUS.has(s.code)).map((s) => ({ skuCode: s.code, quantity: 120 * scale })),
  });
  return packers;
}
