import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { useI18n } from '../app/i18n';
import { useLoadErrorNotice } from '../app/LoadError';

export type Warehouse = Awaited<ReturnType<typeof fetchWarehouses>>['items'][number];
export type StockLevel = Awaited<ReturnType<typeof fetchLevels>>['items'][number];
export type Movement = Awaited<ReturnType<typeof fetchMovements>>['items'][number];
export type PickBinInput = paths['/api/v1/inventory/pick-bins']['put']['requestBody']['content']['application/json'];
export type ReceiptInput = paths['/api/v1/inventory/receipts']['post']['requestBody']['content']['application/json'];
export type AdjustmentInput = paths['/api/v1/inventory/adjustments']['post']['requestBody']['content']['application/json'];

export function fetchWarehouses(query: { q?: string; page: number; pageSize: number }) {
  return unwrap(api.GET('/api/v1/warehouses', { params: { query } }));
}
export const createWarehouse = (body: { code: string; name: string; bins?: string[]; packagingGrams?: number | null }) => unwrap(api.POST('/api/v1/warehouses', { body }));
export const updateWarehouse = (id: number, body: { name?: string; active?: boolean; packagingGrams?: number | null }) =>
  unwrap(api.PATCH('/api/v1/warehouses/{id}', { params: { path: { id } }, body }));
export const addBins = (id: number, codes: string[]) => unwrap(api.POST('/api/v1/warehouses/{id}/bins', { params: { path: { id } }, body: { codes } }));
/** The whole picking route, first bin to last. */
export const setWalkOrder = (id: number, codes: string[]) => unwrap(api.PUT('/api/v1/warehouses/{id}/bins/walk-order', { params: { path: { id } }, body: { codes } }));

export function fetchLevels(query: { skuCode?: string; warehouseCode?: string; q?: string; lowStock?: 'true' | 'false'; page: number; pageSize: number }) {
  return unwrap(api.GET('/api/v1/inventory/levels', { params: { query } }));
}
export type Discrepancy = Awaited<ReturnType<typeof fetchDiscrepancies>>['items'][number];
export type DiscrepancyStatus = NonNullable<NonNullable<paths['/api/v1/inventory/discrepancies']['get']['parameters']['query']>['status']>;
export function fetchDiscrepancies(query: { warehouseCode?: string; status?: DiscrepancyStatus; page: number; pageSize: number }) {
  return unwrap(api.GET('/api/v1/inventory/discrepancies', { params: { query } }));
}
export function fetchMovements(query: { skuCode?: string; warehouseCode?: string; page: number; pageSize: number }) {
  return unwrap(api.GET('/api/v1/inventory/movements', { params: { query } }));
}
export const receiveStock = (body: ReceiptInput) => unwrap(api.POST('/api/v1/inventory/receipts', { body }));
export const adjustStock = (body: AdjustmentInput) => unwrap(api.POST('/api/v1/inventory/adjustments', { body }));
export const setPickBin = (body: PickBinInput) => unwrap(api.PUT('/api/v1/inventory/pick-bins', { body }));

/** Every warehouse, for selects and for naming a warehouse by id. */
export function useWarehouseOptions() {
  const { t } = useI18n();
  const warehouses = useQuery({ queryKey: ['warehouses', 'all'], queryFn: () => fetchWarehouses({ page: 1, pageSize: 200 }), staleTime: 60_000 });
  useLoadErrorNotice(warehouses, t.errors.warehouses);
  const items = warehouses.data?.items ?? [];
  return { warehouses: items, options: items.filter((w) => w.active).map((w) => ({ value: w.code, label: w.name })) };
}
