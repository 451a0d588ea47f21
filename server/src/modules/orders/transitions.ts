import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { StateError, type AppError } from '../../platform/errors';
import type { OrderState } from './model';
import * as repo from './repository';
import type { Flag, HoldReason } from './rules';
import { ORDER_RULE_GUARDS } from './guards';
import { leaveGroup } from './mergeGroups';
import { canTransition, isOrderStatus, nextStatus, ORDER_STATUS_LABELS, STAFF_ACTION_PERMISSIONS, STAFF_ACTIONS, type OrderAction, type OrderStatus, type StaffAction } from './states';

/**
 * The order state machine at work. Every move goes through `transition`: the table in states.ts
 * says where an action may lead, every guard may refuse it, the move is written and audited, then
 * every follower reacts, all in the caller's transaction. Orders' own rules are the first guards
 * (guards.ts); modules above orders (fulfillment, after-sales) add theirs through the index, so
 * orders never imports them.
 */

/** States an order cannot ship from with its merge group (合单). */
const LEAVING_MERGE: readonly OrderStatus[] = ['on_hold', 'cancelled', 'closed'];

/** A move about to happen: the order as it stands, the action, and the state it would reach. */
export interface OrderMove {
  order: OrderState;
  action: OrderAction;
  to: OrderStatus;
}

/** Refuses a move with the error the caller gets (409 for a rule, 403 for who may), or lets it pass with null. */
export type OrderGuard = (ctx: Ctx, move: OrderMove) => AppError | null | Promise<AppError | null>;

/** Reacts to a move that was written, in the same transaction: a throw rolls the move back. */
export type OrderFollower = (ctx: Ctx, move: OrderMove & { after: OrderState }) => Promise<void>;

const guards: OrderGuard[] = [...ORDER_RULE_GUARDS];
const followers: OrderFollower[] = [];

/** Registers a guard once (apps built again in one process register the same function again). */
export function guardOrderTransitions(guard: OrderGuard): void {
  if (!guards.includes(guard)) guards.push(guard);
}

export function followOrderTransitions(follower: OrderFollower): void {
  if (!followers.includes(follower)) followers.push(follower);
}

type OrderRow = repo.OrderRow;

export const statusOf = (row: OrderRow) => row.status as OrderStatus;

export function stateOf(row: OrderRow): OrderState {
  return {
    id: row.id,
    orderNo: row.orderNo,
    shopId: row.shopId,
    status: statusOf(row),
    flag: row.flag as Flag | null,
    heldFromStatus: row.heldFromStatus as OrderStatus | null,
    holdReasons: row.holdReasons as HoldReason[],
    paidAmount: row.paidAmount,
    refundedAmount: row.refundedAmount,
    warehouseId: row.warehouseId,
  };
}

async function refusalOf(ctx: Ctx, move: OrderMove): Promise<AppError | null> {
  for (const guard of guards) {
    const refusal = await guard(ctx, move);
    if (refusal) return refusal;
  }
  return null;
}

/**
 * Moves the order along the transition table, or refuses with the table's 409 or a guard's error;
 * audits the move and lets the followers react. `target` picks among several allowed states (release).
 */
export async function transition(ctx: Ctx, row: OrderRow, action: OrderAction, patch: repo.OrderPatch = {}, detail: Record<string, unknown> = {}, target?: OrderStatus): Promise<OrderRow> {
  const move: OrderMove = { order: stateOf(row), action, to: nextStatus(statusOf(row), action, target) };
  const refusal = await refusalOf(ctx, move);
  if (refusal) throw refusal;
  const updated = await repo.updateOrder(ctx, row.id, { ...patch, status: move.to, updatedAt: ctx.clock.now() });
  await recordEvent(ctx, { action: `order.${action}`, entityType: 'order', entityId: row.id, before: { status: row.status }, after: { status: move.to, ...detail } });
  for (const follower of followers) await follower(ctx, { ...move, after: stateOf(updated) });
  // held, cancelled or closed, it leaves its merge group (after the followers: interception stops the group's parcel)
  if (row.mergeId !== null && LEAVING_MERGE.includes(move.to)) {
    await leaveGroup(ctx, row, `订单${ORDER_STATUS_LABELS[move.to]}`);
    return (await repo.findOrder(ctx, row.id))!;
  }
  return updated;
}

/** Where a release goes: back to the state the hold came from. */
export const releaseTarget = (row: OrderRow): OrderStatus | undefined => (row.heldFromStatus && isOrderStatus(row.heldFromStatus) ? row.heldFromStatus : undefined);

function plannedMove(row: OrderRow, action: StaffAction): OrderMove | null {
  if (!canTransition(statusOf(row), action)) return null;
  try {
    return { order: stateOf(row), action, to: nextStatus(statusOf(row), action, action === 'release' ? releaseTarget(row) : undefined) };
  } catch (err) {
    if (err instanceof StateError) return null;
    throw err;
  }
}

/** What this staff member can do to the order now: allowed by its state, by their permissions and by every guard. */
export async function availableActions(ctx: Ctx, row: OrderRow): Promise<StaffAction[]> {
  const actions: StaffAction[] = [];
  for (const action of STAFF_ACTIONS) {
    const move = ctx.actor.permissions.has(STAFF_ACTION_PERMISSIONS[action]) ? plannedMove(row, action) : null;
    if (move && !(await refusalOf(ctx, move))) actions.push(action);
  }
  return actions;
}
