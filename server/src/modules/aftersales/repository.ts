import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { aftersalesCaseLines, aftersalesCases, aftersalesReships, refundRequests, refunds, returnReceipts } from './schema';

export type CaseRecord = typeof aftersalesCases.$inferSelect;
type NewCase = Omit<typeof aftersalesCases.$inferInsert, 'caseNo'>;

/** The case, numbered `prefix` (SH + the shop's date) + aftersales_case_no_seq (4 digits, more when a day needs them). */
export async function insertCase(ctx: Ctx, prefix: string, values: NewCase, lines: { orderItemId: number; skuId: number; quantity: number }[]): Promise<{ id: number; caseNo: string }> {
  const caseNo = sql`(SELECT ${prefix}::text || CASE WHEN n < 10000 THEN lpad(n::text, 4, '0') ELSE n::text END FROM nextval('aftersales_case_no_seq') AS n)`;
  const [row] = await ctx.db
    .insert(aftersalesCases)
    .values({ ...values, caseNo })
    .returning({ id: aftersalesCases.id, caseNo: aftersalesCases.caseNo });
  if (lines.length) await ctx.db.insert(aftersalesCaseLines).values(lines.map((l) => ({ ...l, caseId: row!.id })));
  return row!;
}

/** The case locked for a move: two staff acting on it at once take turns. */
export async function lockCase(ctx: Ctx, id: number): Promise<CaseRecord | null> {
  const [row] = await ctx.db.select().from(aftersalesCases).where(eq(aftersalesCases.id, id)).for('update');
  return row ?? null;
}

export async function updateCase(ctx: Ctx, id: number, changes: Partial<typeof aftersalesCases.$inferInsert>): Promise<void> {
  await ctx.db.update(aftersalesCases).set(changes).where(eq(aftersalesCases.id, id));
}

export async function refundedOnCase(ctx: Ctx, caseId: number): Promise<number> {
  const [row] = await ctx.db
    .select({ sum: sql<number>`COALESCE(sum(${refunds.amount}), 0)::int` })
    .from(refunds)
    .where(eq(refunds.caseId, caseId));
  return row!.sum;
}

export async function insertRefund(ctx: Ctx, values: typeof refunds.$inferInsert): Promise<typeof refunds.$inferSelect> {
  const [row] = await ctx.db.insert(refunds).values(values).returning();
  return row!;
}

export async function insertRefundRequest(ctx: Ctx, values: Omit<typeof refundRequests.$inferInsert, 'status'>): Promise<number> {
  const [row] = await ctx.db
    .insert(refundRequests)
    .values({ ...values, status: 'pending' })
    .returning({ id: refundRequests.id });
  return row!.id;
}

export async function pendingRequest(ctx: Ctx, caseId: number): Promise<typeof refundRequests.$inferSelect | null> {
  const [row] = await ctx.db
    .select()
    .from(refundRequests)
    .where(and(eq(refundRequests.caseId, caseId), eq(refundRequests.status, 'pending')));
  return row ?? null;
}

export async function decideRequest(ctx: Ctx, id: number, decision: { status: 'approved' | 'rejected'; refundId: number | null }): Promise<void> {
  await ctx.db
    .update(refundRequests)
    .set({ ...decision, decidedBy: ctx.actor.id, decidedAt: ctx.clock.now() })
    .where(eq(refundRequests.id, id));
}

/** Open cases past their deadline with no solution proposed and nobody told yet, marked escalated at `now`. */
export async function escalateOverdue(ctx: Ctx, now: Date) {
  return ctx.db
    .update(aftersalesCases)
    .set({ escalatedAt: now })
    .where(and(sql`${aftersalesCases.status} <> 'closed'`, isNull(aftersalesCases.proposedAt), isNull(aftersalesCases.escalatedAt), lt(aftersalesCases.deadline, now)))
    .returning({ id: aftersalesCases.id, caseNo: aftersalesCases.caseNo, deadline: aftersalesCases.deadline });
}

export async function insertReturnReceipts(ctx: Ctx, rows: (typeof returnReceipts.$inferInsert)[]): Promise<void> {
  await ctx.db.insert(returnReceipts).values(rows);
}

export async function insertReship(ctx: Ctx, values: typeof aftersalesReships.$inferInsert): Promise<void> {
  await ctx.db.insert(aftersalesReships).values(values);
}
