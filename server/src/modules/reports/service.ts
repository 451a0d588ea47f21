import { HOUR, localDate, localDateTime } from '../../platform/clock';
import { can, type Ctx } from '../../platform/context';
import { unprocessable } from '../../platform/errors';
import { EXPORT_BATCH_ROWS, EXPORT_MAX_ROWS, exportTable, type ExportColumn, type ExportFile } from '../../platform/exports';
import { aftersalesCounters } from '../aftersales';
import { lowStockAlerts } from '../inventory';
import { countReviewOverdue, countUnpaidToRemind } from '../orders';
import type { UnpaidRegisterExportQuery, UnpaidRegisterPage, UnpaidRegisterQuery, Workbench } from './model';
import * as read from './readModel';

const LOW_STOCK_SHOWN = 10;
/** A promise due within this long is near: the floor should take the order now. */
const PROMISE_SOON_MS = 6 * HOUR;

async function warehouseWork(ctx: Ctx, now: Date): Promise<Workbench['warehouse']> {
  const work = await read.warehouseWork(ctx, now, PROMISE_SOON_MS);
  return { ...work, promiseAsOf: now.toISOString(), promiseSoonUntil: new Date(now.getTime() + PROMISE_SOON_MS).toISOString() };
}

/**
 * 工作台: what needs someone now, gathered from the modules that own each fact; each part only for
 * the roles whose work it is (null for the others), so every role sees its own desk.
 */
export async function workbench(ctx: Ctx): Promise<Workbench> {
  const now = ctx.clock.now();
  const [reviewOverdue, unpaid, paymentsToConfirm, lowStock, warehouse, exceptions, aftersales] = await Promise.all([
    can(ctx.actor, 'orders.review') ? countReviewOverdue(ctx) : null,
    can(ctx.actor, 'orders.create') ? countUnpaidToRemind(ctx) : null,
    can(ctx.actor, 'orders.pay') ? read.countOrdersIn(ctx, 'pending_payment') : null,
    lowStockAlerts(ctx, LOW_STOCK_SHOWN),
    can(ctx.actor, 'fulfillment.manage') ? warehouseWork(ctx, now) : null,
    can(ctx.actor, 'logistics.handle') ? read.exceptionCounts(ctx, now) : null,
    aftersalesCounters(ctx),
  ]);
  const unpaidCreatedBefore = unpaid?.createdBefore?.toISOString() ?? null;
  return { reviewOverdue, unpaidToRemind: unpaid?.count ?? null, unpaidCreatedBefore, paymentsToConfirm, lowStock, warehouse, exceptions, aftersales };
}

/** 未付款明细表: orders that closed without payment, newest first. */
export async function unpaidRegister(ctx: Ctx, q: UnpaidRegisterQuery): Promise<UnpaidRegisterPage> {
  const rows = await read.unpaidRegisterEntries(ctx, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const totals = await read.unpaidRegisterTotals(ctx, q);
  return {
    items: rows.map(({ id: _id, shopTimezone: _zone, ...r }) => ({ ...r, orderCreatedAt: r.orderCreatedAt.toISOString(), closedAt: r.closedAt.toISOString() })),
    total: totals.n,
    amount: totals.amount,
    page: q.page,
    pageSize: q.pageSize,
  };
}

const UNPAID_COLUMNS: ExportColumn<read.UnpaidEntryRow>[] = [
  { header: '订单号', width: 22, value: (r) => r.orderNo },
  { header: '店铺', width: 20, value: (r) => r.shopName },
  { header: '买家昵称', width: 20, value: (r) => r.buyerNick },
  { header: '订单金额（元）', kind: 'yuan', width: 14, value: (r) => r.total },
  { header: '下单时间', width: 18, value: (r) => localDateTime(r.orderCreatedAt, r.shopTimezone) },
  { header: '关闭时间', width: 18, value: (r) => localDateTime(r.closedAt, r.shopTimezone) },
  { header: '关闭原因', width: 36, value: (r) => r.reason },
];

/** The day in a file name: the register is read in China. */
const FILE_DAY_TIME_ZONE = 'Asia/Shanghai';

/** 未付款明细表 as an Excel or CSV file: every entry the filter matches (no paging), with a 合计 row in Excel. */
export async function exportUnpaidRegister(ctx: Ctx, q: UnpaidRegisterExportQuery): Promise<ExportFile> {
  const { n } = await read.unpaidRegisterTotals(ctx, q);
  if (n > EXPORT_MAX_ROWS) {
    throw unprocessable('export_too_large', `符合条件的记录有 ${n} 条，超过一次导出的上限 ${EXPORT_MAX_ROWS} 条，请缩小关闭日期范围后分批导出`, [
      { path: 'closedFrom', message: `最多 ${EXPORT_MAX_ROWS} 条` },
    ]);
  }
  return exportTable(
    q.format,
    {
      title: '未付款明细表',
      asciiTitle: 'unpaid-register',
      columns: UNPAID_COLUMNS,
      batches: read.unpaidRegisterBatches(ctx, q, EXPORT_BATCH_ROWS),
      totalLabel: (rows) => `合计 ${rows} 单`,
    },
    localDate(ctx.clock.now(), FILE_DAY_TIME_ZONE),
  );
}
