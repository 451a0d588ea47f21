import { localDateTime } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { unprocessable } from '../../platform/errors';
import { EXPORT_BATCH_ROWS, EXPORT_MAX_ROWS, exportTable, type ExportColumn, type ExportFile, type ExportFormat } from '../../platform/exports';
import { CASE_STATUS_LABELS, CASE_TYPE_LABELS, COMPLAINT_CATEGORY_LABELS, SOLUTION_LABELS, type CaseType, type ComplaintCategory, type Solution } from '../aftersales';
import * as read from './aftersalesReadModel';
import type { AftersalesRegisterFilter, DateRange, ReturnReasonsQuery } from './model';

/**
 * The after-sales registers staff report in: 售后登记 (every case open on a day, until closed),
 * 退货登记表 (what the warehouse signed for), 退货原因汇总表 (top return reasons with their share,
 * by week or month), 每日退款统计 (refunds per day by reason) and the complaint statistics (投诉统计:
 * 客诉率 and 解决率 per shop and by category), each as JSON or a file.
 */

const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());
const local = (t: Date | string | null, timezone: string) => (t === null ? null : localDateTime(new Date(t), timezone));
const statusLabel = (status: string) => CASE_STATUS_LABELS[status as keyof typeof CASE_STATUS_LABELS] ?? status;
const CONDITION_LABELS = { resellable: '可二次销售', defective: '次品' } as const;

function refuseTooLarge(rows: number, path: string): void {
  if (rows > EXPORT_MAX_ROWS) throw unprocessable('export_too_large', `符合条件的记录有 ${rows} 条，超过一次导出的上限 ${EXPORT_MAX_ROWS} 条，请缩小日期范围后分批导出`, [{ path, message: `最多 ${EXPORT_MAX_ROWS} 条` }]);
}

/** The rows in export batches, read a batch at a time. */
async function* batchesOf<T>(fetch: (window: { limit: number; offset: number }) => Promise<T[]>): AsyncGenerator<T[]> {
  for (let offset = 0; ; offset += EXPORT_BATCH_ROWS) {
    const batch = await fetch({ limit: EXPORT_BATCH_ROWS, offset });
    if (batch.length > 0) yield batch;
    if (batch.length < EXPORT_BATCH_ROWS) return;
  }
}

/** A summary small enough to be read whole, as its one batch. */
async function* once<T>(rows: Promise<T[]>): AsyncGenerator<T[]> {
  yield await rows;
}

const overdue = (r: read.RegisterRow, now: Date) => r.status !== 'closed' && r.proposedAt === null && new Date(r.deadline) < now;

export async function aftersalesRegister(ctx: Ctx, q: AftersalesRegisterFilter & { page: number; pageSize: number }) {
  const rows = await read.registerRows(ctx, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const now = ctx.clock.now();
  return {
    items: rows.map((r) => ({
      caseId: r.id,
      caseNo: r.caseNo,
      orderId: r.orderId,
      orderNo: r.orderNo,
      shopName: r.shopName,
      type: r.type as CaseType,
      status: r.status,
      reason: r.reason,
      noReason: r.noReason,
      owner: r.owner,
      openedAt: iso(r.openedAt)!,
      deadline: iso(r.deadline)!,
      overdue: overdue(r, now),
      solution: r.proposal?.solution ?? null,
      refunded: r.refunded,
      closedAt: iso(r.closedAt),
    })),
    total: await read.registerCount(ctx, q),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function exportAftersalesRegister(ctx: Ctx, q: AftersalesRegisterFilter & { format: ExportFormat }): Promise<ExportFile> {
  refuseTooLarge(await read.registerCount(ctx, q), 'date');
  const now = ctx.clock.now();
  const columns: ExportColumn<read.RegisterRow>[] = [
    { header: '售后单号', width: 18, value: (r) => r.caseNo },
    { header: '登记时间', width: 18, value: (r) => local(r.openedAt, r.timezone) },
    { header: '订单号', width: 22, value: (r) => r.orderNo },
    { header: '店铺', width: 18, value: (r) => r.shopName },
    { header: '类型', width: 10, value: (r) => CASE_TYPE_LABELS[r.type as CaseType] + (r.noReason ? '（七天无理由）' : '') },
    { header: '原因', width: 30, value: (r) => r.reason },
    { header: '状态', width: 12, value: (r) => statusLabel(r.status) },
    { header: '负责人', width: 10, value: (r) => r.owner },
    { header: '处理时限', width: 18, value: (r) => local(r.deadline, r.timezone) },
    { header: '是否超时', width: 8, value: (r) => (overdue(r, now) ? '超时' : '') },
    { header: '方案', width: 10, value: (r) => (r.proposal ? SOLUTION_LABELS[r.proposal.solution as Solution] : null) },
    { header: '已退款(元)', width: 12, kind: 'yuan', value: (r) => r.refunded },
    { header: '完结时间', width: 18, value: (r) => local(r.closedAt, r.timezone) },
  ];
  return exportTable(q.format, { title: '售后登记', asciiTitle: 'aftersales-register', columns, batches: batchesOf((w) => read.registerRows(ctx, q, w)), totalLabel: (n) => `合计 ${n} 单` }, q.date);
}

export async function returnsRegister(ctx: Ctx, q: DateRange & { page: number; pageSize: number }) {
  const rows = await read.returnRows(ctx, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return {
    items: rows.map(({ timezone: _zone, receivedAt, ...r }) => ({ ...r, receivedAt: iso(receivedAt)! })),
    total: await read.returnCount(ctx, q),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function exportReturnsRegister(ctx: Ctx, q: DateRange & { format: ExportFormat }): Promise<ExportFile> {
  refuseTooLarge(await read.returnCount(ctx, q), 'from');
  const columns: ExportColumn<read.ReturnRow>[] = [
    { header: '签收时间', width: 18, value: (r) => local(r.receivedAt, r.timezone) },
    { header: '售后单号', width: 18, value: (r) => r.caseNo },
    { header: '订单号', width: 22, value: (r) => r.orderNo },
    { header: '货号', width: 16, value: (r) => r.skuCode },
    { header: '品名', width: 24, value: (r) => r.productName },
    { header: '规格', width: 14, value: (r) => r.spec },
    { header: '数量', width: 8, value: (r) => r.quantity },
    { header: '货品状态', width: 12, value: (r) => CONDITION_LABELS[r.condition] },
    { header: '签收人', width: 10, value: (r) => r.receivedBy },
    { header: '运费险', width: 8, value: (r) => (r.shippingInsurance ? '有' : '') },
  ];
  return exportTable(q.format, { title: '退货登记表', asciiTitle: 'returns-register', columns, batches: batchesOf((w) => read.returnRows(ctx, q, w)), totalLabel: (n) => `合计 ${n} 行` }, `${q.from}_${q.to}`);
}

export async function returnReasons(ctx: Ctx, q: ReturnReasonsQuery) {
  const rows = await read.returnReasons(ctx, q);
  return { items: rows.map((r) => ({ ...r, share: Math.round((r.cases / r.periodCases) * 10_000) / 10_000 })) };
}

export function exportReturnReasons(ctx: Ctx, q: ReturnReasonsQuery & { format: ExportFormat }): ExportFile {
  const columns: ExportColumn<Awaited<ReturnType<typeof returnReasons>>['items'][number]>[] = [
    { header: q.groupBy === 'month' ? '月份' : '周', width: 10, value: (r) => r.period },
    { header: '退货原因', width: 30, value: (r) => r.reason },
    { header: '件数(单)', width: 10, value: (r) => r.cases },
    { header: '占比', width: 10, value: (r) => `${(r.share * 100).toFixed(1)}%` },
  ];
  return exportTable(q.format, { title: '退货原因汇总表', asciiTitle: 'return-reasons', columns, batches: once(returnReasons(ctx, q).then((r) => r.items)), totalLabel: (n) => `合计 ${n} 行` }, `${q.from}_${q.to}`);
}

export async function refundStats(ctx: Ctx, q: DateRange) {
  const items = await read.refundDays(ctx, q);
  return { items, total: { refunds: items.reduce((s, r) => s + r.refunds, 0), amount: items.reduce((s, r) => s + r.amount, 0) } };
}

export function exportRefundStats(ctx: Ctx, q: DateRange & { format: ExportFormat }): ExportFile {
  const columns: ExportColumn<read.RefundDayRow>[] = [
    { header: '日期', width: 12, value: (r) => r.day },
    { header: '退款原因', width: 30, value: (r) => r.reason },
    { header: '笔数', width: 8, value: (r) => r.refunds },
    { header: '退款金额(元)', width: 14, kind: 'yuan', value: (r) => r.amount },
  ];
  return exportTable(q.format, { title: '每日退款统计', asciiTitle: 'refund-stats', columns, batches: once(read.refundDays(ctx, q)), totalLabel: (n) => `合计 ${n} 行` }, `${q.from}_${q.to}`);
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const withRates = <T extends Omit<read.ComplaintShopRow, 'shopName'>>(r: T) => ({ ...r, complaintRate: ratio(r.complaintOrders, r.orders), resolutionRate: ratio(r.resolved, r.complaints) });

export async function complaintStats(ctx: Ctx, q: DateRange) {
  const [shopRows, byCategory] = await Promise.all([read.complaintShops(ctx, q), read.complaintCategories(ctx, q)]);
  const keys = ['orders', 'complaints', 'complaintOrders', 'closed', 'resolved', 'ours'] as const;
  const sums = Object.fromEntries(keys.map((k) => [k, shopRows.reduce((sum, r) => sum + r[k], 0)])) as Record<(typeof keys)[number], number>;
  return { items: shopRows.map(withRates), total: withRates(sums), byCategory: byCategory.map((c) => ({ ...c, category: c.category as ComplaintCategory })) };
}

export async function exportComplaintStats(ctx: Ctx, q: DateRange & { format: ExportFormat }): Promise<ExportFile> {
  const stats = await complaintStats(ctx, q);
  type Row = { name: string; orders: number | null; complaints: number; complaintOrders: number | null; resolved: number; ours: number | null; complaintRate: number | null; resolutionRate: number | null };
  const percent = (v: number | null) => (v === null ? null : `${(v * 100).toFixed(2)}%`);
  const rows: Row[] = [
    ...stats.items.map((r) => ({ ...r, name: r.shopName })),
    { ...stats.total, name: '合计' },
    ...stats.byCategory.map((c) => ({ name: `类别：${COMPLAINT_CATEGORY_LABELS[c.category]}`, orders: null, complaints: c.complaints, complaintOrders: null, resolved: c.resolved, ours: null, complaintRate: null, resolutionRate: ratio(c.resolved, c.complaints) })),
  ];
  const columns: ExportColumn<Row>[] = [
    { header: '店铺 / 类别', width: 20, value: (r) => r.name },
    { header: '付款订单数', width: 12, value: (r) => r.orders },
    { header: '投诉数', width: 10, value: (r) => r.complaints },
    { header: '被投诉订单数', width: 14, value: (r) => r.complaintOrders },
    { header: '客诉率', width: 10, value: (r) => percent(r.complaintRate) },
    { header: '已解决', width: 10, value: (r) => r.resolved },
    { header: '解决率', width: 10, value: (r) => percent(r.resolutionRate) },
    { header: '我方责任', width: 10, value: (r) => r.ours },
  ];
  return exportTable(q.format, { title: '投诉统计', asciiTitle: 'complaint-stats', columns, batches: once(Promise.resolve(rows)), totalLabel: (n) => `合计 ${n} 行` }, `${q.from}_${q.to}`);
}
