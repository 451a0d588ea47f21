/**
 * Carrier claims' reads across modules. Besides after-sales' own tables they read fulfillment's
 * `parcels` and `parcel_lines` (the shipped parcel that carried a case's goods, its carrier and
 * waybill number), orders' `orders` (its number), catalog's `shops` (the time zone a day is
 * counted in) and platform's `users` (names); they never write them.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { users } from '../../platform/schema';
import type { Carrier } from '../catalog';
import { shops } from '../catalog/schema';
import { parcelLines, parcels } from '../fulfillment/schema';
import { orders } from '../orders/schema';
import type { ClaimListQuery } from './claimModel';
import { aftersalesCaseLines, aftersalesCases, carrierClaims } from './schema';

export interface CarriedBy {
  parcelId: number;
  carrier: Carrier;
  trackingNo: string;
}

/** The shipped parcel that carried the case's lines (the last one, when they left in several). */
export async function parcelOfCase(ctx: Ctx, caseId: number): Promise<CarriedBy | null> {
  const [row] = await rowsOf<CarriedBy>(
    ctx.db,
    sql`SELECT p.id::int AS "parcelId", p.carrier, p.tracking_no AS "trackingNo"
          FROM ${parcels} AS p
         WHERE p.status = 'shipped'
           AND EXISTS (SELECT 1 FROM ${parcelLines} AS pl JOIN ${aftersalesCaseLines} AS l ON l.order_item_id = pl.order_item_id WHERE pl.parcel_id = p.id AND l.case_id = ${caseId})
         ORDER BY p.shipped_at DESC, p.id DESC LIMIT 1`,
  );
  return row ?? null;
}

export interface ClaimRow {
  id: number;
  caseId: number;
  caseNo: string;
  orderId: number;
  orderNo: string;
  parcelId: number;
  carrier: Carrier;
  trackingNo: string;
  kind: string;
  status: string;
  claimed: number;
  recovered: number | null;
  lines: { skuCode: string; quantity: number }[];
  carrierClaimNo: string | null;
  automatic: boolean;
  note: string | null;
  outcomeNote: string | null;
  openedBy: string | null;
  openedAt: Date | string;
  submittedAt: Date | string | null;
  decidedAt: Date | string | null;
}

type ClaimFilter = Partial<Pick<ClaimListQuery, 'status' | 'carrier' | 'kind' | 'from' | 'to'>> & { id?: number; caseId?: number };

/** Claims by filter, the carrier's undecided ones first and the oldest first among them, with the filter's total when paged. */
export async function claimRows(ctx: Ctx, filter: ClaimFilter, page?: { limit: number; offset: number }) {
  const where: SQL[] = [sql`true`];
  if (filter.id !== undefined) where.push(sql`k.id = ${filter.id}`);
  if (filter.caseId !== undefined) where.push(sql`k.case_id = ${filter.caseId}`);
  if (filter.status) where.push(sql`k.status = ${filter.status}`);
  if (filter.carrier) where.push(sql`k.carrier = ${filter.carrier}`);
  if (filter.kind) where.push(sql`k.kind = ${filter.kind}`);
  const shopDay = sql`(k.opened_at AT TIME ZONE (SELECT s.timezone FROM ${shops} AS s WHERE s.id = o.shop_id))::date`;
  if (filter.from) where.push(sql`${shopDay} >= ${filter.from}::date`);
  if (filter.to) where.push(sql`${shopDay} <= ${filter.to}::date`);
  const condition = sql.join(where, sql` AND `);
  const from = sql`${carrierClaims} AS k JOIN ${aftersalesCases} AS c ON c.id = k.case_id JOIN ${orders} AS o ON o.id = k.order_id`;
  const rows = await rowsOf<ClaimRow>(
    ctx.db,
    sql`SELECT k.id::int AS id, k.case_id::int AS "caseId", c.case_no AS "caseNo", k.order_id::int AS "orderId", o.order_no AS "orderNo",
               k.parcel_id::int AS "parcelId", k.carrier, k.tracking_no AS "trackingNo", k.kind, k.status, k.claimed, k.recovered, k.lines,
               k.carrier_claim_no AS "carrierClaimNo", k.automatic, k.note, k.outcome_note AS "outcomeNote", u.display_name AS "openedBy",
               k.opened_at AS "openedAt", k.submitted_at AS "submittedAt", k.decided_at AS "decidedAt"
          FROM ${from} LEFT JOIN ${users} AS u ON u.id = k.opened_by
         WHERE ${condition}
         ORDER BY k.status IN ('settled', 'rejected'), k.opened_at, k.id
         ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`,
  );
  const [count] = page ? await rowsOf<{ total: number }>(ctx.db, sql`SELECT count(*)::int AS total FROM ${from} WHERE ${condition}`) : [{ total: rows.length }];
  return { rows, total: count!.total };
}
