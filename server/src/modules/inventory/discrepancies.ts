/**
 * Stock discrepancies (库存差异): a picker found fewer units at a pick bin than the pick list asked
 * for. Reporting one moves no stock — a bin seen short is not a count of the SKU, whose units may
 * be in another location of the warehouse, and the orders that stay held keep their reservations.
 * The stock team counts the SKU in the warehouse; the count sets on hand through the ledger (a
 * `stocktake` movement for the difference) and closes every open discrepancy of that SKU there.
 */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import type { CountDiscrepancyInput, Discrepancy, DiscrepancyListQuery, DiscrepancyReport } from './model';
import * as read from './readModel';
import * as repo from './repository';
import { correctOnHand } from './service';

async function discrepancyView(ctx: Ctx, id: number): Promise<Discrepancy> {
  const [view] = (await read.listDiscrepancies(ctx, { id, page: 1, pageSize: 1 })).items;
  return view!;
}

/** For fulfillment's short pick: the discrepancy, open for the stock team to count. */
export async function reportDiscrepancy(ctx: Ctx, report: DiscrepancyReport): Promise<Discrepancy> {
  const row = await repo.insertDiscrepancy(ctx, { ...report, status: 'open', reportedBy: ctx.actor.id, reportedAt: ctx.clock.now() });
  await recordEvent(ctx, { action: 'inventory.reportDiscrepancy', entityType: 'sku', entityId: report.skuId, after: { discrepancyId: row.id, ...report } });
  return discrepancyView(ctx, row.id);
}

export const listDiscrepancies = (ctx: Ctx, q: DiscrepancyListQuery) => read.listDiscrepancies(ctx, q);

/**
 * The stock team counted the SKU in the whole warehouse: on hand becomes the count (refused below
 * what orders reserved, as any correction is), and the SKU's open discrepancies there are closed.
 */
export async function countDiscrepancy(ctx: Ctx, id: number, input: CountDiscrepancyInput): Promise<Discrepancy> {
  const row = await repo.lockDiscrepancy(ctx, id);
  if (!row) throw notFound('discrepancy', id, '库存差异');
  const view = await discrepancyView(ctx, id);
  if (row.status !== 'open') {
    throw conflict('already_counted', `${view.skuCode} 的这条库存差异已盘点（${view.countedByName ?? ''}盘得 ${view.countedQuantity} 件），不用再盘`, [{ path: 'status', message: row.status }]);
  }
  const { before, change } = await correctOnHand(ctx, {
    sku: { id: row.skuId, code: view.skuCode },
    warehouseId: row.warehouseId,
    to: { counted: input.countedQuantity },
    reason: 'stocktake',
    refType: 'discrepancy',
    refId: String(id),
    note: input.note ?? null,
    path: 'countedQuantity',
  });
  const closed = await repo.closeDiscrepancies(ctx, row.skuId, row.warehouseId, {
    countedQuantity: input.countedQuantity,
    onHandBefore: before.onHand,
    countedBy: ctx.actor.id,
    countedAt: ctx.clock.now(),
  });
  await recordEvent(ctx, {
    action: 'inventory.countDiscrepancy',
    entityType: 'sku',
    entityId: row.skuId,
    before: { warehouseCode: view.warehouseCode, onHand: before.onHand, reserved: before.reserved },
    after: { warehouseCode: view.warehouseCode, onHand: input.countedQuantity, change, discrepancyIds: closed, note: input.note ?? null },
  });
  return discrepancyView(ctx, id);
}
