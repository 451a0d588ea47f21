import { and, asc, eq, sql } from 'drizzle-orm';
import { rowOf, rowsOf } from '../db/client';
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
  // Plain SQL: every business action writes one, so it skips the query builder's per-call work.
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  const [row] = await rowsOf<Record<string, unknown>>(
    ctx.db,
    sql`INSERT INTO ${auditEvents} (at, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id)
      VALUES (${ctx.clock.now().toISOString()}::timestamptz, ${ctx.actor.id}::int, ${ctx.actor.name}::text, ${input.action}::text, ${input.entityType}::text,
        ${String(input.entityId)}::text, ${json(input.before)}::jsonb, ${json(input.after)}::jsonb, ${ctx.requestId}::text)
      RETURNING *`,
  );
  return toTimelineEvent(rowOf(auditEvents, row!));
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
