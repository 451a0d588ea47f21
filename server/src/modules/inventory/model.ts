import { z } from 'zod';
import { booleanQuery, codeText as code, lookupCode, pageQuery, patchBody, searchText } from '../../platform/model';

/**
 * Why stock moved: every stock_movements row names one (a CHECK on the column refuses others).
 * defective writes off a unit found defective (after-sales, QC); write_off any other loss;
 * stocktake the difference a count found; adjustment a supervisor's correction by hand.
 */
export const MOVEMENT_REASONS = ['receipt', 'reservation', 'release', 'shipment', 'return_restock', 'defective', 'write_off', 'stocktake', 'adjustment'] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];

const quantity = z.number().int('数量必须是整数').positive('数量必须大于 0').max(10_000_000);

// ---- warehouses ----

export const binSchema = z.object({ id: z.number().int(), code: z.string(), walkOrder: z.number().int() });
export type Bin = z.infer<typeof binSchema>;

export const warehouseSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  /** What its packaging adds to a parcel's expected weight; null when the warehouse uses the setting. */
  packagingGrams: z.number().int().nullable(),
  /** In walking order (the picking route), then by code. */
  bins: z.array(binSchema),
  createdAt: z.string(),
});
export type Warehouse = z.infer<typeof warehouseSchema>;

/** Null goes back to the setting every warehouse starts with. */
const packagingGrams = z.number().int('包装重量必须是整数克').min(0, '包装重量不能为负数').max(20_000, '包装重量不能超过 20000 克').nullable();

const walkOrder = z.number().int('拣货顺序必须是整数').min(0, '拣货顺序不能为负数').max(10_000_000);

/** A bin to add: its code alone (it takes its place by list position) or with its place on the route. */
const binEntry = z.union([code('库位编码'), z.object({ code: code('库位编码'), walkOrder })]);
export type BinEntry = z.infer<typeof binEntry>;

export const createWarehouseBody = z.object({
  code: code('仓库编码'),
  name: z.string().trim().min(1, '请填写仓库名称').max(100),
  bins: z.array(binEntry).max(10_000).default([]),
  packagingGrams: packagingGrams.optional(),
});
export type CreateWarehouseInput = z.infer<typeof createWarehouseBody>;

export const updateWarehouseBody = patchBody({
  name: z.string().trim().min(1, '请填写仓库名称').max(100).optional(),
  active: z.boolean().optional(),
  packagingGrams: packagingGrams.optional(),
});
export type UpdateWarehouseInput = z.infer<typeof updateWarehouseBody>;

/** Codes alone go after the warehouse's last bin, in list order. */
export const addBinsBody = z.object({ codes: z.array(binEntry).min(1, '至少填写一个库位').max(10_000) });

/** The whole picking route: every bin of the warehouse once, first to last. */
export const walkOrderBody = z.object({ codes: z.array(lookupCode.min(1, '请填写库位编码')).min(1, '至少填写一个库位').max(10_000) });

export const binListReply = z.object({ items: z.array(binSchema) });

export const warehouseListQuery = z.object({
  q: searchText.optional(),
  active: booleanQuery.optional(),
  ...pageQuery,
});
export type WarehouseListQuery = z.infer<typeof warehouseListQuery>;

export const warehouseListReply = z.object({ items: z.array(warehouseSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// ---- stock ----

export const stockLevelSchema = z.object({
  skuId: z.number().int(),
  skuCode: z.string(),
  productId: z.number().int(),
  productName: z.string(),
  spec: z.string(),
  warehouseId: z.number().int(),
  warehouseCode: z.string(),
  warehouseName: z.string(),
  /** The pick bin, with its place on the picking route (pick lists sort by it). */
  binCode: z.string().nullable(),
  binWalkOrder: z.number().int().nullable(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  safetyStock: z.number().int(),
  updatedAt: z.string(),
});
export type StockLevel = z.infer<typeof stockLevelSchema>;

export const levelListQuery = z.object({
  skuCode: lookupCode.optional(),
  warehouseCode: lookupCode.optional(),
  q: searchText.optional(),
  lowStock: booleanQuery.optional(),
  ...pageQuery,
});
export type LevelListQuery = z.infer<typeof levelListQuery>;

export const levelListReply = z.object({ items: z.array(stockLevelSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const receiptBody = z.object({
  warehouseCode: lookupCode.min(1, '请选择仓库'),
  lines: z
    .array(z.object({ skuCode: lookupCode.min(1, '请填写货号'), quantity, binCode: lookupCode.min(1).optional() }))
    .min(1, '至少填写一行')
    .max(1000, '一次最多入库 1000 行'),
  /** Supplier delivery note or purchase order number, kept as the movements' reference. */
  reference: z.string().trim().max(100).optional(),
  note: z.string().trim().max(500).optional(),
});
export type ReceiptInput = z.infer<typeof receiptBody>;

export const receiptReply = z.object({ warehouseCode: z.string(), levels: z.array(stockLevelSchema) });

export const pickBinBody = z.object({
  warehouseCode: lookupCode.min(1, '请选择仓库'),
  skuCode: lookupCode.min(1, '请填写货号'),
  /** null: the SKU has no pick bin here any more. */
  binCode: lookupCode.min(1, '请填写库位').nullable(),
});
export type PickBinInput = z.infer<typeof pickBinBody>;

/** Where pickers take a SKU in one warehouse. */
export interface PickBin {
  skuId: number;
  binId: number;
  binCode: string;
  walkOrder: number;
}

export const adjustmentBody = z
  .object({
    warehouseCode: lookupCode.min(1, '请选择仓库'),
    skuCode: lookupCode.min(1, '请填写货号'),
    /** Change to on hand (+ found, − lost/damaged)… */
    delta: z.number().int('数量必须是整数').min(-10_000_000).max(10_000_000).refine((d) => d !== 0, '调整数量不能为 0').optional(),
    /** …or the counted quantity, from which the change is computed. */
    countedQuantity: z.number().int('数量必须是整数').min(0, '盘点数量不能为负数').max(10_000_000).optional(),
    reason: z.string().trim().min(1, '请填写调整原因').max(500),
  })
  .refine((b) => (b.delta === undefined) !== (b.countedQuantity === undefined), {
    message: '请填写调整数量或盘点数量（二选一）',
    path: ['delta'],
  });
export type AdjustmentInput = z.infer<typeof adjustmentBody>;

export const lowStockAlertSchema = z.object({
  skuId: z.number().int(),
  skuCode: z.string(),
  productName: z.string(),
  spec: z.string(),
  warehouseId: z.number().int(),
  warehouseCode: z.string(),
  available: z.number().int(),
  safetyStock: z.number().int(),
  /** How many units bring available back up to safety stock. */
  shortfall: z.number().int(),
});
export type LowStockAlert = z.infer<typeof lowStockAlertSchema>;

export const alertListQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const alertListReply = z.object({ items: z.array(lowStockAlertSchema), total: z.number().int() });

export const skuPickerQuery = z.object({
  q: searchText.optional(),
  /** The warehouse that will serve the order (the shop's): its available; left out, the most one active warehouse holds. */
  warehouseId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  ...pageQuery,
});
export type SkuPickerQuery = z.infer<typeof skuPickerQuery>;
export const skuPickerItem = z.object({
  id: z.number().int(),
  code: z.string(),
  barcode: z.string().nullable(),
  productId: z.number().int(),
  productName: z.string(),
  spec: z.string(),
  price: z.number().int(),
  listingStatus: z.string(),
  /**
   * On hand − reserved in the asked warehouse, else the most any one active warehouse holds: an order
   * is reserved whole in one warehouse, so a sum over warehouses would promise what intake refuses.
   */
  available: z.number().int(),
});
export const skuPickerReply = z.object({ items: z.array(skuPickerItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** One line of an order to reserve; lines of the same SKU may repeat. */
export interface ReservationLine {
  skuId: number;
  skuCode: string;
  quantity: number;
}

/** What intake asks of stock before the order's lines have ids. */
export interface StockRequest {
  preferredWarehouseId: number | null;
  lines: ReservationLine[];
}

/** A written order line (order_items.id) to reserve. */
export interface OrderLineToReserve extends ReservationLine {
  lineId: number;
}

export interface ReserveRequest extends StockRequest {
  orderId: number;
  lines: OrderLineToReserve[];
}

/** A row of the `reserved` CTE (see reservePreferredSql) as the statement returns it. */
export interface ReservedRow {
  sku_id: number;
  available: number;
}

/** Units of one order line, for a parcel to consume (ship). */
export interface LineQuantity {
  lineId: number;
  quantity: number;
}

/** Units of one order line to release; without a quantity, all the line still holds. */
export interface LineRequest {
  lineId: number;
  quantity?: number;
}

/** An order line's stock in one warehouse: reserved at intake, then consumed by parcels or released. */
export interface LineReservation {
  lineId: number;
  skuId: number;
  warehouseId: number;
  /** Units reserved for the line. */
  quantity: number;
  consumed: number;
  released: number;
  /** quantity − consumed − released: still held, counted in the level's reserved. */
  open: number;
}

export interface InvariantProblem {
  kind: 'on_hand_vs_ledger' | 'reserved_vs_ledger' | 'reserved_vs_reservations' | 'negative' | 'oversold' | 'reservation_oversettled';
  skuId: number;
  warehouseId: number;
  expected: number;
  actual: number;
  message: string;
}

// ---- stock discrepancies (库存差异) ----

export const DISCREPANCY_STATUSES = ['open', 'counted'] as const;

/** A picker's report of a bin found short, as fulfillment hands it over. */
export interface DiscrepancyReport {
  warehouseId: number;
  skuId: number;
  /** The pick bin found short; null when the SKU had none. */
  binId: number | null;
  expected: number;
  found: number;
  refType: string;
  refId: string;
}

export const discrepancySchema = z.object({
  id: z.number().int(),
  skuId: z.number().int(),
  skuCode: z.string(),
  productName: z.string(),
  spec: z.string(),
  warehouseCode: z.string(),
  binCode: z.string().nullable(),
  expected: z.number().int(),
  found: z.number().int(),
  /** expected − found: the units not where the system says. */
  missing: z.number().int(),
  /** On hand now, for whoever counts. */
  onHand: z.number().int(),
  status: z.enum(DISCREPANCY_STATUSES),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  reportedByName: z.string(),
  reportedAt: z.string(),
  countedQuantity: z.number().int().nullable(),
  onHandBefore: z.number().int().nullable(),
  countedByName: z.string().nullable(),
  countedAt: z.string().nullable(),
});
export type Discrepancy = z.infer<typeof discrepancySchema>;

export const discrepancyListQuery = z.object({
  warehouseCode: lookupCode.optional(),
  skuCode: lookupCode.optional(),
  status: z.enum(DISCREPANCY_STATUSES).optional(),
  ...pageQuery,
});
export type DiscrepancyListQuery = z.infer<typeof discrepancyListQuery>;

export const discrepancyListReply = z.object({ items: z.array(discrepancySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** The stock team's count of the SKU in the whole warehouse (every location, not only the bin). */
export const countDiscrepancyBody = z.object({
  countedQuantity: z.number().int('数量必须是整数').min(0, '盘点数量不能为负数').max(10_000_000),
  note: z.string().trim().max(500).optional(),
});
export type CountDiscrepancyInput = z.infer<typeof countDiscrepancyBody>;
