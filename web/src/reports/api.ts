import { api, download, unwrap } from '../api/client';
import type { paths } from '../api/schema';

export type UnpaidRegisterQuery = NonNullable<paths['/api/v1/reports/unpaid-register']['get']['parameters']['query']>;
export type UnpaidEntry = Awaited<ReturnType<typeof fetchUnpaidRegister>>['items'][number];

export const fetchUnpaidRegister = (query: UnpaidRegisterQuery) => unwrap(api.GET('/api/v1/reports/unpaid-register', { params: { query } }));

export type ExportFormat = NonNullable<NonNullable<paths['/api/v1/reports/unpaid-register/export']['get']['parameters']['query']>['format']>;

/** Downloads the whole register the filters select (no paging) as Excel or CSV; answers the file name. */
export const exportUnpaidRegister = (query: Omit<UnpaidRegisterQuery, 'page' | 'pageSize'>, format: ExportFormat) =>
  download(api.GET('/api/v1/reports/unpaid-register/export', { params: { query: { ...query, format } }, parseAs: 'blob' }));
