import { api, download, unwrap } from '../api/client';
import type { paths } from '../api/schema';

/** The after-sales registers (售后登记, 退货登记表, 退货原因汇总表, 每日退款统计): one GET each, JSON for the screen or a file with `format`. */
type RegisterPath = '/api/v1/reports/aftersales-register' | '/api/v1/reports/returns' | '/api/v1/reports/return-reasons' | '/api/v1/reports/refunds';
export type RegisterQuery<P extends RegisterPath> = Omit<NonNullable<paths[P]['get']['parameters']['query']>, 'format'>;
type Format = NonNullable<NonNullable<paths[RegisterPath]['get']['parameters']['query']>['format']>;

export const fetchAftersalesRegister = (query: RegisterQuery<'/api/v1/reports/aftersales-register'>) => unwrap(api.GET('/api/v1/reports/aftersales-register', { params: { query } }));
export const fetchReturnsRegister = (query: RegisterQuery<'/api/v1/reports/returns'>) => unwrap(api.GET('/api/v1/reports/returns', { params: { query } }));
export const fetchReturnReasons = (query: RegisterQuery<'/api/v1/reports/return-reasons'>) => unwrap(api.GET('/api/v1/reports/return-reasons', { params: { query } }));
export const fetchRefundStats = (query: RegisterQuery<'/api/v1/reports/refunds'>) => unwrap(api.GET('/api/v1/reports/refunds', { params: { query } }));

export type RegisterEntry = Awaited<ReturnType<typeof fetchAftersalesRegister>>['items'][number];
export type ReturnEntry = Awaited<ReturnType<typeof fetchReturnsRegister>>['items'][number];
export type ReasonEntry = Awaited<ReturnType<typeof fetchReturnReasons>>['items'][number];
export type RefundDay = Awaited<ReturnType<typeof fetchRefundStats>>['items'][number];

/** Downloads the whole register the filters select (no paging) as Excel or CSV; answers the file name. */
export function exportRegister<P extends RegisterPath>(path: P, query: Omit<RegisterQuery<P>, 'page' | 'pageSize'>, format: Format): Promise<string> {
  // one call for the four paths: their queries differ, the reply (a file) does not
  const get = api.GET as (path: RegisterPath, init: { params: { query: Record<string, unknown> }; parseAs: 'blob' }) => Promise<{ data?: Blob; error?: unknown; response: Response }>;
  return download(get(path, { params: { query: { ...query, format } }, parseAs: 'blob' }));
}
