import type { Ctx } from '../../platform/context';
import { lowStockAlerts } from '../inventory';
import { countReviewOverdue, countUnpaidToRemind } from '../orders';
import type { Workbench } from './model';

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
