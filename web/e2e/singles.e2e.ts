import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { focusedId, keyIn, signInAs, startE2E, uniqueCode, type E2E } from './harness';

let e2e: E2E;
/** The station's page, worked from the keyboard alone once it is open. */
let station: Page;
const WAREHOUSE = { code: 'WH-ONE', name: '一单一件测试仓' };
const SHOP = { code: 'TM-ONE', name: '一单一件旗舰店' };
const PACKER = { username: 'single1', password: 'single-pass-1', displayName: '出单员小周', roles: ['warehouse'] };
const MUG = { code: uniqueCode('MUG'), barcode: uniqueCode('6905'), spec: '马克杯 350ml', weightGrams: 400 };
const SCAN_BOX = 'singles-scan';
/** ZTO waybill numbers (12 digits) loaded into the pool. */
const WAYBILLS = ['773000000101', '773000000102', '773000000103'];

interface Order {
  id: number;
  orderNo: string;
}

let buyers = 0;
/** An approved order of one mug. */
async function oneMugOrder(): Promise<Order> {
  const n = ++buyers;
  const order = await e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    buyer: { nick: `one_buyer_${n}`, name: '李雷', phone: `1373333${String(n).padStart(4, '0')}` },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: `学院路 ${n} 号` },
    items: [{ skuCode: MUG.code, quantity: 1, unitPrice: 2500 }],
    shippingFee: 1000,
    payment: { amount: 3500, method: 'alipay' },
  });
  expect(order.status).toBe('awaiting_fulfillment');
  return order as Order;
}

const expectFocusInScanBox = () => expect.poll(() => focusedId(station)).toBe(SCAN_BOX);
const feedback = (tone: 'success' | 'error', text: string) => station.locator(`.ant-alert-${tone}`, { hasText: text });
const isSingleScan = (r: Response) => r.request().method() === 'POST' && /\/api\/v1\/waves\/\d+\/singles$/.test(r.url());
const isLabel = (r: Response) => r.request().method() === 'GET' && /\/api\/v1\/parcels\/\d+\/label\.pdf$/.test(r.url());

/** Scans an item; answers the parcel the server made and the label PDF the screen fetched for it. */
async function scanItem(code: string) {
  const made = station.waitForResponse(isSingleScan);
  const label = station.waitForResponse(isLabel);
  await keyIn(station, code);
  const parcel = (await (await made).json()) as { id: number; orderNo: string };
  return { parcel, label: await label };
}

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('POST', '/api/v1/warehouses', { code: WAREHOUSE.code, name: WAREHOUSE.name });
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', { name: '陶瓷马克杯', category: '家居', priceBand: 'traffic', skus: [{ ...MUG, price: 2500, cost: 900 }] });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [{ skuCode: MUG.code, quantity: 20 }] });
  await e2e.api('POST', '/api/v1/users', PACKER);
  station = await e2e.freshPage();
  station.setDefaultTimeout(10_000);
  await signInAs(e2e, PACKER.username, PACKER.password, station);
});
afterAll(() => e2e?.close());

describe('一单一件 station', () => {
  it('chooses the wave by its number, then each item scanned makes the next order\'s parcel and fetches its label, with the keyboard alone', async () => {
    await e2e.api('POST', '/api/v1/waybills', { carrier: 'ZTO', trackingNos: WAYBILLS });
    const first = await oneMugOrder();
    const second = await oneMugOrder();
    const wave = await e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'single', filter: { shopCode: SHOP.code } });
    expect(wave.orders.map((o: Order) => o.orderNo)).toEqual([first.orderNo, second.orderNo]);

    await station.goto(e2e.baseUrl + '/fulfillment/singles');
    await station.getByText('请扫描波次号', { exact: true }).waitFor();
    await expectFocusInScanBox();

    await keyIn(station, wave.waveNo);
    await feedback('success', `波次 ${wave.waveNo}：还有 2 单待出，请扫描商品`).waitFor();
    await expect.poll(() => station.getByTestId('singles-counter').textContent()).toBe('已出单 0 / 2 单');
    await expectFocusInScanBox();

    const one = await scanItem(MUG.barcode);
    expect(one.parcel.orderNo).toBe(first.orderNo);
    expect(one.label.status()).toBe(200);
    expect(one.label.headers()['content-type']).toBe('application/pdf');
    await feedback('success', `已出单：订单 ${first.orderNo}`).waitFor();
    await expect.poll(() => station.getByTestId('singles-order-no').textContent()).toBe(first.orderNo);
    await expect.poll(() => station.getByTestId('singles-counter').textContent()).toBe('已出单 1 / 2 单');
    await expectFocusInScanBox();

    const two = await scanItem(MUG.code);
    expect(two.parcel.orderNo).toBe(second.orderNo);
    expect(two.label.headers()['content-type']).toBe('application/pdf');
    await feedback('success', `已出单：订单 ${second.orderNo}`).waitFor();
    await expect.poll(() => station.getByTestId('singles-counter').textContent()).toBe('已出单 2 / 2 单');
    await expectFocusInScanBox();

    // nothing left in the wave needs a mug: red, and the focus stays for the next scan
    await keyIn(station, MUG.barcode);
    await feedback('error', `波次 ${wave.waveNo} 没有订单还在等 ${MUG.barcode}`).waitFor();
    await expectFocusInScanBox();

    const parcels = await Promise.all([one.parcel.id, two.parcel.id].map((id) => e2e.api('GET', `/api/v1/parcels/${id}`)));
    expect(parcels.map((p: { orderNo: string; status: string }) => [p.orderNo, p.status])).toEqual([
      [first.orderNo, 'packed'],
      [second.orderNo, 'packed'],
    ]);
    // the label's first print took each parcel a number from the pool
    for (const p of parcels) expect(WAYBILLS).toContain(p.trackingNo);
    expect(await e2e.api('GET', `/api/v1/waves/${wave.id}/singles`)).toMatchObject({ orders: 2, labelled: 2, waiting: 0 });
  });

  it('shows a wave\'s status and pick progress in words and opens its pick list and packing slips', async () => {
    await oneMugOrder();
    const wave = await e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'single', filter: { shopCode: SHOP.code } });
    await station.goto(`${e2e.baseUrl}/fulfillment/waves/${wave.id}`);
    await station.getByText('拣货中', { exact: true }).waitFor();
    await station.getByTestId('pick-progress').getByText('已拣 0 / 1 件').waitFor();
    for (const [button, pdf] of [
      ['打印配货单', 'pick-list.pdf'],
      ['打印发货单', 'packing-slips.pdf'],
    ] as const) {
      const printed = station.waitForResponse((r) => r.url().endsWith(`/api/v1/waves/${wave.id}/${pdf}`));
      const tab = station.context().waitForEvent('page');
      await station.getByRole('button', { name: button }).click();
      expect((await printed).headers()['content-type']).toBe('application/pdf');
      await (await tab).close();
    }
  });
});
