import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../../db/client';
import type { Ctx } from '../../../platform/context';
import type { Carrier } from '../carriers';
import { parcels, waves, waybillNumbers } from '../schema';

/** Queries of the printed documents and the waybill pool (fulfillment's own tables). */

/**
 * The wave locked for this transaction, so two prints of it count one after the other. NO KEY:
 * a packer opening a parcel of the wave (a foreign key to it) is not held up by a print.
 */
export async function lockWave(ctx: Ctx, id: number): Promise<boolean> {
  const rows = await ctx.db.select({ id: waves.id }).from(waves).where(eq(waves.id, id)).for('no key update');
  return rows.length > 0;
}

/** A pool number still free: not allotted, and not typed onto a parcel at shipping either. */
const free = sql`w.parcel_id IS NULL AND NOT EXISTS (SELECT 1 FROM ${parcels} AS p WHERE p.carrier = w.carrier AND p.tracking_no = w.tracking_no)`;

/**
 * Allots the carrier's oldest free number to the parcel; null when none is left. Rows another
 * station is taking right now are skipped, so two stations never get the same number.
 */
export async function takeWaybillNumber(ctx: Ctx, carrier: Carrier, parcelId: number, at: Date): Promise<string | null> {
  const [row] = await rowsOf<{ trackingNo: string }>(
    ctx.db,
    sql`UPDATE ${waybillNumbers} SET parcel_id = ${parcelId}, allotted_at = ${at.toISOString()}
         WHERE id = (SELECT w.id FROM ${waybillNumbers} AS w WHERE w.carrier = ${carrier} AND ${free} ORDER BY w.id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING tracking_no AS "trackingNo"`,
  );
  return row?.trackingNo ?? null;
}

/** Of these numbers, the ones the carrier's pool already holds or a parcel already carries. */
export async function knownWaybillNumbers(ctx: Ctx, carrier: Carrier, trackingNos: string[]): Promise<Set<string>> {
  const inPool = await ctx.db
    .select({ no: waybillNumbers.trackingNo })
    .from(waybillNumbers)
    .where(and(eq(waybillNumbers.carrier, carrier), inArray(waybillNumbers.trackingNo, trackingNos)));
  const onParcels = await ctx.db
    .select({ no: parcels.trackingNo })
    .from(parcels)
    .where(and(eq(parcels.carrier, carrier), inArray(parcels.trackingNo, trackingNos)));
  return new Set([...inPool, ...onParcels].map((r) => r.no!));
}

/** Adds the numbers to the pool; returns the ones added (a concurrent load of the same ones adds them once). */
export async function insertWaybillNumbers(ctx: Ctx, carrier: Carrier, trackingNos: string[], by: number | null, at: Date): Promise<string[]> {
  const added: string[] = [];
  // in chunks: one statement's parameters are limited (65,535)
  for (let i = 0; i < trackingNos.length; i += 1000) {
    const rows = await ctx.db
      .insert(waybillNumbers)
      .values(trackingNos.slice(i, i + 1000).map((trackingNo) => ({ carrier, trackingNo, loadedBy: by, loadedAt: at })))
      .onConflictDoNothing()
      .returning({ no: waybillNumbers.trackingNo });
    added.push(...rows.map((r) => r.no));
  }
  return added;
}

export interface WaybillStockRow {
  carrier: Carrier;
  available: number;
  allotted: number;
}

/** Per carrier that has a pool: free numbers and numbers allotted so far. */
export function waybillStockRows(ctx: Ctx): Promise<WaybillStockRow[]> {
  return rowsOf<WaybillStockRow>(
    ctx.db,
    sql`SELECT w.carrier, count(*) FILTER (WHERE ${free})::int AS available, count(w.parcel_id)::int AS allotted
          FROM ${waybillNumbers} AS w GROUP BY w.carrier`,
  );
}
