import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder } from '../src/modules/orders';
import { HOUR, SECOND } from '../src/platform/clock';
import { expectStatus, makePaidOrder, orderInput, seedCatalog } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

/** 审单 that shows why (issue 10 §2): the reasons, message and newest remark in the list, preset hold reasons, 撤销审核. */

let t: TestApp;
let admin: Client;
let cs: Client;
let otherReviewer: Client;
let catalog: Awaited<ReturnType<typeof seedCatalog>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale'], 'xiaocai');
  otherReviewer = await t.signIn(['cs_presale'], 'xiaoli');
  catalog = await seedCatalog(admin, { skuCount: 1, stock: 200 });
});
afterAll(() => t.close());

const input = (overrides: Record<string, unknown> = {}) => orderInput(catalog.shop.code, catalog.skus, overrides);
/** Held by the message rule: a person must read the buyer's message. */
const heldOrder = () => makePaidOrder(cs, input({ buyerMessage: '请发顺丰，周末不在家' }));
const orderOf = async (id: number) => expectStatus(await cs.get(`/api/v1/orders/${id}`), 200);

async function queueRow(id: number) {
  const page = expectStatus(await cs.get(`/api/v1/orders?status=awaiting_review,on_hold&shopCode=${catalog.shop.code}&pageSize=100`), 200);
  return page.items.find((o: { id: number }) => o.id === id);
}

describe('the review queue shows why an order waits', () => {
  it('lists the rules that fired, the buyer message and the newest remark with its flag', async () => {
    const held = await heldOrder();
    const plain = await heldOrder();
    expectStatus(await cs.post(`/api/v1/orders/${held.id}/remarks`, { content: '送赠品一份', flag: 'grey' }), 201);
    expectStatus(await cs.post(`/api/v1/orders/${held.id}/remarks`, { content: '发货前核对尺码', flag: 'red' }), 201);

    const row = await queueRow(held.id);
    expect(row.holdReasons).toEqual([{ rule: 'message', message: '有买家留言，需人工阅读' }]);
    expect(row.buyerMessage).toBe('请发顺丰，周末不在家');
    expect(row.latestRemark).toMatchObject({ authorName: 'xiaocai', content: '发货前核对尺码', flag: 'red' });
    // another order's remarks are not this one's
    expect((await queueRow(plain.id)).latestRemark).toBeNull();
  });

  it('takes a green-flagged order off the review clock: held with its reason, no deadline, never overdue', async () => {
    const approved = await makePaidOrder(cs, input());
    expect(approved.status).toBe('awaiting_fulfillment');
    expectStatus(await cs.post(`/api/v1/orders/${approved.id}/remarks`, { content: '疑似欺诈', flag: 'green' }), 201);
    const row = await queueRow(approved.id);
    expect(row).toMatchObject({ status: 'on_hold', flag: 'green', reviewDueAt: null, latestRemark: { flag: 'green', content: '疑似欺诈' } });
    expect(row.holdReasons.map((r: { rule: string }) => r.rule)).toEqual(['green_flag']);

    const held = await heldOrder();
    expect(held.reviewDueAt).not.toBeNull();
    expectStatus(await cs.post(`/api/v1/orders/${held.id}/remarks`, { content: '同一买家多次刷单嫌疑', flag: 'green' }), 201);
    expect(await queueRow(held.id)).toMatchObject({ flag: 'green', reviewDueAt: null });
    t.clock.advance(3 * HOUR);
    expect((await orderOf(held.id)).reviewOverdue).toBe(false);
  });
});

describe('preset hold reasons', () => {
  it('offers the defaults, then what the supervisor keeps in settings', async () => {
    const defaults = expectStatus(await cs.get('/api/v1/orders/hold-presets'), 200).items;
    expect(defaults).toContain('买家要求修改地址');
    expectStatus(await admin.put('/api/v1/settings', { 'orders.holdPresets': [' 等买家回复尺码 ', '赠品缺货'] }), 200);
    expect(expectStatus(await cs.get('/api/v1/orders/hold-presets'), 200).items).toEqual(['等买家回复尺码', '赠品缺货']);
    const held = expectStatus(await cs.post(`/api/v1/orders/${(await makePaidOrder(cs, input())).id}/hold`, { reason: '赠品缺货' }), 200);
    expect(held.holdReasons).toEqual([{ rule: 'manual', message: '赠品缺货', heldByRoles: ['cs_presale'] }]);
  });

  it('refuses an empty reason, one too long or too many, naming the setting', async () => {
    for (const bad of [[''], ['x'.repeat(51)], Array.from({ length: 31 }, (_, i) => `原因${i}`), 'not a list', [3]]) {
      const res = expectStatus(await admin.put('/api/v1/settings', { 'orders.holdPresets': bad }), 422);
      expect(res.error).toMatchObject({ code: 'invalid_setting', details: [{ path: 'orders.holdPresets' }] });
      expect(res.error.message).toContain('挂起常用原因');
    }
  });

  it('is for whoever may hold orders', async () => {
    const finance = await t.signIn(['finance']);
    expectStatus(await finance.get('/api/v1/orders/hold-presets'), 403);
  });
});

describe('撤销审核', () => {
  const undo = (client: Client, id: number) => client.post(`/api/v1/orders/${id}/undo-approve`);

  it('takes the reviewer’s own approval back to the queue as it was, audited', async () => {
    const held = await heldOrder();
    expectStatus(await cs.post(`/api/v1/orders/${held.id}/approve`), 200);
    t.clock.advance(9 * SECOND);
    const back = expectStatus(await undo(cs, held.id), 200);
    expect(back).toMatchObject({ status: 'on_hold', heldFromStatus: 'awaiting_review', reviewDueAt: held.reviewDueAt, holdReasons: held.holdReasons, approvedAt: null });
    expect(back.actions).toContain('approve');
    const last = back.events.at(-1);
    expect(last).toMatchObject({ action: 'order.undo_approve', actorName: 'xiaocai', before: { status: 'awaiting_fulfillment' }, after: { status: 'on_hold' } });
    expect(await queueRow(held.id)).toBeDefined();
    // the approval was taken back: it cannot be undone twice
    expect(expectStatus(await undo(cs, held.id), 409).error.code).toBe('order_moved');
  });

  it('returns an order approved from 待审核 to 待审核', async () => {
    expectStatus(await admin.put('/api/v1/settings', { 'orders.autoReview': false }), 200);
    try {
      const waiting = await makePaidOrder(cs, input());
      expect(waiting.status).toBe('awaiting_review');
      expectStatus(await cs.post(`/api/v1/orders/${waiting.id}/approve`), 200);
      expect(expectStatus(await undo(cs, waiting.id), 200)).toMatchObject({ status: 'awaiting_review', reviewDueAt: waiting.reviewDueAt, heldFromStatus: null });
    } finally {
      expectStatus(await admin.put('/api/v1/settings', { 'orders.autoReview': true }), 200);
    }
  });

  it('is refused once the window has passed', async () => {
    const held = await heldOrder();
    expectStatus(await cs.post(`/api/v1/orders/${held.id}/approve`), 200);
    t.clock.advance(16 * SECOND);
    const res = expectStatus(await undo(cs, held.id), 409);
    expect(res.error.code).toBe('undo_expired');
    expect(res.error.message).toContain('15 秒');
    expect((await orderOf(held.id)).status).toBe('awaiting_fulfillment');
  });

  it('is refused to another reviewer, and for an order the system approved', async () => {
    const held = await heldOrder();
    expectStatus(await cs.post(`/api/v1/orders/${held.id}/approve`), 200);
    const res = expectStatus(await undo(otherReviewer, held.id), 409);
    expect(res.error).toMatchObject({ code: 'not_own_approval' });
    expect(res.error.message).toContain('xiaocai');
    const auto = await makePaidOrder(cs, input());
    expect(auto.status).toBe('awaiting_fulfillment');
    expect(expectStatus(await undo(cs, auto.id), 409).error.code).toBe('not_own_approval');
    expect((await orderOf(held.id)).status).toBe('awaiting_fulfillment');
  });

  it('is refused once anything else happened to the order: a remark, a wave', async () => {
    const remarked = await heldOrder();
    expectStatus(await cs.post(`/api/v1/orders/${remarked.id}/approve`), 200);
    expectStatus(await cs.post(`/api/v1/orders/${remarked.id}/remarks`, { content: '改发中通', flag: 'grey' }), 201);
    expect(expectStatus(await undo(cs, remarked.id), 409).error.code).toBe('order_moved');

    const waved = await heldOrder();
    expectStatus(await cs.post(`/api/v1/orders/${waved.id}/approve`), 200);
    await t.tx((ctx) => advanceOrder(ctx, waved.id, 'start_fulfillment'));
    expect(expectStatus(await undo(cs, waved.id), 409).error.code).toBe('order_moved');
    expect((await orderOf(waved.id)).status).toBe('in_fulfillment');
  });

  it('is not stopped by someone only looking at the buyer’s data', async () => {
    const held = await heldOrder();
    expectStatus(await cs.post(`/api/v1/orders/${held.id}/approve`), 200);
    expectStatus(await cs.get(`/api/v1/orders/${held.id}?reveal=1`), 200);
    expect(expectStatus(await undo(cs, held.id), 200).status).toBe('on_hold');
  });

  it('needs the review permission', async () => {
    const warehouse = await t.signIn(['warehouse']);
    const held = await heldOrder();
    expectStatus(await cs.post(`/api/v1/orders/${held.id}/approve`), 200);
    expectStatus(await warehouse.post(`/api/v1/orders/${held.id}/undo-approve`), 403);
  });
});
