import { api, unwrap } from '../api/client';

export type Parcel = Awaited<ReturnType<typeof openPackingSession>>;
export type ParcelLine = Parcel['lines'][number];

/** Opens (or resumes) the packing session of the order the slip names. */
export function openPackingSession(scan: string) {
  return unwrap(api.POST('/api/v1/packing/sessions', { body: { scan } }));
}
/** One item into the parcel: 409 wrong_item / excess_item (the refused scan kept on the server as evidence), intercepted. */
export const scanIntoParcel = (id: number, barcode: string) => unwrap(api.POST('/api/v1/packing/sessions/{id}/scans', { params: { path: { id } }, body: { barcode } }));
/** Closes a fully scanned parcel: its expected weight is fixed. */
export const completePacking = (id: number) => unwrap(api.POST('/api/v1/packing/sessions/{id}/complete', { params: { path: { id } } }));
/** 拆单: closes the parcel with what was scanned, the reason kept; the rest waits for the next parcel. */
export const splitPacking = (id: number, reason: string) => unwrap(api.POST('/api/v1/packing/sessions/{id}/split', { params: { path: { id } }, body: { reason } }));
