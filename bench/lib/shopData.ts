import { address, basket, buyer, CATALOG_SKUS, DEMO_SHOPS, DEMO_WAREHOUSES, demoProducts, itemsTotalOf, pick, shippingFeeFor, type OrderLine, type Random } from '../../server/src/demo/fixtures';
import type { Api } from './client';

export const benchShopCodes = DEMO_SHOPS.map((s) => s.code);

/**
 * Shops, warehouses and the 40-SKU catalog through the API, with `stockPerSku` units of every SKU
 * in every warehouse except the SKUs in `without` (which get no stock).
 */
export async function seedCatalog(api: Api, stockPerSku: number, without: string[] = []): Promise<void> {
  for (const w of DEMO_WAREHOUSES) await api.must('POST', '/api/v1/warehouses', w);
  for (const s of DEMO_SHOPS) await api.must('POST', '/api/v1/shops', s);
  for (const p of demoProducts()) await api.must('POST', '/api/v1/products', p);
  for (const w of DEMO_WAREHOUSES) {
    await api.must('POST', '/api/v1/inventory/receipts', {
      warehouseCode: w.code,
      lines: CATALOG_SKUS.filter((s) => !without.includes(s.code)).map((s) => ({ skuCode: s.code, quantity: stockPerSku })),
      note: '压测入库',
    });
  }
}

export interface OrderBody {
  shopCode: string;
  buyer: { nick: string; name: string; phone: string };
  address: { province: string; city: string; district: string; detail: string; postalCode: string };
  items: OrderLine[];
  shippingFee: number;
  discount: number;
  paymentMethod: string;
}

/** A realistic unpaid order: 1–3 distinct SKUs, buyer number `n`, a real district. */
export function orderBody(random: Random, n: number): OrderBody {
  const items = basket(random);
  const itemsTotal = itemsTotalOf(items);
  const where = address(random);
  return {
    shopCode: pick(random, benchShopCodes),
    buyer: buyer(n),
    address: where,
    items,
    shippingFee: shippingFeeFor(itemsTotal, where.province),
    discount: itemsTotal >= 20000 ? 2000 : 0,
    paymentMethod: pick(random, ['alipay', 'wechat', 'alipay', 'card']),
  };
}
