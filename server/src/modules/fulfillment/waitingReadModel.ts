/**
 * What waits at each station after the wave (待处理包裹): orders to pack (待验货), parcels to weigh
 * (待称重) and to ship (待发货). Each stage is defined once, as the rows it takes, and both its list
 * and its count (the 工作台's counter, the list's tabs) read that definition, so a counter always
 * opens exactly what it counts. Besides fulfillment's own tables they read orders' `orders` and
 * `order_items` and platform's `users`; they never write them.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { users } from '../../platform/schema';
import type { Carrier } from '../catalog';
import { orderItems, orders } from '../orders/schema';
import { normalizeTrackingNo } from './carriers';
import type { WaitingCounts, WaitingListQuery, WaitingRow, WaitingStage } from './model';
import { toShip } from './readModel';
import { parcelLines, parcels, waveOrders, waves } from './schema';

/** A parcel `c` carrying the order `o`: its own, or its merge group's (合单: the group's parcel names its first order). */
const carriesOrder = sql`(c.order_id = o.id OR c.merge_id = o.merge_id)`;

/**
 * Each stage's rows, FROM … WHERE. 待验货: an order in fulfillment whose latest wave did not
 * intercept it and that no closed parcel (packed, weighed or shipped) carries; its packing session
 * may be open. 待称重: a parcel closed and not yet weighed within the tolerance (a weighing that was
 * off leaves it packed). 待发货: a parcel whose weight passed or was let go.
 */
const STAGE_FROM: Record<WaitingStage, SQL> = {
  to_pack: sql`FROM ${orders} AS o
    JOIN LATERAL (SELECT wo.wave_id, wo.slot, wo.carrier, wo.intercepted_at FROM ${waveOrders} AS wo WHERE wo.order_id = o.id ORDER BY wo.wave_id DESC LIMIT 1) AS w ON TRUE
    JOIN ${waves} AS v ON v.id = w.wave_id
   WHERE o.status = 'in_fulfillment' AND w.intercepted_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM ${parcels} AS c WHERE ${carriesOrder} AND c.status IN ('packed', 'weighed', 'shipped'))`,
  to_weigh: sql`FROM ${parcels} AS p JOIN ${orders} AS o ON o.id = p.order_id LEFT JOIN ${waves} AS v ON v.id = p.wave_id WHERE p.status = 'packed'`,
  to_ship: sql`FROM ${parcels} AS p JOIN ${orders} AS o ON o.id = p.order_id LEFT JOIN ${waves} AS v ON v.id = p.wave_id WHERE p.status = 'weighed'`,
};

/** The number typed or scanned, whole or its end: the order's (a merged parcel's other orders' too) or the parcel's tracking number. */
function searchOf(stage: WaitingStage, q: string | undefined): SQL {
  if (!q) return sql``;
  const orderNo = q.toUpperCase();
  const endsWith = (column: SQL, text: string) => sql`right(${column}, ${text.length}) = ${text}`;
  if (stage === 'to_pack') return sql`AND ${endsWith(sql`o.order_no`, orderNo)}`;
  // spaces and dashes are dropped from a tracking number: what is left of "- -" ends every one
  const trackingNo = normalizeTrackingNo(q);
  const byTrackingNo = trackingNo ? sql`OR ${endsWith(sql`p.tracking_no`, trackingNo)}` : sql``;
  return sql`AND (${endsWith(sql`o.order_no`, orderNo)} ${byTrackingNo}
    OR (p.merge_id IS NOT NULL AND EXISTS (SELECT 1 FROM ${orders} AS m WHERE m.merge_id = p.merge_id AND ${endsWith(sql`m.order_no`, orderNo)})))`;
}

/** How many wait at `stage` (of those `q` finds), as a scalar subquery: the 工作台 counts all three in its one query. */
export const waitingCountSql = (stage: WaitingStage, q?: string): SQL => sql`(SELECT count(*)::int ${STAGE_FROM[stage]} ${searchOf(stage, q)})`;

export async function waitingCounts(ctx: Ctx, q: string | undefined): Promise<WaitingCounts> {
  const [row] = await rowsOf<WaitingCounts['byStage']>(
    ctx.db,
    sql`SELECT ${waitingCountSql('to_pack', q)} AS to_pack, ${waitingCountSql('to_weigh', q)} AS to_weigh, ${waitingCountSql('to_ship', q)} AS to_ship`,
  );
  return { byStage: row! };
}

type Time = Date | string | null;
interface WaitingDbRow extends Omit<WaitingRow, 'stage' | 'status' | 'carrier' | 'packedAt' | 'weighedAt' | 'waitingSince'> {
  status: WaitingRow['status'];
  carrier: Carrier;
  packedAt: Time;
  weighedAt: Time;
  waitingSince: Date | string;
}

const nameOf = (column: SQL) => sql`(SELECT u.display_name FROM ${users} AS u WHERE u.id = ${column})`;

/** A page of the orders waiting to be packed, the wave that took them earliest first. */
const toPackRows = (search: SQL, limit: number, offset: number) => sql`
  SELECT o.id::int AS "orderId", o.order_no AS "orderNo",
         (SELECT c.id::int FROM ${parcels} AS c WHERE ${carriesOrder} AND c.status = 'packing' ORDER BY c.id LIMIT 1) AS "parcelId", NULL AS status,
         w.wave_id AS "waveId", v.wave_no AS "waveNo", w.slot, w.carrier, NULL AS "trackingNo",
         (SELECT coalesce(sum(${toShip}), 0) FROM ${orderItems} AS i WHERE i.order_id = o.id)::int AS units,
         NULL AS "expectedGrams", NULL AS "weighedGrams", NULL AS "weightVerdict",
         NULL AS "packedByName", NULL AS "packedAt", NULL AS "weighedByName", NULL AS "weighedAt", v.created_at AS "waitingSince"
    ${STAGE_FROM.to_pack} ${search}
   ORDER BY v.created_at, w.slot NULLS LAST, o.id
   LIMIT ${limit} OFFSET ${offset}`;

/** A page of the parcels waiting at the scale (since closed) or at the door (since weighed), the longest waiting first. */
function parcelRows(stage: 'to_weigh' | 'to_ship', search: SQL, limit: number, offset: number): SQL {
  const since = stage === 'to_weigh' ? sql`p.packed_at` : sql`coalesce(p.weighed_at, p.packed_at)`;
  return sql`
  SELECT o.id::int AS "orderId", o.order_no AS "orderNo", p.id::int AS "parcelId", p.status,
         p.wave_id AS "waveId", v.wave_no AS "waveNo",
         (SELECT wo.slot FROM ${waveOrders} AS wo WHERE wo.wave_id = p.wave_id AND wo.order_id = p.order_id) AS slot,
         p.carrier, p.tracking_no AS "trackingNo",
         (SELECT coalesce(sum(l.expected), 0) FROM ${parcelLines} AS l WHERE l.parcel_id = p.id)::int AS units,
         p.expected_grams AS "expectedGrams", p.weighed_grams AS "weighedGrams", p.weight_verdict AS "weightVerdict",
         ${nameOf(sql`p.packed_by`)} AS "packedByName", p.packed_at AS "packedAt",
         ${nameOf(sql`p.weighed_by`)} AS "weighedByName", p.weighed_at AS "weighedAt", coalesce(${since}, p.opened_at) AS "waitingSince"
    ${STAGE_FROM[stage]} ${search}
   ORDER BY coalesce(${since}, p.opened_at), p.id
   LIMIT ${limit} OFFSET ${offset}`;
}

const isoOf = (t: Time) => (t === null ? null : new Date(t).toISOString());

/** One page of what waits at the stage, oldest first, and how many wait there in all. */
export async function waitingList(ctx: Ctx, q: WaitingListQuery): Promise<{ items: WaitingRow[]; total: number; page: number; pageSize: number }> {
  const search = searchOf(q.stage, q.q);
  const offset = (q.page - 1) * q.pageSize;
  const page = q.stage === 'to_pack' ? toPackRows(search, q.pageSize, offset) : parcelRows(q.stage, search, q.pageSize, offset);
  const rows = await rowsOf<WaitingDbRow>(ctx.db, page);
  // a page not filled is the end of the list: it says the total, with no count to run
  const lastPage = rows.length < q.pageSize && (rows.length > 0 || offset === 0);
  const total = lastPage ? offset + rows.length : (await rowsOf<{ n: number }>(ctx.db, sql`SELECT ${waitingCountSql(q.stage, q.q)} AS n`))[0]!.n;
  const items = rows.map((r) => ({
    ...r,
    stage: q.stage,
    // at 待验货 a parcel is only ever its open packing session
    status: q.stage === 'to_pack' ? (r.parcelId === null ? null : 'packing') : r.status,
    packedAt: isoOf(r.packedAt),
    weighedAt: isoOf(r.weighedAt),
    waitingSince: new Date(r.waitingSince).toISOString(),
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
