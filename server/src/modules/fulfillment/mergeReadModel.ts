/**
 * Merge groups' (合单) reads across modules: the group's other orders a wave takes, its members in a
 * wave, and what of one member's units lie in a stopped parcel the group shares. They read orders'
 * `orders` and `order_items` besides fulfillment's own tables, and never write them.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { orderItems, orders } from '../orders/schema';
import { parcelLines, parcels, waveOrders } from './schema';

/** The other orders of these merge groups still to wave, locked (their first order is locked already, so no other wave reaches them). */
export function lockMergeMembers(ctx: Ctx, mergeIds: number[], taken: number[]): Promise<{ id: number; mergeId: number }[]> {
  if (mergeIds.length === 0) return Promise.resolve([]);
  return rowsOf<{ id: number; mergeId: number }>(
    ctx.db,
    sql`SELECT o.id::int AS id, o.merge_id::int AS "mergeId" FROM ${orders} AS o
         WHERE o.merge_id = ANY(${sql.param(mergeIds)}::bigint[]) AND o.status = 'awaiting_fulfillment' AND NOT o.id = ANY(${sql.param(taken)}::bigint[])
         ORDER BY o.id FOR UPDATE OF o`,
  );
}

export interface GroupMember {
  id: number;
  orderNo: string;
  status: string;
  interceptedAt: Date | string | null;
}

/** The orders of a merge group in this wave, first order first: what the group's parcel is packed for. */
export function groupMembersInWave(ctx: Ctx, mergeId: number, waveId: number): Promise<GroupMember[]> {
  return rowsOf<GroupMember>(
    ctx.db,
    sql`SELECT o.id::int AS id, o.order_no AS "orderNo", o.status, w.intercepted_at AS "interceptedAt"
          FROM ${orders} AS o JOIN ${waveOrders} AS w ON w.order_id = o.id AND w.wave_id = ${waveId}
         WHERE o.merge_id = ${mergeId} ORDER BY o.id`,
  );
}

/**
 * The units of this order scanned into its stopped (intercepted) parcels of the wave, per SKU, and
 * those parcels: a merge group's parcel carries other orders' lines, which are not this order's to return.
 */
export async function stoppedUnitsOf(ctx: Ctx, waveId: number, orderId: number): Promise<{ parcelIds: number[]; units: Map<number, number> }> {
  const rows = await rowsOf<{ parcelId: number; skuId: number; scanned: number }>(
    ctx.db,
    sql`SELECT p.id::int AS "parcelId", l.sku_id AS "skuId", SUM(l.scanned)::int AS scanned
          FROM ${parcels} AS p JOIN ${parcelLines} AS l ON l.parcel_id = p.id JOIN ${orderItems} AS i ON i.id = l.order_item_id
         WHERE p.wave_id = ${waveId} AND p.status = 'intercepted' AND i.order_id = ${orderId}
         GROUP BY p.id, l.sku_id ORDER BY p.id`,
  );
  const units = new Map<number, number>();
  for (const r of rows) units.set(r.skuId, (units.get(r.skuId) ?? 0) + r.scanned);
  return { parcelIds: [...new Set(rows.map((r) => r.parcelId))], units };
}
