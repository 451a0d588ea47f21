import type { Ctx } from '../../platform/context';
import { pickBinsOf } from '../inventory';
import type { PickList } from './model';
import { pickedBySku } from './pickingRepository';
import * as pickingReads from './pickingReadModel';
import { getWave } from './service';

/**
 * The wave's pick list (配货单): one row per SKU with the total to take, in the warehouse's walking
 * order of pick bins (SKUs with no pick bin last, by code), and, for a multi-item wave, how many go
 * to each sowing-wall slot, with the units picked so far. Intercepted orders are left out: their
 * items stay on the shelf, or go back to it.
 */
export async function wavePickList(ctx: Ctx, waveId: number): Promise<PickList> {
  const wave = await getWave(ctx, waveId);
  const lines = await pickingReads.waveSkuLines(ctx, waveId);
  const picked = await pickedBySku(ctx, waveId);
  const bySku = new Map<number, PickList['lines'][number]>();
  for (const l of lines) {
    const row = bySku.get(l.skuId) ?? { skuId: l.skuId, skuCode: l.skuCode, barcode: l.barcode, productName: l.productName, spec: l.spec, binCode: null, quantity: 0, picked: picked.get(l.skuId) ?? 0, slots: [] };
    row.quantity += l.quantity;
    row.slots.push({ slot: l.slot, orderNo: l.orderNo, quantity: l.quantity });
    bySku.set(l.skuId, row);
  }
  const route = await pickBinsOf(ctx, wave.warehouseId, [...bySku.keys()]);
  const place = new Map(route.map((b, i) => [b.skuId, { binCode: b.binCode, step: i }]));
  const rows = [...bySku.values()].map((r) => ({ ...r, binCode: place.get(r.skuId)?.binCode ?? null }));
  rows.sort((a, b) => (place.get(a.skuId)?.step ?? Infinity) - (place.get(b.skuId)?.step ?? Infinity) || a.skuCode.localeCompare(b.skuCode));
  return { wave, lines: rows, units: rows.reduce((n, r) => n + r.quantity, 0), picked: rows.reduce((n, r) => n + r.picked, 0) };
}
