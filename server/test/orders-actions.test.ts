import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, countReviewOverdue } from '../src/modules/orders';
import { HOUR } from '../src/platform/clock';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makeOrder, makePaidOrder, orderInput, seedCatalog } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let finance: Client;
let warehouse: Client;
let catalog: Awaited<ReturnType<typeof seedCatalog>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale'], 'xiaocai');
  finance = await t.signIn(['finance']);
  warehouse = await t.signIn(['warehouse']);
  catalog = await seedCatalog(admin, { skuCount: 1, stock: 100 });
});
afterAll(() => t.close());

const input = (overrides: Record<string, unknown> = {}) => orderInput(catalog.shop.code, catalog.skus, overrides);
const heldOrder = () => makePaidOrder(cs, input({ buyerMessage: '请尽快发货' }));

const actionsFor = async (client: Client, id: number) => expectStatus(await client.get(`/api/v1/orders/${id}`), 200).actions;

async function reserved(): Promise<number> {
  const res = expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${catalog.skus[0]!.code}`), 200);
  return res.items.reduce((sum: number, l: { reserved: number }) => sum + l.reserved, 0);
}

describe('manual review', () => {
  it('approves a held order and notifies the buyer', async () => {
    const held = await heldOrder();
    expect(held).toMatchObject({ status: 'on_hold', heldFromStatus: 'awaiting_review', holdReasons: [{ rule: 'message' }] });
    const approved = expectStatus(await cs.post(`/api/v1/orders/${held.id}/approve`), 200);
    expect(approved).toMatchObject({ status: 'awaiting_fulfillment', reviewDueAt: null });
    expect(approved.holdReasons).toEqual(held.holdReasons);
    const { rows } = await t.deps.database.query(`SELECT 1 FROM outbox WHERE topic = 'customer.notify' AND payload->>'orderId' = $1`, [String(held.id)]);
    expect(rows).toHaveLength(1);
  });

  it('shows the 2 h review deadline as overdue once it passes', async () => {
    const held = await heldOrder();
    expect(held.reviewOverdue).toBe(false);
    const overdueBefore = await countReviewOverdue(t.ctx());
    t.clock.advance(2 * HOUR + 1);
    const later = expectStatus(await cs.get(`/api/v1/orders/${held.id}`), 200);
    expect(later.reviewOverdue).toBe(true);
    expect(await countReviewOverdue(t.ctx())).toBeGreaterThan(overdueBefore);
    await cs.post(`/api/v1/orders/${held.id}/approve`);
    expect(expectStatus(await cs.get(`/api/v1/orders/${held.id}`), 200).reviewOverdue).toBe(false);
  });

  it('rejects by cancelling with a reason, which gives the stock back', async () => {
    const held = await heldOrder();
    const before = await reserved();
    const cancelled = expectStatus(await cs.post(`/api/v1/orders/${held.id}/cancel`, { reason: '买家要求取消' }), 200);
    expect(cancelled).toMatchObject({ status: 'cancelled', closeReason: '买家要求取消' });
    expect(await reserved()).toBe(before - 1);
  });

  it('approves in bulk, reporting the orders it could not approve', async () => {
    const [a, b] = [await heldOrder(), await heldOrder()];
    const unpaid = await makeOrder(cs, input());
    const res = expectStatus(await cs.post('/api/v1/orders/bulk-approve', { ids: [a.id, unpaid.id, b.id] }), 200);
    expect(res.items).toEqual([
      { id: a.id, ok: true, status: 'awaiting_fulfillment', error: null },
      { id: unpaid.id, ok: false, status: null, error: expect.objectContaining({ code: 'invalid_transition' }) },
      { id: b.id, ok: true, status: 'awaiting_fulfillment', error: null },
    ]);
    expect(expectStatus(await cs.get(`/api/v1/orders/${unpaid.id}`), 200).status).toBe('pending_payment');
    expect(expectStatus(await cs.get(`/api/v1/orders/${b.id}`), 200).status).toBe('awaiting_fulfillment');
  });

  it('is refused to roles without orders.review', async () => {
    const held = await heldOrder();
    const res = await warehouse.post(`/api/v1/orders/${held.id}/approve`);
    expect(res.status).toBe(403);
  });
});

describe('hold and release', () => {
  it('lets a hold be lifted only by a reviewer or a role that placed it', async () => {
    const aftersale = await t.signIn(['cs_aftersale']);
    const order = await makePaidOrder(cs, input());
    expectStatus(await aftersale.post(`/api/v1/orders/${order.id}/hold`, { reason: '买家要改地址' }), 200);
    const refused = await warehouse.post(`/api/v1/orders/${order.id}/release`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('这个订单由售后客服挂起，只有审单人员或售后客服可以解除挂起');
    expect(await actionsFor(warehouse, order.id)).toEqual([]);
    expect(await actionsFor(aftersale, order.id)).toEqual(['release']);
    expect(expectStatus(await aftersale.post(`/api/v1/orders/${order.id}/release`), 200).status).toBe('awaiting_fulfillment');

    expectStatus(await warehouse.post(`/api/v1/orders/${order.id}/hold`, { reason: '库位缺货待查' }), 200);
    expect((await aftersale.post(`/api/v1/orders/${order.id}/release`)).status).toBe(403);
    expect(expectStatus(await cs.post(`/api/v1/orders/${order.id}/release`), 200).status).toBe('awaiting_fulfillment');
  });

  it('takes manual orders from customer service, not from operations', async () => {
    const operations = await t.signIn(['operations']);
    const refused = await operations.post('/api/v1/orders', input());
    expect(refused.status).toBe(403);
    expect(refused.body.error.details[0].message).toBe('orders.create');
    expectStatus(await cs.post('/api/v1/orders', input()), 201);
  });

  it('takes payments recorded by hand from finance and supervisors only', async () => {
    const order = await makeOrder(cs, input());
    const refused = await cs.post(`/api/v1/orders/${order.id}/payments`, { amount: order.total, method: 'bank_transfer', transactionNo: 'FAKE-123' });
    expect(refused.status).toBe(403);
    expect(expectStatus(await admin.get(`/api/v1/orders/${order.id}`), 200).status).toBe('pending_payment');
    expect(expectStatus(await finance.post(`/api/v1/orders/${order.id}/payments`, { amount: order.total, method: 'bank_transfer', transactionNo: 'B-1' }), 200).paidAmount).toBe(order.total);
  });

  it('holds an approved order and releases it back to awaiting fulfillment', async () => {
    const order = await makePaidOrder(cs, input());
    expect(order.status).toBe('awaiting_fulfillment');
    const held = expectStatus(await warehouse.post(`/api/v1/orders/${order.id}/hold`, { reason: '地址待核实' }), 200);
    expect(held).toMatchObject({ status: 'on_hold', heldFromStatus: 'awaiting_fulfillment', holdReasons: [{ rule: 'manual', message: '地址待核实' }], reviewDueAt: null });
    const approveAgain = await cs.post(`/api/v1/orders/${order.id}/approve`);
    expect(approveAgain.status).toBe(409);
    expect(approveAgain.body.error.code).toBe('not_a_review_hold');
    const released = expectStatus(await warehouse.post(`/api/v1/orders/${order.id}/release`), 200);
    expect(released).toMatchObject({ status: 'awaiting_fulfillment', heldFromStatus: null });
  });

  it('releases a review hold back to awaiting review for a person to approve', async () => {
    const held = await heldOrder();
    const released = expectStatus(await cs.post(`/api/v1/orders/${held.id}/release`), 200);
    expect(released.status).toBe('awaiting_review');
  });

  it('needs a reason to hold', async () => {
    const order = await makePaidOrder(cs, input());
    const res = await cs.post(`/api/v1/orders/${order.id}/hold`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('reason');
  });
});

describe('the actions an order offers (the buttons the web shows)', () => {

  it('follow the state and the caller\'s permissions', async () => {
    const unpaid = await makeOrder(cs, input());
    expect(await actionsFor(cs, unpaid.id)).toEqual(['cancel', 'close']);
    expect(await actionsFor(finance, unpaid.id)).toEqual(['pay']);
    expect(await actionsFor(warehouse, unpaid.id)).toEqual([]);
    const reviewHold = await heldOrder();
    expect(await actionsFor(cs, reviewHold.id)).toEqual(['approve', 'release', 'cancel']);
    // a risk hold waits for a reviewer
    expect(await actionsFor(warehouse, reviewHold.id)).toEqual([]);
  });

  it('leave out what a rule refuses, and each one offered goes through', async () => {
    const order = await makePaidOrder(cs, input());
    const heldAfterApproval = expectStatus(await warehouse.post(`/api/v1/orders/${order.id}/hold`, { reason: '地址待核实' }), 200);
    expect(heldAfterApproval.actions).toEqual(['release']);
    expect(await actionsFor(cs, order.id)).toEqual(['release', 'cancel']);
    expect((await cs.post(`/api/v1/orders/${order.id}/approve`)).body.error.code).toBe('not_a_review_hold');
    expect(expectStatus(await cs.post(`/api/v1/orders/${order.id}/release`), 200).actions).toEqual(['hold', 'cancel']);

    const green = await makePaidOrder(cs, input());
    expectStatus(await cs.post(`/api/v1/orders/${green.id}/remarks`, { content: '疑似虚假订单', flag: 'green' }), 201);
    expect(await actionsFor(cs, green.id)).toEqual(['cancel']);

    const paidInPart = await makeOrder(cs, input());
    const partial = expectStatus(await finance.post(`/api/v1/orders/${paidInPart.id}/payments`, { amount: 100, method: 'alipay' }), 200);
    expect(partial.actions).toEqual(['pay']);
    expect(await actionsFor(cs, paidInPart.id)).toEqual(['cancel']);
    expect((await cs.post(`/api/v1/orders/${paidInPart.id}/close`, {})).body.error.code).toBe('refund_required');
  });
});

describe('illegal moves', () => {
  it('answer 409 naming the current state and the action', async () => {
    const unpaid = await makeOrder(cs, input());
    for (const [action, body] of [
      ['approve', undefined],
      ['hold', { reason: '看看' }],
      ['release', undefined],
    ] as const) {
      const res = await cs.post(`/api/v1/orders/${unpaid.id}/${action}`, body);
      expect(res.status, action).toBe(409);
      expect(res.body.error.code).toBe('invalid_transition');
      expect(res.body.error.message).toContain('待付款');
      expect(res.body.error.details).toEqual([
        { path: 'status', message: 'pending_payment' },
        { path: 'action', message: action },
      ]);
    }
    const cancelled = expectStatus(await cs.post(`/api/v1/orders/${unpaid.id}/cancel`, { reason: '重复下单' }), 200);
    const again = await cs.post(`/api/v1/orders/${cancelled.id}/cancel`, { reason: '再取消' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual([
      { path: 'status', message: 'cancelled' },
      { path: 'action', message: 'cancel' },
    ]);
  });

  it('never close an order that was paid or is already on its way', async () => {
    const approved = await makePaidOrder(cs, input());
    const res = await cs.post(`/api/v1/orders/${approved.id}/close`, { reason: '关掉' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('待发货');
    expect(res.body.error.details[0]).toEqual({ path: 'status', message: 'awaiting_fulfillment' });
    const partPaid = await makeOrder(cs, input());
    await finance.post(`/api/v1/orders/${partPaid.id}/payments`, { amount: 100, method: 'alipay' });
    const refused = await cs.post(`/api/v1/orders/${partPaid.id}/close`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('refund_required');
    const unpaid = await makeOrder(cs, input());
    expect(expectStatus(await cs.post(`/api/v1/orders/${unpaid.id}/close`, {}), 200)).toMatchObject({ status: 'closed', closeReason: '手动关闭' });
  });

  it('answer 404 for an order that does not exist', async () => {
    expect((await cs.post('/api/v1/orders/999999/approve')).status).toBe(404);
  });
});

describe('remarks and flags', () => {
  it('are stored with the author and shown as "CS · promise · date"; the order takes the latest flag', async () => {
    const order = await makeOrder(cs, input());
    const me = expectStatus(await cs.get('/api/v1/auth/me'), 200);
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/remarks`, { content: '送赠品一份，发申通', flag: 'red', promiseDate: '2026-11-20' }), 201);
    const detail = expectStatus(await cs.post(`/api/v1/orders/${order.id}/remarks`, { content: '已核对尺码', flag: 'blue' }), 201);
    expect(detail.flag).toBe('blue');
    expect(detail.remarks).toEqual([
      expect.objectContaining({ authorName: me.displayName, content: '送赠品一份，发申通', flag: 'red', promiseDate: '2026-11-20', display: `${me.displayName} · 送赠品一份，发申通 · 2026-11-20` }),
      expect.objectContaining({ flag: 'blue', promiseDate: null }),
    ]);
    expect(detail.remarks[1].display).toMatch(/ · 已核对尺码 · \d{4}-\d{2}-\d{2}$/);
    const events = expectStatus(await cs.get(`/api/v1/orders/${order.id}/events`), 200);
    expect(events.items.map((e: { action: string }) => e.action)).toEqual(['order.create', 'order.remark', 'order.remark']);
  });

  it('refuse an unknown flag colour', async () => {
    const order = await makeOrder(cs, input());
    const res = await cs.post(`/api/v1/orders/${order.id}/remarks`, { content: 'x', flag: 'pink' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('flag');
  });

  it('hold an approved order flagged green, which then cannot be approved or released', async () => {
    const order = await makePaidOrder(cs, input());
    const flagged = expectStatus(await warehouse.post(`/api/v1/orders/${order.id}/remarks`, { content: '疑似虚假订单', flag: 'green' }), 201);
    expect(flagged).toMatchObject({ status: 'on_hold', flag: 'green', holdReasons: [{ rule: 'green_flag' }] });
    for (const action of ['approve', 'release']) {
      const res = await cs.post(`/api/v1/orders/${order.id}/${action}`);
      expect(res.status, action).toBe(409);
      expect(res.body.error.code).toBe('green_flag');
    }
    expect((await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '虚假订单' })).body.status).toBe('cancelled');
  });

  it('lose a green flag only by a reviewer: the warehouse cannot re-flag a suspected fraud and release it', async () => {
    const order = await makePaidOrder(cs, input());
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/remarks`, { content: '疑似刷单', flag: 'green' }), 201);
    const regrey = await warehouse.post(`/api/v1/orders/${order.id}/remarks`, { content: '看着没问题', flag: 'grey' });
    expect(regrey.status).toBe(403);
    expect((await warehouse.post(`/api/v1/orders/${order.id}/release`)).status).toBe(409);
    const reviewed = expectStatus(await cs.post(`/api/v1/orders/${order.id}/remarks`, { content: '已核实为真实买家', flag: 'grey' }), 201);
    expect(reviewed.flag).toBe('grey');
  });

  it('hold an unpaid order flagged green as soon as it is paid', async () => {
    const order = await makeOrder(cs, input());
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/remarks`, { content: '疑似欺诈', flag: 'green' }), 201);
    const paid = expectStatus(await finance.post(`/api/v1/orders/${order.id}/payments`, { amount: order.total, method: 'alipay' }), 200);
    expect(paid.status).toBe('on_hold');
    expect(paid.holdReasons.map((r: { rule: string }) => r.rule)).toContain('green_flag');
  });

  it('are allowed in every state', async () => {
    const order = await makeOrder(cs, input());
    await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '不要了' });
    expect((await cs.post(`/api/v1/orders/${order.id}/remarks`, { content: '买家致电取消', flag: 'grey' })).status).toBe(201);
  });
});

describe('personal data', () => {
  it('is masked by default', async () => {
    const order = await makeOrder(cs, input({ buyer: { nick: 'mask_me', name: '王小明', phone: '13812345678' }, address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 478 号华星时代广场' } }));
    expect(order.piiRevealed).toBe(false);
    expect(order.buyer).toMatchObject({ nick: 'mask_me', name: '王**', phone: '138****5678' });
    expect(order.address.detail).toBe('文三路****');
    const list = expectStatus(await cs.get('/api/v1/orders?nick=mask_me'), 200);
    expect(list.items[0]).toMatchObject({ buyerName: '王**', buyerPhone: '138****5678' });
    expect(JSON.stringify(list)).not.toContain('13812345678');
  });

  it('is revealed to a holder of customers.pii.reveal who asks, and each reveal is audited', async () => {
    const order = await makeOrder(cs, input({ buyer: { nick: 'reveal_me', name: '王小明', phone: '13812345679' } }));
    const revealed = expectStatus(await cs.get(`/api/v1/orders/${order.id}?reveal=1`), 200);
    expect(revealed.piiRevealed).toBe(true);
    expect(revealed.buyer).toMatchObject({ name: '王小明', phone: '13812345679' });
    expect(revealed.address.detail).toContain('文三路');
    const events = expectStatus(await cs.get(`/api/v1/orders/${order.id}/events`), 200);
    expect(events.items.filter((e: { action: string }) => e.action === 'order.pii.reveal')).toHaveLength(1);
  });

  it('is refused (403) to a role without customers.pii.reveal, and the refusal reveals nothing', async () => {
    const order = await makeOrder(cs, input());
    const res = await warehouse.get(`/api/v1/orders/${order.id}?reveal=1`);
    expect(res.status).toBe(403);
    expect(res.body.error.details[0].message).toBe('customers.pii.reveal');
    expect((await warehouse.get(`/api/v1/orders/${order.id}`)).status).toBe(200);
  });

  it('is stored encrypted', async () => {
    await makeOrder(cs, input({ buyer: { nick: 'cipher', name: '赵六', phone: '13712345678' } }));
    const { rows } = await t.deps.database.query(`SELECT buyer_phone_enc, buyer_name_enc, address_detail_enc FROM orders WHERE buyer_nick = 'cipher'`);
    expect(JSON.stringify(rows)).not.toMatch(/13712345678|赵六|文三路/);
  });
});

describe('cancelling a paid order', () => {
  it('releases the stock and leaves the refund owed for after-sales, with the amount', async () => {
    const held = await heldOrder();
    const before = await reserved();
    expectStatus(await cs.post(`/api/v1/orders/${held.id}/cancel`, { reason: '风险订单，拒单' }), 200);
    expect(await reserved()).toBe(before - 1);
    const { rows } = await t.deps.database.query(`SELECT payload FROM outbox WHERE topic = 'refund.due' AND payload->>'orderId' = $1`, [String(held.id)]);
    expect(rows.map((r) => r.payload)).toEqual([expect.objectContaining({ orderNo: held.orderNo, amount: held.total, reason: '风险订单，拒单' })]);
  });
});

describe('fulfillment moves (for the fulfillment module)', () => {
  it('take an approved order through shipping to completion, in order only', async () => {
    const order = await makePaidOrder(cs, input());
    await expect(t.tx((ctx) => advanceOrder(ctx, order.id, 'ship'))).rejects.toMatchObject({ status: 409, code: 'invalid_transition' });
    for (const [action, status] of [
      ['start_fulfillment', 'in_fulfillment'],
      ['ship', 'shipped'],
      ['deliver', 'delivered'],
      ['complete', 'completed'],
    ] as const) {
      expect((await t.tx((ctx) => advanceOrder(ctx, order.id, action))).status).toBe(status);
    }
    const cancel = await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '太晚了' });
    expect(cancel.status).toBe(409);
  });

  it('take the shipped units off the ledger at shipment, and a shipped sale cannot be closed away', async () => {
    const sku = catalog.skus[0]!.code;
    const level = async () => expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${sku}`), 200).items[0];
    const order = await makeOrder(cs, input({ paymentMethod: 'cod' }));
    expect(order).toMatchObject({ status: 'awaiting_fulfillment', paidAmount: 0 });
    const before = await level();
    for (const action of ['start_fulfillment', 'ship'] as const) await t.tx((ctx) => advanceOrder(ctx, order.id, action));
    const after = await level();
    expect(after.onHand).toBe(before.onHand - 1);
    expect(after.reserved).toBe(before.reserved - 1);
    const { rows } = await t.deps.database.query(`SELECT reason FROM stock_movements WHERE ref_type = 'order' AND ref_id = $1 ORDER BY id`, [String(order.id)]);
    expect(rows.map((r) => r.reason)).toEqual(['reservation', 'shipment']);

    for (const action of ['deliver', 'complete'] as const) await t.tx((ctx) => advanceOrder(ctx, order.id, action));
    const close = await cs.post(`/api/v1/orders/${order.id}/close`, { reason: '想关掉' });
    expect(close.status).toBe(409);
    expect(close.body.error.code).toBe('not_refunded');
    expect(await level()).toEqual(after);
  });
});
