import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { OrderRow } from './repository';
import { orders, shipmentMerges } from './schema';

/**
 * Merge groups' own queries, and an order leaving its group: unmerged by hand, or held, cancelled
 * or closed (transitions.ts), so a group never waits for an order that will not ship with it.
 */

export async function insertGroup(ctx: Ctx, values: { shopId: number; warehouseId: number }): Promise<number> {
  const [row] = await ctx.db
    .insert(shipmentMerges)
    .values({ ...values, createdBy: ctx.actor.id, createdAt: ctx.clock.now() })
    .returning({ id: shipmentMerges.id });
  return row!.id;
}

/** The group row locked: joining and leaving it run one after the other. */
export async function lockGroup(ctx: Ctx, mergeId: number): Promise<void> {
  await ctx.db.select({ id: shipmentMerges.id }).from(shipmentMerges).where(eq(shipmentMerges.id, mergeId)).for('update');
}

export async function setMergeId(ctx: Ctx, orderIds: number[], mergeId: number | null): Promise<void> {
  await ctx.db.update(orders).set({ mergeId, updatedAt: ctx.clock.now() }).where(inArray(orders.id, orderIds));
}

/** The orders of a group, by id. */
export const membersOf = (ctx: Ctx, mergeId: number): Promise<OrderRow[]> => ctx.db.select().from(orders).where(eq(orders.mergeId, mergeId)).orderBy(asc(orders.id));

/** Orders that could ship in one parcel with `base`: approved, not waved, same shop, buyer, address and warehouse, not green-flagged, not already in its group. */
export function mergeCandidates(ctx: Ctx, base: OrderRow): Promise<OrderRow[]> {
  if (base.customerId === null || base.addressIndex === null || base.warehouseId === null) return Promise.resolve([]);
  return ctx.db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.shopId, base.shopId),
        eq(orders.customerId, base.customerId),
        eq(orders.addressIndex, base.addressIndex),
        eq(orders.warehouseId, base.warehouseId),
        eq(orders.status, 'awaiting_fulfillment'),
        ne(orders.id, base.id),
        sql`${orders.flag} IS DISTINCT FROM 'green'`,
        base.mergeId === null ? sql`TRUE` : sql`${orders.mergeId} IS DISTINCT FROM ${base.mergeId}`,
      ),
    )
    .orderBy(asc(orders.id))
    .limit(50);
}

/**
 * The order leaves its group (audited `order.unmerge` with why); a group left with one order is
 * dissolved, that order shipping alone again.
 */
export async function leaveGroup(ctx: Ctx, order: Pick<OrderRow, 'id' | 'orderNo' | 'mergeId'>, why: string): Promise<void> {
  const mergeId = order.mergeId;
  if (mergeId === null) return;
  await lockGroup(ctx, mergeId);
  await setMergeId(ctx, [order.id], null);
  await recordEvent(ctx, { action: 'order.unmerge', entityType: 'order', entityId: order.id, before: { mergeId }, after: { mergeId: null, why } });
  const left = await membersOf(ctx, mergeId);
  if (left.length >= 2) return;
  await setMergeId(ctx, left.map((o) => o.id), null);
  await ctx.db.update(shipmentMerges).set({ dissolvedAt: ctx.clock.now() }).where(eq(shipmentMerges.id, mergeId));
  for (const o of left) {
    await recordEvent(ctx, { action: 'order.unmerge', entityType: 'order', entityId: o.id, before: { mergeId }, after: { mergeId: null, why: `合单中的订单 ${order.orderNo} 已移出，只剩本单，合单取消` } });
  }
}
