import { describe, expect, it } from 'vitest';
import { expectedGrams, waveKindOf, weightVerdict } from './rules';

describe('wave kinds', () => {
  it('puts one line of one unit in the single-item flow, anything else in the multi-item flow', () => {
    expect(waveKindOf([{ quantity: 1 }])).toBe('single');
    expect(waveKindOf([{ quantity: 2 }])).toBe('multi');
    expect(waveKindOf([{ quantity: 1 }, { quantity: 1 }])).toBe('multi');
  });
});

describe('weighing', () => {
  it('expects every unit plus the packaging', () => {
    expect(expectedGrams([{ quantity: 2, weightGrams: 300 }, { quantity: 1, weightGrams: 150 }], 80)).toBe(830);
  });

  it('stops a parcel beyond the tolerance, either way, and passes one at its edge', () => {
    expect(weightVerdict(1000, 1100, 10)).toEqual({ ok: true, differenceGrams: 100, differencePercent: 10 });
    expect(weightVerdict(1000, 1101, 10)).toMatchObject({ ok: false, differenceGrams: 101 });
    expect(weightVerdict(1000, 880, 10)).toEqual({ ok: false, differenceGrams: -120, differencePercent: 12 });
    expect(weightVerdict(0, 500, 10).ok).toBe(true);
  });
});
