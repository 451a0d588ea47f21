import type { Ctx } from './context';
import { outbox } from './schema';

/**
 * Effects outside the database (customer notices, platform calls, webhooks) are written here in
 * the business transaction and delivered after commit, so nothing is sent for work that rolled back.
 */
export async function enqueue(ctx: Ctx, topic: string, payload: Record<string, unknown>): Promise<void> {
  await ctx.db.insert(outbox).values({ topic, payload, createdAt: ctx.clock.now() });
}
