/** What the barcodes at the warehouse stations are: the slip's order number, the pick list's wave number and the label's waybill number. */

/** An order number as ShopFlow prints it on the slip: SO, the date, a sequence (orders' `orderNoPrefix`). */
const ORDER_NO = /^SO\d{14,}$/i;

export const isOrderNo = (code: string): boolean => ORDER_NO.test(code);

/** A wave number as the pick list prints it (BC + the day + a sequence): scanned at a station, it changes the wave. */
const WAVE_NO = /^BC\d{12,}$/i;

export const isWaveNo = (code: string): boolean => WAVE_NO.test(code);

/** A waybill number as the server keeps it (its `normalizeTrackingNo`): spaces and dashes dropped, letters upper-cased. */
export const normalizeTrackingNo = (scanned: string): string => scanned.replace(/[\s-]+/g, '').toUpperCase();
