import { and, asc, count, eq, gt, inArray, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { preparedRowsOf, rowOf, rowSelectSql, rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import type { ReservedRow } from '../inventory';
import { orderItems, orderPayments, orderRemarks, orderReminders, orders, unpaidRegister } from './schema';
import { UNSHIPPED_STATUSES } from './states';

/** Queries on the orders module's own tables; one home per query. */

export type OrderRow = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type OrderPatch = Partial<Omit<NewOrder, 'id' | 'shopId' | 'orderNo'>>;
export type ItemRow = typeof orderItems.$inferSelect;
export type PaymentRow = typeof orderPayments.$inferSelect;
export type RemarkRow = typeof orderRemarks.$inferSelect;

export type NewItem = Omit<typeof orderItems.$inferInsert, 'id' | 'orderId' | 'orderCreatedAt' | 'orderTotal'>;

const samePlatformOrderSql = (shopId: number, platformOrderId: string) =>
  sql`(SELECT id FROM ${orders} WHERE shop_id = ${shopId}::int AND platform_order_id = ${platformOrderId}::text)`;

/** Holds while the shop has no order with this platform order id (always, without one). */
export const noOrderYetSql = (shopId: number, platformOrderId: string | null): SQL =>
  platformOrderId === null ? sql`true` : sql`NOT EXISTS ${samePlatformOrderSql(shopId, platformOrderId)}`;

/** The parts of the intake statement other modules own, each as CTEs of it. */
export interface IntakeParts {
  /** Ends in `customer (id)`: the order is inserted for its row, and not at all without one. */
  customer: SQL;
  /** Reserves stock for the order lines in the CTE it is given (as inserted); ends in `reserved (sku_id, available, …)`. */
  reserve: (lineRows: string) => SQL;
  /** The order.create event for the order in the CTE it is given; `orderNo` is `{orderNo}` of that row as jsonb, for `after`. */
  createdEvent: (orderRows: string, orderNo: SQL) => SQL;
}

/** Orders of up to this many lines (nearly all) run the intake statement prepared. */
const PREPARED_MAX_LINES = 5;

export interface IntakeWritten {
  /** Absent when nothing was written: the shop has this platform order id already (`existingId`), or `customer` was empty. */
  order?: OrderRow;
  items: ItemRow[];
  /** The `reserved` rows: empty when the reservation could not be made in that statement. */
  reserved: ReservedRow[];
  /** The order.create event, written only together with the reservation. */
  createdEvent?: Record<string, unknown>;
  existingId: number | null;
}

/** The next order number: `prefix` + order_no_seq zero-padded to at least 6 digits. */
const orderNoSql = (prefix: string) => sql`(SELECT ${prefix}::text || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END FROM nextval('order_no_seq') AS n)`;

/**
 * Order intake's one write statement: the buyer's customer, the order and its lines, the stock
 * reservation and the order.create event, so a new order costs one round trip. Nothing is written
 * when the shop already has this platform order id. The order number is `orderNoPrefix` +
 * order_no_seq zero-padded to at least 6 digits, drawn inside the insert: a sequence never makes
 * concurrent intakes wait for each other. The lines come back in the order given (ids follow it).
 */
export async function insertIntake(
  ctx: Ctx,
  values: Omit<NewOrder, 'orderNo' | 'customerId'>,
  orderNoPrefix: string,
  lines: NewItem[],
  parts: IntakeParts,
): Promise<IntakeWritten> {
  const orderNo = orderNoSql(orderNoPrefix);
  const lineValues = sql.join(
    lines.map(
      (l, n) =>
        sql`(${n}::int, ${l.skuId}::int, ${l.skuCode}::text, ${l.productName}::text, ${l.spec ?? ''}::text, ${l.quantity}::int, ${l.unitPrice}::int, ${l.lineTotal}::int)`,
    ),
    sql`, `,
  );
  const existing = values.platformOrderId ? samePlatformOrderSql(values.shopId, values.platformOrderId) : sql`NULL::bigint`;
  // The text changes with the line count: only the common small orders stay prepared on every pooled connection.
  const run = lines.length <= PREPARED_MAX_LINES ? preparedRowsOf : rowsOf;
  const [row] = await run<{ order: Record<string, unknown> | null; items: Record<string, unknown>[] | null; reserved: IntakeWritten['reserved'] | null; created_event: Record<string, unknown> | null; existing_id: number | null }>(
    ctx.db,
    sql`
      WITH ${parts.customer},
      o AS (
        INSERT INTO ${orders} ${rowSelectSql(orders, { ...values, orderNo, customerId: sql`customer.id` })} FROM customer
        ON CONFLICT DO NOTHING RETURNING *
      ), i AS (
        INSERT INTO ${orderItems} (order_id, order_created_at, order_total, sku_id, sku_code, product_name, spec, quantity, unit_price, line_total)
        SELECT o.id, o.created_at, o.total, v.sku_id, v.sku_code, v.product_name, v.spec, v.quantity, v.unit_price, v.line_total
        FROM o, (VALUES ${lineValues}) AS v (n, sku_id, sku_code, product_name, spec, quantity, unit_price, line_total)
        ORDER BY v.n
        RETURNING *
      ), ${parts.reserve('i')},
      o_reserved AS (
        SELECT o.* FROM o WHERE EXISTS (SELECT 1 FROM reserved)
      ), created_event AS (
        ${parts.createdEvent('o_reserved', sql`jsonb_build_object('orderNo', o_reserved.order_no)`)} RETURNING *
      )
      SELECT (SELECT row_to_json(o) FROM o) AS order, (SELECT json_agg(i ORDER BY i.id) FROM i) AS items,
        (SELECT json_agg(json_build_object('sku_id', sku_id, 'available', available)) FROM reserved) AS reserved,
        (SELECT row_to_json(created_event) FROM created_event) AS created_event, ${existing} AS existing_id`,
  );
  const { order, items, reserved, created_event, existing_id } = row!;
  return {
    order: order ? rowOf(orders, order) : undefined,
    items: (items ?? []).map((item) => rowOf(orderItems, item)),
    reserved: reserved ?? [],
    createdEvent: created_event ?? undefined,
    existingId: existing_id,
  };
}

/** An order and its lines written as given (a reissue order: no customer to match, nothing to reserve in the statement). */
export async function insertOrder(ctx: Ctx, values: Omit<NewOrder, 'orderNo'>, orderNoPrefix: string, lines: NewItem[]): Promise<{ order: OrderRow; items: ItemRow[] }> {
  const [order] = await ctx.db
    .insert(orders)
    .values({ ...values, orderNo: orderNoSql(orderNoPrefix) })
    .returning();
  const items = await ctx.db
    .insert(orderItems)
    .values(lines.map((l) => ({ ...l, orderId: order!.id, orderCreatedAt: order!.createdAt, orderTotal: order!.total })))
    .returning();
  return { order: order!, items };
}

/** The reissue orders (补发单) sent for an order, oldest first. */
export const reissuesOf = (ctx: Ctx, orderId: number): Promise<OrderRow[]> =>
  ctx.db.select().from(orders).where(eq(orders.reissueOf, orderId)).orderBy(asc(orders.id));

export async function findByPlatformOrderId(ctx: Ctx, shopId: number, platformOrderId: string): Promise<OrderRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(orders)
    .where(and(eq(orders.shopId, shopId), eq(orders.platformOrderId, platformOrderId)));
  return row;
}

export async function findOrder(ctx: Ctx, id: number): Promise<OrderRow | undefined> {
  const [row] = await ctx.db.select().from(orders).where(eq(orders.id, id));
  return row;
}

export function findOrdersByIds(ctx: Ctx, ids: number[]): Promise<OrderRow[]> {
  return ids.length === 0 ? Promise.resolve([]) : ctx.db.select().from(orders).where(inArray(orders.id, ids));
}

/** The order locked for the rest of the transaction, so two actions on it run one after the other. */
export async function lockOrder(ctx: Ctx, id: number): Promise<OrderRow | undefined> {
  const [row] = await ctx.db.select().from(orders).where(eq(orders.id, id)).for('update');
  return row;
}

export async function updateOrder(ctx: Ctx, id: number, patch: OrderPatch): Promise<OrderRow> {
  const [row] = await ctx.db.update(orders).set(patch).where(eq(orders.id, id)).returning();
  return row!;
}

export const listItems = (ctx: Ctx, orderId: number): Promise<ItemRow[]> =>
  ctx.db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.id));

export const updateItem = (ctx: Ctx, id: number, patch: Pick<ItemRow, 'skuId' | 'skuCode' | 'productName' | 'spec'>) => ctx.db.update(orderItems).set(patch).where(eq(orderItems.id, id));

/** Adds units taken off each line (the CHECK keeps them within the line's quantity). */
export async function addCancelledUnits(ctx: Ctx, orderId: number, lines: readonly { lineId: number; quantity: number }[]): Promise<void> {
  for (const l of lines) {
    await ctx.db
      .update(orderItems)
      .set({ cancelledQuantity: sql`${orderItems.cancelledQuantity} + ${l.quantity}` })
      .where(and(eq(orderItems.id, l.lineId), eq(orderItems.orderId, orderId)));
  }
}

export async function insertPayment(ctx: Ctx, values: typeof orderPayments.$inferInsert): Promise<void> {
  await ctx.db.insert(orderPayments).values(values);
}

export const listPayments = (ctx: Ctx, orderId: number): Promise<PaymentRow[]> =>
  ctx.db.select().from(orderPayments).where(eq(orderPayments.orderId, orderId)).orderBy(asc(orderPayments.id));

export async function insertRemark(ctx: Ctx, values: typeof orderRemarks.$inferInsert): Promise<RemarkRow> {
  const [row] = await ctx.db.insert(orderRemarks).values(values).returning();
  return row!;
}

export const listRemarks = (ctx: Ctx, orderId: number): Promise<RemarkRow[]> =>
  ctx.db.select().from(orderRemarks).where(eq(orderRemarks.orderId, orderId)).orderBy(asc(orderRemarks.id));

// ---- facts for the risk rules ----

export async function countOrdersFromIp(ctx: Ctx, buyerIp: string, since: Date): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.buyerIp, buyerIp), gt(orders.createdAt, since)));
  return row?.n ?? 0;
}

/** Other unshipped orders of the shop since `since` sharing the phone or the address. */
export async function unshippedSharingBuyer(
  ctx: Ctx,
  order: Pick<OrderRow, 'id' | 'shopId' | 'buyerPhoneIndex' | 'addressIndex'>,
  since: Date,
): Promise<{ samePhone: string[]; sameAddress: string[] }> {
  // Null indexes (privacy or masked phones, masked addresses) identify no one: they match nothing.
  const samePhone = order.buyerPhoneIndex ? eq(orders.buyerPhoneIndex, order.buyerPhoneIndex) : sql`false`;
  const sameAddress = order.addressIndex ? eq(orders.addressIndex, order.addressIndex) : sql`false`;
  const rows = await ctx.db
    .select({ orderNo: orders.orderNo, phoneIndex: orders.buyerPhoneIndex, addressIndex: orders.addressIndex })
    .from(orders)
    .where(
      and(
        or(samePhone, sameAddress),
        eq(orders.shopId, order.shopId),
        ne(orders.id, order.id),
        inArray(orders.status, [...UNSHIPPED_STATUSES]),
        gt(orders.createdAt, since),
      ),
    )
    .orderBy(asc(orders.id))
    .limit(20);
  return {
    samePhone: rows.filter((r) => order.buyerPhoneIndex && r.phoneIndex === order.buyerPhoneIndex).map((r) => r.orderNo),
    sameAddress: rows.filter((r) => order.addressIndex && r.addressIndex === order.addressIndex).map((r) => r.orderNo),
  };
}

export async function countRemarks(ctx: Ctx, orderId: number): Promise<number> {
  const [row] = await ctx.db.select({ n: count() }).from(orderRemarks).where(eq(orderRemarks.orderId, orderId));
  return row?.n ?? 0;
}

// ---- sweeps (unpaid, delivered) and the review queue ----

/** Orders a sweep acts on: in `status`, with their `at` time (created, or delivered) in a window. */
export interface SweepSelection {
  status: 'pending_payment' | 'delivered';
  at: 'createdAt' | 'deliveredAt';
  before: Date;
  /** Only orders whose time is after this. */
  after?: Date;
  /** Only orders that have not had this reminder. */
  withoutReminder?: string;
}

/** Orders matching `selection`, in id order after `afterId` (keyset batches for the sweeps). */
export async function sweepOrderIds(ctx: Ctx, selection: SweepSelection, afterId: number, limit: number): Promise<number[]> {
  const at = orders[selection.at];
  const notReminded = selection.withoutReminder
    ? sql`NOT EXISTS (SELECT 1 FROM ${orderReminders} WHERE ${orderReminders.orderId} = ${orders.id} AND ${orderReminders.kind} = ${selection.withoutReminder})`
    : undefined;
  const rows = await ctx.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, selection.status), lte(at, selection.before), selection.after ? gt(at, selection.after) : undefined, notReminded, gt(orders.id, afterId)))
    .orderBy(asc(orders.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function countUnpaidCreatedBefore(ctx: Ctx, before: Date): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.status, 'pending_payment'), lte(orders.createdAt, before)));
  return row?.n ?? 0;
}

/** Records the reminder unless it was sent before; true when this call recorded it. */
export async function claimReminder(ctx: Ctx, orderId: number, kind: string, sentAt: Date): Promise<boolean> {
  const rows = await ctx.db.insert(orderReminders).values({ orderId, kind, sentAt }).onConflictDoNothing().returning({ orderId: orderReminders.orderId });
  return rows.length > 0;
}

/** When the buyer was last reminded to pay (by the sweep or by hand), or null. */
export const lastReminderAt = async (ctx: Ctx, orderId: number): Promise<Date | null> =>
  (await ctx.db.select({ at: sql<Date | null>`max(${orderReminders.sentAt})`.mapWith(orderReminders.sentAt) }).from(orderReminders).where(eq(orderReminders.orderId, orderId)))[0]?.at ?? null;

export async function insertUnpaidRegister(ctx: Ctx, values: typeof unpaidRegister.$inferInsert): Promise<void> {
  await ctx.db.insert(unpaidRegister).values(values).onConflictDoNothing();
}

export async function countReviewOverdue(ctx: Ctx, now: Date): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(orders)
    .where(and(inArray(orders.status, ['awaiting_review', 'on_hold']), lte(orders.reviewDueAt, now)));
  return row?.n ?? 0;
}
