import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

type WaveQuery = NonNullable<paths['/api/v1/waves']['get']['parameters']['query']>;
export type WaveKind = NonNullable<WaveQuery['kind']>;
export type WaveStatus = NonNullable<WaveQuery['status']>;
export type Wave = Awaited<ReturnType<typeof fetchWaves>>['items'][number];
export type WaveDetail = Awaited<ReturnType<typeof fetchWave>>;
export type WaveOrder = WaveDetail['orders'][number];
export type WaveInput = paths['/api/v1/waves']['post']['requestBody']['content']['application/json'];

export function fetchWaves(query: { warehouseCode?: string; kind?: WaveKind; status?: WaveStatus; page: number; pageSize: number }) {
  return unwrap(api.GET('/api/v1/waves', { params: { query } }));
}
export const fetchWave = (id: number) => unwrap(api.GET('/api/v1/waves/{id}', { params: { path: { id } } }));
export const createWave = (body: WaveInput) => unwrap(api.POST('/api/v1/waves', { body }));
/** The wave a scanned wave number (the pick list's barcode) names: how 配货, 一单一件 and 播种 open theirs. */
export const lookupWave = (scan: string) => unwrap(api.GET('/api/v1/waves/lookup', { params: { query: { scan } } }));
/** The wave's pick list as data: its lines along the route and `picked` / `units`, the picking progress. */
export const fetchPickList = (id: number) => unwrap(api.GET('/api/v1/waves/{id}/pick-list', { params: { path: { id } } }));
