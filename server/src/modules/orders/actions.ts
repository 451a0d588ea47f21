import { recordEvent } from '../../platform/audit';
import { can, type Ctx } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { enqueue } from '../../platform/outbox';
import { consumeForOrder, releaseForOrder } from '../inventory';
import { requireOrder, toDetail, toSummary } from './detail';
import { holdsBuyerMoney, SHIPPED_STATUSES } from './guards';
import type { OrderDetail, OrderSummary, RemarkInput } from './model';
import * as repo from './repository';
import { hold } from './review';
import type { HoldReason } from './rules';
import { canTransition, type OrderAction, type OrderStatus } from './states';
import { statusOf, transition } from './transitions';

/** What staff and fulfillment do to an order after review: cancel, close, remarks and flags, picking to completion. */

type OrderRow = repo.OrderRow;

/** Cancels (reject in review included) and gives the reserved stock back. */
export async function cancelOrder(ctx: Ctx, id: number, reason: string): Promise<OrderDetail> {
  return toDetail(ctx, await cancelRow(ctx, await requireOrder(ctx, id, { lock: true }), reason), false);
}

export async function cancelRow(ctx: Ctx, row: OrderRow, reason: string): Promise<OrderRow> {
  const now = ctx.clock.now();
  const cancelled = await transition(ctx, row, 'cancel', { cancelledAt: now, closeReason: reason, reviewDueAt: null }, { reason, paidAmount: row.paidAmount });
  await releaseForOrder(ctx, row.id, `订单取消：${reason}`);
  if (row.status === 'pending_payment' && row.paidAmount === 0) await registerUnpaid(ctx, row, now, reason);
  // The buyer's money is still with the shop: the refund is owed, and after-sales picks it up from here.
  const owed = row.paidAmount - row.refundedAmount;
  if (owed > 0) await enqueue(ctx, 'refund.due', { orderId: row.id, orderNo: row.orderNo, shopId: row.shopId, amount: owed, reason });
  return cancelled;
}

/**
 * After-sales refunded all that was paid for an order not shipped: it is cancelled as staff cancel
 * it (stock released, a parcel in a wave intercepted by fulfillment's follower), then closed —
 * closed meaning paid and fully refunded. Nothing is owed, so no `refund.due`. A shipped order, or
 * one still holding the buyer's money, is left as it is. A refused move throws and the caller's
 * transaction (the refund) rolls back. Returns the order's status.
 */
export async function closeRefundedOrder(ctx: Ctx, id: number, reason: string): Promise<OrderStatus> {
  const row = await requireOrder(ctx, id, { lock: true });
  if (SHIPPED_STATUSES.includes(statusOf(row)) || holdsBuyerMoney(row)) return statusOf(row);
  const cancelled = row.status === 'cancelled' ? row : await cancelRow(ctx, row, reason);
  return statusOf(await closeRow(ctx, cancelled, reason));
}

/** Closes an unpaid order (timeout or by hand) into the unpaid register, releasing its stock. */
export async function closeOrder(ctx: Ctx, id: number, reason: string): Promise<OrderDetail> {
  return toDetail(ctx, await closeRow(ctx, await requireOrder(ctx, id, { lock: true }), reason), false);
}

export async function closeRow(ctx: Ctx, row: OrderRow, reason: string): Promise<OrderRow> {
  const shipped = SHIPPED_STATUSES.includes(statusOf(row));
  const now = ctx.clock.now();
  const closed = await transition(ctx, row, 'close', { closedAt: now, closeReason: reason, reviewDueAt: null }, { reason });
  // Shipped goods were taken from the ledger at shipment; only unshipped orders hold a reservation.
  if (!shipped) await releaseForOrder(ctx, row.id, `订单关闭：${reason}`);
  if (row.status === 'pending_payment') await registerUnpaid(ctx, row, now, reason);
  return closed;
}

/** 未付款明细表: an order that ended without being paid, with the reason when known. */
function registerUnpaid(ctx: Ctx, row: OrderRow, at: Date, reason: string): Promise<void> {
  return repo.insertUnpaidRegister(ctx, { orderId: row.id, shopId: row.shopId, orderNo: row.orderNo, buyerNick: row.buyerNick, total: row.total, orderCreatedAt: row.createdAt, closedAt: at, reason });
}

// ---- fulfillment (for the fulfillment module; no routes here) ----

export type FulfillmentAction = Extract<OrderAction, 'start_fulfillment' | 'ship' | 'deliver' | 'complete'>;

/**
 * Moves an order through picking, shipping, delivery and completion; a green-flagged order never
 * ships. `at` is when a delivery happened, as the carrier says (now when not given).
 */
export async function advanceOrder(ctx: Ctx, id: number, action: FulfillmentAction, opts: { at?: Date } = {}): Promise<OrderSummary> {
  const row = await requireOrder(ctx, id, { lock: true });
  const at = opts.at ?? ctx.clock.now();
  const patch = action === 'deliver' ? { deliveredAt: at } : action === 'complete' ? { completedAt: at } : {};
  const moved = await transition(ctx, row, action, patch, action === 'deliver' ? { deliveredAt: at.toISOString() } : {});
  // The parcel leaves the warehouse: its reserved units come off on hand in the same transaction.
  if (action === 'ship') await consumeForOrder(ctx, row.id);
  return toSummary(ctx, moved);
}

// ---- remarks ----

/**
 * A seller remark (备注) with its flag; the order takes the latest flag. A green flag puts the
 * order on hold where a hold is possible (an unpaid order is held by review once paid).
 */
export async function addRemark(ctx: Ctx, id: number, input: RemarkInput): Promise<OrderDetail> {
  const row = await requireOrder(ctx, id, { lock: true });
  if (row.flag === 'green' && input.flag !== 'green' && !can(ctx.actor, 'orders.review')) {
    throw forbidden('orders.review', '只有审单人员可以撤销绿旗（疑似虚假订单）');
  }
  const now = ctx.clock.now();
  const remark = await repo.insertRemark(ctx, { orderId: id, authorId: ctx.actor.id, authorName: ctx.actor.name, content: input.content, flag: input.flag, promiseDate: input.promiseDate ?? null, createdAt: now });
  let updated = await repo.updateOrder(ctx, id, { flag: input.flag, updatedAt: now });
  await recordEvent(ctx, { action: 'order.remark', entityType: 'order', entityId: id, before: { flag: row.flag }, after: { flag: input.flag, remarkId: remark.id, content: input.content, promiseDate: remark.promiseDate } });
  if (input.flag === 'green') updated = await holdForGreenFlag(ctx, updated);
  return toDetail(ctx, updated, false);
}

/**
 * A green flag stops the order: held, and out of the review clock — it waits to be checked and
 * cancelled (or its flag changed), not to be approved within the SLA.
 */
async function holdForGreenFlag(ctx: Ctx, row: OrderRow): Promise<OrderRow> {
  const reason: HoldReason = { rule: 'green_flag', message: '绿旗：疑似虚假或欺诈订单，禁止发货' };
  if (canTransition(statusOf(row), 'hold')) return hold(ctx, row, [reason], null);
  const reasons = row.holdReasons as HoldReason[];
  if (row.status !== 'on_hold' || reasons.some((r) => r.rule === reason.rule)) return row;
  return repo.updateOrder(ctx, row.id, { holdReasons: [...reasons, reason], reviewDueAt: null, updatedAt: ctx.clock.now() });
}
