import { and, asc, desc, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import { preparedRowsOf, rowOf } from '../db/client';
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
  const [row] = await preparedRowsOf<Record<string, unknown>>(ctx.db, sql`${eventInsert(ctx, input, sql`${String(input.entityId)}::text`)} RETURNING *`);
  return timelineEventOf(row!);
}

/**
 * The audit insert as a piece of a larger statement that writes the entity itself (in a
 * data-modifying CTE), so the entity and its event take one round trip: one event per row of
 * the CTE `rows`, its entity id taken from `idColumn` of that CTE. `afterFromRow` adds fields
 * only the statement knows (a generated number, say) to `after`, as a jsonb expression over `rows`.
 */
export function eventPerRowSql(ctx: Ctx, input: Omit<AuditInput, 'entityId'>, rows: string, idColumn: string, afterFromRow?: SQL): SQL {
  return eventInsert(ctx, input, sql`${sql.identifier(rows)}.${sql.identifier(idColumn)}::text`, sql` FROM ${sql.identifier(rows)}`, afterFromRow);
}

function eventInsert(ctx: Ctx, input: Omit<AuditInput, 'entityId'>, entityId: SQL, from: SQL = sql``, afterFromRow?: SQL): SQL {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  const after = afterFromRow ? sql`(coalesce(${json(input.after)}::jsonb, '{}'::jsonb) || ${afterFromRow})` : sql`${json(input.after)}::jsonb`;
  return sql`INSERT INTO ${auditEvents} (at, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id)
    SELECT ${ctx.clock.now().toISOString()}::timestamptz, ${ctx.actor.id}::int, ${ctx.actor.name}::text, ${input.action}::text, ${input.entityType}::text,
      ${entityId}, ${json(input.before)}::jsonb, ${after}, ${ctx.requestId}::text${from}`;
}

/** An event row a statement returned (`RETURNING *`, as columns or as JSON), as the timeline shows it. */
export const timelineEventOf = (raw: Record<string, unknown>): TimelineEvent => toTimelineEvent(rowOf(auditEvents, raw));

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

/** The entity's newest event, leaving out `ignoring` (actions that read it and changed nothing, such as a reveal). */
export async function lastEvent(ctx: Ctx, entityType: string, entityId: string | number, ignoring: readonly string[] = []): Promise<TimelineEvent | undefined> {
  const [row] = await ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, String(entityId)), ignoring.length > 0 ? notInArray(auditEvents.action, [...ignoring]) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row && toTimelineEvent(row);
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
