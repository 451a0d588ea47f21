// Inventory's public surface: reservations for orders, alerts for the workbench, the invariant check.
export {
  assertCanServe,
  checkStockInvariants,
  completeReservation,
  consumeForOrder,
  lowStockAlerts,
  releaseForOrder,
  reservePreferredSql,
  warehouseIdByCode,
} from './service';
export type { InvariantProblem, LowStockAlert, ReservationLine, ReservedRow, ReserveRequest } from './model';
