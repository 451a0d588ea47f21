import { lastEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, forbidden, type AppError } from '../../platform/errors';
import { ROLE_LABELS, type Role } from '../../platform/permissions';
import type { OrderState } from './model';
import { UNDO_APPROVE_SECONDS } from './rules';
import type { OrderGuard, OrderMove } from './transitions';
import type { OrderStatus } from './states';

/**
 * Orders' own rules on top of the transition table, as guards of its transitions (transitions.ts
 * asks them first, then what other modules registered). Each answers the refusal or null.
 */

/** A green flag marks a suspected fake or fraudulent order: it is never let through to shipping. */
const greenFlagRefusal = (order: OrderState, action: string) =>
  conflict('green_flag', `订单 ${order.orderNo} 标记为绿旗（疑似虚假/欺诈订单），不能${action}；请取消订单或先改为其他旗色`, [{ path: 'flag', message: 'green' }]);

const GREEN_FLAG_STOPS: Partial<Record<OrderMove['action'], string>> = { approve: '审核通过', release: '解除挂起', start_fulfillment: '发货', ship: '发货' };

const greenFlagGuard: OrderGuard = (_ctx, { order, action }) => {
  const stopped = GREEN_FLAG_STOPS[action];
  return stopped && order.flag === 'green' ? greenFlagRefusal(order, stopped) : null;
};

/** Held after approval: it was approved once (and the buyer told); it goes back by release. */
const reviewHoldGuard: OrderGuard = (_ctx, { order, action }) =>
  action === 'approve' && order.status === 'on_hold' && order.heldFromStatus !== 'awaiting_review'
    ? conflict('not_a_review_hold', `订单 ${order.orderNo} 是审核通过后挂起的，请使用"解除挂起"`, [{ path: 'heldFromStatus', message: String(order.heldFromStatus) }])
    : null;

/** Closed means no money left with the shop: unpaid, or paid and fully refunded. */
export const holdsBuyerMoney = (order: Pick<OrderState, 'paidAmount' | 'refundedAmount'>) => order.paidAmount > order.refundedAmount;

/** Once goods have left, only a full refund ends the order: a COD or free order that shipped is a sale. */
export const SHIPPED_STATUSES: readonly OrderStatus[] = ['shipped', 'delivered', 'completed'];

const closeGuard: OrderGuard = (_ctx, { order, action }) => {
  if (action !== 'close') return null;
  const owed = order.paidAmount - order.refundedAmount;
  if (holdsBuyerMoney(order)) return conflict('refund_required', `订单 ${order.orderNo} 还有 ${owed} 分已付款未退，退款后才能关闭`, [{ path: 'paidAmount', message: String(owed) }]);
  if (order.status === 'cancelled' && order.paidAmount === 0) {
    return conflict('not_refunded', `订单 ${order.orderNo} 已取消且未付款，无需关闭`, [{ path: 'status', message: order.status }]);
  }
  if (SHIPPED_STATUSES.includes(order.status) && order.paidAmount === 0) {
    return conflict('not_refunded', `订单 ${order.orderNo} 已发货，只有全额退款后才能关闭`, [{ path: 'status', message: order.status }]);
  }
  return null;
};

/**
 * Who may lift a hold beyond the route's permission (403): whoever may review orders, or a role
 * that placed it. The warehouse cannot lift the hold customer service placed for an address change,
 * and a risk hold waits for a reviewer.
 */
const releaserGuard: OrderGuard = (ctx: Ctx, { order, action }): AppError | null => {
  if (action !== 'release' || ctx.actor.permissions.has('orders.review')) return null;
  const reasons = order.holdReasons;
  const placers = [...new Set(reasons.flatMap((r) => (r.rule === 'manual' ? (r.heldByRoles ?? []) : [])))];
  const placedByActor = reasons.length > 0 && reasons.every((r) => r.rule === 'manual' && r.heldByRoles?.some((role) => ctx.actor.roles.includes(role)));
  if (placedByActor) return null;
  const by = placers.map((role) => ROLE_LABELS[role as Role] ?? role).join('、');
  return forbidden('orders.review', by ? `这个订单由${by}挂起，只有审单人员或${by}可以解除挂起` : '这个订单因风控规则挂起，只有审单人员可以解除挂起');
};

/** Events that only read the order: they do not stop an approval being taken back. */
export const ORDER_READ_EVENTS = ['order.pii.reveal'] as const;

export const orderMovedRefusal = (order: Pick<OrderState, 'orderNo'>) =>
  conflict('order_moved', `订单 ${order.orderNo} 审核通过后已有其他操作（配货、合单、备注或改动），不能撤销审核；如需拦截请挂起订单`, [{ path: 'status', message: 'moved' }]);

/**
 * 撤销审核: only the reviewer's own approval, within UNDO_APPROVE_SECONDS, and only while it is the
 * last thing that happened to the order — not waved, merged, remarked or changed since.
 */
const undoApproveGuard: OrderGuard = async (ctx, { order, action }) => {
  if (action !== 'undo_approve') return null;
  const last = await lastEvent(ctx, 'order', order.id, ORDER_READ_EVENTS);
  if (last?.action !== 'order.approve') return orderMovedRefusal(order);
  if (last.actorId === null || last.actorId !== ctx.actor.id) {
    return conflict('not_own_approval', `订单 ${order.orderNo} 是${last.actorName}审核通过的，只有审核人本人可以撤销`, [{ path: 'actor', message: last.actorName }]);
  }
  const seconds = Math.floor((ctx.clock.now().getTime() - new Date(last.at).getTime()) / 1000);
  return seconds > UNDO_APPROVE_SECONDS
    ? conflict('undo_expired', `订单 ${order.orderNo} 审核通过已超过 ${UNDO_APPROVE_SECONDS} 秒，不能撤销；如需拦截请挂起订单`, [{ path: 'approvedAt', message: last.at }])
    : null;
};

export const ORDER_RULE_GUARDS: readonly OrderGuard[] = [greenFlagGuard, reviewHoldGuard, closeGuard, releaserGuard, undoApproveGuard];
