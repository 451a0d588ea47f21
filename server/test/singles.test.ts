import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePaidOrder, makeProduct, makeShop, makeWarehouse, orderInput, receiveStock } from './factories';

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

let serial = 0;

/** A warehouse and a YTO shop selling A (300 g) and B (120 g), 10 of each on hand, and a way to order one unit. */
async function floor() {
  const n = ++serial;
  const warehouse = await makeWarehouse(admin);
  const shop = await makeShop(admin, { defaultWarehouseCode: warehouse.code, defaultCarrier: 'YTO' });
  const product = await makeProduct(admin, [
    { code: `ONE${n}A`, barcode: `69${process.pid % 10000}${n}71`, weightGrams: 300 },
    { code: `ONE${n}B`, barcode: `69${process.pid % 10000}${n}72`, weightGrams: 120 },
  ]);
  const [a, b] = product.skus as { id: number; code: string; barcode: string; price: number }[];
  await receiveStock(admin, warehouse.code, [
    { skuCode: a!.code, quantity: 10 },
    { skuCode: b!.code, quantity: 10 },
  ]);
  const order = (sku: { code: string; price: number }) => makePaidOrder(cs, orderInput(shop.code, [sku]));
  return { warehouse, a: a!, b: b!, order };
}

const scanSingle = (waveId: number, barcode: string) => packer.post(`/api/v1/waves/${waveId}/singles`, { barcode });
const levelOf = async (skuCode: string, warehouseCode: string) =>
  expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${skuCode}&warehouseCode=${warehouseCode}`), 200).items[0] as { onHand: number; reserved: number };
const waveScans = async (waveId: number) =>
  (await t.deps.database.query('SELECT parcel_id AS "parcelId", barcode, result FROM pack_scans WHERE wave_id = $1 ORDER BY id', [waveId])).rows as {
    parcelId: number | null;
    barcode: string;
    result: string;
  }[];

describe('single-item station (一单一件)', () => {
  it('makes each scan the packed parcel of the next order waiting for the item, passes over an intercepted one, refuses and keeps a wrong item', async () => {
    const { warehouse, a, b, order } = await floor();
    const first = await order(a);
    const cancelled = await order(a);
    const third = await order(a);
    const ofB = await order(b);
    const wave = expectStatus(await packer.post('/api/v1/waves', { warehouseCode: warehouse.code, kind: 'single' }), 201);
    expect(wave.orders.map((o: { orderNo: string }) => o.orderNo)).toEqual([first.orderNo, cancelled.orderNo, third.orderNo, ofB.orderNo]);
    expectStatus(await cs.post(`/api/v1/orders/${cancelled.id}/cancel`, { reason: '买家不要了' }), 200);

    // the station finds the wave by the number the pick list prints
    const found = expectStatus(await packer.get(`/api/v1/waves/lookup?scan=${wave.waveNo.toLowerCase()}`), 200);
    expect(found.id).toBe(wave.id);
    expect(expectStatus(await packer.get(`/api/v1/waves/${wave.id}/singles`), 200)).toEqual({
      waveId: wave.id,
      waveNo: wave.waveNo,
      status: 'picking',
      orders: 4,
      labelled: 0,
      waiting: 3,
      intercepted: 1,
    });

    const parcel = expectStatus(await scanSingle(wave.id, a.barcode), 200);
    expect(parcel).toMatchObject({ orderNo: first.orderNo, waveId: wave.id, status: 'packed', carrier: 'YTO', complete: true, expectedGrams: 300 + 50, trackingNo: null });
    expect(parcel.lines.map((l: { skuCode: string; expected: number; scanned: number }) => [l.skuCode, l.expected, l.scanned])).toEqual([[a.code, 1, 1]]);
    // packed is not shipped: the unit stays on hand, still reserved
    expect(await levelOf(a.code, warehouse.code)).toMatchObject({ onHand: 10, reserved: 2 });
    const packEvents = expectStatus(await admin.get(`/api/v1/orders/${first.id}/events`), 200);
    expect(packEvents.items.map((e: { action: string }) => e.action)).not.toContain('order.ship');
    const audited = (await t.deps.database.query("SELECT actor_id AS \"actorId\", after FROM audit_events WHERE entity_type = 'parcel' AND entity_id = $1 AND action = 'parcel.pack'", [String(parcel.id)])).rows;
    expect(audited).toEqual([{ actorId: packer.userId, after: expect.objectContaining({ status: 'packed', expectedGrams: 350, orderNo: first.orderNo, station: 'single' }) }]);

    // the same SKU again: the next order still waiting, the cancelled one passed over
    const second = expectStatus(await scanSingle(wave.id, a.code.toLowerCase()), 200);
    expect(second.orderNo).toBe(third.orderNo);
    const leftOver = await scanSingle(wave.id, a.barcode);
    expect(leftOver.status).toBe(409);
    expect(leftOver.body.error).toMatchObject({
      code: 'intercepted',
      message: `${a.barcode} 的订单 ${cancelled.orderNo} 已拦截，不出单：请把商品放回库位`,
      details: [{ path: 'barcode', message: a.barcode }],
    });
    expect(expectStatus(await scanSingle(wave.id, b.barcode), 200).orderNo).toBe(ofB.orderNo);
    for (const wrong of ['6900000000000', b.barcode]) {
      const refused = await scanSingle(wave.id, wrong);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'wrong_item', message: `波次 ${wave.waveNo} 没有订单还在等 ${wrong}，请把商品拿出来`, details: [{ path: 'barcode', message: wrong }] });
    }
    expect(await waveScans(wave.id)).toEqual([
      { parcelId: parcel.id, barcode: a.barcode, result: 'ok' },
      { parcelId: second.id, barcode: a.code.toLowerCase(), result: 'ok' },
      { parcelId: null, barcode: a.barcode, result: 'intercepted' },
      { parcelId: expect.any(Number), barcode: b.barcode, result: 'ok' },
      { parcelId: null, barcode: '6900000000000', result: 'wrong_item' },
      { parcelId: null, barcode: b.barcode, result: 'wrong_item' },
    ]);
    // the cancelled order never got a parcel
    expect((await t.deps.database.query('SELECT count(*)::int AS n FROM parcels WHERE order_id = $1', [cancelled.id])).rows[0]).toEqual({ n: 0 });
    expect(expectStatus(await packer.get(`/api/v1/waves/${wave.id}/singles`), 200)).toMatchObject({ orders: 4, labelled: 3, waiting: 0, intercepted: 1 });

    // its label prints with a number from the pool; weighed and shipped, the unit leaves the ledger
    const pool = ['YT1000000000001', 'YT1000000000002'];
    expectStatus(await packer.post('/api/v1/waybills', { carrier: 'YTO', trackingNos: pool }), 201);
    const label = await t.app.inject({ method: 'GET', url: `/api/v1/parcels/${parcel.id}/label.pdf`, headers: { authorization: `Bearer ${packer.token}` } });
    expect(label.statusCode).toBe(200);
    expect(label.headers['content-type']).toBe('application/pdf');
    const labelled = expectStatus(await packer.get(`/api/v1/parcels/${parcel.id}`), 200);
    expect(pool).toContain(labelled.trackingNo);
    expectStatus(await packer.post(`/api/v1/parcels/${parcel.id}/weigh`, { grams: 355 }), 200);
    expectStatus(await packer.post(`/api/v1/parcels/${parcel.id}/ship`, { carrier: 'YTO', trackingNo: labelled.trackingNo }), 200);
    expect(await levelOf(a.code, warehouse.code)).toMatchObject({ onHand: 9, reserved: 1 });
    expect(expectStatus(await cs.get(`/api/v1/orders/${first.id}`), 200).status).toBe('shipped');
  });

  it('gives two stations scanning the same SKU at once two different orders, and never labels an order cancelled at that moment', async () => {
    const { warehouse, a, order } = await floor();
    const [x, y, z] = [await order(a), await order(a), await order(a)];
    const wave = expectStatus(await packer.post('/api/v1/waves', { warehouseCode: warehouse.code, kind: 'single' }), 201);
    const [p, q] = await Promise.all([scanSingle(wave.id, a.barcode), scanSingle(wave.id, a.barcode)]);
    expect([expectStatus(p, 200).orderNo, expectStatus(q, 200).orderNo].sort()).toEqual([x.orderNo, y.orderNo].sort());

    const [scanned, cancelled] = await Promise.all([scanSingle(wave.id, a.barcode), cs.post(`/api/v1/orders/${z.id}/cancel`, { reason: '买家不要了' })]);
    expectStatus(cancelled, 200);
    // the scan came first (its parcel is stopped with the order) or after (refused): no label leaves for it
    if (scanned.status === 200) expect(expectStatus(await packer.get(`/api/v1/parcels/${scanned.body.id}`), 200).status).toBe('intercepted');
    else expect(scanned.body.error.code).toBe('intercepted');
    const label = await t.app.inject({ method: 'GET', url: `/api/v1/parcels/${scanned.body.id ?? 0}/label.pdf`, headers: { authorization: `Bearer ${packer.token}` } });
    expect(label.statusCode).not.toBe(200);
  });

  it('refuses a multi-item wave, an unknown wave or number, and a user who may not pack', async () => {
    const { warehouse, a, b } = await floor();
    await makePaidOrder(cs, orderInput((await makeShop(admin, { defaultWarehouseCode: warehouse.code })).code, [a, b]));
    const multi = expectStatus(await packer.post('/api/v1/waves', { warehouseCode: warehouse.code, kind: 'multi' }), 201);
    const refused = await scanSingle(multi.id, a.barcode);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'not_single_wave', message: `波次 ${multi.waveNo} 不是一单一件波次，请到验货台逐单验货` });
    expect((await packer.get(`/api/v1/waves/${multi.id}/singles`)).body.error.code).toBe('not_single_wave');
    expect(await waveScans(multi.id)).toEqual([]);
    expect((await scanSingle(2147483000, a.barcode)).status).toBe(404);
    const unknown = await packer.get('/api/v1/waves/lookup?scan=BC000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details).toEqual([{ path: 'scan', message: 'BC000000000000' }]);
    expect((await cs.post(`/api/v1/waves/${multi.id}/singles`, { barcode: a.barcode })).status).toBe(403);
  });
});
