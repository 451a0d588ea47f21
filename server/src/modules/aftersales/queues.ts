import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import { can, type Ctx } from '../../platform/context';
import { aftersalesCases, refunds } from './schema';
import { RETURN_SETTLE_HOURS } from './settlement';

/**
 * The queues after-sales staff work from, each one condition on a case (`c`), shared by the case
 * list's `progress` filter and the workbench's counters so a counter's number is the list it opens.
 */
export const CASE_PROGRESS = ['open', 'overdue', 'return_unrefunded'] as const;
export type CaseProgress = (typeof CASE_PROGRESS)[number];

export function progressCondition(progress: CaseProgress, now: Date): SQL {
  const notClosed = sql`c.status <> 'closed'`;
  switch (progress) {
    case 'open':
      return notClosed;
    // past its deadline with no solution proposed: what the SLA sweep escalates
    case 'overdue':
      return sql`${notClosed} AND c.proposed_at IS NULL AND c.deadline < ${now.toISOString()}`;
    // signed for at least 24 h ago (逾期) and nothing refunded since
    case 'return_unrefunded':
      return sql`${notClosed} AND c.received_at <= ${now.toISOString()}::timestamptz - make_interval(hours => ${RETURN_SETTLE_HOURS})
        AND NOT EXISTS (SELECT 1 FROM ${refunds} AS r WHERE r.case_id = c.id AND r.at >= c.received_at)`;
  }
}

export interface AftersalesCounters {
  /** The caller's cases not yet closed. */
  mineOpen: number;
  overdue: number;
  /** Refunds beyond customer service's authority waiting for a supervisor; null for those who cannot approve. */
  toApprove: number | null;
  returnUnrefunded: number;
}

/** 工作台's after-sales counters for those who handle cases (null for the others). */
export async function aftersalesCounters(ctx: Ctx): Promise<AftersalesCounters | null> {
  if (!can(ctx.actor, 'aftersales.handle')) return null;
  const now = ctx.clock.now();
  const [row] = await rowsOf<Omit<AftersalesCounters, 'toApprove'> & { toApprove: number }>(
    ctx.db,
    sql`SELECT (count(*) FILTER (WHERE c.owner_id = ${ctx.actor.id} AND ${progressCondition('open', now)}))::int AS "mineOpen",
               (count(*) FILTER (WHERE ${progressCondition('overdue', now)}))::int AS overdue,
               (count(*) FILTER (WHERE c.status = 'awaiting_approval'))::int AS "toApprove",
               (count(*) FILTER (WHERE ${progressCondition('return_unrefunded', now)}))::int AS "returnUnrefunded"
          FROM ${aftersalesCases} AS c WHERE c.status <> 'closed'`,
  );
  return { ...row!, toApprove: can(ctx.actor, 'aftersales.approve') ? row!.toApprove : null };
}
