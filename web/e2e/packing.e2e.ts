import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellUnder, focusedId, keyIn, signInAs, startE2E, uniqueCode, type E2E } from './harness';

let e2e: E2E;
/** The packer's page, worked from the keyboard alone once it is open. */
let bench: Page;
const WAREHOUSE = { code: 'WH-PACK', name: '验货测试仓' };
const SHOP = { code: 'TM-PACK', name: '验货旗舰店' };
const PACKER = { username: 'packer1', password: 'packer-pass-1', displayName: '打包员小王', roles: ['warehouse'] };
/** Two SKUs of the order and one that is in none, with their weights (packaging adds 50 g). */
const CUP = { code: uniqueCode('CUP'), barcode: uniqueCode('6901'), spec: '杯身 400ml', weightGrams: 300 };
const LID = { code: uniqueCode('LID'), barcode: uniqueCode('6902'), spec: '杯盖', weightGrams: 80 };
const STRAW = { code: uniqueCode('STRAW'), barcode: uniqueCode('6903'), spec: '吸管', weightGrams: 10 };
const PACKAGING_GRAMS = 50;
const SCAN_BOX = 'packing-scan';

type Sku = typeof CUP;
interface Order {
  id: number;
  orderNo: string;
}

let buyers = 0;
/** An approved order of these SKUs (quantity each), taken into a multi-item wave of its own. */
async function wavedOrder(lines: [Sku, number][], extra: { buyerMessage?: string; redFlag?: string } = {}): Promise<Order> {
  const n = ++buyers;
  const units = lines.reduce((sum, [, quantity]) => sum + quantity, 0);
  const order = await e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    buyer: { nick: `pack_buyer_${n}`, name: '韩梅梅', phone: `1372222${String(n).padStart(4, '0')}` },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: `文三路 ${n} 号` },
    items: lines.map(([sku, quantity]) => ({ skuCode: sku.code, quantity, unitPrice: 1000 })),
    shippingFee: 1000,
    payment: { amount: units * 1000 + 1000, method: 'alipay' },
    ...(extra.buyerMessage && { buyerMessage: extra.buyerMessage }),
  });
  // a buyer message holds the order for a person to read: the reviewer approves it
  if (order.status !== 'awaiting_fulfillment') await e2e.api('POST', `/api/v1/orders/${order.id}/approve`);
  if (extra.redFlag) await e2e.api('POST', `/api/v1/orders/${order.id}/remarks`, { content: extra.redFlag, flag: 'red' });
  const wave = await e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'multi', filter: { shopCode: SHOP.code } });
  expect(wave.orders.map((o: Order) => o.orderNo)).toEqual([order.orderNo]);
  return order as Order;
}

const isPackingPost = (suffix: string) => (r: Response) => r.request().method() === 'POST' && r.url().endsWith(suffix);

/** Scans as the scanner does and answers the parcel the server returned for it. */
async function scanFor(suffix: string, code: string) {
  const answered = bench.waitForResponse(isPackingPost(suffix));
  await keyIn(bench, code);
  return (await answered).json() as Promise<{ id: number }>;
}

/** The focus is where the next scan goes: the scan box, whatever happened last. */
async function expectFocusInScanBox() {
  await expect.poll(() => focusedId(bench)).toBe(SCAN_BOX);
}

const feedback = (tone: 'success' | 'error', text: string) => bench.locator(`.ant-alert-${tone}`, { hasText: text });
const progress = () => bench.getByTestId('packing-progress').textContent();
const lineRow = (sku: Sku) => bench.getByRole('row', { name: new RegExp(sku.code) });
const countOf = async (sku: Sku) => (await cellUnder(lineRow(sku), '已扫/应扫')).textContent();

/** Opens the screen from the address bar; from here on only keys. */
async function openBench() {
  await bench.goto(e2e.baseUrl + '/fulfillment/packing');
  await bench.getByText('请扫描发货单', { exact: true }).waitFor();
  await expectFocusInScanBox();
}

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('POST', '/api/v1/warehouses', { code: WAREHOUSE.code, name: WAREHOUSE.name });
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', {
    name: '随行保温杯',
    category: '家居',
    priceBand: 'traffic',
    skus: [CUP, LID, STRAW].map((sku) => ({ ...sku, price: 1000, cost: 400 })),
  });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [CUP, LID, STRAW].map((sku) => ({ skuCode: sku.code, quantity: 100 })) });
  await e2e.api('POST', '/api/v1/users', PACKER);
  bench = await e2e.freshPage();
  bench.setDefaultTimeout(10_000);
  await signInAs(e2e, PACKER.username, PACKER.password, bench);
});
afterAll(() => e2e?.close());

describe('pack verification (验货)', () => {
  it('verifies a parcel with the scanner alone: the slip opens it, each item counts, the last closes it with its weight, the next slip starts the next', async () => {
    const flagged = await wavedOrder(
      [
        [CUP, 2],
        [LID, 1],
      ],
      { buyerMessage: '请多放点泡沫', redFlag: '核对杯盖颜色' },
    );
    const next = await wavedOrder([
      [CUP, 1],
      [LID, 1],
    ]);
    await openBench();

    // a slip of no order: the server's words, red, and the focus stays for the next scan
    await keyIn(bench, 'SO00000000000000');
    await feedback('error', '找不到订单号或快递单号为 SO00000000000000 的订单，请扫描发货单上的条码').waitFor();
    await expectFocusInScanBox();

    await keyIn(bench, flagged.orderNo);
    await expect.poll(() => bench.getByTestId('packing-order-no').textContent()).toBe(flagged.orderNo);
    await bench.getByText('红旗：发货前核对', { exact: true }).waitFor();
    await bench.getByText('买家留言：请多放点泡沫').waitFor();
    await bench.getByText('中通快递', { exact: true }).waitFor();
    expect(await progress()).toBe('已扫 0 / 应扫 3 件');
    expect(await countOf(CUP)).toBe('0 / 2');
    expect(await (await cellUnder(lineRow(CUP), '品名')).textContent()).toBe('随行保温杯');
    expect(await (await cellUnder(lineRow(CUP), '规格')).textContent()).toBe(CUP.spec);
    await expectFocusInScanBox();
    const shown = await bench.locator('main').innerText();
    for (const code of ['ZTO', 'packing', 'in_fulfillment', 'wrong_item']) expect(shown).not.toContain(code);

    await keyIn(bench, CUP.barcode);
    await feedback('success', `${CUP.code} 随行保温杯：已扫 1/2`).waitFor();
    expect(await countOf(CUP)).toBe('1 / 2');
    expect(await progress()).toBe('已扫 1 / 应扫 3 件');
    await expectFocusInScanBox();

    // a click on the page (nothing to type in there) leaves the focus in the scan box
    await bench.getByRole('heading', { name: '验货' }).click();
    await expectFocusInScanBox();

    // the second cup by its SKU code, then the lid straight after, as fast as a scanner types
    const closed = bench.waitForResponse(isPackingPost('/complete'));
    await keyIn(bench, CUP.code.toLowerCase());
    await keyIn(bench, LID.barcode);
    const packed = (await (await closed).json()) as { id: number };
    await bench.getByText('封箱完成', { exact: true }).waitFor();
    const grams = 2 * CUP.weightGrams + LID.weightGrams + PACKAGING_GRAMS;
    expect(await bench.getByTestId('packing-expected-weight').textContent()).toBe(`预计重量 ${grams} 克`);
    await bench.getByText('下一单：扫描发货单').waitFor();
    await expectFocusInScanBox();
    const parcel = await e2e.api('GET', `/api/v1/parcels/${packed.id}`);
    expect(parcel).toMatchObject({ orderNo: flagged.orderNo, status: 'packed', complete: true, expectedGrams: grams });
    await bench.screenshot({ path: '/tmp/sf-packed.png' });

    // the next slip starts the next parcel, no warning of the last one left on it
    await keyIn(bench, next.orderNo);
    await expect.poll(() => bench.getByTestId('packing-order-no').textContent()).toBe(next.orderNo);
    expect(await bench.getByText('红旗：发货前核对').count()).toBe(0);
    await keyIn(bench, LID.barcode);
    await keyIn(bench, CUP.barcode);
    await bench.getByText(`预计重量 ${CUP.weightGrams + LID.weightGrams + PACKAGING_GRAMS} 克`).waitFor();
    await expectFocusInScanBox();
  });

  it('refuses a wrong item and an excess one in red, leaves the parcel as it was, then takes the right item', async () => {
    const order = await wavedOrder([
      [CUP, 1],
      [LID, 1],
    ]);
    await openBench();
    const { id } = await scanFor('/api/v1/packing/sessions', order.orderNo);
    await expect.poll(progress).toBe('已扫 0 / 应扫 2 件');

    await keyIn(bench, STRAW.barcode);
    await feedback('error', `条码 ${STRAW.barcode} 不是订单 ${order.orderNo} 的商品，请拿出来`).waitFor();
    expect(await progress()).toBe('已扫 0 / 应扫 2 件');
    expect(await countOf(CUP)).toBe('0 / 1');
    await expectFocusInScanBox();
    await bench.screenshot({ path: '/tmp/sf-wrong-item.png' });

    await keyIn(bench, CUP.barcode);
    await feedback('success', `${CUP.code} 随行保温杯：已扫 1/1`).waitFor();
    await keyIn(bench, CUP.barcode);
    await feedback('error', `${CUP.barcode} 已扫够 1 件，多出的请拿出来`).waitFor();
    expect(await progress()).toBe('已扫 1 / 应扫 2 件');
    await expectFocusInScanBox();
    const refusedTwice = await e2e.api('GET', `/api/v1/parcels/${id}`);
    expect(refusedTwice.lines.map((l: { skuCode: string; scanned: number }) => [l.skuCode, l.scanned])).toEqual([
      [CUP.code, 1],
      [LID.code, 0],
    ]);

    await keyIn(bench, LID.barcode);
    await bench.getByText('封箱完成', { exact: true }).waitFor();
    expect((await e2e.api('GET', `/api/v1/parcels/${id}`)).status).toBe('packed');
    await expectFocusInScanBox();

    // its slip again: the parcel is packed, the server says so in red and the bench waits for a slip
    await keyIn(bench, order.orderNo);
    await feedback('error', `订单 ${order.orderNo} 已打包（包裹 ${id}），请直接称重`).waitFor();
    await bench.getByText('请扫描发货单', { exact: true }).waitFor();
    await expectFocusInScanBox();
  });

  it("switches to another order's slip only when it is scanned twice, and the first parcel resumes with its count", async () => {
    const first = await wavedOrder([[CUP, 2]]);
    const second = await wavedOrder([[LID, 2]]);
    await openBench();
    await keyIn(bench, first.orderNo);
    await expect.poll(() => bench.getByTestId('packing-order-no').textContent()).toBe(first.orderNo);
    await keyIn(bench, CUP.barcode);
    await expect.poll(progress).toBe('已扫 1 / 应扫 2 件');

    // a slip of no order, confirmed: the server refuses it and the open parcel stays
    await keyIn(bench, 'SO00000000000000');
    await keyIn(bench, 'SO00000000000000');
    await feedback('error', '找不到订单号或快递单号为 SO00000000000000 的订单').waitFor();
    expect(await bench.getByTestId('packing-order-no').textContent()).toBe(first.orderNo);
    expect(await progress()).toBe('已扫 1 / 应扫 2 件');

    await keyIn(bench, second.orderNo);
    await feedback('error', `订单 ${first.orderNo} 还没扫完（已扫 1/2）。要改验订单 ${second.orderNo}，请再扫一次它的发货单`).waitFor();
    expect(await bench.getByTestId('packing-order-no').textContent()).toBe(first.orderNo);
    await keyIn(bench, second.orderNo);
    await expect.poll(() => bench.getByTestId('packing-order-no').textContent()).toBe(second.orderNo);
    expect(await progress()).toBe('已扫 0 / 应扫 2 件');

    await keyIn(bench, first.orderNo);
    await keyIn(bench, first.orderNo);
    await expect.poll(() => bench.getByTestId('packing-order-no').textContent()).toBe(first.orderNo);
    expect(await progress()).toBe('已扫 1 / 应扫 2 件');
    await keyIn(bench, CUP.barcode);
    await bench.getByText('封箱完成', { exact: true }).waitFor();
    await expectFocusInScanBox();
  });

  it('turns red and stops an order cancelled after its wave, mid-parcel or before its slip; the next slip starts afresh', async () => {
    const midParcel = await wavedOrder([
      [CUP, 1],
      [LID, 1],
    ]);
    const beforeSlip = await wavedOrder([[CUP, 2]]);
    const fine = await wavedOrder([[LID, 2]]);
    await openBench();
    await keyIn(bench, midParcel.orderNo);
    await expect.poll(() => bench.getByTestId('packing-order-no').textContent()).toBe(midParcel.orderNo);
    await keyIn(bench, CUP.barcode);
    await expect.poll(progress).toBe('已扫 1 / 应扫 2 件');

    await e2e.api('POST', `/api/v1/orders/${midParcel.id}/cancel`, { reason: '买家不要了' });
    await e2e.api('POST', `/api/v1/orders/${beforeSlip.id}/cancel`, { reason: '买家不要了' });
    const stopped = bench.getByTestId('packing-intercepted');
    await keyIn(bench, LID.barcode);
    await stopped.getByText('已拦截：不要打包，请把商品放回库位').waitFor();
    await stopped.getByText(`订单 ${midParcel.orderNo} 已拦截（订单已取消）：不要打包发出，请把商品放回库位`).waitFor();
    expect(await bench.getByTestId('packing-order-no').count()).toBe(0);
    await expectFocusInScanBox();
    await bench.screenshot({ path: '/tmp/sf-intercepted.png' });

    await keyIn(bench, beforeSlip.orderNo);
    await stopped.getByText(`订单 ${beforeSlip.orderNo} 已拦截（订单已取消）`, { exact: false }).waitFor();
    await expectFocusInScanBox();

    await keyIn(bench, fine.orderNo);
    await expect.poll(() => bench.getByTestId('packing-order-no').textContent()).toBe(fine.orderNo);
    expect(await stopped.count()).toBe(0);
    expect(await progress()).toBe('已扫 0 / 应扫 2 件');
  });

  it('is a warehouse screen: customer service has no 验货', async () => {
    await e2e.api('POST', '/api/v1/users', { username: 'cs-pack', password: 'cs-pack-pass-1', displayName: '客服小丽', roles: ['cs_presale'] });
    const page = await e2e.freshPage();
    await signInAs(e2e, 'cs-pack', 'cs-pack-pass-1', page);
    await page.locator('.ant-layout-sider').getByText('波次').waitFor();
    expect(await page.locator('.ant-layout-sider').getByText('验货').count()).toBe(0);
    await page.goto(e2e.baseUrl + '/fulfillment/packing');
    await page.getByText('页面不存在，或你没有权限查看').waitFor();
  });
});
