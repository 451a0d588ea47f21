import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { focusedId, signInAs, uniqueCode, type E2E } from './harness';

/**
 * A small warehouse floor for the scanner-station tests: a warehouse with its bins, a shop that
 * ships from it, a cup and its lid stocked in their pick bins, and a warehouse user at a station
 * page; then the shop's approved orders and its waves.
 */

export interface FloorSku {
  code: string;
  barcode: string;
  spec: string;
  weightGrams: number;
}

/** A cup and its lid, their barcodes starting with `barcodePrefix`. */
export const cupAndLid = (barcodePrefix: string): { CUP: FloorSku; LID: FloorSku } => ({
  CUP: { code: uniqueCode('CUP'), barcode: uniqueCode(`${barcodePrefix}1`), spec: '保温杯 500ml', weightGrams: 300 },
  LID: { code: uniqueCode('LID'), barcode: uniqueCode(`${barcodePrefix}2`), spec: '杯盖', weightGrams: 40 },
});

export interface Floor {
  warehouse: { code: string; name: string; bins: { code: string; walkOrder: number }[] };
  shop: { code: string; name: string };
  user: { username: string; password: string; displayName: string; roles: string[] };
  /** Each SKU with the bin it lies in. */
  stock: [FloorSku, string][];
  /** The buyers' nick prefix and the first seven digits of their phones. */
  buyer: { nick: string; phone: string };
}

export interface FloorOrder {
  id: number;
  orderNo: string;
}

/** Sets the floor up and returns the user's station page, signed in. */
export async function openFloor(e2e: E2E, floor: Floor): Promise<Page> {
  await e2e.api('POST', '/api/v1/warehouses', floor.warehouse);
  await e2e.api('POST', '/api/v1/shops', { code: floor.shop.code, name: floor.shop.name, platform: 'tmall', defaultWarehouseCode: floor.warehouse.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', { name: '不锈钢保温杯', category: '家居', priceBand: 'traffic', skus: floor.stock.map(([sku]) => ({ ...sku, price: 1000, cost: 400 })) });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: floor.warehouse.code, lines: floor.stock.map(([sku, binCode]) => ({ skuCode: sku.code, quantity: 50, binCode })) });
  await e2e.api('POST', '/api/v1/users', floor.user);
  const station = await e2e.freshPage();
  station.setDefaultTimeout(10_000);
  await signInAs(e2e, floor.user.username, floor.user.password, station);
  return station;
}

/** The floor's orders and waves (through the test's E2E, once started): each order approved, each wave taking the shop's orders not yet waved. */
export function floorOrders(e2e: () => E2E, floor: Floor) {
  let buyers = 0;
  return {
    order: async (...items: [FloorSku, number][]): Promise<FloorOrder> => {
      const n = ++buyers;
      const placed = await e2e().api('POST', '/api/v1/orders', {
        shopCode: floor.shop.code,
        buyer: { nick: `${floor.buyer.nick}_${n}`, name: '李雷', phone: `${floor.buyer.phone}${String(n).padStart(4, '0')}` },
        address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: `文一路 ${n} 号` },
        items: items.map(([sku, quantity]) => ({ skuCode: sku.code, quantity, unitPrice: 1000 })),
        shippingFee: 0,
        payment: { amount: items.reduce((sum, [, quantity]) => sum + quantity * 1000, 0), method: 'alipay' },
      });
      if (placed.status !== 'awaiting_fulfillment') await e2e().api('POST', `/api/v1/orders/${placed.id}/approve`);
      return placed as FloorOrder;
    },
    /** A wave of the shop's approved orders (each test's own: earlier ones are waved already), checked to hold `orders` in order. */
    wave: async <W extends { id: number; waveNo: string; orders: FloorOrder[] }>(kind: 'multi' | 'single', orders: FloorOrder[]): Promise<W> => {
      const created = (await e2e().api('POST', '/api/v1/waves', { warehouseCode: floor.warehouse.code, kind, filter: { shopCode: floor.shop.code } })) as W;
      expect(created.orders.map((o) => o.orderNo)).toEqual(orders.map((o) => o.orderNo));
      return created;
    },
  };
}

/** What a station test reads off its page (through the page, once open). */
export function stationChecks(page: () => Page) {
  return {
    expectFocus: (id: string) => expect.poll(() => focusedId(page())).toBe(id),
    feedback: (tone: 'success' | 'error', text: string) => page().locator(`.ant-alert-${tone}`, { hasText: text }),
    textOf: (testId: string) => page().getByTestId(testId).textContent(),
    /** Nothing on screen is a code meant for the program rather than the worker. */
    expectNoRawCodes: async (codes: string[]) => {
      const shown = await page().locator('main').innerText();
      for (const code of codes) expect(shown).not.toContain(code);
    },
  };
}
