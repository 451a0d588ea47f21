import { localDateTime } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { unprocessable } from '../../platform/errors';
import { EXPORT_BATCH_ROWS, EXPORT_MAX_ROWS, exportTable, type ExportColumn, type ExportFile, type ExportFormat } from '../../platform/exports';
import { maskName } from '../../platform/pii';
import { CARRIER_LABELS } from '../fulfillment';
import type { ShippingReportEntry, ShippingReportFilter, ShippingReportPage, ShippingReportQuery } from './model';
import * as read from './readModel';

/**
 * 发货信息报表: the parcels that left on a shop day, one row each, with the waybill number staff
 * hand to customer service and fill into the platform's 发货, the weight the courier is shown, and
 * who shipped it. The receiver is always masked: the report is printed and passed around.
 */

const receiverOf = (ctx: Ctx, row: read.ShippedParcelRow) => (row.buyerNameEnc === null ? null : maskName(ctx.pii.decrypt(row.buyerNameEnc)));

function toEntry(ctx: Ctx, row: read.ShippedParcelRow): ShippingReportEntry {
  const { shopTimezone: _zone, buyerNameEnc: _name, ...fields } = row;
  return { ...fields, carrierName: CARRIER_LABELS[row.carrier], receiver: receiverOf(ctx, row), shippedAt: new Date(row.shippedAt).toISOString() };
}

export async function shippingReport(ctx: Ctx, q: ShippingReportQuery): Promise<ShippingReportPage> {
  const rows = await read.shippedParcels(ctx, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const totals = await read.shippedTotals(ctx, q);
  return { items: rows.map((r) => toEntry(ctx, r)), total: totals.parcels, units: totals.units, page: q.page, pageSize: q.pageSize };
}

const columns = (ctx: Ctx): ExportColumn<read.ShippedParcelRow>[] => [
  { header: '发货时间', width: 18, value: (r) => localDateTime(new Date(r.shippedAt), r.shopTimezone) },
  { header: '订单号', width: 22, value: (r) => r.orderNo },
  { header: '平台订单号', width: 24, value: (r) => r.platformOrderId },
  { header: '店铺', width: 20, value: (r) => r.shopName },
  { header: '快递公司', width: 12, value: (r) => CARRIER_LABELS[r.carrier] },
  { header: '快递单号', width: 20, value: (r) => r.trackingNo },
  { header: '收货人', width: 10, value: (r) => receiverOf(ctx, r) },
  { header: '省市区', width: 24, value: (r) => `${r.province} ${r.city} ${r.district}` },
  { header: '件数', width: 8, value: (r) => r.units },
  { header: '重量(克)', width: 10, value: (r) => r.weighedGrams },
  { header: '发货人', width: 12, value: (r) => r.shippedByName },
];

/** The day's report as an Excel or CSV file named after the day: every parcel the filters match, no paging. */
export async function exportShippingReport(ctx: Ctx, q: ShippingReportFilter & { format: ExportFormat }): Promise<ExportFile> {
  const { parcels } = await read.shippedTotals(ctx, q);
  if (parcels > EXPORT_MAX_ROWS) {
    throw unprocessable('export_too_large', `这一天发出的包裹有 ${parcels} 个，超过一次导出的上限 ${EXPORT_MAX_ROWS} 个，请按仓库、店铺或快递公司分批导出`, [
      { path: 'warehouseCode', message: `最多 ${EXPORT_MAX_ROWS} 条` },
    ]);
  }
  return exportTable(
    q.format,
    {
      title: '发货信息报表',
      asciiTitle: 'shipping-report',
      columns: columns(ctx),
      batches: read.shippedParcelBatches(ctx, q, EXPORT_BATCH_ROWS),
      totalLabel: (rows) => `合计 ${rows} 个包裹`,
    },
    q.date,
  );
}
