/** The orders module's public surface. */
export { resolveDivision, type ResolvedDivision } from './divisions';
export { orderJobs, sweepUnpaidOrders } from './jobs';
export type { OrderDetail, OrderSummary } from './model';
export { orderRoutes } from './routes';
export { advanceOrder, countReviewOverdue, countUnpaidToRemind, getOrder, type FulfillmentAction } from './service';
export { ORDER_STATUS_LABELS, ORDER_STATUSES, type OrderStatus } from './states';
