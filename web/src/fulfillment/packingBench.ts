import type { Parcel, ParcelLine } from './packingApi';
import { isOrderNo } from './scanCodes';

/**
 * The packing bench (验货台) as plain data: what is on it, and what the next scan means there.
 * With no parcel open a scan is a packing slip; with one open it is an item — unless it is
 * another order's slip, which switches orders only when scanned a second time in a row (the
 * packer confirms with the scanner, not the mouse; the first parcel stays open on the server and
 * its slip resumes it).
 */
export type Bench =
  | { kind: 'waiting' }
  | { kind: 'packing'; parcel: Parcel; lastLineId: number | null; switchTo: string | null }
  | { kind: 'packed'; parcel: Parcel }
  | { kind: 'intercepted'; message: string };

export type PackingBench = Extract<Bench, { kind: 'packing' }>;

export const WAITING: Bench = { kind: 'waiting' };

export type ScanMeaning =
  | { kind: 'slip'; orderNo: string }
  | { kind: 'item'; barcode: string }
  /** The open parcel's own slip again: nothing to do. */
  | { kind: 'sameSlip' }
  /** Another order's slip while a parcel is open: asks for the same slip again. */
  | { kind: 'confirmSwitch'; orderNo: string };

const same = (a: string, b: string | null) => b !== null && a.toUpperCase() === b.toUpperCase();

const isLineCode = (parcel: Parcel, code: string) => parcel.lines.some((l) => same(code, l.barcode) || same(code, l.skuCode));

/** What a scan means while a parcel is open (with none open, every scan is a slip). */
export function meaningOf({ parcel, switchTo }: PackingBench, code: string): ScanMeaning {
  if (isLineCode(parcel, code) || !isOrderNo(code)) return { kind: 'item', barcode: code };
  if (same(code, parcel.orderNo)) return { kind: 'sameSlip' };
  return same(code, switchTo) ? { kind: 'slip', orderNo: code } : { kind: 'confirmSwitch', orderNo: code };
}

/** The units scanned and expected over the whole parcel. */
export function parcelProgress(parcel: Parcel): { scanned: number; expected: number } {
  return parcel.lines.reduce((sum, l) => ({ scanned: sum.scanned + l.scanned, expected: sum.expected + l.expected }), { scanned: 0, expected: 0 });
}

/** The line a scan just took: the one whose count grew from `before` to `after`. */
export function takenLine(before: Parcel, after: Parcel): ParcelLine | undefined {
  return after.lines.find((line) => line.scanned > (before.lines.find((l) => l.lineId === line.lineId)?.scanned ?? 0));
}
