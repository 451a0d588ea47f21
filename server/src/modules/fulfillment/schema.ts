import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** A wave (波次): approved orders of one warehouse picked together, of one kind (single- or multi-item). */
export const waves = pgTable(
  'waves',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** "BC" + the warehouse-local date + a sequence: printed as the wave's barcode. */
    waveNo: text('wave_no').notNull().unique(),
    warehouseId: integer('warehouse_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('picking'),
    /** What the creator asked for (shop, carrier, SKU, ship-by before, max orders), as sent. */
    filter: jsonb('filter').notNull(),
    orderCount: integer('order_count').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('waves_warehouse_created_idx').on(t.warehouseId, t.createdAt), check('waves_kind', sql`${t.kind} IN ('single', 'multi')`)],
);

export const waveNoSeq = pgSequence('wave_no_seq', { startWith: 1 });

/** The orders of a wave, each with its slot on the sowing wall (multi-item waves) and the carrier chosen for it. */
export const waveOrders = pgTable(
  'wave_orders',
  {
    waveId: integer('wave_id')
      .notNull()
      .references(() => waves.id),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    /** 播种墙 slot, 1…n in the wave's order; null in a single-item wave, which has no wall. */
    slot: integer('slot'),
    carrier: text('carrier').notNull(),
    /** Why this carrier, as the packer reads it ("备注/留言指定顺丰速运"). */
    carrierReason: text('carrier_reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.orderId] }), index('wave_orders_order_idx').on(t.orderId)],
);
