import { api, download, unwrap } from '../api/client';
import type { ExportFormat } from '../reports/api';
import type { OrderListQuery } from './api';

/** What the order list's status tabs and 导出 ask of the server: the list's filters, without status or paging. */
export type OrderFilterQuery = Omit<OrderListQuery, 'status' | 'sort' | 'cursor' | 'page' | 'pageSize'>;

export const fetchOrderCounts = (query: OrderFilterQuery) => unwrap(api.GET('/api/v1/orders/counts', { params: { query } }));
export type OrderCounts = Awaited<ReturnType<typeof fetchOrderCounts>>;

export const exportOrders = (query: Omit<OrderListQuery, 'cursor' | 'page' | 'pageSize'>, format: ExportFormat) =>
  download(api.GET('/api/v1/orders/export', { params: { query: { ...query, format } }, parseAs: 'blob' }));
