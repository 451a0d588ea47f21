import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { preparedRowsOf, rowOf, rowSelectSql } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { CARRIERS } from './carriers';
import { packScans, parcelLines, parcels, parcelWeighings, waveOrders, waves } from './schema';

export type NewWave = Omit<typeof waves.$inferInsert, 'id' | 'waveNo'>;
export type NewWaveOrder = Omit<typeof waveOrders.$inferInsert, 'waveId'>;

/** The wave, numbered `prefix` + wave_no_seq (4 digits, more when a day needs them). */
export async function insertWave(ctx: Ctx, prefix: string, values: NewWave): Promise<{ id: number; waveNo: string }> {
  const waveNo = sql`(SELECT ${prefix}::text || CASE WHEN n < 10000 THEN lpad(n::text, 4, '0') ELSE n::text END FROM nextval('wave_no_seq') AS n)`;
  const [row] = await ctx.db
    .insert(waves)
    .values({ ...values, waveNo })
    .returning({ id: waves.id, waveNo: waves.waveNo });
  return row!;
}

/** The wave a scanned wave number (the pick list's barcode) names, in any case. */
export async function waveIdByNo(ctx: Ctx, waveNo: string): Promise<number | null> {
  const [row] = await ctx.db.select({ id: waves.id }).from(waves).where(eq(waves.waveNo, waveNo.toUpperCase()));
  return row?.id ?? null;
}

export async function insertWaveOrders(ctx: Ctx, waveId: number, rows: NewWaveOrder[]): Promise<void> {
  // in chunks: one statement's parameters are limited (65,535), a 5,000-order wave has 25,000
  for (let i = 0; i < rows.length; i += 1000) {
    await ctx.db.insert(waveOrders).values(rows.slice(i, i + 1000).map((r) => ({ ...r, waveId })));
  }
}

// ---- parcels ----

export type ParcelRow = typeof parcels.$inferSelect;

/** A parcel in these states is on the packing table or waiting at the door: not yet gone. */
const NOT_GONE = ['packing', 'packed', 'weighed'];
export type ParcelLineRow = typeof parcelLines.$inferSelect;

export async function insertParcel(ctx: Ctx, values: Omit<typeof parcels.$inferInsert, 'id'>, lines: Omit<typeof parcelLines.$inferInsert, 'parcelId'>[]): Promise<ParcelRow> {
  const [parcel] = await ctx.db.insert(parcels).values(values).returning();
  await ctx.db.insert(parcelLines).values(lines.map((l) => ({ ...l, parcelId: parcel!.id })));
  return parcel!;
}

/** Every scan at the packing table and the scale locks its parcel first: prepared (two shapes). */
export async function findParcel(ctx: Ctx, id: number, opts: { lock?: boolean } = {}): Promise<ParcelRow | null> {
  const [row] = await preparedRowsOf<Record<string, unknown>>(ctx.db, sql`SELECT * FROM ${parcels} WHERE id = ${id}::bigint${opts.lock ? sql` FOR UPDATE` : sql``}`);
  return row ? rowOf(parcels, row) : null;
}

/** The order's parcel not yet gone: at most one at a time. */
export async function currentParcelOf(ctx: Ctx, orderId: number): Promise<ParcelRow | null> {
  const [row] = await ctx.db
    .select()
    .from(parcels)
    .where(and(eq(parcels.orderId, orderId), inArray(parcels.status, NOT_GONE)))
    .limit(1);
  return row ?? null;
}

export const parcelLinesOf = (ctx: Ctx, parcelId: number): Promise<ParcelLineRow[]> =>
  ctx.db.select().from(parcelLines).where(eq(parcelLines.parcelId, parcelId)).orderBy(asc(parcelLines.orderItemId));

/**
 * Keeps the scan and, when it was taken, counts it on its line (`countedLine`, the order item), in
 * one statement: every scan at the packing table writes it.
 */
export async function recordScan(ctx: Ctx, scan: Omit<typeof packScans.$inferInsert, 'id'>, countedLine: number | null): Promise<void> {
  await preparedRowsOf(
    ctx.db,
    sql`WITH kept AS (INSERT INTO ${packScans} ${rowSelectSql(packScans, scan)})
        UPDATE ${parcelLines} SET scanned = scanned + 1 WHERE parcel_id = ${scan.parcelId}::bigint AND order_item_id = ${countedLine}::bigint`,
  );
}

export const scansOf = (ctx: Ctx, parcelId: number) => ctx.db.select().from(packScans).where(eq(packScans.parcelId, parcelId)).orderBy(asc(packScans.id));

export async function updateParcel(ctx: Ctx, id: number, patch: Partial<Omit<ParcelRow, 'id'>>): Promise<ParcelRow> {
  const [row] = await ctx.db.update(parcels).set(patch).where(eq(parcels.id, id)).returning();
  return row!;
}

/** The order leaves its wave: the wave row is marked, and a parcel not yet gone is stopped. */
export async function interceptOrder(ctx: Ctx, orderId: number, reason: string, at: Date): Promise<{ waveIds: number[]; parcelIds: number[] }> {
  const waved = await ctx.db
    .update(waveOrders)
    .set({ interceptedAt: at, interceptReason: reason })
    .where(and(eq(waveOrders.orderId, orderId), isNull(waveOrders.interceptedAt)))
    .returning({ waveId: waveOrders.waveId });
  const stopped = await ctx.db
    .update(parcels)
    .set({ status: 'intercepted' })
    .where(and(eq(parcels.orderId, orderId), inArray(parcels.status, NOT_GONE)))
    .returning({ id: parcels.id });
  return { waveIds: waved.map((w) => w.waveId), parcelIds: stopped.map((p) => p.id) };
}

/** The order's latest parcel, whatever became of it. */
export async function latestParcelOf(ctx: Ctx, orderId: number): Promise<ParcelRow | null> {
  const [row] = await ctx.db.select().from(parcels).where(eq(parcels.orderId, orderId)).orderBy(desc(parcels.id)).limit(1);
  return row ?? null;
}

/**
 * The parcels carrying this waybill number (once per carrier), newest first. Every carrier is named
 * so the lookup walks the (carrier, tracking_no) index instead of the table.
 */
export function parcelsByTrackingNo(ctx: Ctx, trackingNo: string): Promise<ParcelRow[]> {
  return ctx.db
    .select()
    .from(parcels)
    .where(and(inArray(parcels.carrier, [...CARRIERS]), eq(parcels.trackingNo, trackingNo)))
    .orderBy(desc(parcels.id));
}

/** Back to the packing table: every line to be scanned again (the scans themselves stay in pack_scans). */
export async function resetScans(ctx: Ctx, parcelId: number): Promise<void> {
  await ctx.db.update(parcelLines).set({ scanned: 0 }).where(eq(parcelLines.parcelId, parcelId));
}

export async function recordWeighing(ctx: Ctx, weighing: Omit<typeof parcelWeighings.$inferInsert, 'id'>): Promise<void> {
  await ctx.db.insert(parcelWeighings).values(weighing);
}
