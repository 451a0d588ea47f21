import type { Parcel } from './packingApi';
import type { Carrier } from './parcelApi';
import { isOrderNo, normalizeTrackingNo } from './scanCodes';

/**
 * The shipping door (发货口) as plain data. The label's tracking number ships its parcel at once,
 * by the label's carrier: zero clicks for a labelled parcel. A slip's order number (a parcel with
 * no label yet, or one whose carrier is to change) opens the parcel and waits for the waybill
 * number to be scanned next, by the carrier shown — which may be changed first; a changed carrier
 * needs its own new waybill, so the old label's number is refused for it.
 */
export type Door =
  | { kind: 'waiting' }
  | { kind: 'awaitingWaybill'; parcel: Parcel; carrier: Carrier }
  | { kind: 'shipped'; parcel: Parcel }
  | { kind: 'intercepted'; message: string };

export type WaybillDoor = Extract<Door, { kind: 'awaitingWaybill' }>;

export const WAITING: Door = { kind: 'waiting' };

export type DoorScan =
  /** Another slip: find its parcel. */
  | { kind: 'lookup'; scan: string }
  /** The open parcel's waybill number. */
  | { kind: 'waybill'; trackingNo: string }
  /** The open parcel's own slip again: nothing to do. */
  | { kind: 'sameSlip' }
  /** The old label's number after the carrier was changed. */
  | { kind: 'oldLabel'; trackingNo: string };

/** What a scan means while a parcel waits for its waybill (at any other time a scan is looked up): anything but an order number is that waybill. */
export function meaningAtDoor({ parcel, carrier }: WaybillDoor, code: string): DoorScan {
  if (isOrderNo(code)) return code.toUpperCase() === parcel.orderNo.toUpperCase() ? { kind: 'sameSlip' } : { kind: 'lookup', scan: code };
  const trackingNo = normalizeTrackingNo(code);
  if (carrier !== parcel.carrier && trackingNo === parcel.trackingNo) return { kind: 'oldLabel', trackingNo };
  return { kind: 'waybill', trackingNo };
}

/** Why a parcel found by its slip cannot take a waybill yet (the server's own words for these come only with a ship). */
export type NotReady = 'packing' | 'notWeighed' | 'weightOff' | 'shipped';

export type Found = { kind: 'ship'; carrier: Carrier; trackingNo: string } | { kind: 'awaitWaybill' } | { kind: 'notReady'; why: NotReady };

/**
 * What the door does with the parcel a scan found: its label scanned, it ships (the server
 * refuses one not weighed, in its words); its slip scanned, it waits for a waybill once weighed.
 */
export function foundAtDoor(parcel: Parcel, scan: string): Found {
  const trackingNo = normalizeTrackingNo(scan);
  if (parcel.trackingNo !== null && trackingNo === parcel.trackingNo) return { kind: 'ship', carrier: parcel.carrier, trackingNo };
  if (parcel.status === 'weighed') return { kind: 'awaitWaybill' };
  if (parcel.status === 'shipped') return { kind: 'notReady', why: 'shipped' };
  if (parcel.status === 'packing') return { kind: 'notReady', why: 'packing' };
  return { kind: 'notReady', why: parcel.weightVerdict === 'mismatch' ? 'weightOff' : 'notWeighed' };
}

/** A parcel that left through this door, for the running list. */
export interface ShippedEntry {
  parcelId: number;
  orderNo: string;
  carrier: Carrier;
  trackingNo: string;
  grams: number | null;
  shippedAt: string;
}

/** How many of the door's shipments the list shows, newest first. */
export const SHOWN_SHIPPED = 10;

/** The door's shipments with the one just shipped first. */
export function withShipped(list: ShippedEntry[], parcel: Parcel): ShippedEntry[] {
  const entry: ShippedEntry = {
    parcelId: parcel.id,
    orderNo: parcel.orderNo,
    carrier: parcel.carrier,
    trackingNo: parcel.trackingNo ?? '',
    grams: parcel.weighedGrams,
    shippedAt: parcel.shippedAt ?? '',
  };
  return [entry, ...list];
}
