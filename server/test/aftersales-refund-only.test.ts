import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardOrderTransitions } from '../src/modules/orders';
import { conflict } from '../src/platform/errors';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePaidOrder, makeProduct, makeShippedOrder, orderInput, receiveStock, seedCatalog } from './factories';

/**
 * 仅退款 before shipping (issue 9): a refund of everything paid for an order not shipped cancels and
 * closes it — stock released, a parcel in a wave intercepted — in the refund's transaction.
 */

let t: TestApp;
let admin: Client;
let presale: Client;
let aftersale: Client;
let supervisor: Client;
let packer: Client;

// stands in for a module above orders refusing a cancel, for the orders this file marks
const cancelRefused = new Set<string>();
guardOrderTransitions((_ctx, { order, action }) => (action === 'cancel' && cancelRefused.has(order.orderNo) ? conflict('parcel_being_packed', `订单 ${order.orderNo} 正在打包，请先拦截`) : null));

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  presale = await t.signIn(['cs_presale']);
  aftersale = await t.signIn(['cs_aftersale']);
  supervisor = await t.signIn(['supervisor']);
  packer = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

interface Sku {
  code: string;
  price: number;
}

/** A paid order, approved and waiting for a wave: 2 × A + 1 × B (99.00 each, 8.00 shipping), 10 of each in stock. */
async function approvedOrder() {
  const catalog = await seedCatalog(admin, { skuCount: 1, stock: 0 });
  const [a, b] = (await makeProduct(admin, [{}, {}])).skus as Sku[];
  const warehouseCode = catalog.warehouses[0].code as string;
  await receiveStock(admin, warehouseCode, [
    { skuCode: a!.code, quantity: 10 },
    { skuCode: b!.code, quantity: 10 },
  ]);
  const items = [
    { skuCode: a!.code, quantity: 2, unitPrice: a!.price },
    { skuCode: b!.code, quantity: 1, unitPrice: b!.price },
  ];
  const order = (await makePaidOrder(presale, orderInput(catalog.shop.code, [a!, b!], { items }))) as { id: number; orderNo: string; total: number; status: string };
  expect(order.status).toBe('awaiting_fulfillment');
  return { order, a: a!, b: b!, warehouseCode };
}

const openCase = async (client: Client, orderId: number, lines: { skuCode: string; quantity: number }[] = []) =>
  expectStatus(await client.post('/api/v1/aftersales/cases', { orderId, type: 'refund_only', reason: '未发货，买家不要了', lines }), 201);
const refund = (client: Client, caseId: number, amount: number, reason = '未发货退款') => client.post(`/api/v1/aftersales/cases/${caseId}/refund`, { amount, reason });
const orderOf = async (id: number) => expectStatus(await admin.get(`/api/v1/orders/${id}`), 200);
const eventsOf = async (id: number) => expectStatus(await admin.get(`/api/v1/orders/${id}/events`), 200).items.map((e: { action: string }) => e.action) as string[];
const levelOf = async (skuCode: string) => expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${skuCode}`), 200).items[0] as { onHand: number; reserved: number };
const query = async (text: string, params: unknown[]) => (await t.deps.database.query(text, params)).rows;
const releasesOf = (orderId: number) => query(`SELECT k.code AS sku, m.reserved_delta AS delta FROM stock_movements m JOIN skus k ON k.id = m.sku_id WHERE m.ref_type = 'order' AND m.ref_id = $1 AND m.reason = 'release' ORDER BY k.code`, [String(orderId)]);
const outboxOf = (topic: string, orderId: number) => query(`SELECT payload FROM outbox WHERE topic = $1 AND payload->>'orderId' = $2`, [topic, String(orderId)]);

describe('a full refund of an order not shipped', () => {
  it('cancels and closes an order waiting for a wave, releases its stock on the ledger, and sends no refund.due', async () => {
    const { order, a, b } = await approvedOrder();
    expect(await levelOf(a.code)).toMatchObject({ onHand: 10, reserved: 2 });
    const opened = await openCase(aftersale, order.id);
    const paid = expectStatus(await refund(aftersale, opened.id, order.total), 200);
    expect(paid.refunded).toBe(order.total);

    const closed = await orderOf(order.id);
    expect(closed).toMatchObject({ status: 'closed', paidAmount: order.total, refundedAmount: order.total });
    expect(closed.closeReason).toBe(`全额退款（售后单 ${opened.caseNo}）：未发货退款`);
    expect((await eventsOf(order.id)).slice(-3)).toEqual(['order.refund', 'order.cancel', 'order.close']);
    expect([await levelOf(a.code), await levelOf(b.code)]).toEqual([expect.objectContaining({ onHand: 10, reserved: 0 }), expect.objectContaining({ onHand: 10, reserved: 0 })]);
    const released = [
      { sku: a.code, delta: -2 },
      { sku: b.code, delta: -1 },
    ].sort((x, y) => x.sku.localeCompare(y.sku));
    expect(await releasesOf(order.id)).toEqual(released);
    // the ledger row is the refund: nothing is owed, so the cancel asks for none
    expect(await outboxOf('refund.due', order.id)).toEqual([]);
    expect(await outboxOf('order.refunded', order.id)).toHaveLength(1);
  });

  it('intercepts an order in a wave through fulfillment, as a staff cancel does: its parcel never ships, and the order closes', async () => {
    const { order, a, warehouseCode } = await approvedOrder();
    expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'multi' }), 201);
    const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: order.orderNo }), 200);
    expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: a.code }), 200);
    expect((await orderOf(order.id)).status).toBe('in_fulfillment');

    const opened = await openCase(aftersale, order.id);
    expectStatus(await refund(aftersale, opened.id, order.total), 200);
    expect((await orderOf(order.id)).status).toBe('closed');
    expect((await eventsOf(order.id)).slice(-4)).toEqual(['order.refund', 'order.cancel', 'order.intercept', 'order.close']);
    expect(expectStatus(await packer.get(`/api/v1/parcels/${session.id}`), 200).status).toBe('intercepted');
    const next = await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: a.code });
    expect(next.body.error).toMatchObject({ code: 'intercepted', message: `订单 ${order.orderNo} 已拦截（订单已取消）：不要打包发出，请把商品放回库位` });
    expect((await packer.post('/api/v1/packing/sessions', { scan: order.orderNo })).body.error.code).toBe('intercepted');
    expect(await levelOf(a.code)).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await outboxOf('refund.due', order.id)).toEqual([]);
  });

  it('closes an order staff cancelled once after-sales refunds what the cancel said was due', async () => {
    const { order } = await approvedOrder();
    expectStatus(await presale.post(`/api/v1/orders/${order.id}/cancel`, { reason: '买家要求取消' }), 200);
    expect((await outboxOf('refund.due', order.id)).map((r) => (r.payload as { amount: number }).amount)).toEqual([order.total]);
    // cancelled with the money still with the shop, it cannot be closed by hand
    expect((await presale.post(`/api/v1/orders/${order.id}/close`, { reason: '关闭' })).body.error.code).toBe('refund_required');
    const opened = await openCase(aftersale, order.id);
    expectStatus(await refund(aftersale, opened.id, order.total - 800), 200);
    expect((await orderOf(order.id)).status).toBe('cancelled');
    expectStatus(await refund(aftersale, opened.id, 800, '运费'), 200);
    expect(await orderOf(order.id)).toMatchObject({ status: 'closed', refundedAmount: order.total });
    expect(await outboxOf('refund.due', order.id)).toHaveLength(1);
  });

  it('is refused with the cancel when the cancel is refused, and nothing of it is written', async () => {
    const { order, a } = await approvedOrder();
    const opened = await openCase(aftersale, order.id);
    cancelRefused.add(order.orderNo);
    const res = await refund(aftersale, opened.id, order.total);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'parcel_being_packed', message: `订单 ${order.orderNo} 正在打包，请先拦截` });
    expect(await orderOf(order.id)).toMatchObject({ status: 'awaiting_fulfillment', refundedAmount: 0 });
    expect(expectStatus(await aftersale.get(`/api/v1/orders/${order.id}/refunds`), 200).items).toEqual([]);
    expect(await levelOf(a.code)).toMatchObject({ reserved: 2 });
    expect(await outboxOf('order.refunded', order.id)).toEqual([]);
  });

  it('lets one of two concurrent full refunds through: the order closes once, the other is refund_exceeds_paid', async () => {
    const { order } = await approvedOrder();
    const cases = [await openCase(supervisor, order.id), await openCase(supervisor, order.id)];
    const attempts = await Promise.all(cases.map((c) => refund(supervisor, c.id, order.total)));
    expect(attempts.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(attempts.find((r) => r.status === 409)!.body.error.code).toBe('refund_exceeds_paid');
    expect(await orderOf(order.id)).toMatchObject({ status: 'closed', refundedAmount: order.total });
    expect((await eventsOf(order.id)).filter((e) => e === 'order.close')).toHaveLength(1);
  });
});

describe('a partial refund of a 仅退款 case before shipping', () => {
  it('takes the case\'s lines off an order not yet waved: just those units released, and the wave picks and packs only the rest', async () => {
    const { order, a, b, warehouseCode } = await approvedOrder();
    const opened = await openCase(aftersale, order.id, [{ skuCode: a.code, quantity: 1 }]);
    expectStatus(await refund(aftersale, opened.id, 9_900, '买家只要一件'), 200);

    const after = await orderOf(order.id);
    expect(after.status).toBe('awaiting_fulfillment');
    expect(after.items.map((i: { skuCode: string; quantity: number; cancelledQuantity: number }) => [i.skuCode, i.quantity, i.cancelledQuantity])).toEqual([
      [a.code, 2, 1],
      [b.code, 1, 0],
    ]);
    expect((await eventsOf(order.id)).slice(-2)).toEqual(['order.refund', 'order.cancel_lines']);
    expect([await levelOf(a.code), await levelOf(b.code)]).toEqual([expect.objectContaining({ onHand: 10, reserved: 1 }), expect.objectContaining({ onHand: 10, reserved: 1 })]);
    expect(await releasesOf(order.id)).toEqual([{ sku: a.code, delta: -1 }]);
    // a second refund on the case pays money only: its lines were taken off once
    expectStatus(await refund(aftersale, opened.id, 100, '补偿'), 200);
    expect((await levelOf(a.code)).reserved).toBe(1);

    const wave = expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'multi' }), 201);
    const list = expectStatus(await packer.get(`/api/v1/waves/${wave.id}/pick-list`), 200);
    expect(list.units).toBe(2);
    expect(list.lines.map((l: { skuCode: string; quantity: number }) => [l.skuCode, l.quantity]).sort()).toEqual([
      [a.code, 1],
      [b.code, 1],
    ].sort());
    const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: order.orderNo }), 200);
    expect(session.lines.map((l: { skuCode: string; expected: number }) => [l.skuCode, l.expected])).toEqual([
      [a.code, 1],
      [b.code, 1],
    ]);
  });

  it('cancels the order when its lines leave nothing to ship, the money still owed announced by refund.due', async () => {
    const { order, a, b } = await approvedOrder();
    const opened = await openCase(aftersale, order.id, [
      { skuCode: a.code, quantity: 2 },
      { skuCode: b.code, quantity: 1 },
    ]);
    // the goods refunded, the 8.00 shipping still with the shop
    expectStatus(await refund(aftersale, opened.id, order.total - 800), 200);
    expect(await orderOf(order.id)).toMatchObject({ status: 'cancelled', refundedAmount: order.total - 800 });
    expect((await outboxOf('refund.due', order.id)).map((r) => (r.payload as { amount: number }).amount)).toEqual([800]);
    expect([(await levelOf(a.code)).reserved, (await levelOf(b.code)).reserved]).toEqual([0, 0]);
    expectStatus(await refund(aftersale, opened.id, 800, '退运费'), 200);
    expect((await orderOf(order.id)).status).toBe('closed');
  });

  it('is refused in words once the order is in a wave, and nothing is written', async () => {
    const { order, a, warehouseCode } = await approvedOrder();
    expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'multi' }), 201);
    const opened = await openCase(aftersale, order.id, [{ skuCode: a.code, quantity: 1 }]);
    const res = await refund(aftersale, opened.id, 9_900);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'order_in_wave', message: `订单 ${order.orderNo} 已在配货中，不能只取消部分商品：请全额退款拦截整单，或等发货后按退货退款处理` });
    expect(await orderOf(order.id)).toMatchObject({ status: 'in_fulfillment', refundedAmount: 0 });
    expect((await levelOf(a.code)).reserved).toBe(2);
    // a 仅退款 case without lines refunds money only, waved or not
    const money = await openCase(aftersale, order.id);
    expectStatus(await refund(aftersale, money.id, 500, '差价补偿'), 200);
    expect(await orderOf(order.id)).toMatchObject({ status: 'in_fulfillment', refundedAmount: 500 });
  });
});

describe('a refund beyond customer service authority', () => {
  it('keeps who asked as the ledger row actor and the supervisor as its approver, and closes the order when approved in full', async () => {
    const catalog = await seedCatalog(admin, { skuCount: 1, stock: 0 });
    const [dear] = (await makeProduct(admin, [{ price: 90_000 }])).skus as Sku[];
    await receiveStock(admin, catalog.warehouses[0].code, [{ skuCode: dear!.code, quantity: 3 }]);
    const order = await makePaidOrder(presale, orderInput(catalog.shop.code, [dear!]));
    const opened = await openCase(aftersale, order.id);
    expect((await refund(aftersale, opened.id, order.total)).body.error.code).toBe('approval_required');
    expect((await orderOf(order.id)).status).toBe('awaiting_fulfillment');

    expectStatus(await supervisor.post(`/api/v1/aftersales/cases/${opened.id}/approve`, { amount: order.total }), 200);
    const names = await query('SELECT id, display_name AS name FROM users WHERE id = ANY($1::int[])', [[aftersale.userId, supervisor.userId]]);
    const nameOf = (id: number) => names.find((n) => n.id === id)!.name;
    const ledger = expectStatus(await aftersale.get(`/api/v1/orders/${order.id}/refunds`), 200);
    expect(ledger.items).toEqual([expect.objectContaining({ amount: order.total, actor: nameOf(aftersale.userId), approvedBy: nameOf(supervisor.userId) })]);
    expect(await orderOf(order.id)).toMatchObject({ status: 'closed', refundedAmount: order.total });
    expect(await levelOf(dear!.code)).toMatchObject({ onHand: 3, reserved: 0 });
  });
});

describe('a refund of a shipped order', () => {
  it('leaves the order shipped, even refunded in full: the goods are with the buyer', async () => {
    const { order, skus } = await makeShippedOrder({ admin, cs: presale, packer });
    const opened = expectStatus(await aftersale.post('/api/v1/aftersales/cases', { orderId: order.id, type: 'quality', reason: '开机无反应', lines: [{ skuCode: skus[0]!.code, quantity: 1 }] }), 201);
    expectStatus(await refund(aftersale, opened.id, order.total, '质量问题全额退款'), 200);
    expect(await orderOf(order.id)).toMatchObject({ status: 'shipped', refundedAmount: order.total });
    expect((await eventsOf(order.id)).slice(-1)).toEqual(['order.refund']);
    expect(await query(`SELECT 1 FROM stock_movements WHERE ref_id = $1 AND reason = 'release'`, [String(order.id)])).toEqual([]);
  });
});
