import { describe, expect, it } from 'vitest';
import { PARCEL_STATUSES } from './model';
import { PARCEL_TRANSITIONS, parcelTargets, type ParcelStatus } from './parcelStates';

describe('parcel states', () => {
  it('reaches every state from the packing table, and only a parcel gone or back on the shelf has no way on', () => {
    // a Set's iteration visits what is added while it runs: a breadth-first walk
    const reached = new Set<ParcelStatus>(['packing']);
    for (const from of reached) for (const to of Object.values(PARCEL_TRANSITIONS[from]).flat()) reached.add(to);
    expect([...reached].sort()).toEqual([...PARCEL_STATUSES].sort());
    expect(PARCEL_STATUSES.filter((s) => Object.keys(PARCEL_TRANSITIONS[s]).length === 0)).toEqual(['shipped', 'shelved']);
  });

  it('ships only a weighed parcel and lets a parcel not yet gone be intercepted', () => {
    expect(PARCEL_STATUSES.filter((s) => PARCEL_TRANSITIONS[s].ship)).toEqual(['weighed']);
    expect(PARCEL_STATUSES.filter((s) => PARCEL_TRANSITIONS[s].intercept)).toEqual(['packing', 'packed', 'weighed']);
    expect(() => parcelTargets('shipped', 'repack')).toThrow('包裹当前状态为「已发货」，不能重新打包');
  });
});
