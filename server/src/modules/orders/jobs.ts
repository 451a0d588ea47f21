import { MINUTE } from '../../platform/clock';
import { inTransaction, readCtx, systemActor, type Ctx, type Deps } from '../../platform/context';
import type { JobDefinition } from '../../platform/jobs';
import { readSetting } from '../../platform/settings';
import * as repo from './repository';
import { reminderWindows } from './rules';
import { closeIfStillUnpaid, sendUnpaidReminder } from './unpaid';
import { unpaidCloseSetting, unpaidRemindersSetting } from './settings';

const BATCH = 500;
export const UNPAID_CLOSE_REASON = '超时未付款';

export interface SweepResult {
  reminded: number;
  closed: number;
}

/** Runs `act` on every unpaid order `selection` finds, each in its own transaction; counts the ones it acted on. */
async function forEachUnpaid(deps: Deps, selection: repo.UnpaidSelection, act: (tx: Ctx, orderId: number) => Promise<boolean>): Promise<number> {
  const ctx = readCtx(deps, systemActor);
  let acted = 0;
  for (let afterId = 0; ; ) {
    const ids = await repo.unpaidOrderIds(ctx, selection, afterId, BATCH);
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
  result.closed = await forEachUnpaid(deps, { createdBefore: minutesAgo(closeMinutes) }, (tx, id) => closeIfStillUnpaid(tx, id, UNPAID_CLOSE_REASON));
  for (const window of reminderWindows(await readSetting(ctx, unpaidRemindersSetting), closeMinutes)) {
    const selection = { createdBefore: minutesAgo(window.fromAge), createdAfter: minutesAgo(window.untilAge), withoutReminder: window.kind };
    result.reminded += await forEachUnpaid(deps, selection, (tx, id) => sendUnpaidReminder(tx, id, window.kind));
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
];
