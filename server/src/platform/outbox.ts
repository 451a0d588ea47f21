import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import type { Ctx } from './context';
import { outbox, outboxDeliveries } from './schema';

/**
 * Effects outside the database (customer notices, platform calls, webhooks) are written here in
 * the business transaction and delivered after commit (platform/delivery), so nothing is sent for
 * work that rolled back. The payload names what it is about by id and number, never by phone or address.
 */

/** A message as it was queued: what `withdraw` needs to find it untouched. */
export interface QueuedMessage {
  outboxId: number;
  /** When it was first due (ISO): now, or the `notBefore` it was held back to. */
  dueAt: string;
}

/** `notBefore` holds the message back (no dispatcher takes it earlier), so it can still be withdrawn until then. */
export async function enqueue(ctx: Ctx, topic: string, payload: Record<string, unknown>, options: { notBefore?: Date } = {}): Promise<QueuedMessage> {
  const now = ctx.clock.now();
  const dueAt = options.notBefore ?? now;
  const [row] = await ctx.db.insert(outbox).values({ topic, payload, createdAt: now, nextAttemptAt: dueAt }).returning({ id: outbox.id });
  return { outboxId: row!.id, dueAt: dueAt.toISOString() };
}

/**
 * Deletes a message no channel has been handed yet, answering whether it did. A dispatcher's claim
 * takes a message only once due and moves its `next_attempt_at` a lease past that, and every
 * attempt leaves an `outbox_deliveries` row, so a message still due at its first `dueAt` with no
 * delivery row was never claimed. Racing a claim, whoever locks the row first wins: the claim skips
 * a row this transaction is deleting (SKIP LOCKED, and finds it gone after commit), and this delete,
 * waiting on a row just claimed, re-reads it and finds it moved. The withdrawn message is recorded
 * by the caller's audit event, so the row itself is not kept.
 */
export async function withdraw(ctx: Ctx, message: QueuedMessage): Promise<boolean> {
  const deleted = await ctx.db
    .delete(outbox)
    .where(
      and(
        eq(outbox.id, message.outboxId),
        eq(outbox.nextAttemptAt, new Date(message.dueAt)),
        isNull(outbox.sentAt),
        isNull(outbox.deadAt),
        notExists(ctx.db.select({ one: sql`1` }).from(outboxDeliveries).where(eq(outboxDeliveries.messageId, outbox.id))),
      ),
    )
    .returning({ id: outbox.id });
  return deleted.length > 0;
}
