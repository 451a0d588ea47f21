// Fulfillment's public surface: waves, picking, sowing, packing, return to shelf, weighing, shipping and printing;
// `followOrders` registers its followers of order moves (interception), `registerTrackingSearch` the order search box's tracking-number lookup; carrier names and tracking-number reading for reports and logistics; `waitingCountSql`, what waits at each station after the wave, counted as its list (待处理包裹) counts it, for the 工作台.
export { CARRIER_LABELS, carrierNamed, normalizeTrackingNo } from './carriers';
export { followOrders } from './interception';
export { registerTrackingSearch } from './trackingSearch';
export { fulfillmentRoutes } from './routes';
export { waitingCountSql } from './waitingReadModel';
