import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

type Json<P extends keyof paths, M extends 'post'> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type OrderListQuery = NonNullable<paths['/api/v1/orders']['get']['parameters']['query']>;
/** A row of the order list: an order's summary, its lines and why it waits. */
export type OrderListRow = Awaited<ReturnType<typeof fetchOrders>>['items'][number];
/** What the search box looked its text up as (the list's `searchedAs`). */
export type SearchKind = NonNullable<Awaited<ReturnType<typeof fetchOrders>>['searchedAs']>[number];
export type Order = Awaited<ReturnType<typeof fetchOrder>>;
export type OrderStatus = Order['status'];
export type Flag = NonNullable<Order['flag']>;
export type CreateOrderInput = Json<'/api/v1/orders', 'post'>;
export type PaymentInput = Json<'/api/v1/orders/{id}/payments', 'post'>;
export type PaymentMethod = PaymentInput['method'];
export type RemarkInput = Json<'/api/v1/orders/{id}/remarks', 'post'>;

export const FLAGS: Flag[] = ['grey', 'red', 'green', 'yellow', 'blue', 'purple'];
export const PAYMENT_METHODS: PaymentMethod[] = ['alipay', 'wechat', 'card', 'installment', 'bank_transfer', 'cod', 'other'];

export const fetchOrders = (query: OrderListQuery) => unwrap(api.GET('/api/v1/orders', { params: { query } }));

export function fetchOrder(id: number, reveal = false) {
  return unwrap(api.GET('/api/v1/orders/{id}', { params: { path: { id }, query: reveal ? { reveal: '1' } : {} } }));
}

export const createOrder = (body: CreateOrderInput) => unwrap(api.POST('/api/v1/orders', { body }));

/** 智能识别: the receiver's fields found in pasted chat text, null where not found. */
export const parseAddress = (text: string) => unwrap(api.POST('/api/v1/addresses/parse', { body: { text } }));
export type ParsedAddress = Awaited<ReturnType<typeof parseAddress>>;

const onOrder = (id: number) => ({ params: { path: { id } } });
export const approveOrder = (id: number) => unwrap(api.POST('/api/v1/orders/{id}/approve', onOrder(id)));
/** 撤销审核: the reviewer's own approval, seconds after it, back to the review queue. */
export const undoApproval = (id: number) => unwrap(api.POST('/api/v1/orders/{id}/undo-approve', onOrder(id)));
/** The usual hold reasons the supervisor keeps in settings. */
export const fetchHoldPresets = () => unwrap(api.GET('/api/v1/orders/hold-presets'));
/** Approves each order on its own; the answer says, per order, whether it went through and why not. */
export const bulkApprove = (ids: number[]) => unwrap(api.POST('/api/v1/orders/bulk-approve', { body: { ids } }));
export const holdOrder = (id: number, reason: string) => unwrap(api.POST('/api/v1/orders/{id}/hold', { ...onOrder(id), body: { reason } }));
export const releaseOrder = (id: number) => unwrap(api.POST('/api/v1/orders/{id}/release', onOrder(id)));
export const cancelOrder = (id: number, reason: string) => unwrap(api.POST('/api/v1/orders/{id}/cancel', { ...onOrder(id), body: { reason } }));
export const closeOrder = (id: number, reason?: string) => unwrap(api.POST('/api/v1/orders/{id}/close', { ...onOrder(id), body: reason ? { reason } : {} }));
export const payOrder = (id: number, body: PaymentInput) => unwrap(api.POST('/api/v1/orders/{id}/payments', { ...onOrder(id), body }));
export const addRemark = (id: number, body: RemarkInput) => unwrap(api.POST('/api/v1/orders/{id}/remarks', { ...onOrder(id), body }));

/** The statuses an order waits in for a person to review it. */
export const REVIEW_STATUSES: OrderStatus[] = ['awaiting_review', 'on_hold'];


/** 合单: the orders that could ship in one parcel with this one, merging, and taking one out. */
export const fetchMergeable = (id: number) => unwrap(api.GET('/api/v1/orders/{id}/mergeable', onOrder(id)));
export type MergeCandidate = Awaited<ReturnType<typeof fetchMergeable>>['items'][number];
export const mergeOrders = (orderIds: number[]) => unwrap(api.POST('/api/v1/orders/merge', { body: { orderIds } }));
export const unmergeOrder = (id: number) => unwrap(api.POST('/api/v1/orders/{id}/unmerge', onOrder(id)));

/** The edits buyers ask for: 改地址 (flat receiver fields, as 智能识别 returns them), 改规格, 催付. */
export type AddressChangeInput = NonNullable<paths['/api/v1/orders/{id}/address']['patch']['requestBody']>['content']['application/json'];
export const changeAddress = (id: number, body: AddressChangeInput) => unwrap(api.PATCH('/api/v1/orders/{id}/address', { ...onOrder(id), body }));
export const fetchSkuOptions = (id: number, lineId: number) => unwrap(api.GET('/api/v1/orders/{id}/sku-options', { params: { path: { id }, query: { lineId } } }));
export const changeSku = (id: number, lineId: number, skuCode: string) => unwrap(api.POST('/api/v1/orders/{id}/change-sku', { ...onOrder(id), body: { lineId, skuCode } }));
export const remindPayment = (id: number) => unwrap(api.POST('/api/v1/orders/{id}/remind-payment', onOrder(id)));
