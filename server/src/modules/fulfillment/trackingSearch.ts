import { registerOrderSearch } from '../orders';
import { CARRIERS, normalizeTrackingNo, trackingNoProblem } from './carriers';
import { orderIdsOfTrackingNo } from './searchReadModel';

/**
 * Registers the order search box's tracking-number lookup with orders (app.ts calls it once per
 * app): a text some carrier's format accepts, spaces and dashes as on the label, finds the orders
 * its parcel ships; any other text is not looked up as a tracking number.
 */
export function registerTrackingSearch(): void {
  registerOrderSearch({
    kind: 'tracking_no',
    find: async (ctx, text) => {
      const trackingNo = normalizeTrackingNo(text);
      if (!CARRIERS.some((carrier) => trackingNoProblem(carrier, trackingNo) === null)) return null;
      return orderIdsOfTrackingNo(ctx, trackingNo);
    },
  });
}
