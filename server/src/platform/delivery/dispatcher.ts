import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../db/client';
import { recordEvent } from '../audit';
import { inTransaction, readCtx, systemActor, type Ctx, type Deps } from '../context';
import { outbox, outboxDeliveries } from '../schema';
import { defineSetting, readSetting } from '../settings';
import { DeliveryFailure, takes, type Channel, type OutboxMessage } from './channels';

/** A shop's setting, not a constant: how long a receiver may be down before its messages need a person. */
export const maxAttemptsSetting = defineSetting({
  key: 'outbox.maxAttempts',
  label: '消息投递：最多尝试次数（仍失败则进入死信，需人工重新投递）',
  schema: z.number().int().min(1).max(30),
  defaultValue: 10,
  unit: 'count',
});

/** Failed rounds wait 30 s, 1 min, 2 min, … doubling up to an hour: ten attempts span about three hours. */
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;
export const retryDelayMs = (failedAttempts: number) => Math.min(FIRST_RETRY_MS * 2 ** Math.max(failedAttempts - 1, 0), LONGEST_RETRY_MS);

/**
 * A claimed message is not due again for this long, so no other dispatcher takes it while this one
 * delivers; far longer than a batch takes (its deliveries run at once, each within its channel's
 * timeout, at most a minute). A dispatcher that died mid-batch leaves its messages to be delivered
 * again after it: delivery is at least once.
 */
const CLAIM_LEASE_MS = 5 * 60_000;
export const DISPATCH_BATCH = 50;
/** One run of the job stops after this many full batches, leaving the rest to the next run. */
const BATCHES_PER_RUN = 20;
const MAX_ERROR_TEXT = 480;

export interface DispatchResult {
  claimed: number;
  sent: number;
  retrying: number;
  dead: number;
}

interface ClaimedMessage extends OutboxMessage {
  attempts: number;
}

interface ChannelOutcome {
  channel: string;
  error: string | null;
}

/**
 * One batch: claims due messages (safe with any number of dispatchers at once), delivers each to
 * every channel that takes its topic and does not have it yet, and records the outcome. A message
 * every channel has is sent; one that failed anywhere is due again after a backoff, or dead after
 * the setting's number of attempts. The job runs this; tests call it directly.
 */
export async function dispatchOutbox(deps: Deps, channels: Channel[], batchSize = DISPATCH_BATCH): Promise<DispatchResult> {
  const result: DispatchResult = { claimed: 0, sent: 0, retrying: 0, dead: 0 };
  const messages = await claimDue(deps, channels, batchSize);
  if (messages.length === 0) return result;
  result.claimed = messages.length;
  const alreadyDelivered = await deliveredChannels(deps, messages.map((m) => m.id));
  const maxAttempts = await readSetting(readCtx(deps, systemActor), maxAttemptsSetting);
  const settled = await Promise.all(
    messages.map(async (message) => {
      const pending = channels.filter((c) => takes(c, message.topic) && !alreadyDelivered.has(`${message.id}:${c.name}`));
      const outcomes = await Promise.all(pending.map((channel) => deliverTo(channel, message)));
      return inTransaction(deps, systemActor, null, (ctx) => settle(ctx, message, outcomes, maxAttempts));
    }),
  );
  for (const state of settled) result[state]++;
  return result;
}

/** What the job does each run: batches until none is full (or the run's share is done). */
export async function drainOutbox(deps: Deps, channels: Channel[]): Promise<void> {
  for (let batch = 0; batch < BATCHES_PER_RUN; batch++) {
    if ((await dispatchOutbox(deps, channels)).claimed < DISPATCH_BATCH) return;
  }
}

/**
 * Due messages of the topics some channel takes, claimed in one statement: a row another
 * dispatcher has locked is skipped, and a claimed row is not due again until its lease ends.
 */
async function claimDue(deps: Deps, channels: Channel[], batchSize: number): Promise<ClaimedMessage[]> {
  if (channels.length === 0) return [];
  const now = deps.clock.now();
  const topics = channels.some((c) => c.topics === 'all') ? null : [...new Set(channels.flatMap((c) => c.topics as string[]))];
  const ofTopics = topics ? sql`AND topic IN (${sql.join(topics.map((t) => sql`${t}`), sql`, `)})` : sql``;
  const rows = await rowsOf<{ id: number; topic: string; payload: Record<string, unknown>; created_at: string | Date; attempts: number }>(
    deps.database.db,
    sql`UPDATE ${outbox} SET next_attempt_at = ${new Date(now.getTime() + CLAIM_LEASE_MS).toISOString()}::timestamptz
        WHERE id IN (
          SELECT id FROM ${outbox}
          WHERE sent_at IS NULL AND dead_at IS NULL AND next_attempt_at <= ${now.toISOString()}::timestamptz ${ofTopics}
          ORDER BY next_attempt_at, id
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, topic, payload, created_at, attempts`,
  );
  return rows
    .map((r) => ({ id: Number(r.id), topic: r.topic, payload: r.payload, createdAt: new Date(r.created_at), attempts: Number(r.attempts) }))
    .sort((a, b) => a.id - b.id);
}

async function deliveredChannels(deps: Deps, ids: number[]): Promise<Set<string>> {
  const rows = await deps.database.db
    .select({ messageId: outboxDeliveries.messageId, channel: outboxDeliveries.channel })
    .from(outboxDeliveries)
    .where(and(inArray(outboxDeliveries.messageId, ids), isNotNull(outboxDeliveries.deliveredAt)));
  return new Set(rows.map((r) => `${r.messageId}:${r.channel}`));
}

async function deliverTo(channel: Channel, message: OutboxMessage): Promise<ChannelOutcome> {
  try {
    await channel.deliver(message);
    return { channel: channel.name, error: null };
  } catch (err) {
    return { channel: channel.name, error: failureText(err) };
  }
}

/** A channel's own failure text, capped; anything else by its kind only, as it may quote a URL or a secret. */
function failureText(err: unknown): string {
  if (err instanceof DeliveryFailure) return err.message.length > MAX_ERROR_TEXT ? `${err.message.slice(0, MAX_ERROR_TEXT)}…` : err.message;
  const kind = err instanceof Error ? err.name : typeof err;
  return `投递出错（${kind.slice(0, 64)}）`;
}

async function settle(ctx: Ctx, message: ClaimedMessage, outcomes: ChannelOutcome[], maxAttempts: number): Promise<keyof Omit<DispatchResult, 'claimed'>> {
  const now = ctx.clock.now();
  for (const { channel, error } of outcomes) {
    const deliveredAt = error === null ? now : null;
    await ctx.db
      .insert(outboxDeliveries)
      .values({ messageId: message.id, channel, attempts: 1, lastError: error, lastAttemptAt: now, deliveredAt })
      .onConflictDoUpdate({
        target: [outboxDeliveries.messageId, outboxDeliveries.channel],
        set: { attempts: sql`${outboxDeliveries.attempts} + 1`, lastError: error, lastAttemptAt: now, deliveredAt },
      });
  }
  const stillOpen = and(eq(outbox.id, message.id), isNull(outbox.sentAt), isNull(outbox.deadAt));
  const failed = outcomes.filter((o) => o.error !== null);
  if (failed.length === 0) {
    await ctx.db.update(outbox).set({ sentAt: now }).where(stillOpen);
    return 'sent';
  }
  const attempts = message.attempts + 1;
  if (attempts < maxAttempts) {
    await ctx.db.update(outbox).set({ attempts, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }).where(stillOpen);
    return 'retrying';
  }
  await ctx.db.update(outbox).set({ attempts, deadAt: now }).where(stillOpen);
  await recordEvent(ctx, { action: 'outbox.dead', entityType: 'outbox', entityId: message.id, after: { topic: message.topic, attempts, failed } });
  return 'dead';
}
