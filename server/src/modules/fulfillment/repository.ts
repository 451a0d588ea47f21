import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
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

export type NewParcel = Omit<typeof parcels.$inferInsert, 'id'>;
type NewParcelLine = Omit<typeof parcelLines.$inferInsert, 'parcelId'>;

export async function insertParcel(ctx: Ctx, values: NewParcel, lines: NewParcelLine[]): Promise<ParcelRow> {
  return (await insertParcelUnlessPacking(ctx, values, lines))!;
}

/** The parcel and its lines; null, writing nothing, when its order already has a parcel on the packing table (another packer opened it first). */
export async function insertParcelUnlessPacking(ctx: Ctx, values: NewParcel, lines: NewParcelLine[]): Promise<ParcelRow | null> {
  const [parcel] = await ctx.db.insert(parcels).values(values).onConflictDoNothing().returning();
  if (!parcel) return null;
  await ctx.db.insert(parcelLines).values(lines.map((l) => ({ ...l, parcelId: parcel.id })));
  return parcel;
}

/** Every scan at the packing table and the scale locks its parcel first: prepared (two shapes). */
export async function findParcel(ctx: Ctx, id: number, opts: { lock?: boolean } = {}): Promise<ParcelRow | null> {
  const [row] = await preparedRowsOf<Record<string, unknown>>(ctx.db, sql`SELECT * FROM ${parcels} WHERE id = ${id}::bigint${opts.lock ? sql` FOR UPDATE` : sql``}`);
  return row ? rowOf(parcels, row) : null;
}

/** The parcel on the packing table for one of these orders (a merge group's is its first order's): at most one each. */
export async function packingParcelOf(ctx: Ctx, orderIds: number[]): Promise<ParcelRow | null> {
  const [row] = await ctx.db
    .select()
    .from(parcels)
    .where(and(inArray(parcels.orderId, orderIds), eq(parcels.status, 'packing')))
    .orderBy(asc(parcels.id))
    .limit(1);
  return row ?? null;
}

/**
 * The order's (or its merge group's) parcel not yet gone: an order split (拆单) may have one at the
 * scale and the next on the packing table, the one closed first is the one a slip finds first.
 */
export async function currentParcelOf(ctx: Ctx, orderId: number, mergeId: number | null = null): Promise<ParcelRow | null> {
  const own = mergeId === null ? eq(parcels.orderId, orderId) : or(eq(parcels.orderId, orderId), eq(parcels.mergeId, mergeId));
  const [row] = await ctx.db
    .select()
    .from(parcels)
    .where(and(own, inArray(parcels.status, NOT_GONE)))
    .orderBy(sql`${parcels.status} = 'packing'`, asc(parcels.id))
    .limit(1);
  return row ?? null;
}

/** Units of these order lines already in closed parcels not yet gone (packed or weighed, waiting for the scale or the door), by line. */
export async function unitsWaitingToShip(ctx: Ctx, orderItemIds: number[]): Promise<Map<number, number>> {
  if (orderItemIds.length === 0) return new Map();
  const rows = await ctx.db
    .select({ line: parcelLines.orderItemId, units: sql<number>`SUM(${parcelLines.expected})::int` })
    .from(parcelLines)
    .innerJoin(parcels, eq(parcels.id, parcelLines.parcelId))
    .where(and(inArray(parcelLines.orderItemId, orderItemIds), inArray(parcels.status, ['packed', 'weighed'])))
    .groupBy(parcelLines.orderItemId);
  return new Map(rows.map((r) => [r.line, r.units]));
}

/** The merge group's parcels begun and not stopped: a group taken apart then would leave one box for several shipments. */
export function liveParcelsOfGroup(ctx: Ctx, mergeId: number): Promise<ParcelRow[]> {
  return ctx.db
    .select()
    .from(parcels)
    .where(and(eq(parcels.mergeId, mergeId), inArray(parcels.status, [...NOT_GONE, 'shipped'])));
}

/** Closes the parcel with what was scanned (拆单): lines not scanned leave it, the others expect what they hold. */
export async function keepScannedLines(ctx: Ctx, parcelId: number): Promise<void> {
  await ctx.db.delete(parcelLines).where(and(eq(parcelLines.parcelId, parcelId), eq(parcelLines.scanned, 0)));
  await ctx.db.update(parcelLines).set({ expected: parcelLines.scanned }).where(eq(parcelLines.parcelId, parcelId));
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

/** The order leaves its wave: the wave row is marked, and a parcel not yet gone is stopped (its merge group's too). */
export async function interceptOrder(ctx: Ctx, orderId: number, mergeId: number | null, reason: string, at: Date): Promise<{ waveIds: number[]; parcelIds: number[] }> {
  const waved = await ctx.db
    .update(waveOrders)
    .set({ interceptedAt: at, interceptReason: reason })
    .where(and(eq(waveOrders.orderId, orderId), isNull(waveOrders.interceptedAt)))
    .returning({ waveId: waveOrders.waveId });
  const stopped = await ctx.db
    .update(parcels)
    .set({ status: 'intercepted' })
    .where(and(mergeId === null ? eq(parcels.orderId, orderId) : or(eq(parcels.orderId, orderId), eq(parcels.mergeId, mergeId)), inArray(parcels.status, NOT_GONE)))
    .returning({ id: parcels.id });
  return { waveIds: waved.map((w) => w.waveId), parcelIds: stopped.map((p) => p.id) };
}

/** The order's (or its merge group's) latest parcel, whatever became of it. */
export async function latestParcelOf(ctx: Ctx, orderId: number, mergeId: number | null = null): Promise<ParcelRow | null> {
  const own = mergeId === null ? eq(parcels.orderId, orderId) : or(eq(parcels.orderId, orderId), eq(parcels.mergeId, mergeId));
  const [row] = await ctx.db.select().from(parcels).where(own).orderBy(desc(parcels.id)).limit(1);
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
