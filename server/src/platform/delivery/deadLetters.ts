import { and, count, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { recordEvent } from '../audit';
import type { Ctx } from '../context';
import { conflict, notFound } from '../errors';
import { loggablePayload } from '../logging';
import { lookupCode, pageQuery } from '../model';
import { outbox, outboxDeliveries } from '../schema';
import { readSetting } from '../settings';
import { maxAttemptsSetting } from './dispatcher';

/** The dead-letter view: messages that failed as often as the shop allows, and putting one back in line. */

export const deadListQuery = z.object({ topic: lookupCode.optional(), ...pageQuery });

const deliverySchema = z.object({
  channel: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string(),
  deliveredAt: z.string().nullable(),
});

export const outboxMessageSchema = z.object({
  id: z.number().int(),
  topic: z.string(),
  /** The payload's fields that name no person; the rest read `***` (as in the log). */
  summary: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  deadAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  /** One per channel that has been tried: which have it, which failed and why. */
  deliveries: z.array(deliverySchema),
});

export const deadListReply = z.object({
  items: z.array(outboxMessageSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  maxAttempts: z.number().int(),
});

export type OutboxMessageView = z.infer<typeof outboxMessageSchema>;
type OutboxRow = typeof outbox.$inferSelect;

export async function listDead(ctx: Ctx, q: z.infer<typeof deadListQuery>): Promise<z.infer<typeof deadListReply>> {
  const where = and(isNotNull(outbox.deadAt), q.topic ? eq(outbox.topic, q.topic) : undefined);
  const rows = await ctx.db
    .select()
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.deadAt), desc(outbox.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(outbox).where(where);
  return { items: await withDeliveries(ctx, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize, maxAttempts: await readSetting(ctx, maxAttemptsSetting) };
}

/**
 * A dead message back in line, due now, with its attempts counted afresh. The channels that
 * already have it are not sent it again.
 */
export async function retryDead(ctx: Ctx, id: number): Promise<OutboxMessageView> {
  const [row] = await ctx.db.select().from(outbox).where(eq(outbox.id, id)).for('update');
  if (!row) throw notFound('outbox', id, '消息');
  if (!row.deadAt) {
    const state = row.sentAt ? '已送达' : '正在投递';
    throw conflict('outbox_not_dead', `消息 ${id} ${state}，不在死信中，无需重新投递`, [{ path: 'id', message: row.sentAt ? 'sent' : 'pending' }]);
  }
  const now = ctx.clock.now();
  const [updated] = await ctx.db.update(outbox).set({ deadAt: null, attempts: 0, nextAttemptAt: now }).where(eq(outbox.id, id)).returning();
  await recordEvent(ctx, { action: 'outbox.retry', entityType: 'outbox', entityId: id, before: { attempts: row.attempts, deadAt: row.deadAt.toISOString() }, after: { attempts: 0, nextAttemptAt: now.toISOString() } });
  const [view] = await withDeliveries(ctx, [updated!]);
  return view!;
}

async function withDeliveries(ctx: Ctx, rows: OutboxRow[]): Promise<OutboxMessageView[]> {
  const ids = rows.map((r) => r.id);
  const deliveries = ids.length === 0 ? [] : await ctx.db.select().from(outboxDeliveries).where(inArray(outboxDeliveries.messageId, ids)).orderBy(outboxDeliveries.channel);
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    summary: loggablePayload(r.payload as Record<string, unknown>),
    createdAt: r.createdAt.toISOString(),
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    deadAt: r.deadAt?.toISOString() ?? null,
    sentAt: r.sentAt?.toISOString() ?? null,
    deliveries: deliveries
      .filter((d) => d.messageId === r.id)
      .map((d) => ({ channel: d.channel, attempts: d.attempts, lastError: d.lastError, lastAttemptAt: d.lastAttemptAt.toISOString(), deliveredAt: d.deliveredAt?.toISOString() ?? null })),
  }));
}
