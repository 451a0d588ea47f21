// Fulfillment's public surface: waves and, as they land, picking, packing, weighing, shipping and tracking.
export { fulfillmentRoutes } from './routes';
