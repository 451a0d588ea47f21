import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePaidOrder, makeProduct, makeShop, makeWarehouse, orderInput, receiveStock, uniqueCode } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let worker: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  worker = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

type Sku = { id: number; code: string; barcode: string; price: number };

/** A warehouse of its own walking C-01 then A-01 (`a` in A-01, `b` in C-01, 20 of each), and an approved order of 2 × a + 1 × b. */
async function floor() {
  const warehouse = await makeWarehouse(admin, { bins: [{ code: 'C-01', walkOrder: 1 }, { code: 'A-01', walkOrder: 2 }] });
  const shop = await makeShop(admin, { defaultWarehouseCode: warehouse.code });
  const [a, b] = (await makeProduct(admin, [{ barcode: uniqueCode('69A') }, { barcode: uniqueCode('69B') }])).skus as Sku[];
  await receiveStock(admin, warehouse.code, [
    { skuCode: a!.code, quantity: 20, binCode: 'A-01' },
    { skuCode: b!.code, quantity: 20, binCode: 'C-01' },
  ]);
  const order = await makePaidOrder(cs, orderInput(shop.code, [], { items: [{ skuCode: a!.code, quantity: 2, unitPrice: a!.price }, { skuCode: b!.code, quantity: 1, unitPrice: b!.price }] }));
  const wave = async () => expectStatus(await worker.post('/api/v1/waves', { warehouseCode: warehouse.code, kind: 'multi' }), 201);
  return { warehouse, a: a!, b: b!, order, wave };
}

const pickAll = async (waveId: number, a: Sku, b: Sku) => {
  expectStatus(await worker.post(`/api/v1/waves/${waveId}/picks`, { binCode: 'C-01', barcode: b.barcode }), 200);
  return expectStatus(await worker.post(`/api/v1/waves/${waveId}/picks`, { binCode: 'A-01', barcode: a.barcode, quantity: 2 }), 200);
};
const open = (scan: string) => worker.post('/api/v1/fulfillment/shelving', { scan });
const scan = (id: number, body: Record<string, unknown>) => worker.post(`/api/v1/fulfillment/shelving/${id}/scans`, body);
const level = async (sku: Sku, warehouseCode: string) =>
  expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${sku.code}&warehouseCode=${warehouseCode}`), 200).items[0] as { onHand: number; reserved: number };
const ledger = async (sku: Sku) =>
  (await t.deps.database.query('SELECT reason, on_hand_delta AS "onHand", reserved_delta AS "reserved" FROM stock_movements WHERE sku_id = $1 ORDER BY id', [sku.id])).rows as {
    reason: string;
    onHand: number;
    reserved: number;
  }[];
const sum = (moves: { onHand: number; reserved: number }[], key: 'onHand' | 'reserved') => moves.reduce((n, m) => n + m[key], 0);

describe('return to shelf', () => {
  it('puts a cancelled order\'s packed items back bin by bin, shelves its parcel, and moves no stock beyond the cancel\'s release', async () => {
    const { warehouse, a, b, order, wave } = await floor();
    const created = await wave();
    expect((await pickAll(created.id, a, b)).status).toBe('picked');
    const parcel = expectStatus(await worker.post('/api/v1/packing/sessions', { scan: order.orderNo }), 200);
    expectStatus(await worker.post(`/api/v1/packing/sessions/${parcel.id}/scans`, { barcode: b.barcode }), 200);
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '买家不要了' }), 200);

    const shelving = expectStatus(await open(order.orderNo.toLowerCase()), 200);
    expect(shelving).toMatchObject({ orderNo: order.orderNo, waveId: created.id, waveNo: created.waveNo, reason: '订单已取消', parcelId: parcel.id, status: 'open' });
    expect(shelving.lines.map((l: { skuCode: string; binCode: string; quantity: number; shelved: number }) => [l.skuCode, l.binCode, l.quantity, l.shelved])).toEqual([
      [b.code, 'C-01', 1, 0],
      [a.code, 'A-01', 2, 0],
    ]);
    expect(expectStatus(await open(order.orderNo), 200).id).toBe(shelving.id);

    const wrongBin = await scan(shelving.id, { binCode: 'C-01', barcode: a.barcode });
    expect(wrongBin.status).toBe(409);
    expect(wrongBin.body.error).toMatchObject({ code: 'wrong_item', details: [{ path: 'barcode', message: a.barcode }] });
    const offRoute = await scan(shelving.id, { binCode: 'B-07', barcode: a.barcode });
    expect(offRoute.body.error).toMatchObject({ code: 'wrong_bin', message: `库位 B-07：订单 ${order.orderNo} 没有要放回这里的商品`, details: [{ path: 'binCode', message: 'B-07' }] });
    expectStatus(await scan(shelving.id, { binCode: 'C-01', barcode: b.barcode }), 200);
    const tooMany = await scan(shelving.id, { binCode: 'A-01', barcode: a.barcode, quantity: 3 });
    expect(tooMany.body.error).toMatchObject({ code: 'excess_item', message: `${a.code} 只需放回 2 件` });
    expect(expectStatus(await scan(shelving.id, { binCode: 'A-01', barcode: a.barcode }), 200).status).toBe('open');
    const done = expectStatus(await scan(shelving.id, { binCode: 'A-01', barcode: a.code }), 200);
    expect(done).toMatchObject({ status: 'done', doneAt: expect.any(String) });

    expect(expectStatus(await cs.get(`/api/v1/parcels/${parcel.id}`), 200).status).toBe('shelved');
    expect(expectStatus(await cs.get(`/api/v1/fulfillment/shelving/${shelving.id}`), 200).status).toBe('done');
    const again = await open(order.orderNo);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_shelved', message: `订单 ${order.orderNo} 的商品已经回库` });
    expect((await scan(shelving.id, { binCode: 'A-01', barcode: a.barcode })).body.error.code).toBe('already_shelved');
    const shelvedAt = (await t.deps.database.query('SELECT shelved_at FROM wave_orders WHERE wave_id = $1 AND order_id = $2', [created.id, order.id])).rows[0]!.shelved_at;
    expect(shelvedAt).not.toBeNull();

    // the ledger: received, reserved, released by the cancel — shelving writes nothing
    for (const sku of [a, b]) {
      const moves = await ledger(sku);
      expect(moves.map((m) => m.reason)).toEqual(['receipt', 'reservation', 'release']);
      expect(await level(sku, warehouse.code)).toEqual(expect.objectContaining({ onHand: sum(moves, 'onHand'), reserved: 0 }));
      expect(sum(moves, 'reserved')).toBe(0);
    }
    expect((await level(a, warehouse.code)).onHand).toBe(20);
    const events = expectStatus(await admin.get(`/api/v1/orders/${order.id}/events`), 200).items.map((e: { action: string }) => e.action);
    expect(events.slice(-3)).toEqual(['order.cancel', 'order.intercept', 'order.shelve']);
  });

  it('shelves a held order\'s picked items; released, it waits in 待发货 with its stock reserved and enters a new wave', async () => {
    const { warehouse, a, b, order, wave } = await floor();
    const first = await wave();
    await pickAll(first.id, a, b);
    const reservedBefore = (await level(a, warehouse.code)).reserved;
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/hold`, { reason: '买家要改地址' }), 200);

    const shelving = expectStatus(await open(order.orderNo), 200);
    expect(shelving).toMatchObject({ reason: '订单已挂起', parcelId: null });
    expectStatus(await scan(shelving.id, { binCode: 'C-01', barcode: b.barcode }), 200);
    expect(expectStatus(await scan(shelving.id, { binCode: 'A-01', barcode: a.barcode, quantity: 2 }), 200).status).toBe('done');
    expect((await level(a, warehouse.code)).reserved).toBe(reservedBefore);
    expect((await ledger(a)).map((m) => m.reason)).toEqual(['receipt', 'reservation']);

    expect(expectStatus(await cs.post(`/api/v1/orders/${order.id}/release`), 200).status).toBe('awaiting_fulfillment');
    const second = await wave();
    expect(second.orders).toEqual([expect.objectContaining({ orderId: order.id, status: 'in_fulfillment' })]);
    expect(expectStatus(await worker.get(`/api/v1/waves/${second.id}/pick-list`), 200)).toMatchObject({ units: 3, picked: 0 });
    // its items from the first wave are back: a slip of it now names no return
    expect((await open(order.orderNo)).body.error.code).toBe('already_shelved');
  });

  it('returns only what an order kept after handing its picked units to orders still waiting', async () => {
    const { warehouse, a, order, wave } = await floor();
    const shop = await makeShop(admin, { defaultWarehouseCode: warehouse.code });
    const later = await makePaidOrder(cs, orderInput(shop.code, [], { items: [{ skuCode: a.code, quantity: 2, unitPrice: a.price }] }));
    const created = await wave();
    // 2 units for the first order, 1 for the later one; cancelled, the first hands 1 over and keeps 1
    expectStatus(await worker.post(`/api/v1/waves/${created.id}/picks`, { binCode: 'A-01', barcode: a.barcode, quantity: 3 }), 200);
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '买家不要了' }), 200);
    const shelving = expectStatus(await open(order.orderNo), 200);
    expect(shelving.lines.map((l: { skuCode: string; quantity: number }) => [l.skuCode, l.quantity])).toEqual([[a.code, 1]]);
    expect(expectStatus(await worker.get(`/api/v1/waves/${created.id}/pick-list`), 200)).toMatchObject({ units: 2, picked: 2, wave: { status: 'picked' } });
    expect((await open(later.orderNo)).body.error.code).toBe('not_intercepted');
  });

  it('refuses a slip of no order, of one not intercepted, or of one with nothing out of its bins', async () => {
    const { order, wave } = await floor();
    const unknown = await open('SO00000000000000');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ path: 'scan', message: 'SO00000000000000' }]);
    expect((await open(order.orderNo)).body.error).toMatchObject({ code: 'not_intercepted', message: `订单 ${order.orderNo} 没有被拦截，商品不用回库` });
    await wave();
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '买家不要了' }), 200);
    expect((await open(order.orderNo)).body.error.code).toBe('nothing_to_shelve');
    expect((await cs.post('/api/v1/fulfillment/shelving', { scan: order.orderNo })).status).toBe(403);
    expect((await scan(999999, { barcode: 'X' })).status).toBe(404);
  });
});
