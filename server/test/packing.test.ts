import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePaidOrder, makeProduct, orderInput, receiveStock, seedCatalog } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let packer: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  packer = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

let barcodeSerial = 0;

/** A warehouse with two SKUs of known barcodes and weights, and an order of 2 × A + 1 × B taken into a wave. */
async function wavedOrder() {
  const catalog = await seedCatalog(admin, { skuCount: 1, stock: 0 });
  const serial = String(++barcodeSerial).padStart(4, '0');
  const product = await makeProduct(admin, [
    { barcode: `69${process.pid % 10000}${serial}1`, weightGrams: 300 },
    { barcode: `69${process.pid % 10000}${serial}2`, weightGrams: 150 },
  ]);
  const [a, b] = product.skus;
  const warehouseCode = catalog.warehouses[0].code;
  await receiveStock(admin, warehouseCode, [
    { skuCode: a.code, quantity: 10 },
    { skuCode: b.code, quantity: 10 },
  ]);
  const order = await makePaidOrder(cs, orderInput(catalog.shop.code, [a, b], { items: [{ skuCode: a.code, quantity: 2, unitPrice: a.price }, { skuCode: b.code, quantity: 1, unitPrice: b.price }] }));
  expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'multi' }), 201);
  return { order, a, b, warehouseCode };
}

const open = (scan: string) => packer.post('/api/v1/packing/sessions', { scan });
const scan = (id: number, barcode: string) => packer.post(`/api/v1/packing/sessions/${id}/scans`, { barcode });
const scansOf = async (parcelId: number) =>
  (await t.deps.database.query('SELECT barcode, result FROM pack_scans WHERE parcel_id = $1 ORDER BY id', [parcelId])).rows as { barcode: string; result: string }[];

describe('pack verification', () => {
  it('opens a session from the slip, takes each item once, refuses wrong and excess items, keeps every scan, and closes a full parcel', async () => {
    const { order, a, b } = await wavedOrder();
    const session = expectStatus(await open(order.orderNo.toLowerCase()), 200);
    expect(session).toMatchObject({ orderNo: order.orderNo, status: 'packing', complete: false, carrier: 'ZTO' });
    expect(session.lines.map((l: { skuCode: string; expected: number; scanned: number }) => [l.skuCode, l.expected, l.scanned])).toEqual([
      [a.code, 2, 0],
      [b.code, 1, 0],
    ]);
    // the same slip again resumes the session
    expect(expectStatus(await open(order.orderNo), 200).id).toBe(session.id);

    expectStatus(await scan(session.id, a.barcode), 200);
    const wrong = await scan(session.id, '6900000000000');
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toMatchObject({ code: 'wrong_item', details: [{ path: 'barcode', message: '6900000000000' }] });
    const early = await packer.post(`/api/v1/packing/sessions/${session.id}/complete`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('incomplete_parcel');
    expect(early.body.error.message).toBe(`还差 ${a.code} × 1、${b.code} × 1，扫完才能封箱`);
    expectStatus(await scan(session.id, a.code.toLowerCase()), 200);
    const excess = await scan(session.id, a.barcode);
    expect(excess.status).toBe(409);
    expect(excess.body.error.code).toBe('excess_item');
    const full = expectStatus(await scan(session.id, b.barcode), 200);
    expect(full.complete).toBe(true);

    const packed = expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200);
    expect(packed).toMatchObject({ id: session.id, status: 'packed', expectedGrams: 2 * 300 + 150 + 50 });
    expect(await scansOf(session.id)).toEqual([
      { barcode: a.barcode, result: 'ok' },
      { barcode: '6900000000000', result: 'wrong_item' },
      { barcode: a.code.toLowerCase(), result: 'ok' },
      { barcode: a.barcode, result: 'excess_item' },
      { barcode: b.barcode, result: 'ok' },
    ]);
    expect((await scan(session.id, a.barcode)).body.error.code).toBe('parcel_closed');
    expect((await open(order.orderNo)).body.error.code).toBe('already_packed');
    expect(expectStatus(await cs.get(`/api/v1/parcels/${session.id}`), 200).status).toBe('packed');
  });

  it('adds the packaging weight the shop set', async () => {
    const { order, a, b } = await wavedOrder();
    expectStatus(await admin.put('/api/v1/settings', { 'fulfillment.packagingGrams': 120 }), 200);
    const session = expectStatus(await open(order.orderNo), 200);
    for (const code of [a.barcode, a.barcode, b.barcode]) expectStatus(await scan(session.id, code), 200);
    expect(expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200).expectedGrams).toBe(750 + 120);
    expectStatus(await admin.put('/api/v1/settings', { 'fulfillment.packagingGrams': 50 }), 200);
  });

  it("adds the warehouse's own packaging weight over the setting", async () => {
    const { order, a, b, warehouseCode } = await wavedOrder();
    const [warehouse] = expectStatus(await admin.get(`/api/v1/warehouses?q=${warehouseCode}`), 200).items;
    expect(warehouse.packagingGrams).toBeNull();
    expect(expectStatus(await admin.patch(`/api/v1/warehouses/${warehouse.id}`, { packagingGrams: 200 }), 200).packagingGrams).toBe(200);
    const session = expectStatus(await open(order.orderNo), 200);
    for (const code of [a.barcode, a.barcode, b.barcode]) expectStatus(await scan(session.id, code), 200);
    expect(expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200).expectedGrams).toBe(750 + 200);
    const refused = await admin.patch(`/api/v1/warehouses/${warehouse.id}`, { packagingGrams: -5 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'packagingGrams', message: '包装重量不能为负数' }]);

    // cleared, the warehouse weighs its parcels' packaging by the setting again, as a new one does (the test above)
    expect(expectStatus(await admin.patch(`/api/v1/warehouses/${warehouse.id}`, { packagingGrams: null }), 200).packagingGrams).toBeNull();
  });

  it('refuses a slip of no order, or of an order not in a wave', async () => {
    const unknown = await open('SO00000000000000');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ path: 'scan', message: 'SO00000000000000' }]);
    const catalog = await seedCatalog(admin, { skuCount: 1, stock: 10 });
    const approved = await makePaidOrder(cs, orderInput(catalog.shop.code, catalog.skus));
    const notWaved = await open(approved.orderNo);
    expect(notWaved.status).toBe(409);
    expect(notWaved.body.error).toMatchObject({ code: 'not_in_fulfillment', message: `订单 ${approved.orderNo} 当前为「待发货」，不在配货中，不能打包` });
    expect((await cs.post('/api/v1/packing/sessions', { scan: approved.orderNo })).status).toBe(403);
  });
});

describe('interception', () => {
  it('stops an order cancelled in its wave: its open session and its slip answer intercepted, and its stock is released', async () => {
    const { order, a } = await wavedOrder();
    const session = expectStatus(await open(order.orderNo), 200);
    expectStatus(await scan(session.id, a.barcode), 200);
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '买家不要了' }), 200);

    const next = await scan(session.id, a.barcode);
    expect(next.status).toBe(409);
    expect(next.body.error).toMatchObject({ code: 'intercepted', message: `订单 ${order.orderNo} 已拦截（订单已取消）：不要打包发出，请把商品放回库位` });
    expect((await open(order.orderNo)).body.error.code).toBe('intercepted');
    expect(expectStatus(await cs.get(`/api/v1/parcels/${session.id}`), 200).status).toBe('intercepted');
    const level = expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${a.code}`), 200).items[0];
    expect(level).toMatchObject({ onHand: 10, reserved: 0 });
    const events = expectStatus(await admin.get(`/api/v1/orders/${order.id}/events`), 200).items.map((e: { action: string }) => e.action);
    expect(events.slice(-2)).toEqual(['order.cancel', 'order.intercept']);
  });

  it('stops an order held in its wave; released, it waits to be waved again', async () => {
    const { order } = await wavedOrder();
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/hold`, { reason: '买家要改地址' }), 200);
    expect((await open(order.orderNo)).body.error.code).toBe('intercepted');
    const released = expectStatus(await cs.post(`/api/v1/orders/${order.id}/release`), 200);
    expect(released.status).toBe('awaiting_fulfillment');
  });
});
