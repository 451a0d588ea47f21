import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { sowLines, sowScans, wavePicks } from './schema';

/** The sowing wall's queries of fulfillment's own tables: what is sown per order line, every scan. */

export async function recordSowScan(ctx: Ctx, scan: Omit<typeof sowScans.$inferInsert, 'id'>): Promise<void> {
  await ctx.db.insert(sowScans).values(scan);
}

/** One unit of an order line put into its slot (the CHECK keeps it within the line's quantity). */
export async function sowUnit(ctx: Ctx, waveId: number, line: { orderId: number; lineId: number; skuId: number; needed: number }): Promise<void> {
  await ctx.db
    .insert(sowLines)
    .values({ waveId, orderId: line.orderId, orderItemId: line.lineId, skuId: line.skuId, needed: line.needed, sown: 1 })
    .onConflictDoUpdate({ target: [sowLines.waveId, sowLines.orderItemId], set: { sown: sql`${sowLines.sown} + 1` } });
}

/** Units sown into one order's slot, per SKU. */
export async function sownOfOrder(ctx: Ctx, waveId: number, orderId: number): Promise<Map<number, number>> {
  const rows = await ctx.db
    .select({ skuId: sowLines.skuId, sown: sql<number>`SUM(${sowLines.sown})::int` })
    .from(sowLines)
    .where(and(eq(sowLines.waveId, waveId), eq(sowLines.orderId, orderId)))
    .groupBy(sowLines.skuId);
  return new Map(rows.map((r) => [r.skuId, r.sown]));
}

/** Whether the wave's picks are being confirmed (a unit was scanned at picking): sowing then takes only units picked. */
export async function picksConfirmed(ctx: Ctx, waveId: number): Promise<boolean> {
  const [row] = await ctx.db.select({ waveId: wavePicks.waveId }).from(wavePicks).where(eq(wavePicks.waveId, waveId)).limit(1);
  return row !== undefined;
}
