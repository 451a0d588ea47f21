import { api, unwrap } from '../api/client';

export type SingleStation = Awaited<ReturnType<typeof fetchSingleStation>>;
export type SingleParcel = Awaited<ReturnType<typeof scanSingle>>;

/** A single-item wave's counts: orders, labelled, waiting, intercepted (409 not_single_wave for a multi-item wave). */
export const fetchSingleStation = (id: number) => unwrap(api.GET('/api/v1/waves/{id}/singles', { params: { path: { id } } }));
/** One item scanned: the packed parcel of the next order waiting for it; 409 wrong_item, intercepted (the refused scan kept on the server). */
export const scanSingle = (id: number, barcode: string) => unwrap(api.POST('/api/v1/waves/{id}/singles', { params: { path: { id } }, body: { barcode } }));
