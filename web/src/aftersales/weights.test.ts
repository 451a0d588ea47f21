import { describe, expect, it } from 'vitest';
import { weightIsOff } from './weights';

const passed = { verdict: 'ok' as const, expectedGrams: 450, tolerancePercent: 10 };

describe('a parcel weight shown as off', () => {
  it('is within the tolerance up to 10 % of the expected weight, off past it', () => {
    expect(weightIsOff({ ...passed, differenceGrams: -45 })).toBe(false);
    expect(weightIsOff({ ...passed, differenceGrams: 45 })).toBe(false);
    expect(weightIsOff({ ...passed, differenceGrams: -46 })).toBe(true);
  });

  it('is off whenever the scale refused it or a supervisor let it go', () => {
    expect(weightIsOff({ ...passed, verdict: 'mismatch', differenceGrams: 0 })).toBe(true);
    expect(weightIsOff({ ...passed, verdict: 'override', differenceGrams: 0 })).toBe(true);
  });

  it('is not judged before the parcel was weighed', () => {
    expect(weightIsOff({ verdict: null, expectedGrams: 450, tolerancePercent: null, differenceGrams: null })).toBe(false);
  });
});
