// Fulfillment's public surface: waves, packing, weighing and shipping and, as they land, tracking;
// `followOrders` registers its followers of order moves (interception); carrier names for reports.
export { CARRIER_LABELS } from './carriers';
export { followOrders } from './interception';
export { fulfillmentRoutes } from './routes';
