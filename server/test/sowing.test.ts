import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePaidOrder, makeProduct, makeShop, makeWarehouse, orderInput, receiveStock, uniqueCode } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let sower: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  sower = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

type Sku = { id: number; code: string; barcode: string; price: number };

/** A warehouse of its own: SKU `a` lies in bin A-01, `b` has no pick bin; 50 units of each. */
async function floor() {
  const warehouse = await makeWarehouse(admin, { bins: [{ code: 'A-01', walkOrder: 1 }] });
  const shop = await makeShop(admin, { defaultWarehouseCode: warehouse.code });
  const [a, b] = (await makeProduct(admin, [{ barcode: uniqueCode('69S') }, { barcode: uniqueCode('69T') }])).skus as Sku[];
  await receiveStock(admin, warehouse.code, [
    { skuCode: a!.code, quantity: 50, binCode: 'A-01' },
    { skuCode: b!.code, quantity: 50 },
  ]);
  /** An approved order of these SKU quantities. */
  const order = (...lines: [Sku, number][]) => makePaidOrder(cs, orderInput(shop.code, [], { items: lines.map(([sku, quantity]) => ({ skuCode: sku.code, quantity, unitPrice: sku.price })) }));
  const wave = async (kind = 'multi') => expectStatus(await sower.post('/api/v1/waves', { warehouseCode: warehouse.code, kind }), 201);
  return { warehouse, a: a!, b: b!, order, wave };
}

const sow = (waveId: number, barcode: string) => sower.post(`/api/v1/waves/${waveId}/sowing`, { barcode });
const wall = async (waveId: number) => expectStatus(await sower.get(`/api/v1/waves/${waveId}/sowing`), 200);
const refusal = async (waveId: number, barcode: string) => {
  const res = await sow(waveId, barcode);
  expect(res.status).toBe(409);
  return res.body.error as { code: string; message: string; details: { path: string; message: string }[] };
};
const scans = async (waveId: number) =>
  (await t.deps.database.query('SELECT barcode, result, slot, actor_id AS "actorId" FROM sow_scans WHERE wave_id = $1 ORDER BY id', [waveId])).rows as {
    barcode: string;
    result: string;
    slot: number | null;
    actorId: number;
  }[];
const sownLines = async (waveId: number) =>
  (await t.deps.database.query('SELECT order_id::int AS "orderId", needed, sown FROM sow_lines WHERE wave_id = $1 ORDER BY order_id, order_item_id', [waveId])).rows;

describe('sowing wall (播种墙)', () => {
  it('puts each unit into the first slot still needing it, reports a full slot, refuses wrong, excess and intercepted items and keeps every scan', async () => {
    const { a, b, order, wave } = await floor();
    const x = await order([a, 2], [b, 1]);
    const y = await order([a, 2]);
    const z = await order([b, 1], [a, 1]);
    const created = await wave();
    expect(created.orders.map((o: { orderNo: string; slot: number }) => [o.orderNo, o.slot])).toEqual([
      [x.orderNo, 1],
      [y.orderNo, 2],
      [z.orderNo, 3],
    ]);

    const first = expectStatus(await sow(created.id, a.barcode), 200);
    expect(first).toMatchObject({ waveNo: created.waveNo, slot: 1, orderNo: x.orderNo, line: { skuCode: a.code, needed: 2, sown: 1 }, slotFull: false, progress: { units: 7, sown: 1, slots: 3, full: 0 } });
    expect(expectStatus(await sow(created.id, a.code.toLowerCase()), 200)).toMatchObject({ slot: 1, line: { sown: 2 }, slotFull: false });
    const filled = expectStatus(await sow(created.id, b.barcode), 200);
    expect(filled).toMatchObject({ slot: 1, line: { skuCode: b.code, needed: 1, sown: 1 }, slotFull: true, progress: { units: 7, sown: 3, slots: 3, full: 1 } });
    expect(expectStatus(await sow(created.id, a.barcode), 200)).toMatchObject({ slot: 2, orderNo: y.orderNo, line: { sown: 1, needed: 2 }, slotFull: false });
    expect(expectStatus(await sow(created.id, a.barcode), 200)).toMatchObject({ slot: 2, orderNo: y.orderNo, slotFull: true, progress: { sown: 5, full: 2 } });
    expect(expectStatus(await sow(created.id, b.barcode), 200)).toMatchObject({ slot: 3, orderNo: z.orderNo, slotFull: false });

    // slot 3's order is cancelled with one unit sown: what it still needs is refused as intercepted
    expectStatus(await cs.post(`/api/v1/orders/${z.id}/cancel`, { reason: '买家不要了' }), 200);
    expect(await refusal(created.id, a.barcode)).toEqual({
      code: 'intercepted',
      message: `${a.code} 只有已拦截的订单 ${z.orderNo}（3 号格）还要：请放到一边，等回库`,
      details: [{ path: 'barcode', message: a.barcode }],
    });
    expect(await refusal(created.id, b.barcode)).toMatchObject({ code: 'excess_item', message: `${b.code} 各格都已放够，这件是多出来的：请拿出来放回库位` });
    expect(await refusal(created.id, '6900000000000')).toMatchObject({ code: 'wrong_item', message: `波次 ${created.waveNo} 的订单里没有 6900000000000，请把商品拿出来` });

    const shown = await wall(created.id);
    expect(shown.progress).toEqual({ units: 5, sown: 5, slots: 2, full: 2 });
    expect(shown.slots.map((s: { slot: number; orderNo: string; full: boolean; intercepted: boolean; shelved: boolean }) => [s.slot, s.orderNo, s.full, s.intercepted, s.shelved])).toEqual([
      [1, x.orderNo, true, false, false],
      [2, y.orderNo, true, false, false],
      [3, z.orderNo, false, true, false],
    ]);
    expect(shown.slots[2].lines.map((l: { skuCode: string; sown: number; needed: number }) => [l.skuCode, l.sown, l.needed])).toEqual([
      [b.code, 1, 1],
      [a.code, 0, 1],
    ]);
    expect(await scans(created.id)).toEqual([
      ...([[a.barcode, 1], [a.code.toLowerCase(), 1], [b.barcode, 1], [a.barcode, 2], [a.barcode, 2], [b.barcode, 3]] as const).map(([barcode, slot]) => ({ barcode, result: 'ok', slot, actorId: sower.userId })),
      { barcode: a.barcode, result: 'intercepted', slot: 3, actorId: sower.userId },
      { barcode: b.barcode, result: 'excess_item', slot: null, actorId: sower.userId },
      { barcode: '6900000000000', result: 'wrong_item', slot: null, actorId: sower.userId },
    ]);
    // a full slot is audited on its order, once
    const sowEvents = (await t.deps.database.query("SELECT entity_id AS \"orderId\", after FROM audit_events WHERE action = 'order.sow' AND entity_id IN ($1, $2, $3) ORDER BY id", [String(x.id), String(y.id), String(z.id)])).rows;
    expect(sowEvents).toEqual([
      { orderId: String(x.id), after: { waveId: created.id, waveNo: created.waveNo, slot: 1, units: 3 } },
      { orderId: String(y.id), after: { waveId: created.id, waveNo: created.waveNo, slot: 2, units: 2 } },
    ]);

    // the unit sown into the intercepted slot goes back to the shelf from there (回库)
    const shelving = expectStatus(await sower.post('/api/v1/fulfillment/shelving', { scan: z.orderNo }), 200);
    expect(shelving.lines.map((l: { skuCode: string; quantity: number }) => [l.skuCode, l.quantity])).toEqual([[b.code, 1]]);
    expect(expectStatus(await sower.post(`/api/v1/fulfillment/shelving/${shelving.id}/scans`, { barcode: b.barcode, quantity: 1 }), 200).status).toBe('done');
    expect((await wall(created.id)).slots[2]).toMatchObject({ intercepted: true, shelved: true });
    expect(await refusal(created.id, a.barcode)).toMatchObject({ code: 'excess_item' });
  });

  it('sows only units picked once the wave\'s picks are being confirmed, and an intercepted order keeps the units sown into its slot', async () => {
    const { a, order, wave } = await floor();
    const p = await order([a, 2]);
    const q = await order([a, 2]);
    const created = await wave();
    // 3 units picked before any sowing (2 allotted to slot 1, 1 to slot 2): sowing takes picked units only from now on
    expectStatus(await sower.post(`/api/v1/waves/${created.id}/picks`, { binCode: 'A-01', barcode: a.barcode, quantity: 3 }), 200);
    expect(expectStatus(await sow(created.id, a.barcode), 200)).toMatchObject({ slot: 1, orderNo: p.orderNo, slotFull: false });
    expect(expectStatus(await sow(created.id, a.barcode), 200)).toMatchObject({ slot: 1, orderNo: p.orderNo, slotFull: true });

    // slot 1 is cancelled full: its sown units stay in its slot (none handed over), so slot 2 has only the one picked for it
    expectStatus(await cs.post(`/api/v1/orders/${p.id}/cancel`, { reason: '买家不要了' }), 200);
    expect(expectStatus(await sow(created.id, a.barcode), 200)).toMatchObject({ slot: 2, orderNo: q.orderNo, line: { sown: 1, needed: 2 }, slotFull: false });
    expect(await refusal(created.id, a.barcode)).toEqual({
      code: 'not_picked',
      message: `${a.code} 拣货确认了 1 件，已播 1 件：这件还没有拣货确认，请先到配货扫描`,
      details: [{ path: 'barcode', message: a.barcode }],
    });
    expectStatus(await sower.post(`/api/v1/waves/${created.id}/picks`, { binCode: 'A-01', barcode: a.barcode }), 200);
    expect(expectStatus(await sow(created.id, a.barcode), 200)).toMatchObject({ slot: 2, slotFull: true, progress: { units: 2, sown: 2, slots: 1, full: 1 } });
    expect((await scans(created.id)).map((s) => s.result)).toEqual(['ok', 'ok', 'ok', 'not_picked', 'ok']);

    const shelving = expectStatus(await sower.post('/api/v1/fulfillment/shelving', { scan: p.orderNo }), 200);
    expect(shelving.lines.map((l: { skuCode: string; quantity: number }) => [l.skuCode, l.quantity])).toEqual([[a.code, 2]]);
  });

  it('takes no more units into a slot whose parcel was opened at 验货: the next slot needing it gets them, else already_packing sends it to the packing table', async () => {
    const { a, b, order, wave } = await floor();
    const x = await order([a, 2], [b, 1]);
    const y = await order([a, 1], [b, 1]);
    const created = await wave();
    expect(expectStatus(await sow(created.id, a.barcode), 200)).toMatchObject({ slot: 1, orderNo: x.orderNo, line: { sown: 1, needed: 2 } });

    // the packer takes slot 1 half sown and opens its parcel
    expectStatus(await sower.post('/api/v1/packing/sessions', { scan: x.orderNo }), 200);
    expect(expectStatus(await sow(created.id, a.barcode), 200)).toMatchObject({ slot: 2, orderNo: y.orderNo, slotFull: false });
    expect(await refusal(created.id, a.barcode)).toEqual({
      code: 'already_packing',
      message: `${a.code} 只有已在验货的订单 ${x.orderNo}（1 号格）还要：请把这件送到验货台，不要放进格位`,
      details: [{ path: 'barcode', message: a.barcode }],
    });
    expect(expectStatus(await sow(created.id, b.barcode), 200)).toMatchObject({ slot: 2, slotFull: true });
    expect(await refusal(created.id, b.barcode)).toMatchObject({ code: 'already_packing' });

    // refusals moved nothing: slot 1 keeps its one unit and shows it is at 验货
    expect(await sownLines(created.id)).toEqual([
      { orderId: x.id, needed: 2, sown: 1 },
      { orderId: y.id, needed: 1, sown: 1 },
      { orderId: y.id, needed: 1, sown: 1 },
    ]);
    const shown = await wall(created.id);
    expect(shown.slots.map((s: { slot: number; full: boolean; packing: boolean }) => [s.slot, s.full, s.packing])).toEqual([
      [1, false, true],
      [2, true, false],
    ]);
    expect(shown.progress).toEqual({ units: 5, sown: 3, slots: 2, full: 1 });
    expect((await scans(created.id)).map((s) => [s.result, s.slot])).toEqual([
      ['ok', 1],
      ['ok', 2],
      ['already_packing', 1],
      ['ok', 2],
      ['already_packing', 1],
    ]);
  });

  it('never over-sows a line when sowers at one wall scan at once', async () => {
    const { a, order, wave } = await floor();
    const x = await order([a, 2]);
    const y = await order([a, 2]);
    const created = await wave();
    const replies = await Promise.all(Array.from({ length: 6 }, () => sow(created.id, a.barcode)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 409, 409]);
    expect(replies.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(['excess_item', 'excess_item']);
    expect(replies.filter((r) => r.status === 200).map((r) => r.body.slot).sort()).toEqual([1, 1, 2, 2]);
    expect(await sownLines(created.id)).toEqual([
      { orderId: x.id, needed: 2, sown: 2 },
      { orderId: y.id, needed: 2, sown: 2 },
    ]);
    expect((await wall(created.id)).progress).toEqual({ units: 4, sown: 4, slots: 2, full: 2 });
    expect((await scans(created.id)).filter((s) => s.result === 'ok')).toHaveLength(4);
  });

  it('refuses a single-item wave, an unknown wave and a user who may not sow', async () => {
    const { a, order, wave } = await floor();
    await order([a, 1]);
    const single = await wave('single');
    expect(await refusal(single.id, a.barcode)).toMatchObject({ code: 'not_multi_wave', message: `波次 ${single.waveNo} 不是多件波次，没有播种墙` });
    expect((await sower.get(`/api/v1/waves/${single.id}/sowing`)).body.error.code).toBe('not_multi_wave');
    expect(await scans(single.id)).toEqual([]);
    expect((await sow(2147483000, a.barcode)).status).toBe(404);
    expect((await sower.get('/api/v1/waves/2147483000/sowing')).status).toBe(404);
    expect((await cs.post(`/api/v1/waves/${single.id}/sowing`, { barcode: a.barcode })).status).toBe(403);
    expect((await sow(single.id, '')).status).toBe(400);
  });
});
