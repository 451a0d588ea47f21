/**
 * Logistics' reads across modules: shipped parcels and their orders. Besides its own tables they
 * read fulfillment's `parcels`, orders' `orders` and platform's `users`; they never write them.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { users } from '../../platform/schema';
import type { Carrier } from '../catalog';
import { parcels } from '../fulfillment/schema';
import { orders } from '../orders/schema';
import type { ExceptionListQuery, TrackingStatus } from './model';
import { logisticsExceptions, trackingEvents } from './schema';

export interface ShippedParcel {
  id: number;
  orderId: number;
  carrier: Carrier;
  trackingNo: string;
  shippedAt: Date | string;
}

/** The shipped parcel a carrier's tracking number names. */
export async function shippedParcel(ctx: Ctx, carrier: Carrier, trackingNo: string): Promise<ShippedParcel | null> {
  const [row] = await rowsOf<ShippedParcel>(
    ctx.db,
    sql`SELECT p.id::int AS id, p.order_id::int AS "orderId", p.carrier, p.tracking_no AS "trackingNo", p.shipped_at AS "shippedAt"
          FROM ${parcels} AS p WHERE p.carrier = ${carrier} AND p.tracking_no = ${trackingNo} AND p.status = 'shipped'`,
  );
  return row ?? null;
}

export async function orderStatus(ctx: Ctx, orderId: number): Promise<string | null> {
  const [row] = await rowsOf<{ status: string }>(ctx.db, sql`SELECT status FROM ${orders} WHERE id = ${orderId}`);
  return row?.status ?? null;
}

/** Whether every shipped parcel of the order has a delivery event: the order is then delivered. */
export async function allParcelsDelivered(ctx: Ctx, orderId: number): Promise<boolean> {
  const [row] = await rowsOf<{ waiting: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS waiting FROM ${parcels} AS p
         WHERE p.order_id = ${orderId} AND p.status = 'shipped'
           AND NOT EXISTS (SELECT 1 FROM ${trackingEvents} AS e WHERE e.parcel_id = p.id AND e.status = 'delivered')`,
  );
  return row!.waiting === 0;
}

/** Whether the parcel already had an exception of this kind raised for news no newer than `since`. */
export async function raisedSince(ctx: Ctx, parcelId: number, kind: string, since: Date | string): Promise<boolean> {
  const [row] = await rowsOf<{ n: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS n FROM ${logisticsExceptions} WHERE parcel_id = ${parcelId} AND kind = ${kind} AND (status <> 'resolved' OR detected_at > ${new Date(since).toISOString()})`,
  );
  return row!.n > 0;
}

export interface NewestEvent {
  status: TrackingStatus;
  occurredAt: Date | string;
}

export async function newestEvent(ctx: Ctx, parcelId: number): Promise<NewestEvent | null> {
  const [row] = await rowsOf<NewestEvent>(
    ctx.db,
    sql`SELECT status, occurred_at AS "occurredAt" FROM ${trackingEvents} WHERE parcel_id = ${parcelId} ORDER BY occurred_at DESC, id DESC LIMIT 1`,
  );
  return row ?? null;
}

export interface QuietParcel {
  id: number;
  orderId: number;
  shippedAt: Date | string;
  /** Null: the carrier never picked it up. */
  lastEventAt: Date | string | null;
  lastDescription: string | null;
}

/**
 * Shipped parcels on their way with no news for too long: none since shipping `notPickedUpBefore`,
 * or the newest event before `staleBefore`. Delivered and returned parcels have arrived somewhere.
 * A parcel already raised for that silence is left out (an exception open, or one handled since its last news).
 * Only parcels shipped since `shippedSince` are looked at: older ones were dealt with long ago.
 */
export function quietParcels(ctx: Ctx, q: { notPickedUpBefore: Date; staleBefore: Date; shippedSince: Date; limit: number }): Promise<QuietParcel[]> {
  return rowsOf<QuietParcel>(
    ctx.db,
    sql`SELECT p.id::int AS id, p.order_id::int AS "orderId", p.shipped_at AS "shippedAt", e.occurred_at AS "lastEventAt", e.description AS "lastDescription"
          FROM ${parcels} AS p
          LEFT JOIN LATERAL (SELECT occurred_at, status, description FROM ${trackingEvents} WHERE parcel_id = p.id ORDER BY occurred_at DESC, id DESC LIMIT 1) AS e ON TRUE
         WHERE p.status = 'shipped' AND p.shipped_at >= ${q.shippedSince.toISOString()}
           AND ((e.occurred_at IS NULL AND p.shipped_at < ${q.notPickedUpBefore.toISOString()})
             OR (e.status NOT IN ('delivered', 'returned') AND e.occurred_at < ${q.staleBefore.toISOString()}))
           AND NOT EXISTS (SELECT 1 FROM ${logisticsExceptions} AS x
                            WHERE x.parcel_id = p.id AND x.kind = CASE WHEN e.occurred_at IS NULL THEN 'not_picked_up' ELSE 'stale' END
                              AND (x.status <> 'resolved' OR x.detected_at > coalesce(e.occurred_at, p.shipped_at)))
         ORDER BY p.shipped_at LIMIT ${q.limit}`,
  );
}

export interface ParcelTimelineRow {
  id: number;
  carrier: Carrier;
  trackingNo: string | null;
  status: string;
  shippedAt: Date | string | null;
}

export function parcelsOfOrder(ctx: Ctx, orderId: number): Promise<ParcelTimelineRow[]> {
  return rowsOf<ParcelTimelineRow>(
    ctx.db,
    sql`SELECT id::int AS id, carrier, tracking_no AS "trackingNo", status, shipped_at AS "shippedAt" FROM ${parcels} WHERE order_id = ${orderId} ORDER BY id`,
  );
}

/** Parcels with this tracking number (whatever the carrier), or the parcels of the order with this number; newest first. */
export function parcelsNamed(ctx: Ctx, q: { trackingNo: string; orderNo: string; limit: number }): Promise<(ParcelTimelineRow & { orderId: number; orderNo: string })[]> {
  return rowsOf(
    ctx.db,
    sql`SELECT p.id::int AS id, p.carrier, p.tracking_no AS "trackingNo", p.status, p.shipped_at AS "shippedAt", p.order_id::int AS "orderId", o.order_no AS "orderNo"
          FROM ${parcels} AS p JOIN ${orders} AS o ON o.id = p.order_id
         WHERE p.tracking_no = ${q.trackingNo} OR o.order_no = ${q.orderNo}
         ORDER BY p.id DESC LIMIT ${q.limit}`,
  );
}

export interface ExceptionRow {
  id: number;
  kind: string;
  detail: string;
  status: string;
  orderId: number;
  orderNo: string;
  parcelId: number;
  carrier: Carrier;
  trackingNo: string | null;
  detectedAt: Date | string;
  contactDueAt: Date | string;
  escalatedAt: Date | string | null;
  contactedAt: Date | string | null;
  contactedByName: string | null;
  contactChannel: string | null;
  contactNote: string | null;
  outcome: string | null;
  outcomeNote: string | null;
  resolvedAt: Date | string | null;
}

/** Exceptions with their order and parcel, the contact deadline soonest first (overdue on top). */
export async function exceptionRows(ctx: Ctx, q: Partial<ExceptionListQuery> & { id?: number }, page = { limit: 1, offset: 0 }): Promise<{ rows: ExceptionRow[]; total: number }> {
  const conditions: SQL[] = [sql`TRUE`];
  const overdue = sql`(x.status = 'open' AND x.contact_due_at < ${ctx.clock.now().toISOString()})`;
  if (q.id !== undefined) conditions.push(sql`x.id = ${q.id}`);
  if (q.status === 'active') conditions.push(sql`x.status <> 'resolved'`);
  else if (q.status !== undefined) conditions.push(sql`x.status = ${q.status}`);
  if (q.kind !== undefined) conditions.push(sql`x.kind = ${q.kind}`);
  if (q.escalated !== undefined) conditions.push(q.escalated === 'true' ? sql`x.escalated_at IS NOT NULL` : sql`x.escalated_at IS NULL`);
  if (q.overdue !== undefined) conditions.push(q.overdue === 'true' ? overdue : sql`NOT ${overdue}`);
  if (q.orderNo !== undefined) conditions.push(sql`o.order_no = ${q.orderNo.toUpperCase()}`);
  const from = sql`FROM ${logisticsExceptions} AS x JOIN ${orders} AS o ON o.id = x.order_id JOIN ${parcels} AS p ON p.id = x.parcel_id
                   LEFT JOIN ${users} AS u ON u.id = x.contacted_by WHERE ${sql.join(conditions, sql` AND `)}`;
  const rows = await rowsOf<ExceptionRow>(
    ctx.db,
    sql`SELECT x.id, x.kind, x.detail, x.status, x.order_id::int AS "orderId", o.order_no AS "orderNo", x.parcel_id::int AS "parcelId", p.carrier,
               p.tracking_no AS "trackingNo", x.detected_at AS "detectedAt", x.contact_due_at AS "contactDueAt", x.escalated_at AS "escalatedAt",
               x.contacted_at AS "contactedAt", u.display_name AS "contactedByName", x.contact_channel AS "contactChannel", x.contact_note AS "contactNote",
               x.outcome, x.outcome_note AS "outcomeNote", x.resolved_at AS "resolvedAt"
          ${from} ORDER BY x.contact_due_at, x.id LIMIT ${page.limit} OFFSET ${page.offset}`,
  );
  const [count] = await rowsOf<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n ${from}`);
  return { rows, total: count!.n };
}
