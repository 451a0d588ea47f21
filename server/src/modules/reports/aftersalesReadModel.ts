/**
 * The after-sales registers' read models. They read after-sales' `aftersales_cases`,
 * `return_receipts` and `refunds`, orders' `orders` and `order_items`, catalog's `shops` and
 * platform's `users`, and never write them. Days are each shop's own (its time zone).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { users } from '../../platform/schema';
import { aftersalesCases, refunds, returnReceipts } from '../aftersales/schema';
import { shops } from '../catalog/schema';
import { orderItems, orders } from '../orders/schema';
import type { AftersalesRegisterFilter, DateRange, ReturnReasonsQuery } from './model';

/** `at` falls on a shop day from `from` to `to` (yyyy-mm-dd, both included). */
const onShopDays = (at: SQL, r: DateRange) => sql`(${at} AT TIME ZONE s.timezone)::date BETWEEN ${r.from}::date AND ${r.to}::date`;
const page = (window: { limit: number; offset: number }) => sql`LIMIT ${window.limit} OFFSET ${window.offset}`;

export interface RegisterRow {
  id: number;
  caseNo: string;
  orderId: number;
  orderNo: string;
  shopName: string;
  timezone: string;
  type: string;
  status: string;
  reason: string;
  noReason: boolean;
  owner: string | null;
  openedAt: Date | string;
  deadline: Date | string;
  proposedAt: Date | string | null;
  proposal: { solution: string; amount: number | null; note: string } | null;
  closedAt: Date | string | null;
  refunded: number;
}

/** Cases open at some time of the shop day `date`: opened by its end, not closed before it began. */
const registerWhere = (f: AftersalesRegisterFilter) => sql`
  (c.opened_at AT TIME ZONE s.timezone)::date <= ${f.date}::date
  AND (c.closed_at IS NULL OR (c.closed_at AT TIME ZONE s.timezone)::date >= ${f.date}::date)
  ${f.type ? sql`AND c.type = ${f.type}` : sql``}`;
const registerFrom = sql`FROM ${aftersalesCases} AS c JOIN ${orders} AS o ON o.id = c.order_id JOIN ${shops} AS s ON s.id = o.shop_id`;

export function registerRows(ctx: Ctx, f: AftersalesRegisterFilter, window: { limit: number; offset: number }) {
  return rowsOf<RegisterRow>(
    ctx.db,
    sql`SELECT c.id::int AS id, c.case_no AS "caseNo", o.id::int AS "orderId", o.order_no AS "orderNo", s.name AS "shopName", s.timezone, c.type, c.status, c.reason, c.no_reason AS "noReason",
               u.display_name AS owner, c.opened_at AS "openedAt", c.deadline, c.proposed_at AS "proposedAt", c.proposal, c.closed_at AS "closedAt",
               COALESCE((SELECT sum(r.amount) FROM ${refunds} AS r WHERE r.case_id = c.id), 0)::int AS refunded
          ${registerFrom} LEFT JOIN ${users} AS u ON u.id = c.owner_id
         WHERE ${registerWhere(f)} ORDER BY c.opened_at, c.id ${page(window)}`,
  );
}

export async function registerCount(ctx: Ctx, f: AftersalesRegisterFilter): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n ${registerFrom} WHERE ${registerWhere(f)}`);
  return row!.n;
}

export interface ReturnRow {
  id: number;
  receivedAt: Date | string;
  timezone: string;
  caseId: number;
  caseNo: string;
  orderId: number;
  orderNo: string;
  skuCode: string;
  productName: string;
  spec: string;
  quantity: number;
  condition: 'resellable' | 'defective';
  receivedBy: string | null;
  shippingInsurance: boolean;
}

const returnsFrom = sql`FROM ${returnReceipts} AS r JOIN ${aftersalesCases} AS c ON c.id = r.case_id JOIN ${orders} AS o ON o.id = c.order_id JOIN ${shops} AS s ON s.id = o.shop_id`;

export function returnRows(ctx: Ctx, range: DateRange, window: { limit: number; offset: number }) {
  return rowsOf<ReturnRow>(
    ctx.db,
    sql`SELECT r.id::int AS id, r.received_at AS "receivedAt", s.timezone, c.id::int AS "caseId", c.case_no AS "caseNo", o.id::int AS "orderId", o.order_no AS "orderNo", i.sku_code AS "skuCode", i.product_name AS "productName", i.spec,
               r.quantity, r.condition, u.display_name AS "receivedBy", c.shipping_insurance AS "shippingInsurance"
          ${returnsFrom} JOIN ${orderItems} AS i ON i.id = r.order_item_id LEFT JOIN ${users} AS u ON u.id = r.received_by
         WHERE ${onShopDays(sql`r.received_at`, range)} ORDER BY r.received_at, r.id ${page(window)}`,
  );
}

export async function returnCount(ctx: Ctx, range: DateRange): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n ${returnsFrom} WHERE ${onShopDays(sql`r.received_at`, range)}`);
  return row!.n;
}

export interface ReasonRow {
  period: string;
  reason: string;
  cases: number;
  /** Cases of the period, all reasons. */
  periodCases: number;
}

/**
 * Return and exchange cases opened in the range, by the shop week (ISO, Monday first) or month they
 * opened in and by reason (as written, spaces trimmed), most frequent first within each period.
 * Counted by shop day and reason first, so each case's time is converted to its shop's day once and
 * the period formatted per day, not per case; the UTC window a day wider on each side than any time
 * zone only narrows the scan, the days themselves decide. OFFSET 0 keeps the planner from pushing
 * the day filter down into the scan, where it would convert every case's time twice more.
 */
export function returnReasons(ctx: Ctx, q: ReturnReasonsQuery) {
  const period = q.groupBy === 'month' ? sql`to_char(day, 'YYYY-MM')` : sql`to_char(day, 'IYYY-"W"IW')`;
  return rowsOf<ReasonRow>(
    ctx.db,
    sql`SELECT period, reason, cases, (sum(cases) OVER (PARTITION BY period))::int AS "periodCases"
          FROM (SELECT ${period} AS period, reason, sum(n)::int AS cases
                  FROM (SELECT (c.opened_at AT TIME ZONE s.timezone)::date AS day, btrim(c.reason) AS reason, count(*) AS n
                          FROM ${aftersalesCases} AS c JOIN ${shops} AS s ON s.id = c.shop_id
                         WHERE c.type IN ('return_refund', 'exchange')
                           AND c.opened_at >= (${q.from}::date - 1)::timestamp AT TIME ZONE 'UTC' AND c.opened_at < (${q.to}::date + 2)::timestamp AT TIME ZONE 'UTC'
                         GROUP BY 1, 2 OFFSET 0) AS days
                 WHERE day BETWEEN ${q.from}::date AND ${q.to}::date
                 GROUP BY 1, 2) AS grouped
         ORDER BY period, cases DESC, reason`,
  );
}

export interface RefundDayRow {
  day: string;
  reason: string;
  refunds: number;
  amount: number;
}

/** Refunds paid on each shop day of the range, by the reason given for them. */
export function refundDays(ctx: Ctx, range: DateRange) {
  return rowsOf<RefundDayRow>(
    ctx.db,
    sql`SELECT to_char((r.at AT TIME ZONE s.timezone)::date, 'YYYY-MM-DD') AS day, btrim(r.reason) AS reason, count(*)::int AS refunds, sum(r.amount)::int AS amount
          FROM ${refunds} AS r JOIN ${orders} AS o ON o.id = r.order_id JOIN ${shops} AS s ON s.id = o.shop_id
         WHERE ${onShopDays(sql`r.at`, range)}
         GROUP BY 1, 2 ORDER BY 1, refunds DESC, reason`,
  );
}

export interface ComplaintShopRow {
  shopName: string;
  /** Orders paid on the range's shop days. */
  orders: number;
  /** Complaints opened on them, the orders they are about, and how the closed ones ended. */
  complaints: number;
  complaintOrders: number;
  closed: number;
  resolved: number;
  ours: number;
}

const complaintsOpened = (range: DateRange) => sql`
  FROM ${aftersalesCases} AS c JOIN ${orders} AS o ON o.id = c.order_id JOIN ${shops} AS s ON s.id = o.shop_id
  WHERE c.type = 'complaint' AND ${onShopDays(sql`c.opened_at`, range)}`;

/** Per shop with orders paid or complaints opened in the range: the counts the complaint and resolution rates are made of. */
export function complaintShops(ctx: Ctx, range: DateRange) {
  return rowsOf<ComplaintShopRow>(
    ctx.db,
    sql`WITH paid AS (SELECT o.shop_id, count(*)::int AS n FROM ${orders} AS o JOIN ${shops} AS s ON s.id = o.shop_id
                       WHERE o.paid_at IS NOT NULL AND ${onShopDays(sql`o.paid_at`, range)} GROUP BY o.shop_id),
             opened AS (SELECT o.shop_id, count(*)::int AS complaints, count(DISTINCT c.order_id)::int AS "complaintOrders",
                               count(*) FILTER (WHERE c.status = 'closed')::int AS closed, count(*) FILTER (WHERE c.complaint_resolved)::int AS resolved,
                               count(*) FILTER (WHERE c.complaint_ours)::int AS ours
                          ${complaintsOpened(range)} GROUP BY o.shop_id)
        SELECT s.name AS "shopName", COALESCE(paid.n, 0)::int AS orders, COALESCE(opened.complaints, 0)::int AS complaints,
               COALESCE(opened."complaintOrders", 0)::int AS "complaintOrders", COALESCE(opened.closed, 0)::int AS closed,
               COALESCE(opened.resolved, 0)::int AS resolved, COALESCE(opened.ours, 0)::int AS ours
          FROM ${shops} AS s LEFT JOIN paid ON paid.shop_id = s.id LEFT JOIN opened ON opened.shop_id = s.id
         WHERE paid.n IS NOT NULL OR opened.complaints IS NOT NULL
         ORDER BY s.name`,
  );
}

/** The range's complaints by category, the most frequent first. */
export function complaintCategories(ctx: Ctx, range: DateRange) {
  return rowsOf<{ category: string; complaints: number; resolved: number }>(
    ctx.db,
    sql`SELECT c.complaint_category AS category, count(*)::int AS complaints, count(*) FILTER (WHERE c.complaint_resolved)::int AS resolved
          ${complaintsOpened(range)} GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
}
