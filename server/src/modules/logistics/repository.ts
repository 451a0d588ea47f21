import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { logisticsExceptions, trackingEvents, trackingWebhookReceipts } from './schema';

export type NewTrackingEvent = Omit<typeof trackingEvents.$inferInsert, 'id'>;
export type ExceptionRow = typeof logisticsExceptions.$inferSelect;

/** The events not yet kept (the same event sent again is skipped); returns the new ones. */
export async function insertEvents(ctx: Ctx, rows: NewTrackingEvent[]): Promise<{ status: string; occurredAt: Date; description: string }[]> {
  return ctx.db
    .insert(trackingEvents)
    .values(rows)
    .onConflictDoNothing()
    .returning({ status: trackingEvents.status, occurredAt: trackingEvents.occurredAt, description: trackingEvents.description });
}

export const eventsOfParcels = (ctx: Ctx, parcelIds: number[]) =>
  ctx.db
    .select()
    .from(trackingEvents)
    .where(sql`${trackingEvents.parcelId} IN ${parcelIds}`)
    .orderBy(sql`${trackingEvents.occurredAt} DESC, ${trackingEvents.id} DESC`);

/** False when this signature was taken before: the request is a replay. */
export async function takeSignature(ctx: Ctx, signature: string, at: Date): Promise<boolean> {
  const rows = await ctx.db.insert(trackingWebhookReceipts).values({ signature, receivedAt: at }).onConflictDoNothing().returning({ signature: trackingWebhookReceipts.signature });
  return rows.length === 1;
}

/** Signatures older than any timestamp still accepted can no longer be replayed. */
export async function forgetSignatures(ctx: Ctx, before: Date): Promise<void> {
  await ctx.db.delete(trackingWebhookReceipts).where(lt(trackingWebhookReceipts.receivedAt, before));
}

/** Opens the exception unless the parcel has one of that kind still open; returns it when new. */
export async function openException(ctx: Ctx, values: Omit<typeof logisticsExceptions.$inferInsert, 'id' | 'status'>): Promise<ExceptionRow | null> {
  const [row] = await ctx.db.insert(logisticsExceptions).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findException(ctx: Ctx, id: number): Promise<ExceptionRow | null> {
  const [row] = await ctx.db.select().from(logisticsExceptions).where(eq(logisticsExceptions.id, id)).for('update');
  return row ?? null;
}

export async function updateException(ctx: Ctx, id: number, patch: Partial<Omit<ExceptionRow, 'id'>>): Promise<void> {
  await ctx.db.update(logisticsExceptions).set(patch).where(eq(logisticsExceptions.id, id));
}

/** Exceptions nobody contacted the buyer about by their deadline, not yet escalated: marked now, returned. */
export function escalateOverdue(ctx: Ctx, now: Date) {
  return ctx.db
    .update(logisticsExceptions)
    .set({ escalatedAt: now })
    .where(and(eq(logisticsExceptions.status, 'open'), lt(logisticsExceptions.contactDueAt, now), isNull(logisticsExceptions.escalatedAt), ne(logisticsExceptions.status, 'resolved')))
    .returning({ id: logisticsExceptions.id, orderId: logisticsExceptions.orderId, kind: logisticsExceptions.kind, contactDueAt: logisticsExceptions.contactDueAt });
}
