// Logistics' public surface: tracking events in (webhook, CSV, staff), parcels' timelines, exceptions and their sweep.
export { logisticsJobs, sweepLogistics } from './jobs';
export { logisticsRoutes } from './routes';
