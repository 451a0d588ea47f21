/**
 * The reports' read models. Reports own no tables: they read orders' `unpaid_register` and
 * `orders`, catalog's `shops`, fulfillment's `parcels`, `parcel_lines` and `waves`,
 * logistics' `logistics_exceptions`, inventory's `warehouses` and `stock_discrepancies`,
 * after-sales' `aftersales_cases` (cases waiting for a return) and platform's `users` here, and
 * never write them.
 */
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import { HOUR } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { users } from '../../platform/schema';
import type { Carrier } from '../catalog';
import { shops } from '../catalog/schema';
import { aftersalesCases } from '../aftersales/schema';
import { waitingCountSql } from '../fulfillment';
import { parcelLines, parcels, waves } from '../fulfillment/schema';
import { logisticsExceptions } from '../logistics/schema';
import { stockDiscrepancies, warehouses } from '../inventory/schema';
import { orders, unpaidRegister } from '../orders/schema';
import type { ShippingReportFilter, UnpaidRegisterFilter } from './model';

const unpaidWhere = (f: UnpaidRegisterFilter) =>
  and(
    f.shopCode ? eq(shops.code, f.shopCode) : undefined,
    f.closedFrom ? gte(unpaidRegister.closedAt, new Date(f.closedFrom)) : undefined,
    f.closedTo ? lt(unpaidRegister.closedAt, new Date(f.closedTo)) : undefined,
  );

export type UnpaidEntryRow = Awaited<ReturnType<typeof unpaidRegisterEntries>>[number];

/**
 * Register entries matching `f`, newest close first, with the shop's time zone for local times;
 * `before` continues after the last entry of a previous batch.
 */
export function unpaidRegisterEntries(ctx: Ctx, f: UnpaidRegisterFilter, window: { limit: number; offset?: number; before?: { closedAt: Date; id: number } }) {
  const before = window.before ? sql`(${unpaidRegister.closedAt}, ${unpaidRegister.id}) < (${window.before.closedAt}, ${window.before.id})` : undefined;
  return ctx.db
    .select({
      id: unpaidRegister.id,
      orderId: unpaidRegister.orderId,
      orderNo: unpaidRegister.orderNo,
      shopCode: shops.code,
      shopName: shops.name,
      shopTimezone: shops.timezone,
      buyerNick: unpaidRegister.buyerNick,
      total: unpaidRegister.total,
      orderCreatedAt: unpaidRegister.orderCreatedAt,
      closedAt: unpaidRegister.closedAt,
      reason: unpaidRegister.reason,
    })
    .from(unpaidRegister)
    .innerJoin(shops, eq(shops.id, unpaidRegister.shopId))
    .where(and(unpaidWhere(f), before))
    .orderBy(desc(unpaidRegister.closedAt), desc(unpaidRegister.id))
    .limit(window.limit)
    .offset(window.offset ?? 0);
}

/** Every entry matching `f` in batches of `size`, newest close first (keyset: no entry twice or skipped). */
export async function* unpaidRegisterBatches(ctx: Ctx, f: UnpaidRegisterFilter, size: number): AsyncGenerator<UnpaidEntryRow[]> {
  let before: { closedAt: Date; id: number } | undefined;
  for (;;) {
    const batch = await unpaidRegisterEntries(ctx, f, { limit: size, before });
    if (batch.length > 0) yield batch;
    if (batch.length < size) return;
    const last = batch[batch.length - 1]!;
    before = { closedAt: last.closedAt, id: last.id };
  }
}

/** How many entries match `f` and the Σ of their totals in fen. */
export async function unpaidRegisterTotals(ctx: Ctx, f: UnpaidRegisterFilter): Promise<{ n: number; amount: number }> {
  const [totals] = await ctx.db
    .select({ n: sql<number>`count(*)::int`, amount: sql`coalesce(sum(${unpaidRegister.total}), 0)::bigint`.mapWith(Number) })
    .from(unpaidRegister)
    .innerJoin(shops, eq(shops.id, unpaidRegister.shopId))
    .where(unpaidWhere(f));
  return totals ?? { n: 0, amount: 0 };
}

// ---- 发货信息报表 ----

export interface ShippedParcelRow {
  parcelId: number;
  orderId: number;
  orderNo: string;
  platformOrderId: string | null;
  shopCode: string;
  shopName: string;
  shopTimezone: string;
  warehouseCode: string;
  carrier: Carrier;
  trackingNo: string;
  buyerNameEnc: string | null;
  province: string;
  city: string;
  district: string;
  units: number;
  weighedGrams: number | null;
  shippedAt: Date | string;
  shippedByName: string | null;
}

/** Time zones lie between UTC−12 and UTC+14: a shop's day is inside this window around the UTC day. */
const EARLIEST_OFFSET = 14 * HOUR;
const LATEST_OFFSET = 12 * HOUR;

/** Parcels that left on `f.date` in their shop's day, with the filters; the UTC window lets the shipped_at index find them. */
function shippedOn(f: ShippingReportFilter): SQL {
  const dayStart = Date.parse(`${f.date}T00:00:00Z`);
  const conditions = [
    sql`p.shipped_at >= ${new Date(dayStart - EARLIEST_OFFSET).toISOString()}`,
    sql`p.shipped_at < ${new Date(dayStart + 24 * HOUR + LATEST_OFFSET).toISOString()}`,
    sql`(p.shipped_at AT TIME ZONE s.timezone)::date = ${f.date}::date`,
  ];
  if (f.warehouseCode) conditions.push(sql`h.code = ${f.warehouseCode}`);
  if (f.shopCode) conditions.push(sql`s.code = ${f.shopCode}`);
  if (f.carrier) conditions.push(sql`p.carrier = ${f.carrier}`);
  return sql`FROM ${parcels} AS p
    JOIN ${orders} AS o ON o.id = p.order_id
    JOIN ${shops} AS s ON s.id = o.shop_id
    JOIN ${warehouses} AS h ON h.id = p.warehouse_id
    LEFT JOIN ${users} AS u ON u.id = p.shipped_by
   WHERE ${sql.join(conditions, sql` AND `)}`;
}

const unitsOf = sql`(SELECT sum(l.expected) FROM ${parcelLines} AS l WHERE l.parcel_id = p.id)`;

/**
 * The day's shipped parcels in the order they left; `after` continues after the last parcel of a
 * previous batch (keyset: none twice or skipped).
 */
export function shippedParcels(ctx: Ctx, f: ShippingReportFilter, window: { limit: number; offset?: number; after?: { shippedAt: Date; parcelId: number } }) {
  const after = window.after ? sql`AND (p.shipped_at, p.id) > (${window.after.shippedAt.toISOString()}::timestamptz, ${window.after.parcelId})` : sql``;
  return rowsOf<ShippedParcelRow>(
    ctx.db,
    sql`SELECT p.id::int AS "parcelId", p.order_id::int AS "orderId", o.order_no AS "orderNo", o.platform_order_id AS "platformOrderId",
               s.code AS "shopCode", s.name AS "shopName", s.timezone AS "shopTimezone", h.code AS "warehouseCode",
               p.carrier, p.tracking_no AS "trackingNo", o.buyer_name_enc AS "buyerNameEnc", o.province, o.city, o.district,
               ${unitsOf}::int AS units, p.weighed_grams AS "weighedGrams", p.shipped_at AS "shippedAt", u.display_name AS "shippedByName"
          ${shippedOn(f)} ${after}
         ORDER BY p.shipped_at, p.id
         LIMIT ${window.limit} OFFSET ${window.offset ?? 0}`,
  );
}

/** Every parcel of the day in batches of `size`, in the order they left. */
export async function* shippedParcelBatches(ctx: Ctx, f: ShippingReportFilter, size: number): AsyncGenerator<ShippedParcelRow[]> {
  let after: { shippedAt: Date; parcelId: number } | undefined;
  for (;;) {
    const batch = await shippedParcels(ctx, f, { limit: size, after });
    if (batch.length > 0) yield batch;
    if (batch.length < size) return;
    const last = batch[batch.length - 1]!;
    after = { shippedAt: new Date(last.shippedAt), parcelId: last.parcelId };
  }
}

/** How many parcels left that day and the units in them. */
export async function shippedTotals(ctx: Ctx, f: ShippingReportFilter): Promise<{ parcels: number; units: number }> {
  const [row] = await rowsOf<{ parcels: number; units: number }>(ctx.db, sql`SELECT count(*)::int AS parcels, coalesce(sum(${unitsOf}), 0)::int AS units ${shippedOn(f)}`);
  return row ?? { parcels: 0, units: 0 };
}

/** Orders in one status, as the order list filtered by it counts them. */
export async function countOrdersIn(ctx: Ctx, status: string): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM ${orders} WHERE status = ${status}`);
  return row!.n;
}

export interface WarehouseWork {
  toWave: number;
  toPick: number;
  toPack: number;
  toWeigh: number;
  toShip: number;
  promiseSoon: number;
  promisePast: number;
  returnsToReceive: number;
  discrepancies: number;
}

/**
 * The warehouse's work now: approved orders not yet waved, waves still being picked, what waits
 * to be packed, weighed and shipped (fulfillment's stages, counted as its 待处理包裹 list counts
 * them), orders not yet shipped whose promise (ship_by) falls within `soonMs` or has passed, cases
 * waiting for the buyer's return to be signed for, and short bins not yet counted.
 */
export async function warehouseWork(ctx: Ctx, now: Date, soonMs: number): Promise<WarehouseWork> {
  const [row] = await rowsOf<WarehouseWork>(
    ctx.db,
    sql`SELECT
          (SELECT count(*)::int FROM ${orders} WHERE status = 'awaiting_fulfillment') AS "toWave",
          ${waitingCountSql('to_pack')} AS "toPack",
          (SELECT count(*)::int FROM ${waves} WHERE status = 'picking') AS "toPick",
          ${waitingCountSql('to_weigh')} AS "toWeigh",
          ${waitingCountSql('to_ship')} AS "toShip",
          (SELECT count(*)::int FROM ${aftersalesCases} WHERE status = 'awaiting_return') AS "returnsToReceive",
          (SELECT count(*)::int FROM ${stockDiscrepancies} WHERE status = 'open') AS "discrepancies",
          (SELECT count(*)::int FROM ${orders} WHERE status IN ('awaiting_fulfillment', 'in_fulfillment')
              AND ship_by >= ${now.toISOString()} AND ship_by < ${new Date(now.getTime() + soonMs).toISOString()}) AS "promiseSoon",
          (SELECT count(*)::int FROM ${orders} WHERE status IN ('awaiting_fulfillment', 'in_fulfillment') AND ship_by < ${now.toISOString()}) AS "promisePast"`,
  );
  return row!;
}

/** Logistics exceptions not yet resolved, and those whose contact deadline passed with nobody calling. */
export async function exceptionCounts(ctx: Ctx, now: Date): Promise<{ open: number; overdue: number }> {
  const [row] = await rowsOf<{ open: number; overdue: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS open, (count(*) FILTER (WHERE status = 'open' AND contact_due_at < ${now.toISOString()}))::int AS overdue
          FROM ${logisticsExceptions} WHERE status <> 'resolved'`,
  );
  return row!;
}
