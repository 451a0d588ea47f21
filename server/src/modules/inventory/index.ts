// Inventory's public surface: reservations for orders, alerts for the workbench, the invariant check.
export {
  checkStockInvariants,
  consumeForOrder,
  lowStockAlerts,
  releaseForOrder,
  reserveForOrder,
  warehouseIdByCode,
} from './service';
export type { InvariantProblem, LowStockAlert, ReservationLine, ReserveRequest } from './model';
