import type { Parcel } from './packingApi';

/**
 * The scale (称重台) as plain data: waiting for a parcel's scan; a parcel on it, waiting for its
 * weight — with the last weighing's mismatch when it was off, until it is weighed right, packed
 * again or let go by a supervisor; passed; sent back to 验货; or intercepted.
 */
export type Scale =
  | { kind: 'waiting' }
  | { kind: 'onScale'; parcel: Parcel; mismatch: Mismatch | null }
  | { kind: 'passed'; parcel: Parcel }
  | { kind: 'repacked'; parcel: Parcel }
  | { kind: 'intercepted'; message: string };

export type OnScale = Extract<Scale, { kind: 'onScale' }>;

export const WAITING: Scale = { kind: 'waiting' };

/** A weighing beyond the tolerance: what the scale read against the expected weight (the server's words come with the refusal). */
export interface Mismatch {
  expectedGrams: number;
  grams: number;
  /** Positive: heavier than expected. */
  differenceGrams: number;
  /** Found on the parcel from an earlier weighing, not the one just made. */
  earlier: boolean;
}

export function mismatchOf(parcel: Parcel, grams: number, earlier = false): Mismatch {
  const expectedGrams = parcel.expectedGrams ?? 0;
  return { expectedGrams, grams, differenceGrams: grams - expectedGrams, earlier };
}

/** The mismatch a parcel still carries from its last weighing (a supervisor scanning it to let it go sees it at once). */
export function lastMismatch(parcel: Parcel): Mismatch | null {
  return parcel.weightVerdict === 'mismatch' && parcel.weighedGrams !== null ? mismatchOf(parcel, parcel.weighedGrams, true) : null;
}

/** Why a parcel the scan found cannot go on the scale: still being packed, or gone. */
export function notWeighable(parcel: Parcel): 'packing' | 'shipped' | null {
  return parcel.status === 'packing' || parcel.status === 'shipped' ? parcel.status : null;
}
