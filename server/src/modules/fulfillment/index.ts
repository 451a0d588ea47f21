// Fulfillment's public surface: waves, packing and, as they land, weighing, shipping and tracking;
// `followOrders` registers its followers of order moves (interception).
export { followOrders } from './interception';
export { fulfillmentRoutes } from './routes';
