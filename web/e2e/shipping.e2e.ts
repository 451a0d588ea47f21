import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { focusedId, keyIn, signInAs, startE2E, uniqueCode, type E2E } from './harness';

let e2e: E2E;
/** The warehouse worker's page, and a supervisor's: worked from the keyboard alone once open. */
let station: Page;
let boss: Page;
const WAREHOUSE = { code: 'WH-SHIP', name: '发货测试仓' };
const SHOP = { code: 'TM-SHIP', name: '发货旗舰店' };
const WORKER = { username: 'shipper1', password: 'shipper-pass-1', displayName: '发货员小李', roles: ['warehouse'] };
const SUPERVISOR = { username: 'boss1', password: 'boss-pass-1', displayName: '仓库主管老张', roles: ['supervisor'] };
/** Two SKUs with their weights; packaging adds 50 g, so a bowl and two spoons weigh 550 g. */
const BOWL = { code: uniqueCode('BOWL'), barcode: uniqueCode('6911'), spec: '汤碗 6寸', weightGrams: 400 };
const SPOON = { code: uniqueCode('SPOON'), barcode: uniqueCode('6912'), spec: '汤勺', weightGrams: 50 };
const EXPECTED_GRAMS = BOWL.weightGrams + 2 * SPOON.weightGrams + 50;

interface Order {
  id: number;
  orderNo: string;
}
interface Parcel {
  id: number;
  status: string;
  carrier: string;
  trackingNo: string | null;
  weighedGrams: number | null;
  weightVerdict: string | null;
  lines: { scanned: number }[];
}

let buyers = 0;
/** An approved order of a bowl and two spoons, taken into a multi-item wave of its own. */
async function wavedOrder(redFlag?: string): Promise<Order> {
  const n = ++buyers;
  const order = await e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    buyer: { nick: `ship_buyer_${n}`, name: '李雷', phone: `1373333${String(n).padStart(4, '0')}` },
    address: { province: '江苏省', city: '南京市', district: '玄武区', detail: `中山路 ${n} 号` },
    items: [
      { skuCode: BOWL.code, quantity: 1, unitPrice: 2000 },
      { skuCode: SPOON.code, quantity: 2, unitPrice: 500 },
    ],
    shippingFee: 0,
    payment: { amount: 3000, method: 'alipay' },
  });
  if (order.status !== 'awaiting_fulfillment') await e2e.api('POST', `/api/v1/orders/${order.id}/approve`);
  if (redFlag) await e2e.api('POST', `/api/v1/orders/${order.id}/remarks`, { content: redFlag, flag: 'red' });
  const wave = await e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'multi', filter: { shopCode: SHOP.code } });
  expect(wave.orders.map((o: Order) => o.orderNo)).toEqual([order.orderNo]);
  return order as Order;
}

/** Verified and closed at 验货 through the API (the first test does it on the screen). */
async function packedOrder(): Promise<Order & { parcelId: number }> {
  const order = await wavedOrder();
  const session = await e2e.api('POST', '/api/v1/packing/sessions', { scan: order.orderNo });
  for (const barcode of [BOWL.barcode, SPOON.barcode, SPOON.barcode]) await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/scans`, { barcode });
  await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/complete`);
  return { ...order, parcelId: session.id };
}

async function weighedOrder(): Promise<Order & { parcelId: number }> {
  const packed = await packedOrder();
  await e2e.api('POST', `/api/v1/parcels/${packed.parcelId}/weigh`, { grams: EXPECTED_GRAMS });
  return packed;
}

const parcelOf = (id: number): Promise<Parcel> => e2e.api('GET', `/api/v1/parcels/${id}`);

let waybills = 0;
/** A ZTO waybill number no other test has used: 12 digits (13 with `digits`), starting 7. */
const ztoNo = (digits = 12) => `7${String(Date.now()).slice(-8)}${String(++waybills).padStart(digits - 9, '0')}`;

/** The focus is where the next key goes, whatever happened last. */
async function expectFocus(page: Page, id: string) {
  await expect.poll(() => focusedId(page)).toBe(id);
}

const feedback = (page: Page, tone: 'success' | 'error', text: string) => page.locator(`.ant-alert-${tone}`, { hasText: text });
const textOf = (page: Page, testId: string) => page.getByTestId(testId).textContent();

/** Opens a screen from the address bar; from here on only keys. */
async function open(page: Page, path: string, waiting: string, scanBox: string) {
  await page.goto(e2e.baseUrl + path);
  await page.getByText(waiting, { exact: true }).waitFor();
  await expectFocus(page, scanBox);
}
const openScale = (page: Page) => open(page, '/fulfillment/weighing', '请扫描包裹', 'weighing-scan');
const openDoor = (page: Page) => open(page, '/fulfillment/shipping', '请扫描面单', 'shipping-scan');

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('POST', '/api/v1/warehouses', { code: WAREHOUSE.code, name: WAREHOUSE.name });
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', {
    name: '青花餐具',
    category: '家居',
    priceBand: 'traffic',
    skus: [BOWL, SPOON].map((sku) => ({ ...sku, price: 1000, cost: 400 })),
  });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [BOWL, SPOON].map((sku) => ({ skuCode: sku.code, quantity: 200 })) });
  await e2e.api('POST', '/api/v1/users', WORKER);
  await e2e.api('POST', '/api/v1/users', SUPERVISOR);
  station = await e2e.freshPage();
  station.setDefaultTimeout(10_000);
  await signInAs(e2e, WORKER.username, WORKER.password, station);
  boss = await e2e.freshPage();
  boss.setDefaultTimeout(10_000);
  await signInAs(e2e, SUPERVISOR.username, SUPERVISOR.password, boss);
});
afterAll(() => e2e?.close());

describe('weighing (称重) and shipping (发货)', () => {
  it('takes a parcel from 验货 through the scale to the door with the keyboard alone', async () => {
    const order = await wavedOrder('易碎，多包一层');
    await open(station, '/fulfillment/packing', '请扫描发货单', 'packing-scan');
    await keyIn(station, order.orderNo);
    await expect.poll(() => textOf(station, 'packing-order-no')).toBe(order.orderNo);
    for (const barcode of [BOWL.barcode, SPOON.barcode, SPOON.barcode]) await keyIn(station, barcode);
    await station.getByText('封箱完成', { exact: true }).waitFor();

    // the scale: the slip finds the parcel (no label printed yet) and the focus goes to the weight
    await openScale(station);
    await keyIn(station, order.orderNo);
    await expect.poll(() => textOf(station, 'weighing-order-no')).toBe(order.orderNo);
    expect(await textOf(station, 'weighing-expected')).toBe(`${EXPECTED_GRAMS} 克`);
    await station.getByText('红旗：发货前核对', { exact: true }).waitFor();
    await station.getByRole('row', { name: new RegExp(SPOON.code) }).getByText(SPOON.spec).waitFor();
    await feedback(station, 'success', `订单 ${order.orderNo}：请放上电子秤称重，应重 ${EXPECTED_GRAMS} 克`).waitFor();
    await expectFocus(station, 'weighing-weight');

    // a reading with decimals and no unit is refused, not guessed; the field keeps it selected for the next reading
    await keyIn(station, '0.55');
    await feedback(station, 'error', '“0.55”有小数但没有单位').waitFor();
    await expectFocus(station, 'weighing-weight');
    await keyIn(station, '0.56kg');
    await station.getByText('称重通过', { exact: true }).waitFor();
    expect(await textOf(station, 'weighing-grams')).toBe('560 克');
    await expectFocus(station, 'weighing-scan');
    expect(await parcelOf((await e2e.api('GET', `/api/v1/parcels/lookup?scan=${order.orderNo}`)).id)).toMatchObject({ status: 'weighed', weighedGrams: 560, weightVerdict: 'ok' });
    const shown = await station.locator('main').innerText();
    for (const code of ['ZTO', 'weighed', 'packed', 'weight_mismatch']) expect(shown).not.toContain(code);

    // the door: the slip, then the waybill; a number in no shape of the carrier's is refused in the server's words
    await openDoor(station);
    await keyIn(station, order.orderNo);
    await expect.poll(() => textOf(station, 'shipping-order-no')).toBe(order.orderNo);
    await feedback(station, 'success', `订单 ${order.orderNo}：请扫描中通快递面单上的单号`).waitFor();
    await station.getByText('未打面单', { exact: true }).waitFor();
    await expectFocus(station, 'shipping-scan');
    await keyIn(station, '12345');
    await feedback(station, 'error', '单号 12345 不对：中通快递单号应为12–14 位数字').waitFor();
    await expectFocus(station, 'shipping-scan');
    const trackingNo = ztoNo();
    await keyIn(station, trackingNo);
    await station.getByText('已发货', { exact: true }).waitFor();
    expect(await textOf(station, 'shipping-waybill')).toBe(`中通快递 ${trackingNo}`);
    expect(await textOf(station, 'shipping-count')).toBe('本次已发 1 件');
    await station.getByRole('row', { name: new RegExp(trackingNo) }).getByText(order.orderNo).waitFor();
    await expectFocus(station, 'shipping-scan');
    const parcel = await e2e.api('GET', `/api/v1/parcels/lookup?scan=${trackingNo}`);
    expect(parcel).toMatchObject({ status: 'shipped', carrier: 'ZTO', trackingNo });
    expect((await e2e.api('GET', `/api/v1/orders/${order.id}`)).status).toBe('shipped');
    await station.screenshot({ path: '/tmp/sf-shipped.png' });

    // the same parcel again: it has left, the door says so in red
    await keyIn(station, trackingNo);
    await feedback(station, 'error', `订单 ${order.orderNo} 的包裹已发货`).waitFor();
    await expectFocus(station, 'shipping-scan');
  });

  it('refuses a weight off the expected one with both weights and the difference, and only a supervisor lets it go', async () => {
    const order = await packedOrder();
    await openScale(station);
    // the scale types its reading straight after the scan, before the parcel is on the screen
    await keyIn(station, order.orderNo);
    await keyIn(station, '300');
    const mismatch = station.getByTestId('weighing-mismatch');
    await mismatch.getByText('称重不符', { exact: true }).waitFor();
    expect(await textOf(station, 'mismatch-expected')).toBe(`${EXPECTED_GRAMS} 克`);
    expect(await textOf(station, 'mismatch-actual')).toBe('300 克');
    expect(await textOf(station, 'mismatch-difference')).toBe(`轻了 ${EXPECTED_GRAMS - 300} 克`);
    await feedback(station, 'error', `重量不符：应为 ${EXPECTED_GRAMS} 克，实际 300 克，轻了 ${EXPECTED_GRAMS - 300} 克`).waitFor();
    await expectFocus(station, 'weighing-weight');
    await station.screenshot({ path: '/tmp/sf-weight-mismatch.png' });

    // a worker has no 主管放行: F4 does nothing, the screen says to ask a supervisor
    expect(await mismatch.getByText('主管放行').count()).toBe(0);
    await mismatch.getByText('确认无误需放行的，请主管扫描这个包裹放行').waitFor();
    await station.keyboard.press('F4');
    expect(await station.getByRole('dialog').count()).toBe(0);
    await expectFocus(station, 'weighing-weight');

    // weighed again, still off: refused again with the new reading, kept by the server
    await keyIn(station, '320');
    await expect.poll(() => textOf(station, 'mismatch-actual')).toBe('320 克');
    await expectFocus(station, 'weighing-weight');
    expect(await parcelOf(order.parcelId)).toMatchObject({ status: 'packed', weighedGrams: 320, weightVerdict: 'mismatch' });
    // Esc puts the parcel down: the scan box takes the next parcel
    await station.keyboard.press('Escape');
    await feedback(station, 'success', `已放下订单 ${order.orderNo} 的包裹`).waitFor();
    await expectFocus(station, 'weighing-scan');

    // the supervisor scans it: the last weighing's mismatch shows, F4 asks for the reason, Enter lets it go
    await openScale(boss);
    await keyIn(boss, order.orderNo);
    await boss.getByTestId('weighing-mismatch').getByText('上次称重不符，还未通过').waitFor();
    expect(await textOf(boss, 'mismatch-actual')).toBe('320 克');
    await expectFocus(boss, 'weighing-weight');
    await boss.keyboard.press('F4');
    await boss.getByRole('dialog').getByText(`主管放行：订单 ${order.orderNo}`).waitFor();
    await expectFocus(boss, 'override-reason');
    await boss.keyboard.press('Enter');
    await boss.getByRole('dialog').getByText('请填写放行原因').waitFor();
    await boss.keyboard.type('赠品未计入重量');
    await boss.screenshot({ path: '/tmp/sf-weight-override.png' });
    await boss.keyboard.press('Enter');
    await boss.getByText('主管已放行', { exact: true }).waitFor();
    expect(await boss.getByRole('dialog').count()).toBe(0);
    await expectFocus(boss, 'weighing-scan');
    expect(await parcelOf(order.parcelId)).toMatchObject({ status: 'weighed', weighedGrams: 320, weightVerdict: 'override' });

    // let go, it ships at the door
    await openDoor(station);
    await keyIn(station, order.orderNo);
    await expect.poll(() => textOf(station, 'shipping-order-no')).toBe(order.orderNo);
    await keyIn(station, ztoNo());
    await station.getByText('已发货', { exact: true }).waitFor();
  });

  it('weighs and ships a labelled parcel with one scan of its label at each station', async () => {
    const order = await packedOrder();
    const waybill = ztoNo();
    await e2e.api('POST', '/api/v1/waybills', { carrier: 'ZTO', trackingNos: [waybill] });
    const label = await e2e.download(`/api/v1/parcels/${order.parcelId}/label.pdf`);
    expect([label.status, label.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect((await parcelOf(order.parcelId)).trackingNo).toBe(waybill);

    await openScale(station);
    await keyIn(station, waybill);
    await expect.poll(() => textOf(station, 'weighing-order-no')).toBe(order.orderNo);
    await expectFocus(station, 'weighing-weight');
    await keyIn(station, String(EXPECTED_GRAMS));
    await station.getByText('称重通过', { exact: true }).waitFor();

    // the label's number is the parcel and its waybill: the door ships it at once, by the label's carrier
    await openDoor(station);
    await keyIn(station, waybill);
    await station.getByText('已发货', { exact: true }).waitFor();
    expect(await textOf(station, 'shipping-waybill')).toBe(`中通快递 ${waybill}`);
    expect(await parcelOf(order.parcelId)).toMatchObject({ status: 'shipped', carrier: 'ZTO', trackingNo: waybill });
    await expectFocus(station, 'shipping-scan');
  });

  it('sends a parcel whose weight is off back to 验货 with F2', async () => {
    const order = await packedOrder();
    await openScale(station);
    await keyIn(station, order.orderNo);
    await expectFocus(station, 'weighing-weight');
    await keyIn(station, '900');
    await expect.poll(() => textOf(station, 'mismatch-difference')).toBe(`重了 ${900 - EXPECTED_GRAMS} 克`);
    await expectFocus(station, 'weighing-weight');
    await station.keyboard.press('F2');
    await station.getByText('已退回验货', { exact: true }).waitFor();
    await station.getByText(`订单 ${order.orderNo} 已退回验货：请把包裹拿回验货台，拆箱后逐件重新扫描`).waitFor();
    await expectFocus(station, 'weighing-scan');
    const parcel = await parcelOf(order.parcelId);
    expect(parcel).toMatchObject({ status: 'packing', weighedGrams: null, weightVerdict: null });
    expect(parcel.lines.map((l) => l.scanned)).toEqual([0, 0]);

    // scanned again before it is packed again: the scale will not take it
    await keyIn(station, order.orderNo);
    await feedback(station, 'error', `订单 ${order.orderNo} 的包裹还在验货中：扫完商品封箱后再称重`).waitFor();
    await expectFocus(station, 'weighing-scan');
  });

  it('turns the scale red for an order cancelled after packing, scanned or already on the scale', async () => {
    const scanned = await packedOrder();
    const onScale = await packedOrder();
    await e2e.api('POST', `/api/v1/orders/${scanned.id}/cancel`, { reason: '买家不要了' });
    await openScale(station);
    const stopped = station.getByTestId('weighing-intercepted');
    await keyIn(station, scanned.orderNo);
    await stopped.getByText('已拦截：不要发出，请拆箱把商品放回库位').waitFor();
    await stopped.getByText(`订单 ${scanned.orderNo} 已拦截（订单已取消）：不要打包发出，请把商品放回库位`).waitFor();
    await expectFocus(station, 'weighing-scan');
    await station.screenshot({ path: '/tmp/sf-weighing-intercepted.png' });

    await keyIn(station, onScale.orderNo);
    await expect.poll(() => textOf(station, 'weighing-order-no')).toBe(onScale.orderNo);
    expect(await stopped.count()).toBe(0);
    await expectFocus(station, 'weighing-weight');
    await e2e.api('POST', `/api/v1/orders/${onScale.id}/cancel`, { reason: '买家不要了' });
    await keyIn(station, String(EXPECTED_GRAMS));
    await stopped.getByText(`订单 ${onScale.orderNo} 已拦截（订单已取消）`, { exact: false }).waitFor();
    // the parcel is gone from the scale: the next key is the next scan
    await expectFocus(station, 'weighing-scan');
    expect(await station.locator('#weighing-scan').inputValue()).toBe('');
    expect((await parcelOf(onScale.parcelId)).status).toBe('intercepted');
  });

  it('refuses at the door a parcel not weighed and a waybill already used, and ships by another carrier chosen with the keyboard', async () => {
    const unweighed = await packedOrder();
    const rerouted = await weighedOrder();
    const used = (await parcelOf((await packedShipped()).parcelId)).trackingNo!;
    await openDoor(station);
    await keyIn(station, unweighed.orderNo);
    await feedback(station, 'error', `订单 ${unweighed.orderNo} 的包裹还没有称重：请先称重再发货`).waitFor();
    expect(await station.getByTestId('shipping-order-no').count()).toBe(0);
    await expectFocus(station, 'shipping-scan');

    await keyIn(station, rerouted.orderNo);
    await expect.poll(() => textOf(station, 'shipping-order-no')).toBe(rerouted.orderNo);
    // a number another parcel left with: the server names that order
    await keyIn(station, used);
    await feedback(station, 'error', `中通快递单号 ${used} 已用于订单`).waitFor();
    await expectFocus(station, 'shipping-scan');

    // Tab to the carrier, 顺丰 chosen by typing and Enter, and the focus is back for the new label
    await station.keyboard.press('Tab');
    await expectFocus(station, 'shipping-carrier');
    await station.keyboard.type('顺丰');
    await station.keyboard.press('Enter');
    await feedback(station, 'success', '已改为顺丰速运：请扫描顺丰速运新面单的单号').waitFor();
    await expectFocus(station, 'shipping-scan');
    await station.screenshot({ path: '/tmp/sf-door-carrier.png' });
    const zto13 = ztoNo(13);
    await keyIn(station, zto13);
    await feedback(station, 'error', `单号 ${zto13} 不对：顺丰速运单号应为`).waitFor();
    await expectFocus(station, 'shipping-scan');
    const sf = `SF${String(Date.now()).slice(-12)}`;
    await keyIn(station, sf);
    await station.getByText('已发货', { exact: true }).waitFor();
    expect(await textOf(station, 'shipping-waybill')).toBe(`顺丰速运 ${sf}`);
    expect(await parcelOf(rerouted.parcelId)).toMatchObject({ status: 'shipped', carrier: 'SF', trackingNo: sf });
    await expectFocus(station, 'shipping-scan');
  });

  it('is a warehouse screen: customer service has no 称重 and no 扫描发货', async () => {
    await e2e.api('POST', '/api/v1/users', { username: 'cs-ship', password: 'cs-ship-pass-1', displayName: '客服小美', roles: ['cs_presale'] });
    const page = await e2e.freshPage();
    await signInAs(e2e, 'cs-ship', 'cs-ship-pass-1', page);
    const menu = page.locator('.ant-layout-sider');
    await menu.getByText('波次').waitFor();
    for (const entry of ['称重', '扫描发货']) expect(await menu.getByText(entry, { exact: true }).count()).toBe(0);
    for (const path of ['/fulfillment/weighing', '/fulfillment/shipping']) {
      await page.goto(e2e.baseUrl + path);
      await page.getByText('页面不存在，或你没有权限查看').waitFor();
    }
  });
});

/** A parcel weighed and shipped through the API, for a waybill number already used. */
async function packedShipped(): Promise<Order & { parcelId: number }> {
  const weighed = await weighedOrder();
  await e2e.api('POST', `/api/v1/parcels/${weighed.parcelId}/ship`, { carrier: 'ZTO', trackingNo: ztoNo() });
  return weighed;
}
