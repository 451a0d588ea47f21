/**
 * Fulfillment's reads across modules: the orders a wave may take, a wave's orders as the floor
 * sees them, the order a packing, weighing or shipping scan names, what picking, return to shelf
 * and the printed documents need of them, the sowing wall's slots, (merge groups' reads are in `mergeReadModel.ts`). Besides fulfillment's own tables they read orders'
 * `orders`, `order_items` and `order_remarks`, catalog's `shops`, `skus` and `products`, inventory's
 * `warehouses` and platform's `users`; they never write them.
 */
import { sql, type SQL } from 'drizzle-orm';
import { preparedRowsOf, rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { users } from '../../platform/schema';
import type { Carrier } from '../catalog';
import { products, shops, skus } from '../catalog/schema';
import { orderItems, orderRemarks, orders } from '../orders/schema';
import type { WaveKind } from './rules';
import { warehouses } from '../inventory/schema';
import { CARRIERS, normalizeTrackingNo } from './carriers';
import { parcelLines, parcels, sowLines, waveOrders, wavePicks, waves } from './schema';

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

const unitsOf = sql`(SELECT SUM(i.quantity) FROM ${orderItems} AS i WHERE i.order_id = o.id)`;
/** The units of the order's parcel: its own, or its merge group's. */
const parcelUnitsOf = sql`(CASE WHEN o.merge_id IS NULL THEN ${unitsOf}
  ELSE (SELECT SUM(i.quantity) FROM ${orderItems} AS i JOIN ${orders} AS m ON m.id = i.order_id WHERE m.merge_id = o.merge_id) END)`;

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
  if (q.skuId !== undefined) conditions.push(sql`EXISTS (SELECT 1 FROM ${orderItems} AS i WHERE i.order_id = o.id AND i.sku_id = ${q.skuId})`);
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
export async function waveRows(ctx: Ctx, where: { id?: number; warehouseCode?: string; kind?: WaveKind }, page = { limit: 1, offset: 0 }): Promise<{ rows: WaveRow[]; total: number }> {
  const conditions: SQL[] = [sql`TRUE`];
  if (where.id !== undefined) conditions.push(sql`v.id = ${where.id}`);
  if (where.warehouseCode !== undefined) conditions.push(sql`h.code = ${where.warehouseCode}`);
  if (where.kind !== undefined) conditions.push(sql`v.kind = ${where.kind}`);
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

export interface WaveSkuLine {
  skuId: number;
  skuCode: string;
  barcode: string | null;
  productName: string;
  spec: string;
  slot: number | null;
  orderNo: string;
  quantity: number;
}

/** What the wave's orders still in it (not intercepted) hold, per order and SKU. */
export function waveSkuLines(ctx: Ctx, waveId: number): Promise<WaveSkuLine[]> {
  return rowsOf<WaveSkuLine>(
    ctx.db,
    sql`SELECT i.sku_id AS "skuId", i.sku_code AS "skuCode", k.barcode, i.product_name AS "productName", i.spec, w.slot, o.order_no AS "orderNo",
               SUM(i.quantity)::int AS quantity
          FROM ${waveOrders} AS w
          JOIN ${orders} AS o ON o.id = w.order_id
          JOIN ${orderItems} AS i ON i.order_id = w.order_id
          JOIN ${skus} AS k ON k.id = i.sku_id
         WHERE w.wave_id = ${waveId} AND w.intercepted_at IS NULL
         GROUP BY i.sku_id, i.sku_code, k.barcode, i.product_name, i.spec, w.slot, o.order_no
         ORDER BY w.slot NULLS LAST, o.order_no`,
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
    sql`SELECT i.order_id::int AS "orderId", i.sku_code AS "skuCode", i.product_name AS "productName", i.spec, i.quantity, i.unit_price AS "unitPrice"
          FROM ${orderItems} AS i WHERE i.order_id = ANY(${sql.param(orderIds)}::bigint[]) ORDER BY i.order_id, i.id`,
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

// ---- picking and return to shelf ----

export interface WaveSkuNeed {
  skuId: number;
  skuCode: string;
  barcode: string | null;
  productName: string;
  spec: string;
  /** Units the orders still in the wave need, and how many of them are picked; 0 and 0 for a SKU only orders that left needed. */
  quantity: number;
  picked: number;
}

/** Per SKU of the wave's orders (those that left it too): what the orders still in it need and have picked. */
export function waveSkuNeeds(ctx: Ctx, waveId: number): Promise<WaveSkuNeed[]> {
  return rowsOf<WaveSkuNeed>(
    ctx.db,
    sql`
      WITH need AS (
        SELECT w.order_id, i.sku_id, SUM(i.quantity)::int AS quantity, w.intercepted_at IS NOT NULL AS gone
          FROM ${waveOrders} AS w JOIN ${orderItems} AS i ON i.order_id = w.order_id
         WHERE w.wave_id = ${waveId}
         GROUP BY w.order_id, i.sku_id, w.intercepted_at)
      SELECT n.sku_id AS "skuId", k.code AS "skuCode", k.barcode, p.name AS "productName", k.spec,
             COALESCE(SUM(n.quantity) FILTER (WHERE NOT n.gone), 0)::int AS quantity,
             COALESCE(SUM(wp.picked) FILTER (WHERE NOT n.gone), 0)::int AS picked
        FROM need AS n
        JOIN ${skus} AS k ON k.id = n.sku_id
        JOIN ${products} AS p ON p.id = k.product_id
        LEFT JOIN ${wavePicks} AS wp ON wp.wave_id = ${waveId} AND wp.order_id = n.order_id AND wp.sku_id = n.sku_id
       GROUP BY n.sku_id, k.code, k.barcode, p.name, k.spec`,
  );
}

export interface OrderSkuNeed {
  orderId: number;
  orderNo: string;
  slot: number | null;
  quantity: number;
  picked: number;
}

/** The orders still in the wave that need this SKU, in the wave's order (slot, then promise): the order picked units are allotted in. */
export function orderNeedsOf(ctx: Ctx, waveId: number, skuId: number): Promise<OrderSkuNeed[]> {
  return rowsOf<OrderSkuNeed>(
    ctx.db,
    sql`
      SELECT w.order_id::int AS "orderId", o.order_no AS "orderNo", w.slot, SUM(i.quantity)::int AS quantity, COALESCE(MAX(wp.picked), 0)::int AS picked
        FROM ${waveOrders} AS w
        JOIN ${orders} AS o ON o.id = w.order_id
        JOIN ${orderItems} AS i ON i.order_id = w.order_id AND i.sku_id = ${skuId}
        LEFT JOIN ${wavePicks} AS wp ON wp.wave_id = w.wave_id AND wp.order_id = w.order_id AND wp.sku_id = ${skuId}
       WHERE w.wave_id = ${waveId} AND w.intercepted_at IS NULL
       GROUP BY w.order_id, o.order_no, w.slot, o.ship_by, o.id
       ORDER BY w.slot NULLS LAST, o.ship_by NULLS LAST, o.id`,
  );
}

export interface ShelvingOrder {
  orderId: number;
  orderNo: string;
  /** The wave it was intercepted in (the one not yet shelved first); null when it never was. */
  waveId: number | null;
  waveNo: string | null;
  warehouseId: number | null;
  interceptReason: string | null;
  shelvedAt: Date | string | null;
}

/**
 * The order a slip names (any case) with the wave it was intercepted in and whose items wait to go
 * back — else the latest one already shelved; or one given wave of it.
 */
export async function shelvingOrder(ctx: Ctx, by: { orderNo: string } | { orderId: number; waveId: number }): Promise<ShelvingOrder | null> {
  const where = 'orderNo' in by ? sql`o.order_no = ${by.orderNo.toUpperCase()}` : sql`o.id = ${by.orderId}`;
  const ofWave = 'waveId' in by ? sql`AND wo.wave_id = ${by.waveId}` : sql``;
  const [row] = await rowsOf<ShelvingOrder>(
    ctx.db,
    sql`SELECT o.id::int AS "orderId", o.order_no AS "orderNo", w.wave_id AS "waveId", v.wave_no AS "waveNo", v.warehouse_id AS "warehouseId",
               w.intercept_reason AS "interceptReason", w.shelved_at AS "shelvedAt"
          FROM ${orders} AS o
          LEFT JOIN LATERAL (SELECT * FROM ${waveOrders} AS wo WHERE wo.order_id = o.id AND wo.intercepted_at IS NOT NULL ${ofWave}
                              ORDER BY wo.shelved_at IS NULL DESC, wo.wave_id DESC LIMIT 1) AS w ON TRUE
          LEFT JOIN ${waves} AS v ON v.id = w.wave_id
         WHERE ${where}`,
  );
  return row ?? null;
}

export interface SkuDetail {
  skuId: number;
  skuCode: string;
  barcode: string | null;
  productName: string;
  spec: string;
}

/** SKUs by id, with the codes a scan is matched against and the names staff read. */
export function skuDetails(ctx: Ctx, skuIds: number[]): Promise<SkuDetail[]> {
  if (skuIds.length === 0) return Promise.resolve([]);
  return rowsOf<SkuDetail>(
    ctx.db,
    sql`SELECT k.id AS "skuId", k.code AS "skuCode", k.barcode, p.name AS "productName", k.spec
          FROM ${skus} AS k JOIN ${products} AS p ON p.id = k.product_id
         WHERE k.id IN (${sql.join(skuIds.map((id) => sql`${id}`), sql`, `)})`,
  );
}

// ---- the single-item station (一单一件) ----

export interface SingleOrder {
  orderId: number;
  orderNo: string;
  skuId: number;
  /** It left the wave (拦截): its item goes back to the shelf, it gets no label. */
  intercepted: boolean;
}

const noParcelInWave = sql`NOT EXISTS (SELECT 1 FROM ${parcels} AS p WHERE p.order_id = w.order_id AND p.wave_id = w.wave_id)`;

/**
 * The next order of the wave (slot, then promise) still waiting for the SKU this barcode or SKU
 * code names, with no parcel yet; else one that left the wave needing it, its item not back on the
 * shelf. Both rows are locked, so an order being cancelled or held right now is settled first.
 */
export async function nextSingleOrder(ctx: Ctx, waveId: number, code: string): Promise<SingleOrder | null> {
  const scanned = code.toUpperCase();
  const [row] = await rowsOf<SingleOrder>(
    ctx.db,
    sql`SELECT w.order_id::int AS "orderId", o.order_no AS "orderNo", i.sku_id AS "skuId", w.intercepted_at IS NOT NULL AS intercepted
          FROM ${waveOrders} AS w
          JOIN ${orders} AS o ON o.id = w.order_id
          JOIN ${orderItems} AS i ON i.order_id = w.order_id
          JOIN ${skus} AS k ON k.id = i.sku_id
         WHERE w.wave_id = ${waveId} AND (upper(k.barcode) = ${scanned} OR upper(k.code) = ${scanned})
           AND w.shelved_at IS NULL AND (w.intercepted_at IS NOT NULL OR o.status = 'in_fulfillment') AND ${noParcelInWave}
         ORDER BY w.intercepted_at IS NOT NULL, w.slot NULLS LAST, o.ship_by NULLS LAST, o.id
         LIMIT 1
         FOR UPDATE OF w, o`,
  );
  return row ?? null;
}

export interface SingleWaveCounts {
  /** Every order the wave took. */
  orders: number;
  /** Orders whose parcel was made (here or at a packing table). */
  labelled: number;
  /** Orders still in the wave with no parcel yet. */
  waiting: number;
  /** Orders that left the wave (拦截). */
  intercepted: number;
}

export async function singleWaveCounts(ctx: Ctx, waveId: number): Promise<SingleWaveCounts> {
  const [row] = await rowsOf<SingleWaveCounts>(
    ctx.db,
    sql`SELECT count(*)::int AS orders,
               count(*) FILTER (WHERE w.intercepted_at IS NULL AND NOT ${noParcelInWave})::int AS labelled,
               count(*) FILTER (WHERE w.intercepted_at IS NULL AND o.status = 'in_fulfillment' AND ${noParcelInWave})::int AS waiting,
               count(*) FILTER (WHERE w.intercepted_at IS NOT NULL)::int AS intercepted
          FROM ${waveOrders} AS w JOIN ${orders} AS o ON o.id = w.order_id
         WHERE w.wave_id = ${waveId}`,
  );
  return row!;
}

// ---- the sowing wall (播种墙) ----

export interface WallLine {
  orderId: number;
  orderNo: string;
  slot: number;
  /** It left the wave (拦截); `shelved` once its items are back in their bins. */
  intercepted: boolean;
  shelved: boolean;
  /** Its parcel was opened at 验货 (a packing session started): the packer scans its items now, the slot takes none. */
  packing: boolean;
  /** Still in the wave, 配货中 and not yet at 验货: its slot takes units. */
  open: boolean;
  lineId: number;
  skuId: number;
  skuCode: string;
  barcode: string | null;
  productName: string;
  spec: string;
  needed: number;
  sown: number;
}

/**
 * The order lines of a multi-item wave with what is sown of each, in slot then line order: all of
 * them, those of the SKU a barcode or SKU code names (any case), or those of one order.
 */
export function wallLines(ctx: Ctx, waveId: number, only: { code: string } | { orderId: number } | null = null): Promise<WallLine[]> {
  const where = only === null ? sql`` : 'code' in only ? sql`AND (upper(k.barcode) = ${only.code.toUpperCase()} OR upper(k.code) = ${only.code.toUpperCase()})` : sql`AND w.order_id = ${only.orderId}`;
  return rowsOf<WallLine>(
    ctx.db,
    sql`SELECT w.order_id::int AS "orderId", o.order_no AS "orderNo", w.slot, w.intercepted_at IS NOT NULL AS intercepted, w.shelved_at IS NOT NULL AS shelved,
               NOT ${noParcelInWave} AS packing,
               (w.intercepted_at IS NULL AND o.status = 'in_fulfillment' AND ${noParcelInWave}) AS open,
               i.id::int AS "lineId", i.sku_id AS "skuId", i.sku_code AS "skuCode", k.barcode, i.product_name AS "productName", i.spec,
               i.quantity AS needed, COALESCE(s.sown, 0)::int AS sown
          FROM ${waveOrders} AS w
          JOIN ${orders} AS o ON o.id = w.order_id
          JOIN ${orderItems} AS i ON i.order_id = w.order_id
          JOIN ${skus} AS k ON k.id = i.sku_id
          LEFT JOIN ${sowLines} AS s ON s.wave_id = w.wave_id AND s.order_item_id = i.id
         WHERE w.wave_id = ${waveId} ${where}
         ORDER BY w.slot, i.id`,
  );
}

/** The wall's progress over the orders still in the wave: units sown of all, slots whose order has every unit. */
export async function wallProgress(ctx: Ctx, waveId: number): Promise<{ units: number; sown: number; slots: number; full: number }> {
  const [row] = await rowsOf<{ units: number; sown: number; slots: number; full: number }>(
    ctx.db,
    sql`SELECT COALESCE(SUM(per.needed), 0)::int AS units, COALESCE(SUM(per.sown), 0)::int AS sown, count(*)::int AS slots,
               count(*) FILTER (WHERE per.sown >= per.needed)::int AS full
          FROM (SELECT SUM(i.quantity) AS needed, SUM(COALESCE(s.sown, 0)) AS sown
                  FROM ${waveOrders} AS w
                  JOIN ${orderItems} AS i ON i.order_id = w.order_id
                  LEFT JOIN ${sowLines} AS s ON s.wave_id = w.wave_id AND s.order_item_id = i.id
                 WHERE w.wave_id = ${waveId} AND w.intercepted_at IS NULL
                 GROUP BY w.order_id) AS per`,
  );
  return row!;
}

// ---- merge groups (合单) and the parcels they share ----
