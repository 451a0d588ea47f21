import { DAY, MINUTE } from '../../platform/clock';
import { inTransaction, readCtx, systemActor, type Ctx, type Deps } from '../../platform/context';
import type { JobDefinition } from '../../platform/jobs';
import { readSetting } from '../../platform/settings';
import * as repo from './repository';
import { reminderWindows } from './rules';
import { closeIfStillUnpaid, sendUnpaidReminder } from './unpaid';
import { backfillSearchIndexes } from './searchBackfill';
import { completeIfStillDelivered, sendDeliveryFollowUp } from './delivery';
import { autoCompleteDaysSetting, confirmNudgeDaysSetting, surveyDaysSetting, unpaidCloseSetting, unpaidRemindersSetting } from './settings';

const BATCH = 500;
export const UNPAID_CLOSE_REASON = '超时未付款';

export interface SweepResult {
  reminded: number;
  closed: number;
}

/** Runs `act` on every order `selection` finds, each in its own transaction; counts the ones it acted on. */
async function forEachOrder(deps: Deps, selection: repo.SweepSelection, act: (tx: Ctx, orderId: number) => Promise<boolean>): Promise<number> {
  const ctx = readCtx(deps, systemActor);
  let acted = 0;
  for (let afterId = 0; ; ) {
    const ids = await repo.sweepOrderIds(ctx, selection, afterId, BATCH);
    for (const id of ids) if (await inTransaction(deps, systemActor, null, (tx) => act(tx, id))) acted++;
    if (ids.length < BATCH) return acted;
    afterId = ids[ids.length - 1]!;
  }
}

/**
 * The unpaid-order sweep (催付 and auto-close), by deps.clock: sends each due reminder once and
 * closes orders unpaid past the timeout into the unpaid register.
 */
export async function sweepUnpaidOrders(deps: Deps): Promise<SweepResult> {
  const ctx = readCtx(deps, systemActor);
  const closeMinutes = await readSetting(ctx, unpaidCloseSetting);
  const now = deps.clock.now().getTime();
  const minutesAgo = (minutes: number) => new Date(now - minutes * MINUTE);
  const result: SweepResult = { reminded: 0, closed: 0 };
  const unpaid = { status: 'pending_payment', at: 'createdAt' } as const;
  result.closed = await forEachOrder(deps, { ...unpaid, before: minutesAgo(closeMinutes) }, (tx, id) => closeIfStillUnpaid(tx, id, UNPAID_CLOSE_REASON));
  for (const window of reminderWindows(await readSetting(ctx, unpaidRemindersSetting), closeMinutes)) {
    const selection = { ...unpaid, before: minutesAgo(window.fromAge), after: minutesAgo(window.untilAge), withoutReminder: window.kind };
    result.reminded += await forEachOrder(deps, selection, (tx, id) => sendUnpaidReminder(tx, id, window.kind));
  }
  return result;
}

export interface DeliverySweepResult {
  nudged: number;
  surveyed: number;
  completed: number;
}

/**
 * The delivered-order sweep, by deps.clock, counting from the carrier's delivery time: the buyer is
 * asked to confirm receipt after 3 days (回访/引导确认收货), sent the satisfaction survey after 7, and
 * the order completes itself after 10 (settings). Each happens once.
 */
export async function sweepDeliveredOrders(deps: Deps): Promise<DeliverySweepResult> {
  const ctx = readCtx(deps, systemActor);
  const now = deps.clock.now().getTime();
  const daysAgo = (days: number) => new Date(now - days * DAY);
  const delivered = { status: 'delivered', at: 'deliveredAt' } as const;
  const completeDays = await readSetting(ctx, autoCompleteDaysSetting);
  const result: DeliverySweepResult = { nudged: 0, surveyed: 0, completed: 0 };
  result.completed = await forEachOrder(deps, { ...delivered, before: daysAgo(completeDays) }, (tx, id) => completeIfStillDelivered(tx, id, completeDays));
  for (const [kind, setting] of [['confirm_receipt', confirmNudgeDaysSetting], ['satisfaction_survey', surveyDaysSetting]] as const) {
    const sent = await forEachOrder(deps, { ...delivered, before: daysAgo(await readSetting(ctx, setting)), withoutReminder: kind }, (tx, id) => sendDeliveryFollowUp(tx, id, kind));
    if (kind === 'confirm_receipt') result.nudged = sent;
    else result.surveyed = sent;
  }
  return result;
}

export const orderJobs: JobDefinition[] = [
  {
    name: 'orders-unpaid-sweep',
    cron: '* * * * *',
    handler: async (deps) => {
      await sweepUnpaidOrders(deps);
    },
  },
  {
    name: 'orders-search-backfill',
    everySeconds: 60,
    handler: async (deps) => {
      await backfillSearchIndexes(deps);
    },
  },
  {
    name: 'orders-delivered-sweep',
    cron: '*/10 * * * *',
    handler: async (deps) => {
      await sweepDeliveredOrders(deps);
    },
  },
];
