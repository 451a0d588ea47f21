import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import type { Parcel } from './packingApi';

/** The parcel after packing, at the scale (称重) and the door (发货). */

export type Carrier = Parcel['carrier'];

/** The parcel a scan names: the label's tracking number or the slip's order number (404 unknown, 409 intercepted / not_packed). */
export const lookupParcel = (scan: string) => unwrap(api.GET('/api/v1/parcels/lookup', { params: { query: { scan } } }));
/** One weighing in grams: 409 weight_mismatch (the weighing kept, the parcel still packed), intercepted. */
export const weighParcel = (id: number, grams: number) => unwrap(api.POST('/api/v1/parcels/{id}/weigh', { params: { path: { id } }, body: { grams } }));
/** Back to 验货: every line to be scanned again. */
export const repackParcel = (id: number) => unwrap(api.POST('/api/v1/parcels/{id}/repack', { params: { path: { id } } }));
/** A supervisor lets a parcel whose weighing was off go, with a reason (fulfillment.override). */
export const overrideWeight = (id: number, reason: string) => unwrap(api.POST('/api/v1/parcels/{id}/weight-override', { params: { path: { id } }, body: { reason } }));
/** Ships a weighed parcel: 422 invalid_tracking_no; 409 tracking_mismatch, tracking_no_used, not_weighed, intercepted. */
export const shipParcel = (id: number, carrier: Carrier, trackingNo: string) =>
  unwrap(api.POST('/api/v1/parcels/{id}/ship', { params: { path: { id } }, body: { carrier, trackingNo } }));

type WaitingQuery = NonNullable<paths['/api/v1/parcels']['get']['parameters']['query']>;
/** 待验货 / 待称重 / 待发货: the stations after the wave. */
export type WaitingStage = WaitingQuery['stage'];
export type WaitingRow = Awaited<ReturnType<typeof fetchWaiting>>['items'][number];
/** What waits at a stage, the longest waiting first; `q` an order or tracking number, whole or its end. */
export const fetchWaiting = (query: WaitingQuery) => unwrap(api.GET('/api/v1/parcels', { params: { query } }));
/** How many wait at each stage (of those `q` finds): the 工作台's counts. */
export const fetchWaitingCounts = (q: string | undefined) => unwrap(api.GET('/api/v1/parcels/counts', { params: { query: { q } } }));
