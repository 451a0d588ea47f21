import { describe, expect, it } from 'vitest';
import type { Parcel } from './packingApi';
import { lastMismatch, mismatchOf, notWeighable } from './weighingScale';

const parcel = (fields: Partial<Parcel> = {}): Parcel => ({
  id: 7,
  orderId: 3,
  orderNo: 'SO20261111000123',
  orderNos: ['SO20261111000123'],
  mergeId: null,
  waveId: 1,
  status: 'packed',
  carrier: 'ZTO',
  trackingNo: null,
  weighedGrams: null,
  weightVerdict: null,
  weighedAt: null,
  shippedAt: null,
  flag: null,
  buyerMessage: null,
  complete: true,
  expectedGrams: 800,
  packedAt: '2026-11-11T07:50:00.000Z',
  lines: [],
  ...fields,
});

describe('the scale', () => {
  it('tells a weighing off by how much, lighter negative', () => {
    expect(mismatchOf(parcel(), 600)).toEqual({ expectedGrams: 800, grams: 600, differenceGrams: -200, earlier: false });
    expect(mismatchOf(parcel(), 881).differenceGrams).toBe(81);
  });

  it('shows the mismatch a parcel still carries, and none once weighed right or let go', () => {
    expect(lastMismatch(parcel({ weighedGrams: 600, weightVerdict: 'mismatch' }))).toEqual({ expectedGrams: 800, grams: 600, differenceGrams: -200, earlier: true });
    expect(lastMismatch(parcel({ status: 'weighed', weighedGrams: 810, weightVerdict: 'ok' }))).toBeNull();
    expect(lastMismatch(parcel({ status: 'weighed', weighedGrams: 600, weightVerdict: 'override' }))).toBeNull();
    expect(lastMismatch(parcel())).toBeNull();
  });

  it('takes packed and weighed parcels, not one still at 验货 or gone', () => {
    expect(notWeighable(parcel())).toBeNull();
    expect(notWeighable(parcel({ status: 'weighed', weightVerdict: 'ok', weighedGrams: 800 }))).toBeNull();
    expect(notWeighable(parcel({ status: 'packing' }))).toBe('packing');
    expect(notWeighable(parcel({ status: 'shipped' }))).toBe('shipped');
  });
});
