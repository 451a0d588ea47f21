import { recordEvent, timeline } from '../../platform/audit';
import { HOUR } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import { readSetting } from '../../platform/settings';
import type { ExceptionKind, ExceptionListQuery, LogisticsException } from './model';
import { contactBody, resolveBody } from './model';
import type { z } from 'zod';
import * as readModel from './readModel';
import * as repo from './repository';
import { contactSlaHoursSetting } from './settings';

/**
 * Logistics exceptions (异常件): a parcel in trouble waits in customer service's queue until someone
 * has contacted the buyer (within the SLA, 12 h by default) and recorded what came of it. One not
 * contacted in time is escalated: the supervisor sees it too.
 */

const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());

function toException(row: readModel.ExceptionRow): LogisticsException {
  return {
    ...row,
    kind: row.kind as ExceptionKind,
    status: row.status as LogisticsException['status'],
    contactChannel: row.contactChannel as LogisticsException['contactChannel'],
    outcome: row.outcome as LogisticsException['outcome'],
    detectedAt: iso(row.detectedAt)!,
    contactDueAt: iso(row.contactDueAt)!,
    escalatedAt: iso(row.escalatedAt),
    contactedAt: iso(row.contactedAt),
    resolvedAt: iso(row.resolvedAt),
  };
}

/** Opens an exception for the parcel (unless one of that kind is open), with its contact deadline from now. */
export async function raiseException(ctx: Ctx, parcel: { id: number; orderId: number }, kind: ExceptionKind, detail: string): Promise<void> {
  const now = ctx.clock.now();
  const slaHours = await readSetting(ctx, contactSlaHoursSetting);
  const row = await repo.openException(ctx, { parcelId: parcel.id, orderId: parcel.orderId, kind, detail, detectedAt: now, contactDueAt: new Date(now.getTime() + slaHours * HOUR) });
  if (row) await recordEvent(ctx, { action: 'logistics_exception.open', entityType: 'logistics_exception', entityId: row.id, after: { kind, parcelId: parcel.id, orderId: parcel.orderId, detail, contactDueAt: row.contactDueAt.toISOString() } });
}

export async function getException(ctx: Ctx, id: number): Promise<LogisticsException> {
  const { rows } = await readModel.exceptionRows(ctx, { id });
  if (!rows[0]) throw notFound('logistics_exception', id, '物流异常');
  return toException(rows[0]);
}

/** What happened to it, oldest first: opened, escalated, every contact (a buyer may be called twice), resolved. */
export async function exceptionEvents(ctx: Ctx, id: number) {
  await getException(ctx, id);
  return timeline(ctx, 'logistics_exception', id);
}

export async function listExceptions(ctx: Ctx, q: ExceptionListQuery) {
  const { rows, total } = await readModel.exceptionRows(ctx, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(toException), total, page: q.page, pageSize: q.pageSize };
}

async function requireActive(ctx: Ctx, id: number): Promise<repo.ExceptionRow> {
  const row = await repo.findException(ctx, id);
  if (!row) throw notFound('logistics_exception', id, '物流异常');
  if (row.status === 'resolved') throw conflict('exception_resolved', '该物流异常已处理完毕', [{ path: 'status', message: row.status }]);
  return row;
}

/** Customer service reached the buyer (phone, chat, SMS): what was said is kept; it may be contacted again. */
export async function recordContact(ctx: Ctx, id: number, input: z.infer<typeof contactBody>): Promise<LogisticsException> {
  const row = await requireActive(ctx, id);
  const now = ctx.clock.now();
  await repo.updateException(ctx, id, { status: 'contacted', contactedAt: now, contactedBy: ctx.actor.id, contactChannel: input.channel, contactNote: input.note });
  await recordEvent(ctx, { action: 'logistics_exception.contact', entityType: 'logistics_exception', entityId: id, before: { status: row.status }, after: { status: 'contacted', ...input } });
  return getException(ctx, id);
}

/** What came of it (redelivered, reshipped, refunded…): the exception leaves the queue. */
export async function resolveException(ctx: Ctx, id: number, input: z.infer<typeof resolveBody>): Promise<LogisticsException> {
  const row = await requireActive(ctx, id);
  if (row.status === 'open') throw conflict('not_contacted', '请先联系买家并记录沟通情况，再填写处理结果', [{ path: 'status', message: row.status }]);
  const now = ctx.clock.now();
  await repo.updateException(ctx, id, { status: 'resolved', outcome: input.outcome, outcomeNote: input.note ?? null, resolvedAt: now, resolvedBy: ctx.actor.id });
  await recordEvent(ctx, { action: 'logistics_exception.resolve', entityType: 'logistics_exception', entityId: id, before: { status: row.status }, after: { status: 'resolved', ...input } });
  return getException(ctx, id);
}

/** Marks every exception past its contact deadline with nobody having called as escalated, audited. */
export async function escalateOverdueExceptions(ctx: Ctx): Promise<number> {
  const escalated = await repo.escalateOverdue(ctx, ctx.clock.now());
  for (const e of escalated) {
    await recordEvent(ctx, { action: 'logistics_exception.escalate', entityType: 'logistics_exception', entityId: e.id, after: { kind: e.kind, orderId: e.orderId, contactDueAt: e.contactDueAt.toISOString() } });
  }
  return escalated.length;
}
