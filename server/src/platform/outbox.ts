import type { Ctx } from './context';
import { outbox } from './schema';

/**
 * Effects outside the database (customer notices, platform calls, webhooks) are written here in
 * the business transaction and delivered after commit (platform/delivery), so nothing is sent for
 * work that rolled back. The payload names what it is about by id and number, never by phone or address.
 */
export async function enqueue(ctx: Ctx, topic: string, payload: Record<string, unknown>): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.insert(outbox).values({ topic, payload, createdAt: now, nextAttemptAt: now });
}
