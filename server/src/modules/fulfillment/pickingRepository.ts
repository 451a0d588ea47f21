import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { parcels, pickScans, shelvingLines, shelvings, waveOrders, wavePicks, waves } from './schema';

/** Picking's and return to shelf's queries of fulfillment's own tables (waves, picks, scans, shelvings). */

export type WaveRecord = typeof waves.$inferSelect;

/** The wave, locked: picks, short picks, interceptions and returns to shelf of one wave run one after another. */
export async function lockWave(ctx: Ctx, id: number): Promise<WaveRecord | null> {
  const [row] = await ctx.db.select().from(waves).where(eq(waves.id, id)).for('update');
  return row ?? null;
}

export async function setWaveStatus(ctx: Ctx, id: number, status: string): Promise<void> {
  await ctx.db.update(waves).set({ status }).where(eq(waves.id, id));
}

export async function recordPickScan(ctx: Ctx, scan: Omit<typeof pickScans.$inferInsert, 'id'>): Promise<void> {
  await ctx.db.insert(pickScans).values(scan);
}

/** Units of a SKU picked for orders of the wave. */
export async function addPicked(ctx: Ctx, waveId: number, skuId: number, allotted: readonly { orderId: number; units: number }[]): Promise<void> {
  if (allotted.length === 0) return;
  await ctx.db
    .insert(wavePicks)
    .values(allotted.map((a) => ({ waveId, orderId: a.orderId, skuId, picked: a.units })))
    .onConflictDoUpdate({ target: [wavePicks.waveId, wavePicks.orderId, wavePicks.skuId], set: { picked: sql`${wavePicks.picked} + excluded.picked` } });
}

/** Units picked for one order handed over to others. */
export async function takePicked(ctx: Ctx, waveId: number, skuId: number, orderId: number, units: number): Promise<void> {
  await ctx.db
    .update(wavePicks)
    .set({ picked: sql`${wavePicks.picked} - ${units}` })
    .where(and(eq(wavePicks.waveId, waveId), eq(wavePicks.orderId, orderId), eq(wavePicks.skuId, skuId)));
}

/** What was picked for one order of the wave, per SKU. */
export const picksOfOrder = (ctx: Ctx, waveId: number, orderId: number) =>
  ctx.db
    .select({ skuId: wavePicks.skuId, picked: wavePicks.picked })
    .from(wavePicks)
    .where(and(eq(wavePicks.waveId, waveId), eq(wavePicks.orderId, orderId)))
    .orderBy(asc(wavePicks.skuId));

/** Units picked per SKU for the orders still in the wave. */
export async function pickedBySku(ctx: Ctx, waveId: number): Promise<Map<number, number>> {
  const rows = await ctx.db
    .select({ skuId: wavePicks.skuId, picked: sql<number>`SUM(${wavePicks.picked})::int` })
    .from(wavePicks)
    .innerJoin(waveOrders, and(eq(waveOrders.waveId, wavePicks.waveId), eq(waveOrders.orderId, wavePicks.orderId)))
    .where(and(eq(wavePicks.waveId, waveId), isNull(waveOrders.interceptedAt)))
    .groupBy(wavePicks.skuId);
  return new Map(rows.map((r) => [r.skuId, r.picked]));
}

/** The order's latest parcel packed out of this wave, in whatever state. */
export async function parcelOfWaveOrder(ctx: Ctx, waveId: number, orderId: number) {
  const [row] = await ctx.db
    .select()
    .from(parcels)
    .where(and(eq(parcels.waveId, waveId), eq(parcels.orderId, orderId)))
    .orderBy(desc(parcels.id))
    .limit(1);
  return row ?? null;
}

// ---- return to shelf ----

export type ShelvingRow = typeof shelvings.$inferSelect;
export type ShelvingLineRow = typeof shelvingLines.$inferSelect;

export async function findShelving(ctx: Ctx, by: { id: number } | { waveId: number; orderId: number }, opts: { lock?: boolean } = {}): Promise<ShelvingRow | null> {
  const where = 'id' in by ? eq(shelvings.id, by.id) : and(eq(shelvings.waveId, by.waveId), eq(shelvings.orderId, by.orderId));
  const query = ctx.db.select().from(shelvings).where(where);
  const [row] = opts.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertShelving(ctx: Ctx, values: Omit<typeof shelvings.$inferInsert, 'id'>, lines: Omit<ShelvingLineRow, 'shelvingId' | 'shelved'>[]): Promise<ShelvingRow> {
  const [row] = await ctx.db.insert(shelvings).values(values).returning();
  await ctx.db.insert(shelvingLines).values(lines.map((l) => ({ ...l, shelvingId: row!.id })));
  return row!;
}

export const shelvingLinesOf = (ctx: Ctx, shelvingId: number): Promise<ShelvingLineRow[]> =>
  ctx.db.select().from(shelvingLines).where(eq(shelvingLines.shelvingId, shelvingId)).orderBy(asc(shelvingLines.skuId));

export async function countShelved(ctx: Ctx, shelvingId: number, skuId: number, units: number): Promise<void> {
  await ctx.db
    .update(shelvingLines)
    .set({ shelved: sql`${shelvingLines.shelved} + ${units}` })
    .where(and(eq(shelvingLines.shelvingId, shelvingId), eq(shelvingLines.skuId, skuId)));
}

/** Every item is back: the return is done, its parcel shelved and the wave order marked returned. */
export async function finishShelving(ctx: Ctx, shelving: ShelvingRow, at: Date): Promise<void> {
  await ctx.db.update(shelvings).set({ status: 'done', doneBy: ctx.actor.id, doneAt: at }).where(eq(shelvings.id, shelving.id));
  if (shelving.parcelId !== null) await ctx.db.update(parcels).set({ status: 'shelved' }).where(eq(parcels.id, shelving.parcelId));
  await ctx.db
    .update(waveOrders)
    .set({ shelvedAt: at })
    .where(and(eq(waveOrders.waveId, shelving.waveId), eq(waveOrders.orderId, shelving.orderId)));
}
