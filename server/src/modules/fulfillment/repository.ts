import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { waveOrders, waves } from './schema';

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

export async function insertWaveOrders(ctx: Ctx, waveId: number, rows: NewWaveOrder[]): Promise<void> {
  // in chunks: one statement's parameters are limited (65,535), a 5,000-order wave has 25,000
  for (let i = 0; i < rows.length; i += 1000) {
    await ctx.db.insert(waveOrders).values(rows.slice(i, i + 1000).map((r) => ({ ...r, waveId })));
  }
}
