/** Fulfillment's pure rules: wave kinds and the weighing check (carriers and tracking numbers: carriers.ts). */

export const WAVE_KINDS = ['single', 'multi'] as const;
export type WaveKind = (typeof WAVE_KINDS)[number];

/** 一单一件: one line of quantity one, scanned straight to its label with no packing session. */
export const waveKindOf = (lines: readonly { quantity: number }[]): WaveKind => (lines.length === 1 && lines[0]!.quantity === 1 ? 'single' : 'multi');

/** What the parcel should weigh: every unit's SKU weight plus the warehouse's packaging. */
export const expectedGrams = (lines: readonly { quantity: number; weightGrams: number }[], packagingGrams: number): number =>
  lines.reduce((sum, l) => sum + l.quantity * l.weightGrams, packagingGrams);

export interface WeightVerdict {
  ok: boolean;
  /** Weighed minus expected, in grams (negative: lighter, maybe an item is missing). */
  differenceGrams: number;
  /** The difference as a share of the expected weight, in percent, one decimal. */
  differencePercent: number;
}

/**
 * DOMAIN §5: a difference beyond the tolerance (default 10 %) stops the parcel. A parcel expected
 * to weigh nothing (SKUs without weights, no packaging set) cannot be judged and passes.
 */
export function weightVerdict(expected: number, weighed: number, tolerancePercent: number): WeightVerdict {
  const differenceGrams = weighed - expected;
  if (expected <= 0) return { ok: true, differenceGrams, differencePercent: 0 };
  const differencePercent = Math.round((Math.abs(differenceGrams) * 1000) / expected) / 10;
  // compared in integers: |difference| × 100 ≤ tolerance × expected
  return { ok: Math.abs(differenceGrams) * 100 <= tolerancePercent * expected, differenceGrams, differencePercent };
}
