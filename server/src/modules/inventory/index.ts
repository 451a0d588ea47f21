// Inventory's public surface: reservations for orders, alerts for the workbench, the invariant check,
// its routes and the `check` command.
export { checkCommand } from './cli';
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
export { inventoryRoutes } from './routes';
export { lowStockAlertSchema, type InvariantProblem, type LowStockAlert, type ReservationLine, type ReservedRow, type ReserveRequest } from './model';
