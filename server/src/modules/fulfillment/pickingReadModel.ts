/**
 * Picking's and return to shelf's reads across modules: what a wave's orders hold and still need per
 * SKU, the orders a picked unit is allotted to, the order a slip being shelved names, SKU names. Besides
 * fulfillment's own tables they read orders' `orders` and `order_items` and catalog's `skus` and
 * `products`; they never write them.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { products, skus } from '../catalog/schema';
import { orderItems, orders } from '../orders/schema';
import { shipsLine, toShip } from './readModel';
import { waveOrders, wavePicks, waves } from './schema';

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
               SUM(${toShip})::int AS quantity
          FROM ${waveOrders} AS w
          JOIN ${orders} AS o ON o.id = w.order_id
          JOIN ${orderItems} AS i ON i.order_id = w.order_id AND ${shipsLine}
          JOIN ${skus} AS k ON k.id = i.sku_id
         WHERE w.wave_id = ${waveId} AND w.intercepted_at IS NULL
         GROUP BY i.sku_id, i.sku_code, k.barcode, i.product_name, i.spec, w.slot, o.order_no
         ORDER BY w.slot NULLS LAST, o.order_no`,
  );
}

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
        SELECT w.order_id, i.sku_id, SUM(${toShip})::int AS quantity, w.intercepted_at IS NOT NULL AS gone
          FROM ${waveOrders} AS w JOIN ${orderItems} AS i ON i.order_id = w.order_id AND ${shipsLine}
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
      SELECT w.order_id::int AS "orderId", o.order_no AS "orderNo", w.slot, SUM(${toShip})::int AS quantity, COALESCE(MAX(wp.picked), 0)::int AS picked
        FROM ${waveOrders} AS w
        JOIN ${orders} AS o ON o.id = w.order_id
        JOIN ${orderItems} AS i ON i.order_id = w.order_id AND i.sku_id = ${skuId} AND ${shipsLine}
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
