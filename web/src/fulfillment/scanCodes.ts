/** What the barcodes at the warehouse stations are: the slip's order number and the label's waybill number. */

/** An order number as ShopFlow prints it on the slip: SO, the date, a sequence (orders' `orderNoPrefix`). */
const ORDER_NO = /^SO\d{14,}$/i;

export const isOrderNo = (code: string): boolean => ORDER_NO.test(code);

/** A waybill number as the server keeps it (its `normalizeTrackingNo`): spaces and dashes dropped, letters upper-cased. */
export const normalizeTrackingNo = (scanned: string): string => scanned.replace(/[\s-]+/g, '').toUpperCase();
