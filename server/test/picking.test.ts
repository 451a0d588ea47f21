import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePaidOrder, makeProduct, makeShop, makeWarehouse, orderInput, receiveStock, uniqueCode } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let picker: Client;
let supervisor: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  picker = await t.signIn(['warehouse']);
  supervisor = await t.signIn(['supervisor']);
});
afterAll(() => t.close());

type Sku = { id: number; code: string; barcode: string; price: number };

/**
 * A warehouse of its own whose route walks C-01 then A-01: SKU `a` lies in A-01, `b` in C-01, `loose`
 * has no pick bin; 50 units of each.
 */
async function floor() {
  const warehouse = await makeWarehouse(admin, { bins: [{ code: 'C-01', walkOrder: 1 }, { code: 'A-01', walkOrder: 2 }, { code: 'Z-99', walkOrder: 3 }] });
  const shop = await makeShop(admin, { defaultWarehouseCode: warehouse.code });
  const [a, b, loose] = (await makeProduct(admin, [{ barcode: uniqueCode('69A') }, { barcode: uniqueCode('69B') }, { barcode: uniqueCode('69L') }])).skus as Sku[];
  await receiveStock(admin, warehouse.code, [
    { skuCode: a!.code, quantity: 50, binCode: 'A-01' },
    { skuCode: b!.code, quantity: 50, binCode: 'C-01' },
    { skuCode: loose!.code, quantity: 50 },
  ]);
  /** An approved order of these SKU quantities. */
  const order = (...lines: [Sku, number][]) => makePaidOrder(cs, orderInput(shop.code, [], { items: lines.map(([sku, quantity]) => ({ skuCode: sku.code, quantity, unitPrice: sku.price })) }));
  const wave = async (kind = 'multi') => expectStatus(await picker.post('/api/v1/waves', { warehouseCode: warehouse.code, kind }), 201);
  return { warehouse, a: a!, b: b!, loose: loose!, order, wave };
}

const pick = (waveId: number, body: Record<string, unknown>) => picker.post(`/api/v1/waves/${waveId}/picks`, body);
const pickList = async (waveId: number) => expectStatus(await picker.get(`/api/v1/waves/${waveId}/pick-list`), 200);
const picked = (list: { lines: { skuCode: string; quantity: number; picked: number }[] }) => list.lines.map((l) => [l.skuCode, l.quantity, l.picked]);
const level = async (sku: Sku, warehouseCode: string) =>
  expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${sku.code}&warehouseCode=${warehouseCode}`), 200).items[0] as { onHand: number; reserved: number };
const ledger = async (sku: Sku) =>
  (await t.deps.database.query('SELECT reason, on_hand_delta AS "onHand" FROM stock_movements WHERE sku_id = $1 ORDER BY id', [sku.id])).rows as { reason: string; onHand: number }[];
const waveEvents = async (id: number) =>
  (await t.deps.database.query("SELECT action FROM audit_events WHERE entity_type = 'wave' AND entity_id = $1 ORDER BY id", [String(id)])).rows.map((r) => r.action as string);
const orderOf = async (id: number) => expectStatus(await cs.get(`/api/v1/orders/${id}`), 200);

describe('pick confirmation', () => {
  it('walks the route bin first, then items: refuses wrong items, excess and bins off the route, keeps every scan, and marks the wave picked', async () => {
    const { warehouse, a, b, loose, order, wave } = await floor();
    const first = await order([a, 2], [b, 1]);
    const second = await order([a, 1], [loose, 1]);
    const created = await wave();
    const before = [await level(a, warehouse.code), await ledger(a)];
    expect(picked(await pickList(created.id))).toEqual([
      [b.code, 1, 0],
      [a.code, 3, 0],
      [loose.code, 1, 0],
    ]);

    const atC = expectStatus(await pick(created.id, { binCode: 'C-01' }), 200);
    expect(atC).toMatchObject({ status: 'picking', units: 5, picked: 0, stop: { binCode: 'C-01', lines: [{ skuCode: b.code, quantity: 1, picked: 0 }] }, next: { binCode: 'C-01' } });
    const wrong = await pick(created.id, { binCode: 'C-01', barcode: a.barcode });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toMatchObject({ code: 'wrong_item', message: `${a.barcode} 不是库位 C-01要拣的商品（这里拣 ${b.code}），请放回`, details: [{ path: 'barcode', message: a.barcode }] });
    const offRoute = await pick(created.id, { binCode: 'Z-99', barcode: a.barcode });
    expect(offRoute.status).toBe(409);
    expect(offRoute.body.error).toMatchObject({ code: 'bin_not_on_route', message: `库位 Z-99 不在波次 ${created.waveNo} 的拣货路线上`, details: [{ path: 'binCode', message: 'Z-99' }] });

    const afterB = expectStatus(await pick(created.id, { binCode: 'C-01', barcode: b.barcode }), 200);
    expect(afterB).toMatchObject({ picked: 1, next: { binCode: 'A-01', lines: [{ skuCode: a.code, quantity: 3, picked: 0 }] } });
    expectStatus(await pick(created.id, { binCode: 'a-01', barcode: a.barcode, quantity: 2 }), 200);
    const carton = await pick(created.id, { binCode: 'A-01', barcode: a.barcode, quantity: 2 });
    expect(carton.status).toBe(409);
    expect(carton.body.error).toMatchObject({ code: 'excess_item', message: `${a.code} 只需再拣 1 件，多出的请放回库位 A-01`, details: [{ path: 'quantity', message: '2' }] });
    expectStatus(await pick(created.id, { binCode: 'A-01', barcode: a.code.toLowerCase() }), 200);
    const extra = await pick(created.id, { binCode: 'A-01', barcode: a.barcode });
    expect(extra.body.error).toMatchObject({ code: 'excess_item', message: `${a.code} 已拣够 3 件，多出的请放回库位 A-01` });
    // a SKU with no pick bin is taken with no bin scanned
    expect((await pick(created.id, { barcode: loose.barcode, binCode: 'A-01' })).body.error.code).toBe('wrong_item');
    const done = expectStatus(await pick(created.id, { barcode: loose.barcode }), 200);
    expect(done).toMatchObject({ status: 'picked', units: 5, picked: 5, next: null, stop: { binCode: null } });

    const list = await pickList(created.id);
    expect(list).toMatchObject({ units: 5, picked: 5, wave: { status: 'picked' } });
    expect(picked(list)).toEqual([
      [b.code, 1, 1],
      [a.code, 3, 3],
      [loose.code, 1, 1],
    ]);
    const scans = (await t.deps.database.query('SELECT bin_code AS "binCode", barcode, quantity, result, actor_id AS "actorId" FROM pick_scans WHERE wave_id = $1 ORDER BY id', [created.id])).rows;
    expect(scans.map((s) => [s.binCode, s.barcode, s.quantity, s.result])).toEqual([
      ['C-01', null, 1, 'ok'],
      ['C-01', a.barcode, 1, 'wrong_item'],
      ['Z-99', a.barcode, 1, 'bin_not_on_route'],
      ['C-01', b.barcode, 1, 'ok'],
      ['a-01', a.barcode, 2, 'ok'],
      ['A-01', a.barcode, 2, 'excess_item'],
      ['A-01', a.code.toLowerCase(), 1, 'ok'],
      ['A-01', a.barcode, 1, 'excess_item'],
      ['A-01', loose.barcode, 1, 'wrong_item'],
      [null, loose.barcode, 1, 'ok'],
    ]);
    expect(new Set(scans.map((s) => s.actorId))).toEqual(new Set([picker.userId]));
    expect(await waveEvents(created.id)).toEqual(['wave.create', 'wave.finish_picking']);
    // picking moves no stock: the units stay reserved for the orders until their parcels ship
    expect([await level(a, warehouse.code), await ledger(a)]).toEqual(before);
    expect([(await orderOf(first.id)).status, (await orderOf(second.id)).status]).toEqual(['in_fulfillment', 'in_fulfillment']);
  });

  it('is for the warehouse; a wave that does not exist is 404', async () => {
    const { a, order, wave } = await floor();
    await order([a, 2]);
    const created = await wave();
    expect((await cs.post(`/api/v1/waves/${created.id}/picks`, { binCode: 'A-01' })).status).toBe(403);
    expect((await pick(999999, { binCode: 'A-01' })).status).toBe(404);
    const empty = await pick(created.id, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('binCode');
  });

  it('hands the units picked for an order that leaves the wave to orders still waiting, and answers intercepted for what only it needed', async () => {
    const { a, b, order, wave } = await floor();
    const first = await order([a, 2]);
    const second = await order([a, 2]);
    const third = await order([b, 1], [a, 1]);
    const created = await wave();
    expectStatus(await pick(created.id, { binCode: 'A-01', barcode: a.barcode, quantity: 3 }), 200);
    // the first two units went to slot 1, the third to slot 2; slot 1 cancelled, its two pass to slots 2 and 3
    expectStatus(await cs.post(`/api/v1/orders/${first.id}/cancel`, { reason: '买家不要了' }), 200);
    expect(picked(await pickList(created.id))).toEqual([
      [b.code, 1, 0],
      [a.code, 3, 3],
    ]);
    expectStatus(await cs.post(`/api/v1/orders/${third.id}/hold`, { reason: '买家要改地址' }), 200);
    const gone = await pick(created.id, { binCode: 'C-01', barcode: b.barcode });
    expect(gone.status).toBe(409);
    expect(gone.body.error).toMatchObject({ code: 'intercepted', message: `${b.code} 的订单已拦截，不用再拣：请放回库位 C-01` });
    // only the second order is left, with all it needs: the wave is picked
    const list = await pickList(created.id);
    expect(list).toMatchObject({ units: 2, picked: 2, wave: { status: 'picked' } });
    const picks = (await t.deps.database.query('SELECT order_id::int AS "orderId", picked FROM wave_picks WHERE wave_id = $1 ORDER BY order_id', [created.id])).rows;
    expect(picks).toEqual([
      { orderId: first.id, picked: 0 },
      { orderId: second.id, picked: 2 },
      { orderId: third.id, picked: 1 },
    ]);
  });
});

describe('short picks', () => {
  it('records a discrepancy, sends the last orders back to review with the reason, and leaves the rest of the wave pickable', async () => {
    const { warehouse, a, b, order, wave } = await floor();
    const first = await order([a, 2]);
    const second = await order([a, 1], [b, 1]);
    const third = await order([a, 2]);
    const created = await wave();
    expectStatus(await pick(created.id, { binCode: 'C-01', barcode: b.barcode }), 200);
    expectStatus(await pick(created.id, { binCode: 'A-01', barcode: a.barcode }), 200);
    const movements = (await ledger(a)).length;

    const notShort = await picker.post(`/api/v1/waves/${created.id}/short-picks`, { binCode: 'A-01', skuCode: a.code, found: 4 });
    expect(notShort.status).toBe(422);
    expect(notShort.body.error).toMatchObject({ code: 'not_short', details: [{ path: 'found', message: '4' }] });
    expect((await picker.post(`/api/v1/waves/${created.id}/short-picks`, { binCode: 'C-01', skuCode: a.code, found: 0 })).body.error.code).toBe('wrong_item');

    // 4 still to pick at A-01, 1 there: 3 short — the third order (2) and the second (1) leave, the first stays
    const short = expectStatus(await picker.post(`/api/v1/waves/${created.id}/short-picks`, { binCode: 'A-01', skuCode: a.barcode, found: 1 }), 200);
    expect(short.discrepancy).toMatchObject({ expected: 4, found: 1 });
    expect(short.sentBack.map((o: { orderId: number }) => o.orderId)).toEqual([second.id, third.id]);
    expect(short.progress).toMatchObject({ status: 'picking', units: 2, picked: 1, next: { binCode: 'A-01' } });

    const reason = `缺货（配货短拣）：${a.code} 纯棉T恤 白色 M，库位 A-01应有 4 件，只找到 1 件（波次 ${created.waveNo}）`;
    for (const sent of [second, third]) {
      const held = await orderOf(sent.id);
      expect(held).toMatchObject({ status: 'on_hold', heldFromStatus: 'awaiting_fulfillment', holdReasons: [{ rule: 'short_pick', message: reason }] });
      expect(held.reviewDueAt).not.toBeNull();
      expect(held.actions).toEqual(['release', 'cancel']);
    }
    const queue = expectStatus(await cs.get('/api/v1/orders?status=awaiting_review,on_hold&pageSize=200'), 200);
    expect(queue.items.map((o: { id: number }) => o.id)).toEqual(expect.arrayContaining([second.id, third.id]));
    const stays = await orderOf(first.id);
    expect(stays.status).toBe('in_fulfillment');
    expect(stays.actions).not.toContain('short_pick');
    const events = expectStatus(await admin.get(`/api/v1/orders/${second.id}/events`), 200).items.map((e: { action: string }) => e.action);
    expect(events.slice(-2)).toEqual(['order.short_pick', 'order.intercept']);
    const packing = await picker.post('/api/v1/packing/sessions', { scan: second.orderNo });
    expect(packing.body.error).toMatchObject({ code: 'intercepted', message: `订单 ${second.orderNo} 已拦截（配货短拣）：不要打包发出，请把商品放回库位` });

    // the stock team sees it; nothing moved on the ledger yet
    const listed = expectStatus(await picker.get(`/api/v1/inventory/discrepancies?warehouseCode=${warehouse.code}&status=open`), 200);
    expect(listed.items).toEqual([
      expect.objectContaining({ id: short.discrepancy.id, skuCode: a.code, binCode: 'A-01', expected: 4, found: 1, missing: 3, onHand: 50, status: 'open', refType: 'wave', refId: created.waveNo, reportedByName: expect.any(String) }),
    ]);
    expect((await ledger(a)).length).toBe(movements);

    // the rest of the wave is picked as usual
    expect(picked(await pickList(created.id))).toEqual([[a.code, 2, 1]]);
    expect((await pick(created.id, { binCode: 'C-01', barcode: b.barcode })).body.error.code).toBe('intercepted');
    expect(expectStatus(await pick(created.id, { binCode: 'A-01', barcode: a.barcode }), 200).status).toBe('picked');
    expect((await picker.post(`/api/v1/waves/${created.id}/short-picks`, { binCode: 'A-01', skuCode: a.code, found: 0 })).body.error.code).toBe('wave_picked');

    // released by a reviewer, a short-picked order waits to be waved again
    expect(expectStatus(await cs.post(`/api/v1/orders/${second.id}/release`), 200).status).toBe('awaiting_fulfillment');
  });

  it('is counted by the stock team: on hand becomes the count through a stocktake movement, never below what orders reserve', async () => {
    const { warehouse, a, order, wave } = await floor();
    await order([a, 3]);
    const held = await order([a, 2]);
    const created = await wave();
    const short = expectStatus(await picker.post(`/api/v1/waves/${created.id}/short-picks`, { binCode: 'A-01', skuCode: a.code, found: 3 }), 200);
    expect(short.sentBack.map((o: { orderId: number }) => o.orderId)).toEqual([held.id]);
    const id = short.discrepancy.id;
    expect((await picker.post(`/api/v1/inventory/discrepancies/${id}/count`, { countedQuantity: 48 })).status).toBe(403);
    const below = await supervisor.post(`/api/v1/inventory/discrepancies/${id}/count`, { countedQuantity: 4 });
    expect(below.status).toBe(409);
    expect(below.body.error).toMatchObject({ code: 'below_reserved', details: [{ path: 'countedQuantity', message: '4' }] });

    const counted = expectStatus(await supervisor.post(`/api/v1/inventory/discrepancies/${id}/count`, { countedQuantity: 48, note: '货架后面找到 0 件' }), 200);
    expect(counted).toMatchObject({ status: 'counted', countedQuantity: 48, onHandBefore: 50, onHand: 48, countedByName: expect.any(String) });
    expect(await level(a, warehouse.code)).toMatchObject({ onHand: 48, reserved: 5 });
    const moves = await ledger(a);
    expect(moves.at(-1)).toEqual({ reason: 'stocktake', onHand: -2 });
    expect(moves.reduce((n, m) => n + m.onHand, 0)).toBe(48);
    expect((await supervisor.post(`/api/v1/inventory/discrepancies/${id}/count`, { countedQuantity: 48 })).body.error.code).toBe('already_counted');
    expect((await supervisor.post('/api/v1/inventory/discrepancies/999999/count', { countedQuantity: 1 })).status).toBe(404);
    expect(expectStatus(await picker.get(`/api/v1/inventory/discrepancies?warehouseCode=${warehouse.code}&status=open`), 200).total).toBe(0);
  });
});
