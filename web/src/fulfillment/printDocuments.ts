import { api, unwrap } from '../api/client';
import { openInTab } from '../app/openInTab';

/**
 * The printed documents (PDF, fetched with the session's token: an iframe or a window cannot send
 * it). A label prints from a hidden frame on the same screen, so the station keeps its scan box; a
 * pick list or packing slips open in a tab of their own, to be looked over before printing.
 */

const labelPdf = (id: number) => unwrap(api.GET('/api/v1/parcels/{id}/label.pdf', { params: { path: { id } }, parseAs: 'blob' }));
const pickListPdf = (id: number) => unwrap(api.GET('/api/v1/waves/{id}/pick-list.pdf', { params: { path: { id } }, parseAs: 'blob' }));
const packingSlipsPdf = (id: number) => unwrap(api.GET('/api/v1/waves/{id}/packing-slips.pdf', { params: { path: { id } }, parseAs: 'blob' }));

let printFrame: { frame: HTMLIFrameElement; url: string } | null = null;

/**
 * Fetches the parcel's label and opens the browser's print for it from a hidden frame. Chrome
 * shows its print dialog (Enter prints); started with --kiosk-printing it prints to the default
 * printer without one. The frame and its PDF stay until the next label, so a slow dialog still has them.
 */
export async function printLabel(parcelId: number): Promise<void> {
  const pdf = await labelPdf(parcelId);
  if (printFrame) {
    printFrame.frame.remove();
    URL.revokeObjectURL(printFrame.url);
  }
  const url = URL.createObjectURL(pdf);
  const frame = document.createElement('iframe');
  frame.title = 'label';
  frame.dataset.testid = 'label-print-frame';
  // not display:none: Chrome loads no PDF viewer, so nothing to print, in a frame not laid out
  Object.assign(frame.style, { position: 'fixed', right: '0', bottom: '0', width: '1px', height: '1px', border: '0', opacity: '0' });
  frame.tabIndex = -1;
  frame.onload = () => frame.contentWindow?.print();
  frame.src = url;
  document.body.appendChild(frame);
  printFrame = { frame, url };
}

export const openPickList = (waveId: number) => openInTab(() => pickListPdf(waveId));
export const openPackingSlips = (waveId: number) => openInTab(() => packingSlipsPdf(waveId));
