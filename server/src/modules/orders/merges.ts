import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, unprocessable } from '../../platform/errors';
import { requireOrder, toSummary } from './detail';
import * as groups from './mergeGroups';
import { mergeProblem, UNMERGEABLE_STATUSES, type MergeFacts } from './mergeRules';
import type { MergeGroup, OrderSummary } from './model';
import type { OrderRow } from './repository';
import { statusOf } from './transitions';

/**
 * Merge (合单): approved orders of one buyer to one address, shop and warehouse grouped to ship as one
 * parcel (a wave takes the group whole, the packing table packs it as one parcel, the door ships it
 * once). Rules in mergeRules.ts; fulfillment refuses an unmerge once the group's parcel is begun.
 */

const factsOf = (row: OrderRow): MergeFacts => ({ ...row, status: statusOf(row) });

async function groupView(ctx: Ctx, mergeId: number): Promise<MergeGroup> {
  return { id: mergeId, orders: (await groups.membersOf(ctx, mergeId)).map((o) => toSummary(ctx, o)) };
}

/** The other orders that could ship in one parcel with this one (none once it is waved, held or green-flagged). */
export async function mergeableOrders(ctx: Ctx, id: number): Promise<OrderSummary[]> {
  const base = await requireOrder(ctx, id);
  if (base.status !== 'awaiting_fulfillment' || base.flag === 'green') return [];
  return (await groups.mergeCandidates(ctx, base)).map((o) => toSummary(ctx, o));
}

/**
 * Merges the orders (at least two; orders of one group may be given with new ones, which join it).
 * 409 naming `orderIds.N` when one of them cannot ship with the first: its state, flag, shop, buyer,
 * address or warehouse; each order that joins is audited `order.merge` with the group's order numbers.
 */
export async function mergeOrders(ctx: Ctx, orderIds: number[]): Promise<MergeGroup> {
  const ids = [...new Set(orderIds)];
  if (ids.length < 2) throw unprocessable('too_few_orders', '合单至少需要两个不同的订单', [{ path: 'orderIds', message: String(ids.length) }]);
  const locked = new Map<number, OrderRow>();
  // locked in id order, so two merges of overlapping orders never deadlock
  for (const id of [...ids].sort((a, b) => a - b)) locked.set(id, await requireOrder(ctx, id, { lock: true }));
  const given = ids.map((id) => locked.get(id)!);
  const problem = mergeProblem(given.map(factsOf), (i) => `orderIds.${i}`);
  if (problem) throw conflict(problem.code, problem.message, [{ path: problem.path, message: problem.message }]);

  const existing = [...new Set(given.map((o) => o.mergeId).filter((m): m is number => m !== null))];
  if (existing.length > 1) {
    throw conflict('already_merged', '这些订单已分属不同的合单：请先取消其中一个合单', [{ path: `orderIds.${given.findIndex((o) => o.mergeId === existing[1])}`, message: String(existing[1]) }]);
  }
  const mergeId = existing[0] ?? (await groups.insertGroup(ctx, { shopId: given[0]!.shopId, warehouseId: given[0]!.warehouseId! }));
  if (existing[0] !== undefined) await groups.lockGroup(ctx, mergeId);
  const joining = given.filter((o) => o.mergeId !== mergeId);
  await groups.setMergeId(ctx, joining.map((o) => o.id), mergeId);
  const view = await groupView(ctx, mergeId);
  const orderNos = view.orders.map((o) => o.orderNo);
  for (const o of joining) await recordEvent(ctx, { action: 'order.merge', entityType: 'order', entityId: o.id, before: { mergeId: o.mergeId }, after: { mergeId, orderNos } });
  return view;
}

/** Takes the order out of its group (a group left with one order is dissolved). */
export async function unmergeOrder(ctx: Ctx, id: number): Promise<OrderSummary> {
  const row = await requireOrder(ctx, id, { lock: true });
  if (row.mergeId === null) throw conflict('not_merged', `订单 ${row.orderNo} 没有合单`, [{ path: 'id', message: String(id) }]);
  if (!UNMERGEABLE_STATUSES.includes(statusOf(row))) {
    throw conflict('cannot_unmerge', `订单 ${row.orderNo} 已不在待发货或配货中，不能取消合单`, [{ path: 'status', message: row.status }]);
  }
  await groups.leaveGroup(ctx, row, '取消合单');
  return toSummary(ctx, await requireOrder(ctx, id));
}
