// Inventory's public surface: reservations for orders (per order line, consumed by parcels and
// released), pick bins for pick lists, stock discrepancies a short pick reports, alerts for the
// workbench, the invariant check, its routes and the `check` command.
export { checkCommand } from './cli';
export { assertCanServe, checkStockInvariants, completeReservation, lowStockAlerts, pickBinsOf, reserveOrderIn, reservePreferredSql } from './service';
export { consumeForOrder, consumeLines, orderReservations, releaseForOrder, releaseLines } from './reservations';
export { reportDiscrepancy } from './discrepancies';
export { moveLineReservation, type LineSkuChange } from './lineChange';
export { restockReturn, type ReturnedUnits } from './returns';
export { correctShippedInstead, stockLevelsOf, type ShippedInstead, type StockChange } from './caseStock';
export { packagingGramsOf, warehouseIdByCode } from './warehouses';
export { inventoryRoutes } from './routes';
export {
  lowStockAlertSchema,
  MOVEMENT_REASONS,
  type Discrepancy,
  type DiscrepancyReport,
  type InvariantProblem,
  type LineQuantity,
  type LineRequest,
  type LineReservation,
  type LowStockAlert,
  type OrderLineToReserve,
  type PickBin,
  type ReservationLine,
  type ReservedRow,
  type ReserveRequest,
  type StockLevel,
  type StockRequest,
} from './model';
