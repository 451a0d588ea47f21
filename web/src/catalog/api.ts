import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { useI18n } from '../app/i18n';
import { useLoadErrorNotice } from '../app/LoadError';

type Body<P extends keyof paths, M extends 'post' | 'patch'> = paths[P][M] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

type ShopQuery = NonNullable<paths['/api/v1/shops']['get']['parameters']['query']>;
type ProductQuery = NonNullable<paths['/api/v1/products']['get']['parameters']['query']>;
export type Platform = NonNullable<ShopQuery['platform']>;
export type PriceBand = NonNullable<ProductQuery['priceBand']>;
export type ListingStatus = NonNullable<ProductQuery['listingStatus']>;
export type Shop = Awaited<ReturnType<typeof fetchShops>>['items'][number];
export type Product = Awaited<ReturnType<typeof fetchProducts>>['items'][number];
export type Sku = Product['skus'][number];
export type ShopInput = Body<'/api/v1/shops', 'post'>;
export type ShopChange = Body<'/api/v1/shops/{id}', 'patch'>;
export type ProductInput = Body<'/api/v1/products', 'post'>;
export type ProductChange = Body<'/api/v1/products/{id}', 'patch'>;
export type SkuInput = Body<'/api/v1/products/{id}/skus', 'post'>;
export type SkuChange = Body<'/api/v1/skus/{id}', 'patch'>;
export type PickerSku = Awaited<ReturnType<typeof searchSkus>>['items'][number];

export function fetchShops(query: { q?: string; platform?: Platform; page: number; pageSize: number }) {
  return unwrap(api.GET('/api/v1/shops', { params: { query } }));
}
export const createShop = (body: ShopInput) => unwrap(api.POST('/api/v1/shops', { body }));
export const updateShop = (id: number, body: ShopChange) => unwrap(api.PATCH('/api/v1/shops/{id}', { params: { path: { id } }, body }));

export function fetchProducts(query: { q?: string; category?: string; priceBand?: PriceBand; listingStatus?: ListingStatus; page: number; pageSize: number }) {
  return unwrap(api.GET('/api/v1/products', { params: { query } }));
}
export const createProduct = (body: ProductInput) => unwrap(api.POST('/api/v1/products', { body }));
export const updateProduct = (id: number, body: ProductChange) => unwrap(api.PATCH('/api/v1/products/{id}', { params: { path: { id } }, body }));
export const fetchProductEvents = (id: number) => unwrap(api.GET('/api/v1/products/{id}/events', { params: { path: { id } } }));
export const addSku = (productId: number, body: SkuInput) => unwrap(api.POST('/api/v1/products/{id}/skus', { params: { path: { id: productId } }, body }));
export const updateSku = (id: number, body: SkuChange) => unwrap(api.PATCH('/api/v1/skus/{id}', { params: { path: { id } }, body }));

/** SKU picker: by code, barcode or product name, with the stock available to sell. */
/** SKUs matching `q`, each with what `warehouseId` can sell now (without it: the most one warehouse can). */
export function searchSkus(q: string, pageSize = 20, warehouseId?: number) {
  return unwrap(api.GET('/api/v1/skus', { params: { query: { q, page: 1, pageSize, warehouseId } } }));
}

/** Every active shop, for selects (a shop back office has a handful, never hundreds). */
export function useShopOptions() {
  const { t } = useI18n();
  const shops = useQuery({ queryKey: ['shops', 'all'], queryFn: () => fetchShops({ page: 1, pageSize: 200 }), staleTime: 60_000 });
  useLoadErrorNotice(shops, t.errors.shops);
  const items = shops.data?.items ?? [];
  return { shops: items, options: items.filter((s) => s.active).map((s) => ({ value: s.code, label: s.name })) };
}
