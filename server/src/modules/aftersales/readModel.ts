/**
 * After-sales reads across modules. Besides its own tables they read orders' `orders` and
 * `order_items`, catalog's `shops` (the shop's time zone) and `skus` (barcodes), fulfillment's
 * `parcels` (the original waybill a return is searched by) and platform's `users` (names); they
 * never write them — the order's refunded amount moves only by the refunds trigger.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { users } from '../../platform/schema';
import type { ReturnPolicy } from '../catalog';
import type { OrderStatus } from '../orders';
import { products, shops, skus } from '../catalog/schema';
import { parcels } from '../fulfillment/schema';
import { normalizeTrackingNo } from '../fulfillment';
import { orderItems, orders } from '../orders/schema';
import type { OrderFacts } from './eligibility';
import type { CaseListQuery, Solution } from './model';
import { progressCondition } from './queues';
import type { Settlement } from './settlement';
import { aftersalesCaseLines, aftersalesCases, refundRequests, refunds, returnReceipts } from './schema';

export interface OrderForCase extends OrderFacts {
  id: number;
  shopId: number;
  items: { id: number; skuId: number; skuCode: string; quantity: number; returnPolicy: ReturnPolicy }[];
}

export async function orderForCase(ctx: Ctx, orderId: number): Promise<OrderForCase | null> {
  const [order] = await rowsOf<Omit<OrderForCase, 'items' | 'deliveredAt'> & { deliveredAt: Date | string | null }>(
    ctx.db,
    sql`SELECT o.id::int AS id, o.shop_id AS "shopId", o.order_no AS "orderNo", o.status, o.paid_amount AS paid, o.delivered_at AS "deliveredAt", s.timezone
          FROM ${orders} AS o JOIN ${shops} AS s ON s.id = o.shop_id WHERE o.id = ${orderId}`,
  );
  if (!order) return null;
  const items = await rowsOf<OrderForCase['items'][number]>(
    ctx.db,
    sql`SELECT i.id::int AS id, i.sku_id AS "skuId", i.sku_code AS "skuCode", i.quantity, p.return_policy AS "returnPolicy"
          FROM ${orderItems} AS i JOIN ${skus} AS k ON k.id = i.sku_id JOIN ${products} AS p ON p.id = k.product_id
         WHERE i.order_id = ${orderId} ORDER BY i.id`,
  );
  return { ...order, deliveredAt: order.deliveredAt === null ? null : new Date(order.deliveredAt), items };
}

/** The end of the shop day `days` after `at`'s, in the shop's time zone: a solution is due the same shop day (0), a difficult one's later. */
export async function endOfShopDay(ctx: Ctx, at: Date, timezone: string, days = 0): Promise<Date> {
  const [row] = await rowsOf<{ end: Date | string }>(
    ctx.db,
    sql`SELECT (((${at.toISOString()}::timestamptz AT TIME ZONE ${timezone})::date + 1 + ${days}::int)::timestamp AT TIME ZONE ${timezone}) AS "end"`,
  );
  return new Date(row!.end);
}

/** What was paid for the order and refunded of it; `lock` holds the order so refunds of one order are counted one at a time. */
export async function orderMoney(ctx: Ctx, orderId: number, { lock }: { lock: boolean }): Promise<{ paid: number; refunded: number } | null> {
  const [row] = await rowsOf<{ paid: number; refunded: number }>(ctx.db, sql`SELECT paid_amount AS paid, refunded_amount AS refunded FROM ${orders} WHERE id = ${orderId} ${lock ? sql`FOR UPDATE` : sql``}`);
  return row ?? null;
}

export interface CaseRow {
  id: number;
  caseNo: string;
  orderId: number;
  orderNo: string;
  type: string;
  status: string;
  reason: string;
  noReason: boolean;
  severity: string | null;
  reportedBarcode: string | null;
  shippingInsurance: boolean;
  stockCorrectedAt: Date | string | null;
  evidence: { fileId?: number; note?: string }[];
  owner: string | null;
  deadline: Date | string;
  overrideReason: string | null;
  difficult: boolean;
  proposal: { solution: Solution; amount: number | null; note: string; at: string } | null;
  proposedAt: Date | string | null;
  escalatedAt: Date | string | null;
  receivedAt: Date | string | null;
  settlement: Settlement | null;
  complaintCategory: string | null;
  complaintOurs: boolean | null;
  complaintResolved: boolean | null;
  apologizedAt: Date | string | null;
  returnTrackingNo: string | null;
  openedAt: Date | string;
  closedAt: Date | string | null;
  refunded: number;
  orderStatus: OrderStatus;
  orderRefundable: number;
}

/** An order number is matched by its last characters from this many on (what a worker reads off a parcel). */
export const ORDER_NO_TAIL_MIN = 6;

/** A search box's text as a case condition: case no, order no (whole or its tail), platform order id, the return's or the shipped parcel's waybill. */
function caseSearch(text: string): SQL {
  const upper = text.toUpperCase();
  const waybill = normalizeTrackingNo(text);
  const tail = upper.length >= ORDER_NO_TAIL_MIN ? sql` OR right(upper(o.order_no), ${upper.length}) = ${upper}` : sql``;
  return sql`(c.case_no = ${upper} OR upper(o.order_no) = ${upper}${tail} OR o.platform_order_id = ${text} OR c.return_tracking_no = ${waybill}
              OR EXISTS (SELECT 1 FROM ${parcels} AS p WHERE p.order_id = c.order_id AND p.tracking_no = ${waybill}))`;
}

type CaseFilter = Partial<Pick<CaseListQuery, 'status' | 'type' | 'orderId' | 'mine' | 'escalated' | 'q' | 'progress'>> & { id?: number };

/** Cases by filter, open ones first and the soonest deadline first among them (the queue's order), with the page's total. */
export async function caseRows(ctx: Ctx, filter: CaseFilter, page?: { limit: number; offset: number }) {
  const where: SQL[] = [sql`true`];
  if (filter.q) where.push(caseSearch(filter.q));
  if (filter.mine) where.push(sql`c.owner_id = ${ctx.actor.id}`);
  if (filter.escalated !== undefined) where.push(filter.escalated ? sql`c.escalated_at IS NOT NULL` : sql`c.escalated_at IS NULL`);
  if (filter.id !== undefined) where.push(sql`c.id = ${filter.id}`);
  if (filter.status) where.push(sql`c.status = ${filter.status}`);
  if (filter.type) where.push(sql`c.type = ${filter.type}`);
  if (filter.orderId !== undefined) where.push(sql`c.order_id = ${filter.orderId}`);
  if (filter.progress) where.push(progressCondition(filter.progress, ctx.clock.now()));
  const condition = sql.join(where, sql` AND `);
  const rows = await rowsOf<CaseRow>(
    ctx.db,
    sql`SELECT c.id::int AS id, c.case_no AS "caseNo", c.order_id::int AS "orderId", o.order_no AS "orderNo", c.type, c.status, c.reason,
               c.no_reason AS "noReason", c.severity, c.reported_barcode AS "reportedBarcode", c.shipping_insurance AS "shippingInsurance",
               c.stock_corrected_at AS "stockCorrectedAt", c.evidence, u.display_name AS owner, c.deadline, c.override_reason AS "overrideReason",
               c.difficult, c.proposal, c.proposed_at AS "proposedAt", c.escalated_at AS "escalatedAt", c.received_at AS "receivedAt", c.settlement, c.return_tracking_no AS "returnTrackingNo", c.opened_at AS "openedAt", c.closed_at AS "closedAt",
               c.complaint_category AS "complaintCategory", c.complaint_ours AS "complaintOurs", c.complaint_resolved AS "complaintResolved", c.apologized_at AS "apologizedAt",
               COALESCE((SELECT sum(r.amount) FROM ${refunds} AS r WHERE r.case_id = c.id), 0)::int AS refunded,
               o.status AS "orderStatus", (o.paid_amount - o.refunded_amount)::int AS "orderRefundable"
          FROM ${aftersalesCases} AS c JOIN ${orders} AS o ON o.id = c.order_id LEFT JOIN ${users} AS u ON u.id = c.owner_id
         WHERE ${condition}
         ORDER BY c.status = 'closed', c.deadline, c.id
         ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`,
  );
  // only a search reads the order: counting a user's thousands of cases through orders costs more than the page
  const counted = filter.q ? sql`${aftersalesCases} AS c JOIN ${orders} AS o ON o.id = c.order_id` : sql`${aftersalesCases} AS c`;
  const [count] = page ? await rowsOf<{ total: number }>(ctx.db, sql`SELECT count(*)::int AS total FROM ${counted} WHERE ${condition}`) : [{ total: rows.length }];
  return { rows, total: count!.total };
}

export interface CaseLineRow {
  orderItemId: number;
  skuId: number;
  skuCode: string;
  productName: string;
  spec: string;
  quantity: number;
  unitPrice: number;
  barcode: string | null;
  /** The order line's value and units, which the case's units are a part of. */
  lineTotal: number;
  lineQuantity: number;
  /** Units of it the warehouse received back on this case. */
  received: number;
}

export function caseLines(ctx: Ctx, caseId: number) {
  return rowsOf<CaseLineRow>(
    ctx.db,
    sql`SELECT l.order_item_id::int AS "orderItemId", l.sku_id AS "skuId", i.sku_code AS "skuCode", i.product_name AS "productName", i.spec, l.quantity, i.unit_price AS "unitPrice", k.barcode,
               i.line_total AS "lineTotal", i.quantity AS "lineQuantity",
               COALESCE((SELECT sum(r.quantity) FROM ${returnReceipts} AS r WHERE r.case_id = l.case_id AND r.order_item_id = l.order_item_id), 0)::int AS received
          FROM ${aftersalesCaseLines} AS l JOIN ${orderItems} AS i ON i.id = l.order_item_id JOIN ${skus} AS k ON k.id = l.sku_id WHERE l.case_id = ${caseId} ORDER BY l.order_item_id`,
  );
}

/** What a return's refund is computed from: the order's money and units, and the warehouse it shipped from. */
export async function orderForReturn(ctx: Ctx, orderId: number) {
  const [row] = await rowsOf<{ warehouseId: number | null; itemsTotal: number; discount: number; shippingFee: number; units: number }>(
    ctx.db,
    sql`SELECT o.warehouse_id AS "warehouseId", o.items_total AS "itemsTotal", o.discount, o.shipping_fee AS "shippingFee",
               (SELECT sum(quantity) FROM ${orderItems} WHERE order_id = o.id)::int AS units
          FROM ${orders} AS o WHERE o.id = ${orderId}`,
  );
  return row!;
}

export async function pendingApproval(ctx: Ctx, caseId: number) {
  const [row] = await rowsOf<{ id: number; amount: number; reason: string; requestedBy: string | null; requestedAt: Date | string }>(
    ctx.db,
    sql`SELECT q.id::int AS id, q.amount, q.reason, u.display_name AS "requestedBy", q.requested_at AS "requestedAt"
          FROM ${refundRequests} AS q LEFT JOIN ${users} AS u ON u.id = q.requested_by WHERE q.case_id = ${caseId} AND q.status = 'pending'`,
  );
  return row ?? null;
}

export function orderRefunds(ctx: Ctx, orderId: number) {
  return rowsOf<{ id: number; orderId: number; caseId: number; caseNo: string; amount: number; reason: string; method: 'original'; actor: string | null; approvedBy: string | null; at: Date | string }>(
    ctx.db,
    sql`SELECT r.id::int AS id, r.order_id::int AS "orderId", r.case_id::int AS "caseId", c.case_no AS "caseNo", r.amount, r.reason, r.method,
               a.display_name AS actor, s.display_name AS "approvedBy", r.at
          FROM ${refunds} AS r JOIN ${aftersalesCases} AS c ON c.id = r.case_id
          LEFT JOIN ${users} AS a ON a.id = r.actor_id LEFT JOIN ${users} AS s ON s.id = r.approved_by
         WHERE r.order_id = ${orderId} ORDER BY r.at, r.id`,
  );
}

export async function caseTimezone(ctx: Ctx, caseId: number): Promise<string> {
  const [row] = await rowsOf<{ timezone: string }>(
    ctx.db,
    sql`SELECT s.timezone FROM ${aftersalesCases} AS c JOIN ${orders} AS o ON o.id = c.order_id JOIN ${shops} AS s ON s.id = o.shop_id WHERE c.id = ${caseId}`,
  );
  return row!.timezone;
}

