/**
 * The single-item (一单一件) and sowing (播种墙) stations' reads across modules: the next order a
 * single item goes to, a wave's counts, the wall's lines and progress. Besides fulfillment's own
 * tables they read orders' `orders` and `order_items` and catalog's `skus`; they never write them.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { skus } from '../catalog/schema';
import { orderItems, orders } from '../orders/schema';
import { shipsLine, toShip } from './readModel';
import { parcels, sowLines, waveOrders } from './schema';

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
          JOIN ${orderItems} AS i ON i.order_id = w.order_id AND ${shipsLine}
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
               ${toShip} AS needed, COALESCE(s.sown, 0)::int AS sown
          FROM ${waveOrders} AS w
          JOIN ${orders} AS o ON o.id = w.order_id
          JOIN ${orderItems} AS i ON i.order_id = w.order_id AND ${shipsLine}
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
          FROM (SELECT SUM(${toShip}) AS needed, SUM(COALESCE(s.sown, 0)) AS sown
                  FROM ${waveOrders} AS w
                  JOIN ${orderItems} AS i ON i.order_id = w.order_id AND ${shipsLine}
                  LEFT JOIN ${sowLines} AS s ON s.wave_id = w.wave_id AND s.order_item_id = i.id
                 WHERE w.wave_id = ${waveId} AND w.intercepted_at IS NULL
                 GROUP BY w.order_id) AS per`,
  );
  return row!;
}
