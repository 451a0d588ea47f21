import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';

export const warehouses = pgTable('warehouses', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const bins = pgTable(
  'bins',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    warehouseId: integer('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    code: text('code').notNull(),
  },
  (t) => [unique('bins_warehouse_code_uq').on(t.warehouseId, t.code)],
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
    binCode: text('bin_code'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.skuId, t.warehouseId] }),
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
    /** receipt | reservation | release | shipment | return_restock | defective_writeoff | stocktake_adjustment | adjustment | exchange_out */
    reason: text('reason').notNull(),
    refType: text('ref_type'),
    refId: text('ref_id'),
    note: text('note'),
    actorId: integer('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('stock_movements_sku_idx').on(t.skuId, t.warehouseId, t.id)],
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
