import { DAY, HOUR } from '../../platform/clock';
import { inTransaction, readCtx, systemActor, type Deps } from '../../platform/context';
import type { JobDefinition } from '../../platform/jobs';
import { readSetting } from '../../platform/settings';
import { SIGNATURE_MAX_SKEW_SECONDS } from '../../platform/signature';
import { escalateOverdueExceptions, raiseException } from './exceptions';
import * as readModel from './readModel';
import * as repo from './repository';
import { pickupHoursSetting, staleHoursSetting } from './settings';
import { staleDetail } from './tracking';

const BATCH = 500;
/** Parcels shipped longer ago than this are not watched any more: they were dealt with long since. */
const WATCH_DAYS = 30;

export interface LogisticsSweepResult {
  notPickedUp: number;
  stale: number;
  escalated: number;
}

/**
 * The logistics sweep, by deps.clock: shipped parcels the carrier has not picked up within 24 h,
 * or with no news for 72 h (滞留), become exceptions; exceptions nobody contacted the buyer about
 * in time are escalated to the supervisor; webhook signatures too old to be replayed are forgotten.
 */
export async function sweepLogistics(deps: Deps): Promise<LogisticsSweepResult> {
  const ctx = readCtx(deps, systemActor);
  const now = deps.clock.now().getTime();
  const pickupHours = await readSetting(ctx, pickupHoursSetting);
  const staleHours = await readSetting(ctx, staleHoursSetting);
  const result: LogisticsSweepResult = { notPickedUp: 0, stale: 0, escalated: 0 };
  for (;;) {
    const quiet = await readModel.quietParcels(ctx, {
      notPickedUpBefore: new Date(now - pickupHours * HOUR),
      staleBefore: new Date(now - staleHours * HOUR),
      shippedSince: new Date(now - WATCH_DAYS * DAY),
      limit: BATCH,
    });
    await inTransaction(deps, systemActor, null, async (tx) => {
      for (const p of quiet) {
        if (p.lastEventAt === null) {
          const hours = Math.floor((now - new Date(p.shippedAt).getTime()) / HOUR);
          await raiseException(tx, p, 'not_picked_up', `发货 ${hours} 小时仍未揽收`);
          result.notPickedUp++;
        } else {
          await raiseException(tx, p, 'stale', `${staleDetail(now - new Date(p.lastEventAt).getTime())}，最后一条：${p.lastDescription}`);
          result.stale++;
        }
      }
    });
    if (quiet.length < BATCH) break;
  }
  await inTransaction(deps, systemActor, null, async (tx) => {
    result.escalated = await escalateOverdueExceptions(tx);
    await repo.forgetSignatures(tx, new Date(now - 2 * SIGNATURE_MAX_SKEW_SECONDS * 1000));
  });
  return result;
}

export const logisticsJobs: JobDefinition[] = [
  {
    name: 'logistics-sweep',
    cron: '*/10 * * * *',
    handler: async (deps) => {
      await sweepLogistics(deps);
    },
  },
];
