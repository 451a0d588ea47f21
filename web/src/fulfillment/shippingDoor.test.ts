import { describe, expect, it } from 'vitest';
import type { Parcel } from './packingApi';
import { foundAtDoor, meaningAtDoor, withShipped, type WaybillDoor } from './shippingDoor';

const parcel = (fields: Partial<Parcel> = {}): Parcel => ({
  id: 7,
  orderId: 3,
  orderNo: 'SO20261111000123',
  orderNos: ['SO20261111000123'],
  mergeId: null,
  waveId: 1,
  status: 'weighed',
  carrier: 'ZTO',
  trackingNo: null,
  weighedGrams: 812,
  weightVerdict: 'ok',
  weighedAt: '2026-11-11T08:00:00.000Z',
  shippedAt: null,
  flag: null,
  buyerMessage: null,
  complete: true,
  expectedGrams: 800,
  packedAt: '2026-11-11T07:50:00.000Z',
  lines: [{ lineId: 1, orderNo: 'SO20261111000123', skuCode: 'CUP-1', barcode: '6901234567892', productName: '保温杯', spec: '400ml', expected: 2, scanned: 2 }],
  ...fields,
});

const awaiting = (fields: Partial<Parcel> = {}, carrier: WaybillDoor['carrier'] = 'ZTO'): WaybillDoor => ({ kind: 'awaitingWaybill', parcel: parcel(fields), carrier });

describe('the parcel a scan found at the door', () => {
  it('ships at once by its label: the scan is the label’s number, spaces, dashes and case aside', () => {
    const labelled = parcel({ trackingNo: 'JT0012345678901', carrier: 'JT' });
    expect(foundAtDoor(labelled, ' jt-0012345678901 ')).toEqual({ kind: 'ship', carrier: 'JT', trackingNo: 'JT0012345678901' });
    // a labelled parcel not weighed still goes to the server, whose refusal names what to do
    expect(foundAtDoor({ ...labelled, status: 'packed', weightVerdict: null }, 'JT0012345678901').kind).toBe('ship');
  });

  it('waits for the waybill when its slip was scanned, weighed or let go by a supervisor', () => {
    expect(foundAtDoor(parcel(), 'SO20261111000123')).toEqual({ kind: 'awaitWaybill' });
    expect(foundAtDoor(parcel({ trackingNo: '773000000001' }), 'SO20261111000123')).toEqual({ kind: 'awaitWaybill' });
    expect(foundAtDoor(parcel({ weightVerdict: 'override' }), 'SO20261111000123')).toEqual({ kind: 'awaitWaybill' });
  });

  it('says why a parcel found by its slip cannot leave yet', () => {
    expect(foundAtDoor(parcel({ status: 'packing', weightVerdict: null }), 'SO20261111000123')).toEqual({ kind: 'notReady', why: 'packing' });
    expect(foundAtDoor(parcel({ status: 'packed', weightVerdict: null }), 'SO20261111000123')).toEqual({ kind: 'notReady', why: 'notWeighed' });
    expect(foundAtDoor(parcel({ status: 'packed', weightVerdict: 'mismatch' }), 'SO20261111000123')).toEqual({ kind: 'notReady', why: 'weightOff' });
    expect(foundAtDoor(parcel({ status: 'shipped', trackingNo: '773000000001' }), 'SO20261111000123')).toEqual({ kind: 'notReady', why: 'shipped' });
  });
});

describe('what a scan means while a parcel waits for its waybill', () => {
  it('takes anything but an order number as the waiting parcel’s waybill, normalised', () => {
    expect(meaningAtDoor(awaiting(), '7730-0000 0001')).toEqual({ kind: 'waybill', trackingNo: '773000000001' });
    // the label's own number, the carrier unchanged: the server checks it against the label
    expect(meaningAtDoor(awaiting({ trackingNo: '773000000001' }), '773000000001')).toEqual({ kind: 'waybill', trackingNo: '773000000001' });
    expect(meaningAtDoor(awaiting(), 'not-a-number')).toEqual({ kind: 'waybill', trackingNo: 'NOTANUMBER' });
  });

  it('takes another slip as the next parcel and its own slip as nothing', () => {
    expect(meaningAtDoor(awaiting(), 'so20261111000124')).toEqual({ kind: 'lookup', scan: 'so20261111000124' });
    expect(meaningAtDoor(awaiting(), 'so20261111000123')).toEqual({ kind: 'sameSlip' });
  });

  it('refuses the old label’s number once the carrier was changed: the new carrier needs its own waybill', () => {
    expect(meaningAtDoor(awaiting({ trackingNo: '773000000001' }, 'SF'), '773000000001')).toEqual({ kind: 'oldLabel', trackingNo: '773000000001' });
    expect(meaningAtDoor(awaiting({ trackingNo: '773000000001' }, 'SF'), 'SF1234567890123')).toEqual({ kind: 'waybill', trackingNo: 'SF1234567890123' });
  });
});

describe('the door’s running list', () => {
  it('puts the parcel just shipped first, with its carrier, number and weight', () => {
    const first = withShipped([], parcel({ id: 1, status: 'shipped', trackingNo: '773000000001', shippedAt: '2026-11-11T09:00:00.000Z' }));
    const both = withShipped(first, parcel({ id: 2, orderNo: 'SO20261111000124', status: 'shipped', carrier: 'SF', trackingNo: 'SF1234567890123', weighedGrams: 500, shippedAt: '2026-11-11T09:01:00.000Z' }));
    expect(both).toEqual([
      { parcelId: 2, orderNo: 'SO20261111000124', carrier: 'SF', trackingNo: 'SF1234567890123', grams: 500, shippedAt: '2026-11-11T09:01:00.000Z' },
      { parcelId: 1, orderNo: 'SO20261111000123', carrier: 'ZTO', trackingNo: '773000000001', grams: 812, shippedAt: '2026-11-11T09:00:00.000Z' },
    ]);
  });
});
