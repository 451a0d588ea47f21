import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, SECOND } from '../src/platform/clock';
import type { Channel, OutboxMessage } from '../src/platform/delivery/channels';
import { dispatchOutbox } from '../src/platform/delivery/dispatcher';
import { expectStatus, makePaidOrder, orderInput, seedCatalog } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

/** 撤销审核 takes back the buyer's 订单已确认: a person's approval holds it for the undo window, and the undo withdraws it. */

/** The undo window (15 s) and a margin of 5 s. */
const APPROVAL_NOTICE_HOLD_SECONDS = 20;

let t: TestApp;
let admin: Client;
let cs: Client;
let catalog: Awaited<ReturnType<typeof seedCatalog>>;
const delivered: OutboxMessage[] = [];
const buyerChannel: Channel = {
  name: 'buyer',
  topics: ['customer.notify'],
  deliver(message) {
    delivered.push(message);
    return Promise.resolve();
  },
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale'], 'xiaocai');
  catalog = await seedCatalog(admin, { skuCount: 1, stock: 100 });
});
afterAll(() => t.close());

/** Held by the message rule, so a person approves it. */
const heldOrder = () => makePaidOrder(cs, orderInput(catalog.shop.code, catalog.skus, { buyerMessage: '请发顺丰' }));
const approve = async (id: number) => expectStatus(await cs.post(`/api/v1/orders/${id}/approve`), 200);
const undo = async (id: number) => expectStatus(await cs.post(`/api/v1/orders/${id}/undo-approve`), 200);
const confirmationsOf = (orderId: number) => delivered.filter((m) => m.payload.kind === 'order_confirmed' && m.payload.orderId === orderId);
const dispatch = (deps = t.deps) => dispatchOutbox(deps, [buyerChannel]);

describe('the buyer’s 订单已确认 and 撤销审核', () => {
  it('is withdrawn by an undo within the window: no dispatcher run ever sends it', async () => {
    const order = await heldOrder();
    await approve(order.id);
    await dispatch();
    expect(confirmationsOf(order.id)).toEqual([]);
    t.clock.advance(12 * SECOND);
    const back = await undo(order.id);
    expect(back.status).toBe('on_hold');
    const event = back.events.at(-1);
    expect(event).toMatchObject({ action: 'order.undo_approve', after: { status: 'on_hold', noticeWithdrawn: true, outboxId: expect.any(Number) } });
    t.clock.advance(APPROVAL_NOTICE_HOLD_SECONDS * SECOND);
    await dispatch();
    expect(confirmationsOf(order.id)).toEqual([]);
    const { rows } = await t.deps.database.query('SELECT count(*)::int AS n FROM outbox WHERE id = $1', [event.after.outboxId]);
    expect(rows[0]!.n).toBe(0);

    // approved again: the new confirmation is its own message, sent once the window has passed
    await approve(order.id);
    t.clock.advance(APPROVAL_NOTICE_HOLD_SECONDS * SECOND);
    await dispatch();
    expect(confirmationsOf(order.id)).toHaveLength(1);
  });

  it('is sent by the dispatcher once the undo window has passed, not before', async () => {
    const order = await heldOrder();
    await approve(order.id);
    t.clock.advance((APPROVAL_NOTICE_HOLD_SECONDS - 1) * SECOND);
    await dispatch();
    expect(confirmationsOf(order.id)).toEqual([]);
    t.clock.advance(SECOND);
    await dispatch();
    expect(confirmationsOf(order.id).map((m) => m.payload)).toEqual([expect.objectContaining({ orderNo: order.orderNo, message: expect.stringContaining('已确认') })]);
  });

  it('cannot be withdrawn once a dispatcher has delivered it; the undo stands and says so', async () => {
    const order = await heldOrder();
    await approve(order.id);
    // a worker whose clock runs ahead of this server's finds the notice due and delivers it
    const ahead = new FakeClock(new Date(t.clock.now().getTime() + (APPROVAL_NOTICE_HOLD_SECONDS + 1) * SECOND));
    await dispatch({ ...t.deps, clock: ahead });
    expect(confirmationsOf(order.id)).toHaveLength(1);
    t.clock.advance(5 * SECOND);
    const back = await undo(order.id);
    expect(back.status).toBe('on_hold');
    expect(back.events.at(-1)).toMatchObject({ action: 'order.undo_approve', after: { noticeWithdrawn: false } });
    const { rows } = await t.deps.database.query('SELECT sent_at IS NOT NULL AS sent FROM outbox WHERE id = $1', [back.events.at(-1).after.outboxId]);
    expect(rows).toEqual([{ sent: true }]);
    t.clock.advance(APPROVAL_NOTICE_HOLD_SECONDS * SECOND);
    await dispatch();
    expect(confirmationsOf(order.id)).toHaveLength(1);
  });

  it('goes at once for an order the automatic review approved, which nobody can undo', async () => {
    const order = await makePaidOrder(cs, orderInput(catalog.shop.code, catalog.skus));
    expect(order.status).toBe('awaiting_fulfillment');
    await dispatch();
    expect(confirmationsOf(order.id)).toHaveLength(1);
  });
});
