import { api, unwrap } from '../api/client';

/** 播种 (the sowing wall of a multi-item wave). */

export type SowingWall = Awaited<ReturnType<typeof fetchSowingWall>>;
export type WallSlot = SowingWall['slots'][number];
export type WallProgress = SowingWall['progress'];
export type SowResult = Awaited<ReturnType<typeof scanSow>>;

/** The wall: every slot with its order, lines and state, and the progress; 409 not_multi_wave for a single-item wave. */
export const fetchSowingWall = (id: number) => unwrap(api.GET('/api/v1/waves/{id}/sowing', { params: { path: { id } } }));
/** One unit scanned at the wall: the slot it goes into; 409 wrong_item, excess_item, intercepted, already_packing, not_picked (kept on the server). */
export const scanSow = (id: number, barcode: string) => unwrap(api.POST('/api/v1/waves/{id}/sowing', { params: { path: { id } }, body: { barcode } }));
