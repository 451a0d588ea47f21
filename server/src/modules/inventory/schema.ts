import { sql } from 'drizzle-orm';
import { bigint, boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { MOVEMENT_REASONS } from './model';

export const warehouses = pgTable('warehouses', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  /** What this warehouse's box, filler and slips weigh; null: the setting `fulfillment.packagingGrams`. */
  packagingGrams: integer('packaging_grams'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('warehouses_packaging_grams', sql`${t.packagingGrams} IS NULL OR ${t.packagingGrams} BETWEEN 0 AND 20000`)]);

export const bins = pgTable(
  'bins',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    warehouseId: integer('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    code: text('code').notNull(),
    /**
     * The bin's place on the picking route, walked from low to high. Not unique: bins passed at the
     * same moment (facing each other across an aisle) may share a place, and are then taken by code.
     */
    walkOrder: integer('walk_order').notNull(),
  },
  (t) => [
    unique('bins_warehouse_code_uq').on(t.warehouseId, t.code),
    // The target of stock_levels' (pick_bin_id, warehouse_id) key: a pick bin is in the level's warehouse.
    unique('bins_id_warehouse_uq').on(t.id, t.warehouseId),
    index('bins_walk_idx').on(t.warehouseId, t.walkOrder, t.code),
    check('bins_walk_order_nonneg', sql`${t.walkOrder} >= 0`),
  ],
);

/** Current stock per SKU per warehouse; every change to it is a stock_movements row. */
export const stockLevels = pgTable(
  'stock_levels',
  {
    skuId: integer('sku_id').notNull(),
    warehouseId: integer('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    /** Where pickers take this SKU in this warehouse (one of the warehouse's bins), if set. */
    pickBinId: integer('pick_bin_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.skuId, t.warehouseId] }),
    foreignKey({ name: 'stock_levels_pick_bin_fk', columns: [t.pickBinId, t.warehouseId], foreignColumns: [bins.id, bins.warehouseId] }),
    check('stock_levels_never_oversold', sql`${t.reserved} >= 0 AND ${t.reserved} <= ${t.onHand}`),
  ],
);

/** The stock ledger: on hand = Σ on_hand_delta, reserved = Σ reserved_delta per SKU and warehouse. */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    skuId: integer('sku_id').notNull(),
    warehouseId: integer('warehouse_id').notNull(),
    onHandDelta: integer('on_hand_delta').notNull().default(0),
    reservedDelta: integer('reserved_delta').notNull().default(0),
    reason: text('reason', { enum: MOVEMENT_REASONS }).notNull(),
    refType: text('ref_type'),
    refId: text('ref_id'),
    note: text('note'),
    actorId: integer('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('stock_movements_sku_idx').on(t.skuId, t.warehouseId, t.id),
    check('stock_movements_reason_declared', sql`${t.reason} IN (${sql.raw(MOVEMENT_REASONS.map((r) => `'${r}'`).join(', '))})`),
  ],
);

/**
 * Stock held for one order line (order_items.id) in one warehouse. Parcels consume part of it or all
 * (shipment), a cancel or a refund of unshipped units releases what is left; the row stays, and its
 * open quantity, quantity − consumed − released, is what stock_levels.reserved sums.
 */
export const stockReservations = pgTable(
  'stock_reservations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    orderItemId: bigint('order_item_id', { mode: 'number' }).notNull(),
    skuId: integer('sku_id').notNull(),
    warehouseId: integer('warehouse_id').notNull(),
    quantity: integer('quantity').notNull(),
    consumedQuantity: integer('consumed_quantity').notNull().default(0),
    releasedQuantity: integer('released_quantity').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When its last open unit was consumed or released. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('stock_reservations_order_idx').on(t.orderId),
    uniqueIndex('stock_reservations_line_uq').on(t.orderItemId, t.warehouseId),
    check('stock_reservations_qty_pos', sql`${t.quantity} > 0`),
    check(
      'stock_reservations_settled_within',
      sql`${t.consumedQuantity} >= 0 AND ${t.releasedQuantity} >= 0 AND ${t.consumedQuantity} + ${t.releasedQuantity} <= ${t.quantity}`,
    ),
  ],
);

/**
 * A stock discrepancy (库存差异): a picker found fewer units at a pick bin than the pick list asked
 * for. It waits, open, for the stock team to count the SKU in the warehouse; the count (a
 * `stocktake` movement for the difference) closes it. Reporting it moves no stock: one bin seen
 * short is not a count of the SKU's stock.
 */
export const stockDiscrepancies = pgTable(
  'stock_discrepancies',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    skuId: integer('sku_id').notNull(),
    warehouseId: integer('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    /** The bin found short; null when the SKU had no pick bin there. */
    binId: integer('bin_id').references(() => bins.id),
    /** What the bin should still have yielded, and what was really there. */
    expected: integer('expected').notNull(),
    found: integer('found').notNull(),
    /** What reported it (a wave: ref_type 'wave', ref_id its number). */
    refType: text('ref_type'),
    refId: text('ref_id'),
    status: text('status').notNull().default('open'),
    reportedBy: integer('reported_by'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    /** The count that closed it: the SKU's units in the warehouse, and on hand before it. */
    countedQuantity: integer('counted_quantity'),
    onHandBefore: integer('on_hand_before'),
    countedBy: integer('counted_by'),
    countedAt: timestamp('counted_at', { withTimezone: true }),
  },
  (t) => [
    index('stock_discrepancies_warehouse_idx').on(t.warehouseId, t.status, t.id),
    index('stock_discrepancies_open_sku_idx').on(t.skuId, t.warehouseId).where(sql`status = 'open'`),
    check('stock_discrepancies_status', sql`${t.status} IN ('open', 'counted')`),
    check('stock_discrepancies_short', sql`${t.found} >= 0 AND ${t.found} < ${t.expected}`),
  ],
);
