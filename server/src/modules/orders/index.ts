/** The orders module's public surface. */
export { resolveDivision, type ResolvedDivision } from './divisions';
export { orderJobs, sweepDeliveredOrders, sweepUnpaidOrders } from './jobs';
export type { OrderDetail, OrderState, OrderSummary } from './model';
export { orderRoutes } from './routes';
export { advanceOrder, closeRefundedOrder, type FulfillmentAction } from './actions';
export { getOrder, shippingContacts, type ShippingContact } from './detail';
export { SHIPPED_STATUSES } from './guards';
export { cancelOrderLines, type LineCancel } from './lineCancels';
export { countReviewOverdue, holdShortPicked } from './review';
export { followOrderTransitions, guardOrderTransitions, type OrderFollower, type OrderGuard, type OrderMove } from './transitions';
export { countUnpaidToRemind } from './unpaid';
export { REMOTE_PROVINCES } from './settings';
export { ORDER_STATUS_LABELS, ORDER_STATUSES, type OrderStatus } from './states';
export { createReissueOrder, type ReissueLine, type ReissueOrder } from './reissues';
export { mergeableOrders, mergeOrders, unmergeOrder } from './merges';
export { mergeBody, mergeGroupSchema, orderSummarySchema } from './model';
