import type { Case } from './api';

export type ParcelWeight = Case['weights'][number];

/**
 * A parcel's weight is off — shown red — when the scale's verdict was not a pass (a mismatch, or a
 * supervisor letting one go) or the last reading is beyond the tolerance it was weighed with.
 */
export function weightIsOff(w: Pick<ParcelWeight, 'verdict' | 'expectedGrams' | 'differenceGrams' | 'tolerancePercent'>): boolean {
  if (w.verdict !== null && w.verdict !== 'ok') return true;
  if (w.differenceGrams === null || w.expectedGrams === null || w.tolerancePercent === null) return false;
  return Math.abs(w.differenceGrams) * 100 > w.expectedGrams * w.tolerancePercent;
}
