/**
 * A case's warehouse evidence, read across modules: fulfillment's `parcels`, `parcel_lines`,
 * `pack_scans` and `parcel_weighings` (the parcels that left for the order, also as part of a merge
 * group), catalog's `skus` and `products` (what a scanned or reported code names), orders'
 * `order_items` and platform's `users` (who scanned, who weighed). Reads only.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { users } from '../../platform/schema';
import { products, skus } from '../catalog/schema';
import { packScans, parcelLines, parcels, parcelWeighings } from '../fulfillment/schema';
import { orderItems } from '../orders/schema';
import type { PackingScan, ParcelWeight } from './evidenceModel';

/** The order's parcels that were shipped: its own, or a merge group's carrying its lines. */
const shippedParcelsOf = (orderId: number) =>
  sql`SELECT p.id FROM ${parcels} AS p
       WHERE p.status = 'shipped'
         AND (p.order_id = ${orderId} OR EXISTS (SELECT 1 FROM ${parcelLines} AS pl JOIN ${orderItems} AS i ON i.id = pl.order_item_id WHERE pl.parcel_id = p.id AND i.order_id = ${orderId}))`;

const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());

/** Every scan at 验货 of the order's shipped parcels, in the order they were made. */
export async function packingScansOf(ctx: Ctx, orderId: number): Promise<(PackingScan & { skuId: number | null })[]> {
  const rows = await rowsOf<Omit<PackingScan, 'at'> & { at: Date | string; skuId: number | null }>(
    ctx.db,
    sql`SELECT s.parcel_id::int AS "parcelId", p.tracking_no AS "trackingNo", s.at, s.barcode, s.sku_id AS "skuId", k.code AS "skuCode", pr.name AS "productName",
               s.result, u.display_name AS "scannedBy"
          FROM ${packScans} AS s JOIN ${parcels} AS p ON p.id = s.parcel_id
          LEFT JOIN ${skus} AS k ON k.id = s.sku_id LEFT JOIN ${products} AS pr ON pr.id = k.product_id LEFT JOIN ${users} AS u ON u.id = s.actor_id
         WHERE s.parcel_id IN (${shippedParcelsOf(orderId)})
         ORDER BY s.at, s.id`,
  );
  return rows.map((r) => ({ ...r, at: iso(r.at)! }));
}

/** The order's shipped parcels with their last weighing and every weighing, oldest parcel first. */
export async function parcelWeightsOf(ctx: Ctx, orderId: number): Promise<ParcelWeight[]> {
  type Row = Omit<ParcelWeight, 'shippedAt' | 'differenceGrams' | 'tolerancePercent' | 'weighings'> & { shippedAt: Date | string | null };
  const rows = await rowsOf<Row>(
    ctx.db,
    sql`SELECT p.id::int AS "parcelId", p.carrier, p.tracking_no AS "trackingNo", p.shipped_at AS "shippedAt", p.expected_grams AS "expectedGrams",
               p.weighed_grams AS "weighedGrams", p.weight_verdict AS verdict
          FROM ${parcels} AS p WHERE p.id IN (${shippedParcelsOf(orderId)}) ORDER BY p.id`,
  );
  if (rows.length === 0) return [];
  type WeighingRow = ParcelWeight['weighings'][number] & { parcelId: number; at: Date | string };
  const weighings = await rowsOf<WeighingRow>(
    ctx.db,
    sql`SELECT w.parcel_id::int AS "parcelId", w.grams, w.expected_grams AS "expectedGrams", w.tolerance_percent AS "tolerancePercent", w.verdict, w.reason,
               u.display_name AS "weighedBy", w.at
          FROM ${parcelWeighings} AS w LEFT JOIN ${users} AS u ON u.id = w.actor_id
         WHERE w.parcel_id IN (${sql.join(
           rows.map((r) => sql`${r.parcelId}`),
           sql`, `,
         )})
         ORDER BY w.at, w.id`,
  );
  return rows.map((r) => {
    const own = weighings.filter((w) => w.parcelId === r.parcelId).map(({ parcelId: _parcel, ...w }) => ({ ...w, at: iso(w.at)! }));
    return {
      ...r,
      shippedAt: iso(r.shippedAt),
      differenceGrams: r.weighedGrams !== null && r.expectedGrams !== null ? r.weighedGrams - r.expectedGrams : null,
      tolerancePercent: own.at(-1)?.tolerancePercent ?? null,
      weighings: own,
    };
  });
}

export interface SkuNamed {
  skuId: number;
  skuCode: string;
  barcode: string | null;
  productName: string;
  spec: string;
  /** Its list price, in fen. */
  price: number;
}

/** The SKU a scanned code names: its barcode first, else its SKU code (either case), or null. */
export async function skuByScan(ctx: Ctx, code: string): Promise<SkuNamed | null> {
  const [row] = await rowsOf<SkuNamed>(
    ctx.db,
    sql`SELECT k.id AS "skuId", k.code AS "skuCode", k.barcode, p.name AS "productName", k.spec, k.price
          FROM ${skus} AS k JOIN ${products} AS p ON p.id = k.product_id
         WHERE upper(k.barcode) = upper(${code}) OR upper(k.code) = upper(${code})
         ORDER BY upper(k.barcode) = upper(${code}) DESC NULLS LAST, k.id LIMIT 1`,
  );
  return row ?? null;
}
