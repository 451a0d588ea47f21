import { recordEvent } from '../../platform/audit';
import { inTransaction, systemActor, type Ctx, type Deps } from '../../platform/context';
import type { JobDefinition } from '../../platform/jobs';
import { readSetting } from '../../platform/settings';
import { getCase, requireCase } from './cases';
import { nextCaseStatus } from './caseStates';
import type { Case, EscalateInput, ProposeInput } from './model';
import * as readModel from './readModel';
import * as repo from './repository';
import { difficultDaysSetting } from './settings';
import { correctWrongItemStock } from './wrongItem';

/**
 * Working a case to its SLA: the solution offered to the buyer (which meets the deadline), the
 * escalation to a supervisor (by staff, or by the sweep for a case past its deadline unanswered),
 * and the difficult case's longer deadline.
 */

/** Records the offer made to the buyer; a return or an exchange then waits for the goods to come back. */
export async function propose(ctx: Ctx, id: number, input: ProposeInput): Promise<Case> {
  const row = await requireCase(ctx, id);
  const offered = nextCaseStatus(row.status, 'propose');
  const status = input.solution === 'return' || input.solution === 'exchange' ? nextCaseStatus(offered, 'await_return') : offered;
  await correctWrongItemStock(ctx, row, input.solution);
  const now = ctx.clock.now();
  const proposal = { solution: input.solution, amount: input.amount ?? null, note: input.note, at: now.toISOString() };
  const returnTrackingNo = input.returnTrackingNo ?? row.returnTrackingNo;
  await repo.updateCase(ctx, id, { status, proposal, proposedAt: now, returnTrackingNo, ...(input.solution === 'apology' && { apologizedAt: now }) });
  await recordEvent(ctx, {
    action: 'aftersales_case.propose',
    entityType: 'aftersales_case',
    entityId: id,
    before: { status: row.status },
    after: { status, ...proposal, inTime: now <= row.deadline, ...(input.returnTrackingNo && { returnTrackingNo }) },
  });
  return getCase(ctx, id);
}

/** Hands the case to a supervisor; a difficult one gets the longer deadline, counted from the day it opened. */
export async function escalate(ctx: Ctx, id: number, input: EscalateInput): Promise<Case> {
  const row = await requireCase(ctx, id);
  nextCaseStatus(row.status, 'escalate');
  const difficult = row.difficult || input.difficult;
  const deadline = input.difficult && !row.difficult ? await readModel.endOfShopDay(ctx, row.openedAt, await readModel.caseTimezone(ctx, id), await readSetting(ctx, difficultDaysSetting)) : row.deadline;
  await repo.updateCase(ctx, id, { escalatedAt: ctx.clock.now(), difficult, deadline });
  await recordEvent(ctx, {
    action: 'aftersales_case.escalate',
    entityType: 'aftersales_case',
    entityId: id,
    before: { difficult: row.difficult, deadline: row.deadline.toISOString() },
    after: { note: input.note, difficult, deadline: deadline.toISOString() },
  });
  return getCase(ctx, id);
}

/** The SLA sweep, by deps.clock: cases past their deadline with no solution are escalated to the supervisor, once each. */
export function escalateOverdueCases(deps: Deps): Promise<number> {
  return inTransaction(deps, systemActor, null, async (ctx) => {
    const escalated = await repo.escalateOverdue(ctx, ctx.clock.now());
    for (const c of escalated) {
      await recordEvent(ctx, { action: 'aftersales_case.escalate', entityType: 'aftersales_case', entityId: c.id, after: { caseNo: c.caseNo, overdue: true, deadline: c.deadline.toISOString() } });
    }
    return escalated.length;
  });
}

export const aftersalesJobs: JobDefinition[] = [
  {
    name: 'aftersales-sla-sweep',
    cron: '*/5 * * * *',
    handler: async (deps) => {
      await escalateOverdueCases(deps);
    },
  },
];
