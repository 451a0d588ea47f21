import { MINUTE } from '../../platform/clock';
import { inTransaction, readCtx, systemActor, type Deps } from '../../platform/context';
import type { JobDefinition } from '../../platform/jobs';
import { readSetting } from '../../platform/settings';
import * as repo from './repository';
import { unpaidAction } from './rules';
import { closeIfStillUnpaid, sendUnpaidReminder } from './service';
import { unpaidCloseSetting, unpaidRemindersSetting } from './settings';

const BATCH = 500;
export const UNPAID_CLOSE_REASON = '超时未付款';

export interface SweepResult {
  reminded: number;
  closed: number;
}

/**
 * The unpaid-order sweep (催付 and auto-close), by deps.clock: sends each due reminder once and
 * closes orders unpaid past the timeout into the unpaid register. Each order is its own transaction.
 */
export async function sweepUnpaidOrders(deps: Deps): Promise<SweepResult> {
  const ctx = readCtx(deps, systemActor);
  const reminders = await readSetting(ctx, unpaidRemindersSetting);
  const closeMinutes = await readSetting(ctx, unpaidCloseSetting);
  const now = deps.clock.now();
  const oldEnough = new Date(now.getTime() - Math.min(closeMinutes, ...reminders) * MINUTE);
  const result: SweepResult = { reminded: 0, closed: 0 };
  for (let afterId = 0; ; ) {
    const batch = await repo.unpaidCreatedBefore(ctx, oldEnough, afterId, BATCH);
    for (const order of batch) {
      const action = unpaidAction((now.getTime() - order.createdAt.getTime()) / MINUTE, reminders, closeMinutes);
      const run = <T>(fn: Parameters<typeof inTransaction<T>>[3]) => inTransaction(deps, systemActor, null, fn);
      if (action.kind === 'close' && (await run((tx) => closeIfStillUnpaid(tx, order.id, UNPAID_CLOSE_REASON)))) result.closed++;
      if (action.kind === 'remind' && (await run((tx) => sendUnpaidReminder(tx, order.id, action.reminder)))) result.reminded++;
    }
    if (batch.length < BATCH) return result;
    afterId = batch[batch.length - 1]!.id;
  }
}

export const orderJobs: JobDefinition[] = [
  {
    name: 'orders.unpaid-sweep',
    cron: '* * * * *',
    handler: async (deps) => {
      await sweepUnpaidOrders(deps);
    },
  },
];
