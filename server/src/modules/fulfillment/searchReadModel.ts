/**
 * The search box's read across modules: the orders a waybill number ships — its parcel's order, or
 * every order of the merge group (合单) the parcel carries. Reads orders' `orders`, never writes it.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { orders } from '../orders/schema';
import { CARRIERS } from './carriers';
import { parcels } from './schema';

export async function orderIdsOfTrackingNo(ctx: Ctx, trackingNo: string): Promise<number[]> {
  // every carrier named, so the (carrier, tracking_no) index finds the parcel
  const rows = await rowsOf<{ id: number }>(
    ctx.db,
    sql`WITH p AS (
          SELECT order_id, merge_id FROM ${parcels}
          WHERE carrier IN (${sql.join(CARRIERS.map((c) => sql`${c}`), sql`, `)}) AND tracking_no = ${trackingNo}
        )
        SELECT order_id::int AS id FROM p
        UNION SELECT o.id::int FROM ${orders} AS o JOIN p ON o.merge_id = p.merge_id`,
  );
  return rows.map((r) => r.id);
}
