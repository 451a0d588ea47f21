// Fulfillment's public surface: waves, picking, sowing, packing, return to shelf, weighing, shipping and printing;
// `followOrders` registers its followers of order moves (interception); carrier names and tracking-number reading for reports and logistics.
export { CARRIER_LABELS, carrierNamed, normalizeTrackingNo } from './carriers';
export { followOrders } from './interception';
export { fulfillmentRoutes } from './routes';
