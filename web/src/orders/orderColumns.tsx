import { Tooltip, type TableColumnType } from 'antd';
import { Link } from 'react-router-dom';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import type { ListParams } from '../app/list';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import type { Flag, OrderListRow } from './api';
import { regionText } from './divisions';
import { FlagTag, StatusTag } from './labels';

/** The order list's columns by key, as the server's `orders.listColumns` preference names them; 订单号 is always shown. */
export const ORDER_COLUMN_KEYS = ['orderNo', 'shop', 'status', 'flag', 'buyer', 'phone', 'address', 'lines', 'total', 'createdAt'] as const;
export type OrderColumnKey = (typeof ORDER_COLUMN_KEYS)[number];
export interface ColumnChoice {
  key: OrderColumnKey;
  visible: boolean;
}
export const ALWAYS_SHOWN: OrderColumnKey = 'orderNo';

/** The saved choice in its order, then any column it does not name (added since) shown at the end. */
export function arrangeColumns(saved: unknown): ColumnChoice[] {
  const known = Array.isArray(saved) ? (saved as ColumnChoice[]).filter((c) => ORDER_COLUMN_KEYS.includes(c.key)) : [];
  const missing = ORDER_COLUMN_KEYS.filter((key) => !known.some((c) => c.key === key)).map((key) => ({ key, visible: true }));
  return [...known, ...missing].map((c) => (c.key === ALWAYS_SHOWN ? { ...c, visible: true } : c));
}

/** At most this many lines' 货号 × 数量 in the cell; the rest in its tooltip. */
const LINES_SHOWN = 2;

function LinesCell({ lines }: { lines: OrderListRow['lines'] }) {
  const { t } = useI18n();
  const text = (shown: typeof lines) => shown.map((l) => `${l.skuCode} × ${l.quantity}`).join('，');
  const shown = text(lines.slice(0, LINES_SHOWN));
  if (lines.length <= LINES_SHOWN) return <span>{shown}</span>;
  return (
    <Tooltip title={text(lines)}>
      <span>
        {shown} {fill(t.orderList.moreLines, { n: lines.length })}
      </span>
    </Tooltip>
  );
}

/**
 * Every column of the list. The widths (the table's size "middle" padding included) add up to what
 * fits beside the menu at 1440 px, so nothing scrolls sideways there; address and time wrap, the phone never.
 */
export function useOrderColumns(list: ListParams, shopName: (id: number) => string): Record<OrderColumnKey, TableColumnType<OrderListRow> & { title: string; width: number }> {
  const { t } = useI18n();
  return {
    orderNo: { title: t.orders.orderNo, dataIndex: 'orderNo', width: 148, render: (no: string, o) => <Link to={`/orders/${o.id}`}>{no}</Link> },
    shop: { title: t.orders.shop, dataIndex: 'shopId', width: 88, ellipsis: true, render: shopName },
    status: { title: t.orders.status, dataIndex: 'status', width: 92, render: (s: OrderListRow['status']) => <StatusTag status={s} /> },
    flag: { title: t.orders.flag, dataIndex: 'flag', width: 48, render: (f: Flag | null) => <FlagTag flag={f} short /> },
    buyer: { title: t.orders.buyer, key: 'buyer', width: 104, ellipsis: true, render: (_, o) => [o.buyerNick, o.buyerName].filter(Boolean).join(' / ') },
    phone: { title: t.orderList.phone, dataIndex: 'buyerPhone', width: 104, render: (phone: string) => <span style={{ whiteSpace: 'nowrap' }}>{phone}</span> },
    address: { title: t.orders.address, key: 'address', width: 172, render: (_, o) => `${regionText(o.province, o.city, o.district)} ${o.addressDetail}` },
    lines: { title: t.orderList.lines, key: 'lines', width: 128, render: (_, o) => <LinesCell lines={o.lines} /> },
    total: { title: t.orders.total, dataIndex: 'total', width: 92, align: 'right', ...list.sortable('total'), render: formatFen },
    createdAt: { title: t.orders.createdAt, dataIndex: 'createdAt', width: 92, ...list.sortable('createdAt'), render: formatTime },
  };
}
