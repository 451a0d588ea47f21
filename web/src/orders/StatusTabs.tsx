import { useQuery } from '@tanstack/react-query';
import { Tabs } from 'antd';
import { useI18n } from '../app/i18n';
import type { ListParams } from '../app/list';
import type { OrderStatus } from './api';
import { fetchOrderCounts, type OrderCounts } from './listApi';

/** The tabs in the order staff work through an order's life. */
const TAB_STATUSES: OrderStatus[] = ['pending_payment', 'awaiting_review', 'awaiting_fulfillment', 'in_fulfillment', 'shipped', 'delivered', 'completed', 'on_hold', 'cancelled', 'closed'];
const ALL = 'all';

const countText = (n: number, capped: boolean) => (capped ? `${n}+` : String(n));
const countOf = (counts: OrderCounts, s: OrderStatus) => countText(counts.byStatus[s] ?? 0, counts.capped[s] ?? false);

function allOf(counts: OrderCounts): string {
  const n = TAB_STATUSES.reduce((sum, s) => sum + (counts.byStatus[s] ?? 0), 0);
  return countText(n, TAB_STATUSES.some((s) => counts.capped[s]));
}

/**
 * 全部 / 待付款 / 待审核 … with how many orders each holds under the other filters; a tab is the
 * status filter. Several statuses chosen in the filter bar leave no tab selected.
 */
export function StatusTabs({ list }: { list: ListParams }) {
  const { t } = useI18n();
  const { status, ...others } = list.filters;
  const counts = useQuery({ queryKey: ['orders', 'counts', others], queryFn: () => fetchOrderCounts(others), placeholderData: (previous) => previous });
  const label = (text: string, n: string | undefined) => (n === undefined ? text : `${text} ${n}`);
  const items = [
    { key: ALL, label: label(t.orderList.allTab, counts.data && allOf(counts.data)) },
    ...TAB_STATUSES.map((s) => ({ key: s, label: label(t.orderStatus[s], counts.data && countOf(counts.data, s)) })),
  ];
  return (
    <Tabs
      activeKey={status === undefined ? ALL : status}
      items={items}
      onChange={(key) => list.applyFilters({ ...list.filters, status: key === ALL ? undefined : key })}
      style={{ marginBottom: 4 }}
    />
  );
}
