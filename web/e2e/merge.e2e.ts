import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { focusedId, keyIn, signInAs, startE2E, uniqueCode, type E2E } from './harness';

/** 合单 on the order page, then one parcel at 验货 for both orders; and 拆单 at 验货 with F6. */

let e2e: E2E;
/** Customer service's page (the order page is worked with the mouse like any form). */
let desk: Page;
/** The packer's page, worked from the keyboard alone once it is open. */
let bench: Page;
const WAREHOUSE = { code: 'WH-MERGE', name: '合单测试仓' };
const SHOP = { code: 'TM-MERGE', name: '合单旗舰店' };
const CS = { username: 'cs-merge', password: 'cs-merge-pass-1', displayName: '客服小蔡', roles: ['cs_presale'] };
const PACKER = { username: 'packer-merge', password: 'packer-merge-pass-1', displayName: '打包员小李', roles: ['warehouse'] };
const MUG = { code: uniqueCode('MUG'), barcode: uniqueCode('6911'), spec: '马克杯', weightGrams: 320 };
const PLATE = { code: uniqueCode('PLATE'), barcode: uniqueCode('6912'), spec: '餐盘', weightGrams: 450 };
const PACKAGING_GRAMS = 50;
const SCAN_BOX = 'packing-scan';

type Sku = typeof MUG;
interface Order {
  id: number;
  orderNo: string;
}

let buyers = 0;
const buyerOf = () => {
  const n = ++buyers;
  return {
    buyer: { nick: `merge_buyer_${n}`, name: '李雷', phone: `1373333${String(n).padStart(4, '0')}` },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: `教工路 ${n} 号` },
  };
};

/** An approved order of these SKUs for this buyer (the duplicate rule holds a buyer's second order: the reviewer approves it). */
async function approvedOrder(buyer: ReturnType<typeof buyerOf>, lines: [Sku, number][]): Promise<Order> {
  const units = lines.reduce((sum, [, quantity]) => sum + quantity, 0);
  const order = await e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    ...buyer,
    items: lines.map(([sku, quantity]) => ({ skuCode: sku.code, quantity, unitPrice: 1000 })),
    shippingFee: 1000,
    payment: { amount: units * 1000 + 1000, method: 'alipay' },
  });
  if (order.status !== 'awaiting_fulfillment') await e2e.api('POST', `/api/v1/orders/${order.id}/approve`);
  return order as Order;
}

const wave = () => e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'multi', filter: { shopCode: SHOP.code } });
const isPost = (suffix: string) => (r: Response) => r.request().method() === 'POST' && r.url().endsWith(suffix);
const feedback = (tone: 'success' | 'error', text: string) => bench.locator(`.ant-alert-${tone}`, { hasText: text });

async function expectFocusIn(id: string) {
  await expect.poll(() => focusedId(bench)).toBe(id);
}

async function openBench() {
  await bench.goto(e2e.baseUrl + '/fulfillment/packing');
  await bench.getByText('请扫描发货单', { exact: true }).waitFor();
  await expectFocusIn(SCAN_BOX);
}

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('POST', '/api/v1/warehouses', { code: WAREHOUSE.code, name: WAREHOUSE.name });
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', { name: '北欧餐具', category: '家居', priceBand: 'profit', skus: [MUG, PLATE].map((sku) => ({ ...sku, price: 1000, cost: 400 })) });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [MUG, PLATE].map((sku) => ({ skuCode: sku.code, quantity: 100 })) });
  await e2e.api('POST', '/api/v1/users', CS);
  await e2e.api('POST', '/api/v1/users', PACKER);
  desk = await e2e.freshPage();
  desk.setDefaultTimeout(10_000);
  await signInAs(e2e, CS.username, CS.password, desk);
  bench = await e2e.freshPage();
  bench.setDefaultTimeout(10_000);
  await signInAs(e2e, PACKER.username, PACKER.password, bench);
});
afterAll(() => e2e?.close());

describe('合单 and 拆单', () => {
  it('merges a buyer’s two orders on the order page; one packing session takes both orders’ items from either slip and closes one parcel', async () => {
    const buyer = buyerOf();
    const first = await approvedOrder(buyer, [[MUG, 1]]);
    const second = await approvedOrder(buyer, [[PLATE, 1]]);

    await desk.goto(`${e2e.baseUrl}/orders/${first.id}`);
    // antd spaces a two-character button's label (合 单)
    await desk.getByRole('button', { name: /^合\s?单$/ }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByText(second.orderNo).waitFor();
    await dialog.getByRole('checkbox', { name: second.orderNo }).check();
    await dialog.getByRole('button', { name: '合为一个包裹（2 单）' }).click();
    await desk.getByText(`已合单：${first.orderNo}、${second.orderNo} 将作为一个包裹发货`).waitFor();
    await expect.poll(() => desk.getByTestId('order-merged').textContent()).toContain(second.orderNo);
    await desk.getByRole('button', { name: '取消合单' }).waitFor();

    const waved = await wave();
    expect(waved.orders.map((o: Order) => o.orderNo)).toEqual([first.orderNo, second.orderNo]);

    await openBench();
    // the second order's slip opens the group's one parcel, named by its first order, with both orders' lines
    await keyIn(bench, second.orderNo);
    await expect.poll(() => bench.getByTestId('packing-order-no').textContent()).toBe(first.orderNo);
    expect(await bench.getByTestId('packing-merged').textContent()).toBe(`合单 2 单：${first.orderNo}、${second.orderNo}`);
    await bench.getByText('已扫 0 / 应扫 2 件').waitFor();
    await expectFocusIn(SCAN_BOX);

    const closed = bench.waitForResponse(isPost('/complete'));
    await keyIn(bench, PLATE.barcode);
    await keyIn(bench, MUG.barcode);
    const parcel = (await (await closed).json()) as { id: number };
    await bench.getByText('封箱完成', { exact: true }).waitFor();
    expect(await bench.getByTestId('packing-expected-weight').textContent()).toBe(`预计重量 ${MUG.weightGrams + PLATE.weightGrams + PACKAGING_GRAMS} 克`);
    await expectFocusIn(SCAN_BOX);
    expect(await e2e.api('GET', `/api/v1/parcels/${parcel.id}`)).toMatchObject({ status: 'packed', orderNos: [first.orderNo, second.orderNo] });

    // packing begun: the group stays together
    await desk.reload();
    await desk.getByRole('button', { name: '取消合单' }).click();
    await desk.getByRole('tooltip').getByRole('button', { name: '取消合单' }).click();
    await desk.getByText('所在合单的包裹已开始验货').waitFor();
  });

  it('splits at 验货 with F6 and a reason: the box closes with what was scanned, the slip again opens the rest', async () => {
    const order = await approvedOrder(buyerOf(), [
      [MUG, 1],
      [PLATE, 1],
    ]);
    await wave();
    await openBench();
    const opened = bench.waitForResponse(isPost('/api/v1/packing/sessions'));
    await keyIn(bench, order.orderNo);
    const { id } = (await (await opened).json()) as { id: number };
    await bench.getByText('已扫 0 / 应扫 2 件').waitFor();

    // nothing scanned yet: F6 says what to do first
    await bench.keyboard.press('F6');
    await feedback('error', '还没有扫描商品，不能拆单').waitFor();
    await expectFocusIn(SCAN_BOX);

    await keyIn(bench, MUG.barcode);
    await bench.getByText('已扫 1 / 应扫 2 件').waitFor();
    await bench.keyboard.press('F6');
    await bench.getByText(`先封箱 1 件；留待下一个包裹：${PLATE.code} × 1`).waitFor();
    await expectFocusIn('split-reason');
    // Enter with no reason is refused in the dialog
    await bench.keyboard.press('Enter');
    await bench.getByText('请填写拆单原因').waitFor();
    await keyIn(bench, '餐盘缺货，后发');
    await feedback('success', `订单 ${order.orderNo} 拆单封箱`).waitFor();
    await bench.getByText('封箱完成', { exact: true }).waitFor();
    expect(await bench.getByTestId('packing-expected-weight').textContent()).toBe(`预计重量 ${MUG.weightGrams + PACKAGING_GRAMS} 克`);
    await expectFocusIn(SCAN_BOX);
    const split = await e2e.api('GET', `/api/v1/parcels/${id}`);
    expect(split).toMatchObject({ status: 'packed', lines: [{ skuCode: MUG.code, expected: 1, scanned: 1 }] });

    // the same slip opens the next box with what is left, the first one waiting at the scale
    await keyIn(bench, order.orderNo);
    await bench.getByText('已扫 0 / 应扫 1 件').waitFor();
    await keyIn(bench, PLATE.barcode);
    await bench.getByText(`预计重量 ${PLATE.weightGrams + PACKAGING_GRAMS} 克`).waitFor();
    await expectFocusIn(SCAN_BOX);
    const events = await e2e.api('GET', `/api/v1/orders/${order.id}/events`);
    expect(events.items.map((e: { action: string }) => e.action)).toContain('order.split');
  });
});
