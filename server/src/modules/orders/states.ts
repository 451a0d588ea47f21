import { StateError } from '../../platform/errors';
import type { Permission } from '../../platform/permissions';

/** Order states; docs/architecture.md ("Order states") walks through them. */
export const ORDER_STATUSES = [
  'pending_payment',
  'awaiting_review',
  'awaiting_fulfillment',
  'in_fulfillment',
  'shipped',
  'delivered',
  'completed',
  'on_hold',
  'cancelled',
  'closed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTIONS = [
  'pay',
  'confirm_cod',
  'approve',
  'undo_approve',
  'hold',
  'release',
  'cancel',
  'close',
  'start_fulfillment',
  'short_pick',
  'readdress',
  'ship',
  'deliver',
  'complete',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** The actions staff take by hand, each with the permission its route asks. */
export const STAFF_ACTION_PERMISSIONS = {
  pay: 'orders.pay',
  approve: 'orders.review',
  hold: 'orders.hold',
  release: 'orders.hold',
  cancel: 'orders.cancel',
  close: 'orders.cancel',
} as const satisfies Partial<Record<OrderAction, Permission>>;
export type StaffAction = keyof typeof STAFF_ACTION_PERMISSIONS;
export const STAFF_ACTIONS = Object.keys(STAFF_ACTION_PERMISSIONS) as StaffAction[];

/** How staff name each state and action (error messages; the web has its own locale files). */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  awaiting_review: '待审核',
  awaiting_fulfillment: '待发货',
  in_fulfillment: '配货中',
  shipped: '已发货',
  delivered: '已签收',
  completed: '交易成功',
  on_hold: '挂起/异常',
  cancelled: '已取消',
  closed: '已关闭',
};

const ORDER_ACTION_LABELS: Record<OrderAction, string> = {
  pay: '付款',
  confirm_cod: '确认货到付款',
  approve: '审核通过',
  undo_approve: '撤销审核',
  hold: '挂起',
  release: '解除挂起',
  cancel: '取消',
  close: '关闭',
  start_fulfillment: '开始配货',
  short_pick: '配货短拣',
  readdress: '改地址（拦截后重新配货）',
  ship: '发货',
  deliver: '签收',
  complete: '确认完成',
};

/** States a hold can come from; release returns the order to the one it came from. */
export const HOLDABLE_STATUSES = ['awaiting_review', 'awaiting_fulfillment'] as const satisfies readonly OrderStatus[];

/** Not yet shipped: candidates for duplicate detection and merging. */
export const UNSHIPPED_STATUSES = ['pending_payment', 'awaiting_review', 'awaiting_fulfillment', 'in_fulfillment', 'on_hold'] as const satisfies readonly OrderStatus[];

/**
 * The transition table: state → action → the state(s) it may lead to. Only `release` and `undo_approve`
 * have more than one target (back to where the hold or the approval came from); the service names which. `close` after shipment
 * or after a cancel is the fully-refunded case. Side effects live in the service, not here.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, Partial<Record<OrderAction, readonly OrderStatus[]>>> = {
  pending_payment: { pay: ['awaiting_review'], confirm_cod: ['awaiting_review'], cancel: ['cancelled'], close: ['closed'] },
  awaiting_review: { approve: ['awaiting_fulfillment'], hold: ['on_hold'], cancel: ['cancelled'] },
  on_hold: { approve: ['awaiting_fulfillment'], release: HOLDABLE_STATUSES, cancel: ['cancelled'] },
  // 撤销审核: back to where the approval took it from, seconds later (guards.ts says when)
  awaiting_fulfillment: { start_fulfillment: ['in_fulfillment'], undo_approve: ['awaiting_review', 'on_hold'], hold: ['on_hold'], cancel: ['cancelled'] },
  // cancelled or held in a wave: fulfillment intercepts the parcel (a follower of the move); short
  // picked (the stock was not in its bin), it goes back to review the same way — never a staff button;
  // its address changed (改地址), it is intercepted the same way and waits to be waved again
  in_fulfillment: { ship: ['shipped'], hold: ['on_hold'], short_pick: ['on_hold'], readdress: ['awaiting_fulfillment'], cancel: ['cancelled'] },
  shipped: { deliver: ['delivered'], close: ['closed'] },
  delivered: { complete: ['completed'], close: ['closed'] },
  completed: { close: ['closed'] },
  // cancelled with the buyer's money refunded in full (after-sales): closed (guards.ts keeps it to that)
  cancelled: { close: ['closed'] },
  closed: {},
};

export const TERMINAL_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => Object.keys(ORDER_TRANSITIONS[s]).length === 0);

export const canTransition = (current: OrderStatus, action: OrderAction): boolean => ORDER_TRANSITIONS[current][action] !== undefined;

/**
 * The state `action` leads to from `current`, or a StateError (409) naming both. `target` picks
 * among several allowed targets (release) and must be one of them.
 */
export function nextStatus(current: OrderStatus, action: OrderAction, target?: OrderStatus): OrderStatus {
  const targets = ORDER_TRANSITIONS[current][action];
  const refused = () => new StateError('订单', current, action, { state: ORDER_STATUS_LABELS[current], action: ORDER_ACTION_LABELS[action] });
  if (!targets) throw refused();
  const chosen = target ?? (targets.length === 1 ? targets[0] : undefined);
  if (!chosen || !targets.includes(chosen)) throw refused();
  return chosen;
}

export const isOrderStatus = (value: string): value is OrderStatus => (ORDER_STATUSES as readonly string[]).includes(value);
