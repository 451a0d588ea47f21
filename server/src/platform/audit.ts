import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from './context';
import { auditEvents } from './schema';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/**
 * Records a business action in the caller's transaction, so it commits or rolls back with it.
 * Returns the event as the timeline shows it, so a caller need not read it back.
 */
export async function recordEvent(ctx: Ctx, input: AuditInput): Promise<TimelineEvent> {
  const [row] = await ctx.db
    .insert(auditEvents)
    .values({
      at: ctx.clock.now(),
      actorId: ctx.actor.id,
      actorName: ctx.actor.name,
      action: input.action,
      entityType: input.entityType,
      entityId: String(input.entityId),
      before: input.before ?? null,
      after: input.after ?? null,
      requestId: ctx.requestId,
    })
    .returning();
  return toTimelineEvent(row!);
}

export interface TimelineEvent {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export async function timeline(ctx: Ctx, entityType: string, entityId: string | number): Promise<TimelineEvent[]> {
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, String(entityId))))
    .orderBy(asc(auditEvents.id));
  return rows.map(toTimelineEvent);
}

function toTimelineEvent(r: typeof auditEvents.$inferSelect): TimelineEvent {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    before: r.before,
    after: r.after,
    requestId: r.requestId,
  };
}
