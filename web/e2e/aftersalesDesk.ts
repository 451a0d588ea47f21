import type { Locator, Page } from 'playwright-core';
import { uniqueCode, type E2E } from './harness';

/**
 * An after-sales desk for the browser tests: a warehouse and a shop with an 800 元 coat in stock,
 * an after-sales agent and a supervisor; coats ordered and shipped through the real floor.
 */

export const WAREHOUSE = { code: 'WH-AS', name: '售后测试仓' };
export const SHOP = { code: 'TM-AS', name: '售后旗舰店' };
export const CS = { username: 'aftersale1', password: 'aftersale-pass-1', displayName: '售后客服小林', roles: ['cs_aftersale'] };
export const SUPERVISOR = { username: 'boss1', password: 'boss-pass-1', displayName: '主管老陈', roles: ['supervisor'] };
/** 800 元 a coat: a refund of most of it is beyond customer service's 500 元. */
export const COAT = { code: uniqueCode('COAT'), spec: '羊绒大衣 黑色 L', weightGrams: 1200, price: 80_000 };

/** A 1 × 1 PNG: the server keeps a photo by its first bytes, whatever it is called. */
export const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export const dialog = (page: Page) => page.locator('.ant-modal:visible');
/** A button by its whole text (antd spaces two-character labels: 退 款). */
export const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name: new RegExp(`^${[...name].join('\\s*')}$`) });

export interface Order {
  id: number;
  orderNo: string;
}

export async function setUpDesk(e2e: E2E): Promise<void> {
  await e2e.api('POST', '/api/v1/warehouses', WAREHOUSE);
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', { name: '羊绒大衣', category: '服装', priceBand: 'profit', skus: [{ code: COAT.code, spec: COAT.spec, weightGrams: COAT.weightGrams, price: COAT.price, cost: 30_000 }] });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [{ skuCode: COAT.code, quantity: 20 }] });
  await e2e.api('POST', '/api/v1/users', CS);
  await e2e.api('POST', '/api/v1/users', SUPERVISOR);
}

let parcels = 0;
/** A coat ordered and paid, approved and waiting for a wave. */
export async function unshippedOrder(e2e: E2E): Promise<Order> {
  const n = ++parcels;
  const order = (await e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    buyer: { nick: `as_buyer_${n}`, name: '赵敏', phone: `137555500${String(n).padStart(2, '0')}` },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: `天目山路 ${n} 号` },
    items: [{ skuCode: COAT.code, quantity: 1, unitPrice: COAT.price }],
    shippingFee: 0,
    payment: { amount: COAT.price, method: 'alipay' },
  })) as Order & { status: string };
  if (order.status !== 'awaiting_fulfillment') await e2e.api('POST', `/api/v1/orders/${order.id}/approve`);
  return order;
}

/** A coat ordered, paid, waved, packed, weighed and shipped by 中通, as the floor would. */
export async function shippedOrder(e2e: E2E): Promise<Order> {
  const order = await unshippedOrder(e2e);
  const n = parcels;
  await e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'single', filter: { shopCode: SHOP.code } });
  const session = await e2e.api('POST', '/api/v1/packing/sessions', { scan: order.orderNo });
  await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/scans`, { barcode: COAT.code });
  const parcel = await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/complete`);
  await e2e.api('POST', `/api/v1/parcels/${parcel.id}/weigh`, { grams: parcel.expectedGrams });
  await e2e.api('POST', `/api/v1/parcels/${parcel.id}/ship`, { carrier: 'ZTO', trackingNo: `7740000002${String(n).padStart(2, '0')}` });
  return order;
}
