import { localDate, localDateTime } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { unprocessable } from '../../platform/errors';
import { EXPORT_BATCH_ROWS, EXPORT_MAX_ROWS, exportTable, type ExportColumn, type ExportFile } from '../../platform/exports';
import { getShop, type Shop } from '../catalog';
import { buildFilter, cursorOf, listPageOf, listRows } from './list';
import type { OrderExportQuery, OrderListRow } from './model';
import * as listRepo from './listRepository';
import { ORDER_STATUS_LABELS } from './states';

/** The order list as a file: the list's filters and sort, every matching order, buyer data masked as the list shows it. */

type ExportRow = OrderListRow & { shop: Shop };

const at = (iso: string | null, shop: Shop) => (iso ? localDateTime(new Date(iso), shop.timezone) : null);

const COLUMNS: ExportColumn<ExportRow>[] = [
  { header: '订单号', width: 20, value: (r) => r.orderNo },
  { header: '平台订单号', width: 24, value: (r) => r.platformOrderId },
  { header: '店铺', width: 16, value: (r) => r.shop.name },
  { header: '状态', width: 10, value: (r) => ORDER_STATUS_LABELS[r.status] },
  { header: '买家昵称', width: 14, value: (r) => r.buyerNick },
  { header: '收货人', width: 10, value: (r) => r.buyerName },
  { header: '手机', width: 14, value: (r) => r.buyerPhone },
  { header: '省市区', width: 24, value: (r) => [r.province, r.city, r.district].filter(Boolean).join(' ') },
  { header: '详细地址', width: 20, value: (r) => r.addressDetail },
  { header: '商品（货号×数量）', width: 30, value: (r) => r.lines.map((l) => `${l.skuCode}×${l.quantity}`).join('，') },
  { header: '订单金额（元）', kind: 'yuan', width: 14, value: (r) => r.total },
  { header: '已付金额（元）', kind: 'yuan', width: 14, value: (r) => r.paidAmount },
  { header: '下单时间', width: 18, value: (r) => at(r.createdAt, r.shop) },
  { header: '付款时间', width: 18, value: (r) => at(r.paidAt, r.shop) },
];

/** The day in the file name: staff read it in China. */
const FILE_DAY_TIME_ZONE = 'Asia/Shanghai';

export async function exportOrders(ctx: Ctx, q: OrderExportQuery): Promise<ExportFile> {
  const filter = await buildFilter(ctx, q);
  const n = filter ? await listRepo.countOrdersUpTo(ctx, filter, EXPORT_MAX_ROWS + 1) : 0;
  if (n > EXPORT_MAX_ROWS) {
    throw unprocessable('export_too_large', `符合条件的订单超过一次导出的上限 ${EXPORT_MAX_ROWS} 单，请按店铺、状态或下单时间缩小范围后分批导出`, [
      { path: 'createdFrom', message: `最多 ${EXPORT_MAX_ROWS} 单` },
    ]);
  }
  const shops = new Map<number, Shop>();
  const shopOf = async (id: number) => shops.get(id) ?? shops.set(id, await getShop(ctx, id)).get(id)!;
  async function* batches(): AsyncGenerator<ExportRow[]> {
    if (!filter) return;
    let cursor: listRepo.OrderPage['after'];
    for (;;) {
      const page = listPageOf(q.sort, EXPORT_BATCH_ROWS, 1, cursor);
      const rows = await listRepo.listOrders(ctx, filter, page);
      const listed = await listRows(ctx, rows);
      const batch: ExportRow[] = [];
      for (const row of listed) batch.push({ ...row, shop: await shopOf(row.shopId) });
      if (batch.length > 0) yield batch;
      if (rows.length < EXPORT_BATCH_ROWS) return;
      cursor = cursorOf(page.sort.key, rows[rows.length - 1]!);
    }
  }
  return exportTable(q.format, { title: '订单列表', asciiTitle: 'orders', columns: COLUMNS, batches: batches(), totalLabel: (rows) => `合计 ${rows} 单` }, localDate(ctx.clock.now(), FILE_DAY_TIME_ZONE));
}
