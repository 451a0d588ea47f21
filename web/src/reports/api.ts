import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

export type UnpaidRegisterQuery = NonNullable<paths['/api/v1/reports/unpaid-register']['get']['parameters']['query']>;
export type UnpaidEntry = Awaited<ReturnType<typeof fetchUnpaidRegister>>['items'][number];

export const fetchUnpaidRegister = (query: UnpaidRegisterQuery) => unwrap(api.GET('/api/v1/reports/unpaid-register', { params: { query } }));
