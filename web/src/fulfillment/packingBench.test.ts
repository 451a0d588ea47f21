import { describe, expect, it } from 'vitest';
import { meaningOf, parcelProgress, takenLine, type PackingBench } from './packingBench';
import type { Parcel } from './packingApi';

const parcel = (scanned: [number, number] = [0, 0]): Parcel => ({
  id: 7,
  orderId: 3,
  orderNo: 'SO20261111000123',
  orderNos: ['SO20261111000123'],
  mergeId: null,
  waveId: 1,
  status: 'packing',
  carrier: 'ZTO',
  trackingNo: null,
  weighedGrams: null,
  weightVerdict: null,
  weighedAt: null,
  shippedAt: null,
  flag: null,
  buyerMessage: null,
  complete: false,
  expectedGrams: null,
  packedAt: null,
  lines: [
    { lineId: 1, orderNo: 'SO20261111000123', skuCode: 'CUP-1', barcode: '6901234567892', productName: '保温杯', spec: '400ml', expected: 2, scanned: scanned[0] },
    { lineId: 2, orderNo: 'SO20261111000123', skuCode: 'LID-1', barcode: null, productName: '杯盖', spec: '', expected: 1, scanned: scanned[1] },
  ],
});

const packing = (switchTo: string | null = null): PackingBench => ({ kind: 'packing', parcel: parcel(), lastLineId: null, switchTo });

describe('what a scan means while a parcel is open', () => {
  it('is an item while a parcel is open: a line\'s barcode or code in any case, and anything not an order number', () => {
    expect(meaningOf(packing(), '6901234567892')).toEqual({ kind: 'item', barcode: '6901234567892' });
    expect(meaningOf(packing(), 'lid-1')).toEqual({ kind: 'item', barcode: 'lid-1' });
    // a wrong item is still an item: the server refuses it and keeps the scan
    expect(meaningOf(packing(), '6900000000000')).toEqual({ kind: 'item', barcode: '6900000000000' });
  });

  it('switches to another order only when its slip is scanned twice in a row; the open one\'s own slip does nothing', () => {
    expect(meaningOf(packing(), 'so20261111000123')).toEqual({ kind: 'sameSlip' });
    expect(meaningOf(packing(), 'SO20261111000124')).toEqual({ kind: 'confirmSwitch', orderNo: 'SO20261111000124' });
    expect(meaningOf(packing('SO20261111000124'), 'so20261111000124')).toEqual({ kind: 'slip', orderNo: 'so20261111000124' });
    expect(meaningOf(packing('SO20261111000124'), 'SO20261111000125')).toEqual({ kind: 'confirmSwitch', orderNo: 'SO20261111000125' });
  });
});

describe('a parcel\'s progress', () => {
  it('sums the units and finds the line a scan took', () => {
    expect(parcelProgress(parcel([1, 0]))).toEqual({ scanned: 1, expected: 3 });
    expect(takenLine(parcel([1, 0]), parcel([1, 1]))?.skuCode).toBe('LID-1');
    expect(takenLine(parcel([1, 1]), parcel([1, 1]))).toBeUndefined();
  });
});
