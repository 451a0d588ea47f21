import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

type ExceptionQuery = NonNullable<paths['/api/v1/logistics/exceptions']['get']['parameters']['query']>;
export type ExceptionKind = NonNullable<ExceptionQuery['kind']>;
export type ExceptionStatusFilter = NonNullable<ExceptionQuery['status']>;
export type LogisticsException = Awaited<ReturnType<typeof fetchException>>;
export type ContactInput = paths['/api/v1/logistics/exceptions/{id}/contact']['post']['requestBody']['content']['application/json'];
export type ResolveInput = paths['/api/v1/logistics/exceptions/{id}/resolve']['post']['requestBody']['content']['application/json'];
export type ContactChannel = ContactInput['channel'];
export type Outcome = ResolveInput['outcome'];
/** A parcel with its carrier, tracking number and timeline (newest event first). */
export type TrackedParcel = Awaited<ReturnType<typeof fetchOrderParcels>>['items'][number];
export type FoundParcel = Awaited<ReturnType<typeof findParcels>>['items'][number];
export type TrackingStatus = TrackedParcel['events'][number]['status'];

export const fetchOrderParcels = (orderId: number) => unwrap(api.GET('/api/v1/orders/{id}/parcels', { params: { path: { id: orderId } } }));
/** 物流跟踪: the parcels a tracking number or an order number names. */
export const findParcels = (q: string) => unwrap(api.GET('/api/v1/tracking/parcels', { params: { query: { q } } }));
export const importTracking = (content: string) => unwrap(api.POST('/api/v1/tracking/imports', { body: { content } }));

export const fetchExceptions = (query: ExceptionQuery) => unwrap(api.GET('/api/v1/logistics/exceptions', { params: { query } }));
const onException = (id: number) => ({ params: { path: { id } } });
export const fetchException = (id: number) => unwrap(api.GET('/api/v1/logistics/exceptions/{id}', onException(id)));
export const fetchExceptionEvents = (id: number) => unwrap(api.GET('/api/v1/logistics/exceptions/{id}/events', onException(id)));
export const recordContact = (id: number, body: ContactInput) => unwrap(api.POST('/api/v1/logistics/exceptions/{id}/contact', { ...onException(id), body }));
export const resolveException = (id: number, body: ResolveInput) => unwrap(api.POST('/api/v1/logistics/exceptions/{id}/resolve', { ...onException(id), body }));

/**
 * A CSV file as text: aggregators export UTF-8 or, from Excel on a Chinese Windows, GBK; a file
 * that is not valid UTF-8 is read as GBK (the server takes text).
 */
export async function readCsvFile(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}
