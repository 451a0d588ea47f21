/**
 * Fulfillment's reads across modules: the orders a wave may take, a wave's orders as the floor
 * sees them, the order a packing, weighing or shipping scan names, the printed documents. Picking's
 * and return to shelf's reads are in `pickingReadModel.ts`, the single-item and sowing stations' in
 * `stationReadModel.ts`, merge groups' in `mergeReadModel.ts`. Besides fulfillment's own tables they read orders'
 * `orders`, `order_items` and `order_remarks`, catalog's `shops`, `skus` and `products`, inventory's
 * `warehouses` and platform's `users`; they never write them.
 */
import { sql, type SQL } from 'drizzle-orm';
import { preparedRowsOf, rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { users } from '../../platform/schema';
import type { Carrier } from '../catalog';
import { shops, skus } from '../catalog/schema';
import { orderItems, orderRemarks, orders } from '../orders/schema';
import type { WaveKind } from './rules';
import type { WaveStatus } from './waveStates';
import { warehouses } from '../inventory/schema';
import { CARRIERS, normalizeTrackingNo } from './carriers';
import { parcelLines, parcels, waveOrders, waves } from './schema';


export interface WaveCandidate {
  id: number;
  /** Its merge group (合单): the wave takes the group's other orders with it. */
  mergeId: number | null;
  province: string;
  shopDefaultCarrier: Carrier;
  /** Seller remarks newest first, then the buyer's message: where a requested carrier is read. */
  texts: string[];
}

export interface CandidateQuery {
  warehouseId: number;
  kind: WaveKind;
  shopId?: number;
  skuId?: number;
  shipByBefore?: Date;
  limit: number;
}

/** What of an order line ships: its units less those taken off before it was waved (orders' cancelled_quantity). */
export const toShip = sql`(i.quantity - i.cancelled_quantity)`;
/** A line with something left to ship; a line taken off whole is never picked, sown or printed. */
export const shipsLine = sql`i.quantity > i.cancelled_quantity`;

const unitsOf = sql`(SELECT SUM(${toShip}) FROM ${orderItems} AS i WHERE i.order_id = o.id)`;
/** The units of the order's parcel: its own, or its merge group's. */
const parcelUnitsOf = sql`(CASE WHEN o.merge_id IS NULL THEN ${unitsOf}
  ELSE (SELECT SUM(${toShip}) FROM ${orderItems} AS i JOIN ${orders} AS m ON m.id = i.order_id WHERE m.merge_id = o.merge_id) END)`;

/**
 * Approved orders of the warehouse a wave may take, the earliest promise first, locked for this
 * transaction; rows another wave is taking right now are skipped, so two waves never share an order.
 * A green flag (suspected fraud) never enters a wave; held orders are not awaiting fulfillment.
 * A merge group (合单) is one candidate, its first order, counted by the group's units (two single
 * items merged are a multi-item parcel); `lockMergeMembers` then takes the rest of it.
 */
export async function lockWaveCandidates(ctx: Ctx, q: CandidateQuery): Promise<WaveCandidate[]> {
  const conditions: SQL[] = [
    sql`o.status = 'awaiting_fulfillment'`,
    sql`o.warehouse_id = ${q.warehouseId}`,
    sql`o.flag IS DISTINCT FROM 'green'`,
    q.kind === 'single' ? sql`${parcelUnitsOf} = 1` : sql`${parcelUnitsOf} > 1`,
    sql`(o.merge_id IS NULL OR o.id = (SELECT min(m.id) FROM ${orders} AS m WHERE m.merge_id = o.merge_id))`,
  ];
  if (q.shopId !== undefined) conditions.push(sql`o.shop_id = ${q.shopId}`);
  if (q.shipByBefore !== undefined) conditions.push(sql`o.ship_by < ${q.shipByBefore.toISOString()}`);
  if (q.skuId !== undefined) conditions.push(sql`EXISTS (SELECT 1 FROM ${orderItems} AS i WHERE i.order_id = o.id AND i.sku_id = ${q.skuId} AND ${shipsLine})`);
  return rowsOf<WaveCandidate>(
    ctx.db,
    sql`
      SELECT o.id::int AS id, o.merge_id::int AS "mergeId", o.province, s.default_carrier AS "shopDefaultCarrier",
             ARRAY(SELECT r.content FROM ${orderRemarks} AS r WHERE r.order_id = o.id ORDER BY r.id DESC)
               || CASE WHEN o.buyer_message IS NULL THEN ARRAY[]::text[] ELSE ARRAY[o.buyer_message] END AS texts
        FROM ${orders} AS o JOIN ${shops} AS s ON s.id = o.shop_id
       WHERE ${sql.join(conditions, sql` AND `)}
       ORDER BY o.ship_by NULLS LAST, o.id
       LIMIT ${q.limit}
       FOR UPDATE OF o SKIP LOCKED`,
  );
}

export interface WaveOrderRow {
  orderId: number;
  orderNo: string;
  status: string;
  slot: number | null;
  carrier: Carrier;
  carrierReason: string;
  flag: string | null;
  units: number;
  shipBy: Date | string | null;
}

export function waveOrderRows(ctx: Ctx, waveId: number): Promise<WaveOrderRow[]> {
  return rowsOf<WaveOrderRow>(
    ctx.db,
    sql`
      SELECT w.order_id::int AS "orderId", o.order_no AS "orderNo", o.status, w.slot, w.carrier, w.carrier_reason AS "carrierReason",
             o.flag, ${unitsOf}::int AS units, o.ship_by AS "shipBy"
        FROM ${waveOrders} AS w JOIN ${orders} AS o ON o.id = w.order_id
       WHERE w.wave_id = ${waveId}
       ORDER BY w.slot NULLS LAST, o.ship_by NULLS LAST, o.id`,
  );
}

export interface WaveRow {
  id: number;
  waveNo: string;
  warehouseId: number;
  warehouseCode: string;
  kind: WaveKind;
  status: string;
  filter: Record<string, unknown>;
  orderCount: number;
  createdByName: string | null;
  createdAt: Date | string;
}

/** Waves with their warehouse's code and their creator's name, newest first. */
export async function waveRows(ctx: Ctx, where: { id?: number; warehouseCode?: string; kind?: WaveKind; status?: WaveStatus }, page = { limit: 1, offset: 0 }): Promise<{ rows: WaveRow[]; total: number }> {
  const conditions: SQL[] = [sql`TRUE`];
  if (where.id !== undefined) conditions.push(sql`v.id = ${where.id}`);
  if (where.warehouseCode !== undefined) conditions.push(sql`h.code = ${where.warehouseCode}`);
  if (where.kind !== undefined) conditions.push(sql`v.kind = ${where.kind}`);
  if (where.status !== undefined) conditions.push(sql`v.status = ${where.status}`);
  const from = sql`FROM ${waves} AS v JOIN ${warehouses} AS h ON h.id = v.warehouse_id LEFT JOIN ${users} AS u ON u.id = v.created_by WHERE ${sql.join(conditions, sql` AND `)}`;
  const rows = await rowsOf<WaveRow>(
    ctx.db,
    sql`SELECT v.id, v.wave_no AS "waveNo", v.warehouse_id AS "warehouseId", h.code AS "warehouseCode", v.kind, v.status, v.filter,
               v.order_count AS "orderCount", u.display_name AS "createdByName", v.created_at AS "createdAt"
          ${from} ORDER BY v.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
  );
  const [count] = await rowsOf<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n ${from}`);
  return { rows, total: count!.n };
}

export interface PackingOrder {
  id: number;
  orderNo: string;
  shopId: number;
  platformOrderId: string | null;
  customerId: number | null;
  status: string;
  warehouseId: number | null;
  flag: string | null;
  buyerMessage: string | null;
  /** Its merge group (合单), shipping in one parcel. */
  mergeId: number | null;
  /** Its place in the latest wave that took it, when one did. */
  waveId: number | null;
  carrier: Carrier | null;
  interceptedAt: Date | string | null;
  interceptReason: string | null;
}

/**
 * The order an id or a scan names, with the latest wave that took it. A scan is the slip's order
 * number or the tracking number of one of the order's parcels, in any case; every carrier is
 * named so the tracking number is found through the (carrier, tracking_no) index.
 */
export async function packingOrder(ctx: Ctx, by: { scan: string } | { id: number }): Promise<PackingOrder | null> {
  const where =
    'id' in by
      ? sql`o.id = ${by.id}`
      : sql`(o.order_no = ${by.scan.toUpperCase()} OR o.id = (
          SELECT p.order_id FROM ${parcels} AS p
           WHERE p.carrier IN (${sql.join(CARRIERS.map((c) => sql`${c}`), sql`, `)}) AND p.tracking_no = ${normalizeTrackingNo(by.scan)}
           ORDER BY p.id DESC LIMIT 1))`;
  // Every scan at the packing table, the scale and the door reads it: prepared (it takes two shapes).
  const [row] = await preparedRowsOf<PackingOrder>(
    ctx.db,
    sql`SELECT o.id::int AS id, o.order_no AS "orderNo", o.shop_id AS "shopId", o.platform_order_id AS "platformOrderId", o.customer_id AS "customerId",
               o.status, o.warehouse_id AS "warehouseId", o.flag, o.buyer_message AS "buyerMessage", o.merge_id::int AS "mergeId",
               w.wave_id AS "waveId", w.carrier, w.intercepted_at AS "interceptedAt", w.intercept_reason AS "interceptReason"
          FROM ${orders} AS o
          LEFT JOIN LATERAL (SELECT * FROM ${waveOrders} AS wo WHERE wo.order_id = o.id ORDER BY wo.wave_id DESC LIMIT 1) AS w ON TRUE
         WHERE ${where}
         ${'scan' in by ? sql`ORDER BY o.order_no = ${by.scan.toUpperCase()} DESC` : sql``}
         LIMIT 1`,
  );
  return row ?? null;
}

/** How many of the wave's orders (intercepted ones aside) have not shipped yet. */
export async function waveOrdersToShip(ctx: Ctx, waveId: number): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS n FROM ${waveOrders} AS w JOIN ${orders} AS o ON o.id = w.order_id
         WHERE w.wave_id = ${waveId} AND w.intercepted_at IS NULL AND o.status = 'in_fulfillment'`,
  );
  return row!.n;
}

export interface PackingLine {
  lineId: number;
  /** The order the line is of (a merged parcel carries several). */
  orderId: number;
  orderNo: string;
  skuId: number;
  skuCode: string;
  barcode: string | null;
  productName: string;
  spec: string;
  weightGrams: number;
  /** Units of the line the parcel takes, and how many of them are scanned into it so far. */
  expected: number;
  scanned: number;
}

/**
 * The parcel's lines as the packer checks them, in line order: the SKU's code, barcode and weight
 * beside what is expected and scanned. Every scan reads it, so it is prepared.
 */
export function packingLines(ctx: Ctx, parcelId: number): Promise<PackingLine[]> {
  return preparedRowsOf<PackingLine>(
    ctx.db,
    sql`SELECT l.order_item_id::int AS "lineId", i.order_id::int AS "orderId", o.order_no AS "orderNo", i.sku_id AS "skuId", i.sku_code AS "skuCode", k.barcode,
               i.product_name AS "productName", i.spec, k.weight_grams AS "weightGrams", l.expected, l.scanned
          FROM ${parcelLines} AS l JOIN ${orderItems} AS i ON i.id = l.order_item_id JOIN ${orders} AS o ON o.id = i.order_id JOIN ${skus} AS k ON k.id = i.sku_id
         WHERE l.parcel_id = ${parcelId} ORDER BY l.order_item_id`,
  );
}

// ---- printed documents ----

export interface SlipOrder {
  orderId: number;
  orderNo: string;
  slot: number | null;
  carrier: Carrier;
  flag: string | null;
  buyerMessage: string | null;
  paidAt: Date | string | null;
  shopName: string;
  shopTimeZone: string;
}

/** The wave's orders still in it (not intercepted), in slot order: one packing slip each. */
export function slipOrders(ctx: Ctx, waveId: number): Promise<SlipOrder[]> {
  return rowsOf<SlipOrder>(
    ctx.db,
    sql`SELECT w.order_id::int AS "orderId", o.order_no AS "orderNo", w.slot, w.carrier, o.flag, o.buyer_message AS "buyerMessage", o.paid_at AS "paidAt",
               s.name AS "shopName", s.timezone AS "shopTimeZone"
          FROM ${waveOrders} AS w JOIN ${orders} AS o ON o.id = w.order_id JOIN ${shops} AS s ON s.id = o.shop_id
         WHERE w.wave_id = ${waveId} AND w.intercepted_at IS NULL
         ORDER BY w.slot NULLS LAST, o.ship_by NULLS LAST, o.id`,
  );
}

export interface SlipItem {
  orderId: number;
  skuCode: string;
  productName: string;
  spec: string;
  quantity: number;
  unitPrice: number;
}

export function slipItems(ctx: Ctx, orderIds: number[]): Promise<SlipItem[]> {
  return rowsOf<SlipItem>(
    ctx.db,
    sql`SELECT i.order_id::int AS "orderId", i.sku_code AS "skuCode", i.product_name AS "productName", i.spec, ${toShip} AS quantity, i.unit_price AS "unitPrice"
          FROM ${orderItems} AS i WHERE i.order_id = ANY(${sql.param(orderIds)}::bigint[]) AND ${shipsLine} ORDER BY i.order_id, i.id`,
  );
}

export interface SlipRemark {
  orderId: number;
  authorName: string;
  content: string;
  flag: string;
  promiseDate: string | null;
  createdAt: Date | string;
}

/** The seller remarks of these orders, oldest first. */
export function slipRemarks(ctx: Ctx, orderIds: number[]): Promise<SlipRemark[]> {
  return rowsOf<SlipRemark>(
    ctx.db,
    sql`SELECT r.order_id::int AS "orderId", r.author_name AS "authorName", r.content, r.flag, r.promise_date AS "promiseDate", r.created_at AS "createdAt"
          FROM ${orderRemarks} AS r WHERE r.order_id = ANY(${sql.param(orderIds)}::bigint[]) ORDER BY r.order_id, r.id`,
  );
}

export interface LabelFacts {
  orderNo: string;
  flag: string | null;
  shopName: string;
  /** Units in the parcel. */
  units: number;
}

/** What a parcel's shipping label prints besides the receiver. */
export async function labelFacts(ctx: Ctx, parcelId: number): Promise<LabelFacts> {
  const [row] = await rowsOf<LabelFacts>(
    ctx.db,
    sql`SELECT o.order_no AS "orderNo", o.flag, s.name AS "shopName",
               (SELECT coalesce(SUM(l.expected), 0) FROM ${parcelLines} AS l WHERE l.parcel_id = p.id)::int AS units
          FROM ${parcels} AS p JOIN ${orders} AS o ON o.id = p.order_id JOIN ${shops} AS s ON s.id = o.shop_id
         WHERE p.id = ${parcelId}`,
  );
  return row!;
}
