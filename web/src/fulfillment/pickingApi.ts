import { api, unwrap } from '../api/client';
import type { RoundLine } from './binRound';

/** 配货 (pick confirmation, location first) and 回库 (return to shelf). */

export type PickProgress = Awaited<ReturnType<typeof scanPick>>;
export type ShortPickResult = Awaited<ReturnType<typeof reportShortPick>>;
export type Shelving = Awaited<ReturnType<typeof openShelving>>;

/** One pick scan: a bin alone (arriving at a stop) or an item taken there; 409 bin_not_on_route, wrong_item, excess_item, intercepted (kept on the server). */
export const scanPick = (waveId: number, scan: { binCode?: string; barcode?: string }) =>
  unwrap(api.POST('/api/v1/waves/{id}/picks', { params: { path: { id: waveId } }, body: scan }));
/** A bin holding fewer units than the wave still needs: the discrepancy recorded, the orders that cannot be served back to review; 422 not_short. */
export const reportShortPick = (waveId: number, body: { binCode?: string; skuCode: string; found: number }) =>
  unwrap(api.POST('/api/v1/waves/{id}/short-picks', { params: { path: { id: waveId } }, body }));

/** Opens (or resumes) the return to shelf of the intercepted order the slip names; 409 not_intercepted, already_shelved, nothing_to_shelve. */
export const openShelving = (scan: string) => unwrap(api.POST('/api/v1/fulfillment/shelving', { body: { scan } }));
/** One item put back into its bin; the last one closes the return. 409 wrong_bin, wrong_item, excess_item, already_shelved. */
export const scanShelving = (id: number, scan: { binCode?: string; barcode: string }) =>
  unwrap(api.POST('/api/v1/fulfillment/shelving/{id}/scans', { params: { path: { id } }, body: scan }));

/** A line of the pick list (or of a stop the server answered) as a round line: done is what is picked. */
export type PickLine = RoundLine & { barcode: string | null; productName: string; spec: string; picked: number };

export const pickRound = (lines: readonly Omit<PickLine, 'done'>[]): PickLine[] => lines.map((l) => ({ ...l, done: l.picked }));

/** The pick list after a scan: the stops the server answered carry the counts as they are now. */
export function withProgress<L extends PickLine>(lines: readonly L[], progress: PickProgress): L[] {
  const now = new Map([...(progress.stop?.lines ?? []), ...(progress.next?.lines ?? [])].map((l) => [l.skuId, l]));
  return lines.map((l) => {
    const answered = now.get(l.skuId);
    return answered ? { ...l, quantity: answered.quantity, picked: answered.picked, done: answered.picked } : l;
  });
}

/** A return's lines as round lines: done is what is back in its bin. */
export const shelvingRound = (shelving: Shelving) => shelving.lines.map((l) => ({ ...l, done: l.shelved }));
