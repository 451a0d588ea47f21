import { useQuery } from '@tanstack/react-query';
import { Tabs } from 'antd';
import { useI18n } from '../app/i18n';
import type { Filters, ListParams } from '../app/list';
import type { OrderStatus } from './api';
import { fetchOrderCounts, type OrderCounts } from './listApi';

/** The tabs in the order staff work through an order's life. */
const TAB_STATUSES: OrderStatus[] = ['pending_payment', 'awaiting_review', 'awaiting_fulfillment', 'in_fulfillment', 'shipped', 'delivered', 'completed', 'on_hold', 'cancelled', 'closed'];
const ALL = 'all';

const countText = (n: number, capped: boolean) => (capped ? `${n}+` : String(n));

/** The tabs' counts under the list's filters but its status; the list takes a search's total from them too. */
export function useOrderCounts(filters: Filters) {
  const { status: _status, ...others } = filters;
  return useQuery({ queryKey: ['orders', 'counts', others], queryFn: () => fetchOrderCounts(others), placeholderData: (previous) => previous });
}

/**
 * The count of one tab (a status, or 全部), or undefined where none was counted: a search matching
 * more than it counts is counted over all statuses only, so its status tabs show no number.
 */
export function tabCount(counts: OrderCounts, searching: boolean, status: OrderStatus | undefined): { count: number; capped: boolean } | undefined {
  if (status === undefined) return counts.all;
  if (searching && counts.all.capped) return undefined;
  return { count: counts.byStatus[status] ?? 0, capped: counts.capped[status] ?? false };
}

/**
 * 全部 / 待付款 / 待审核 … with how many orders each holds under the other filters; a tab is the
 * status filter. Several statuses chosen in the filter bar leave no tab selected.
 */
export function StatusTabs({ list }: { list: ListParams }) {
  const { t } = useI18n();
  const counts = useOrderCounts(list.filters).data;
  const searching = Boolean(list.filters.q);
  const label = (text: string, status: OrderStatus | undefined) => {
    const n = counts && tabCount(counts, searching, status);
    return n === undefined ? text : `${text} ${countText(n.count, n.capped)}`;
  };
  const items = [{ key: ALL, label: label(t.orderList.allTab, undefined) }, ...TAB_STATUSES.map((s) => ({ key: s, label: label(t.orderStatus[s], s) }))];
  return (
    <Tabs
      activeKey={list.filters.status === undefined ? ALL : list.filters.status}
      items={items}
      onChange={(key) => list.applyFilters({ ...list.filters, status: key === ALL ? undefined : key })}
      style={{ marginBottom: 4 }}
    />
  );
}
