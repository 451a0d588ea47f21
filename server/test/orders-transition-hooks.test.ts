import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client';
import { followOrderTransitions, guardOrderTransitions, type OrderMove } from '../src/modules/orders';
import { conflict } from '../src/platform/errors';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makeOrder, makePaidOrder, orderInput, seedCatalog } from './factories';

/**
 * A module above orders (fulfillment, after-sales) stops or follows an order's moves through the
 * guards and followers it registers, without orders importing it. These stand in for such a module;
 * they act only on the orders this file marks, by order number.
 */

let t: TestApp;
let admin: Client;
let cs: Client;
let catalog: Awaited<ReturnType<typeof seedCatalog>>;

const guarded = new Set<string>();
const failingFollower = new Set<string>();
const followed: { orderNo: string; action: string; from: string; to: string; afterStatus: string; lastEvent: string }[] = [];

guardOrderTransitions((_ctx, { order, action }: OrderMove) =>
  action === 'cancel' && guarded.has(order.orderNo) ? conflict('parcel_being_packed', `订单 ${order.orderNo} 正在打包，请先拦截`) : null,
);
followOrderTransitions(async (ctx, move) => {
  if (failingFollower.has(move.order.orderNo)) throw conflict('follower_failed', '下游处理失败');
  // the move's own audit event is already written, in this transaction
  const [last] = await rowsOf<{ action: string }>(ctx.db, sql`SELECT action FROM audit_events WHERE entity_type = 'order' AND entity_id = ${String(move.order.id)} ORDER BY id DESC LIMIT 1`);
  followed.push({ orderNo: move.order.orderNo, action: move.action, from: move.order.status, to: move.to, afterStatus: move.after.status, lastEvent: last!.action });
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  catalog = await seedCatalog(admin, { skuCount: 1, stock: 100 });
});
afterAll(() => t.close());

const input = () => orderInput(catalog.shop.code, catalog.skus);
const reserved = async () => expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${catalog.skus[0]!.code}`), 200).items[0].reserved as number;
const eventCount = async (id: number) => expectStatus(await admin.get(`/api/v1/orders/${id}/events`), 200).items.length as number;

describe('a registered guard', () => {
  it('refuses the move with its own error, and nothing of the move is written', async () => {
    const order = await makeOrder(cs, input());
    guarded.add(order.orderNo);
    const [stockBefore, eventsBefore] = [await reserved(), await eventCount(order.id)];
    const res = await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '买家不要了' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'parcel_being_packed', message: `订单 ${order.orderNo} 正在打包，请先拦截` });
    expect(expectStatus(await cs.get(`/api/v1/orders/${order.id}`), 200).status).toBe('pending_payment');
    expect([await reserved(), await eventCount(order.id)]).toEqual([stockBefore, eventsBefore]);
  });

  it('takes the refused action off the order detail, and leaves other orders alone', async () => {
    const [stopped, free] = [await makeOrder(cs, input()), await makeOrder(cs, input())];
    guarded.add(stopped.orderNo);
    expect(expectStatus(await cs.get(`/api/v1/orders/${stopped.id}`), 200).actions).not.toContain('cancel');
    expect(expectStatus(await cs.get(`/api/v1/orders/${free.id}`), 200).actions).toContain('cancel');
    expectStatus(await cs.post(`/api/v1/orders/${free.id}/cancel`, { reason: '买家不要了' }), 200);
  });
});

describe('a registered follower', () => {
  it('sees every move after it is written and audited, in the same transaction', async () => {
    const order = await makePaidOrder(cs, input());
    const moves = followed.filter((m) => m.orderNo === order.orderNo);
    // paid at intake: pay, then automatic review approves
    expect(moves.map(({ orderNo: _no, ...move }) => move)).toEqual([
      { action: 'pay', from: 'pending_payment', to: 'awaiting_review', afterStatus: 'awaiting_review', lastEvent: 'order.pay' },
      { action: 'approve', from: 'awaiting_review', to: 'awaiting_fulfillment', afterStatus: 'awaiting_fulfillment', lastEvent: 'order.approve' },
    ]);
  });

  it('rolls the move back when it fails', async () => {
    const order = await makeOrder(cs, input());
    failingFollower.add(order.orderNo);
    const stockBefore = await reserved();
    const res = await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '买家不要了' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('follower_failed');
    expect(expectStatus(await cs.get(`/api/v1/orders/${order.id}`), 200).status).toBe('pending_payment');
    expect(await reserved()).toBe(stockBefore);
  });
});
