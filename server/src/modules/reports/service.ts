import type { Ctx } from '../../platform/context';
import { lowStockAlerts } from '../inventory';
import { countReviewOverdue, countUnpaidToRemind } from '../orders';
import type { UnpaidRegisterPage, UnpaidRegisterQuery, Workbench } from './model';
import * as repo from './repository';

const LOW_STOCK_SHOWN = 10;

/** 工作台: what needs someone now, gathered from the modules that own each fact. */
export async function workbench(ctx: Ctx): Promise<Workbench> {
  const [reviewOverdue, unpaidToRemind, lowStock] = await Promise.all([
    countReviewOverdue(ctx),
    countUnpaidToRemind(ctx),
    lowStockAlerts(ctx, LOW_STOCK_SHOWN),
  ]);
  return { reviewOverdue, unpaidToRemind, lowStock };
}

/** 未付款明细表: orders that closed without payment, newest first. */
export function unpaidRegister(ctx: Ctx, q: UnpaidRegisterQuery): Promise<UnpaidRegisterPage> {
  return repo.unpaidRegisterPage(ctx, q);
}
