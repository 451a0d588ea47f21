import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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
    /** Cancelled or held while in the wave (拦截): every later scan of it answers `intercepted`. */
    interceptedAt: timestamp('intercepted_at', { withTimezone: true }),
    interceptReason: text('intercept_reason'),
    /** Intercepted, its picked or packed items went back to their bins (回库). */
    shelvedAt: timestamp('shelved_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.orderId] }), index('wave_orders_order_idx').on(t.orderId)],
);

/**
 * A parcel: what one box carries of an order (or of a merge group's orders). It is packed in a packing session (status `packing`),
 * closed when every line is scanned (`packed`), then `weighed` and `shipped`; `intercepted` when the
 * order was cancelled or held before it left, `shelved` once its items went back to their bins.
 */
export const parcels = pgTable(
  'parcels',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The order it is packed for; for a merge group (合单), the group's first order still in the wave. */
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    /** The merge group whose orders it carries (its lines name each order's items); null for one order's parcel. */
    mergeId: bigint('merge_id', { mode: 'number' }),
    waveId: integer('wave_id').references(() => waves.id),
    warehouseId: integer('warehouse_id').notNull(),
    status: text('status').notNull(),
    carrier: text('carrier').notNull(),
    /** The carrier's waybill number: allotted when the label prints, or typed at shipping. */
    trackingNo: text('tracking_no'),
    expectedGrams: integer('expected_grams'),
    openedBy: integer('opened_by'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    packedBy: integer('packed_by'),
    packedAt: timestamp('packed_at', { withTimezone: true }),
    /** The last weighing (every one is in parcel_weighings): grams, who, when, and what it came to. */
    weighedGrams: integer('weighed_grams'),
    weighedBy: integer('weighed_by'),
    weighedAt: timestamp('weighed_at', { withTimezone: true }),
    /** ok | mismatch (beyond tolerance: the parcel stays packed) | override (a supervisor let it go); null until weighed. */
    weightVerdict: text('weight_verdict'),
    shippedBy: integer('shipped_by'),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
  },
  (t) => [
    index('parcels_order_idx').on(t.orderId),
    // the daily shipping report reads one day's shipments
    index('parcels_shipped_at_idx').on(t.shippedAt).where(sql`shipped_at IS NOT NULL`),
    check('parcels_weight_verdict', sql`${t.weightVerdict} IS NULL OR (${t.weightVerdict} IN ('ok', 'mismatch', 'override') AND ${t.weighedGrams} IS NOT NULL)`),
    // only a parcel whose weight passed (or was let go) is weighed, and a shipped one left with a waybill number
    check('parcels_weighed_passed', sql`${t.status} <> 'weighed' OR ${t.weightVerdict} IN ('ok', 'override')`),
    check('parcels_shipped_with_waybill', sql`${t.status} <> 'shipped' OR (${t.trackingNo} IS NOT NULL AND ${t.shippedAt} IS NOT NULL)`),
    // an order has one parcel on the packing table at a time: two packers scanning the same slip get one session;
    // a parcel closed with part of the lines (拆单) may wait at the scale while the next one is packed
    uniqueIndex('parcels_one_packing_per_order_uq').on(t.orderId).where(sql`status = 'packing'`),
    index('parcels_merge_idx').on(t.mergeId).where(sql`merge_id IS NOT NULL`),
    // 待称重 and 待发货 (waitingReadModel) and the 工作台's counts of them read only the parcels waiting, not every one shipped
    index('parcels_waiting_idx').on(t.status).where(sql`status IN ('packed', 'weighed')`),
    // a waybill number is used once per carrier
    uniqueIndex('parcels_tracking_uq').on(t.carrier, t.trackingNo).where(sql`tracking_no IS NOT NULL`),
    check('parcels_status', sql`${t.status} IN ('packing', 'packed', 'weighed', 'shipped', 'intercepted', 'shelved')`),
  ],
);

/** What a parcel must hold of each order line, and how many of it were scanned in. */
export const parcelLines = pgTable(
  'parcel_lines',
  {
    parcelId: bigint('parcel_id', { mode: 'number' })
      .notNull()
      .references(() => parcels.id),
    orderItemId: bigint('order_item_id', { mode: 'number' }).notNull(),
    skuId: integer('sku_id').notNull(),
    expected: integer('expected').notNull(),
    scanned: integer('scanned').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.parcelId, t.orderItemId] }), check('parcel_lines_scanned_within', sql`${t.scanned} >= 0 AND ${t.scanned} <= ${t.expected} AND ${t.expected} > 0`)],
);

/**
 * Every scan at the packing table, taken or refused: the evidence later missing- or wrong-item cases
 * show. A scan at the single-item station (一单一件) names its wave: taken, it made its parcel; refused,
 * it has no parcel.
 */
export const packScans = pgTable(
  'pack_scans',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    parcelId: bigint('parcel_id', { mode: 'number' }).references(() => parcels.id),
    waveId: integer('wave_id').references(() => waves.id),
    barcode: text('barcode').notNull(),
    /** ok | wrong_item | excess_item | intercepted (single-item station: the item's order left the wave) */
    result: text('result').notNull(),
    skuId: integer('sku_id'),
    actorId: integer('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('pack_scans_parcel_idx').on(t.parcelId, t.id),
    index('pack_scans_wave_idx').on(t.waveId, t.id).where(sql`wave_id IS NOT NULL`),
    check('pack_scans_result', sql`${t.result} IN ('ok', 'wrong_item', 'excess_item', 'intercepted')`),
    // a packing session's scan belongs to its parcel; a refused single-item scan only to its wave
    check('pack_scans_parcel_or_wave', sql`${t.parcelId} IS NOT NULL OR ${t.waveId} IS NOT NULL`),
  ],
);

/**
 * Every weighing of a parcel, passed or not, and a supervisor's override with its reason: after-sales
 * shows the recorded against the expected weight as evidence in a missing-item case.
 */
export const parcelWeighings = pgTable(
  'parcel_weighings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    parcelId: bigint('parcel_id', { mode: 'number' })
      .notNull()
      .references(() => parcels.id),
    /** What the scale read (for an override: the weighing it let go). */
    grams: integer('grams').notNull(),
    expectedGrams: integer('expected_grams').notNull(),
    tolerancePercent: integer('tolerance_percent').notNull(),
    /** ok | mismatch | override */
    verdict: text('verdict').notNull(),
    /** Why a supervisor let a mismatch go; only an override has one. */
    reason: text('reason'),
    actorId: integer('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('parcel_weighings_parcel_idx').on(t.parcelId, t.id),
    check('parcel_weighings_verdict', sql`${t.verdict} IN ('ok', 'mismatch', 'override') AND (${t.verdict} = 'override') = (${t.reason} IS NOT NULL)`),
    check('parcel_weighings_grams', sql`${t.grams} > 0 AND ${t.expectedGrams} >= 0`),
  ],
);

/**
 * The waybill numbers (面单号) staff loaded from each carrier's allotment: one is allotted to a
 * parcel at its first label print (taken with SKIP LOCKED, so two stations never get the same one).
 */
export const waybillNumbers = pgTable(
  'waybill_numbers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    carrier: text('carrier').notNull(),
    trackingNo: text('tracking_no').notNull(),
    loadedBy: integer('loaded_by'),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull(),
    /** The parcel it was allotted to; null while it waits in the pool. */
    parcelId: bigint('parcel_id', { mode: 'number' }).references(() => parcels.id),
    allottedAt: timestamp('allotted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('waybill_numbers_carrier_no_uq').on(t.carrier, t.trackingNo),
    uniqueIndex('waybill_numbers_parcel_uq').on(t.parcelId).where(sql`parcel_id IS NOT NULL`),
    // the pool's free numbers, oldest first, per carrier
    index('waybill_numbers_free_idx').on(t.carrier, t.id).where(sql`parcel_id IS NULL`),
    check('waybill_numbers_allotted', sql`(${t.parcelId} IS NULL) = (${t.allottedAt} IS NULL)`),
  ],
);

// ---- picking (配货) and return to shelf (回库) ----

/** Every scan at picking, taken or refused (bin first, then items): who took what from where. */
export const pickScans = pgTable(
  'pick_scans',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    waveId: integer('wave_id')
      .notNull()
      .references(() => waves.id),
    /** The bin as scanned; null for a SKU that has no pick bin. */
    binCode: text('bin_code'),
    /** The item's barcode or SKU code; null for a scan of the bin alone (arriving at a stop). */
    barcode: text('barcode'),
    quantity: integer('quantity').notNull(),
    /** ok | wrong_item | excess_item | bin_not_on_route | intercepted */
    result: text('result').notNull(),
    skuId: integer('sku_id'),
    actorId: integer('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('pick_scans_wave_idx').on(t.waveId, t.id),
    check('pick_scans_result', sql`${t.result} IN ('ok', 'wrong_item', 'excess_item', 'bin_not_on_route', 'intercepted')`),
    check('pick_scans_quantity', sql`${t.quantity} > 0`),
  ],
);

/**
 * The units of a SKU picked for one order of the wave. Picking is by SKU total; each unit taken is
 * allotted to the wave's orders in slot order, and an order leaving the wave hands its units to
 * orders still waiting for them, so what an intercepted order keeps is what goes back to the shelf.
 */
export const wavePicks = pgTable(
  'wave_picks',
  {
    waveId: integer('wave_id').notNull(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    skuId: integer('sku_id').notNull(),
    picked: integer('picked').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.waveId, t.orderId, t.skuId] }),
    foreignKey({ name: 'wave_picks_wave_order_fk', columns: [t.waveId, t.orderId], foreignColumns: [waveOrders.waveId, waveOrders.orderId] }),
    check('wave_picks_picked_nonneg', sql`${t.picked} >= 0`),
  ],
);

/** A return to shelf (回库) of an intercepted order's items: what goes back to which bin, scanned in. */
export const shelvings = pgTable(
  'shelvings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    waveId: integer('wave_id').notNull(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    /** The stopped parcel whose items are among those returned, if the order reached packing. */
    parcelId: bigint('parcel_id', { mode: 'number' }).references(() => parcels.id),
    status: text('status').notNull().default('open'),
    openedBy: integer('opened_by'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    doneBy: integer('done_by'),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    // an order's items leave a wave once: one return to shelf per order and wave
    uniqueIndex('shelvings_wave_order_uq').on(t.waveId, t.orderId),
    foreignKey({ name: 'shelvings_wave_order_fk', columns: [t.waveId, t.orderId], foreignColumns: [waveOrders.waveId, waveOrders.orderId] }),
    check('shelvings_status', sql`${t.status} IN ('open', 'done')`),
  ],
);

export const shelvingLines = pgTable(
  'shelving_lines',
  {
    shelvingId: bigint('shelving_id', { mode: 'number' })
      .notNull()
      .references(() => shelvings.id),
    skuId: integer('sku_id').notNull(),
    /** The SKU's pick bin when the return was opened; null when it has none. */
    binCode: text('bin_code'),
    quantity: integer('quantity').notNull(),
    shelved: integer('shelved').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.shelvingId, t.skuId] }), check('shelving_lines_shelved_within', sql`${t.shelved} >= 0 AND ${t.shelved} <= ${t.quantity} AND ${t.quantity} > 0`)],
);

// ---- sowing (播种墙) ----

/**
 * What was sown into a slot of a multi-item wave's wall, per order line: `needed` is the line's
 * quantity when its first unit was sown, so the wall can never take more of it than the order holds.
 */
export const sowLines = pgTable(
  'sow_lines',
  {
    waveId: integer('wave_id').notNull(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    orderItemId: bigint('order_item_id', { mode: 'number' }).notNull(),
    skuId: integer('sku_id').notNull(),
    needed: integer('needed').notNull(),
    sown: integer('sown').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.waveId, t.orderItemId] }),
    foreignKey({ name: 'sow_lines_wave_order_fk', columns: [t.waveId, t.orderId], foreignColumns: [waveOrders.waveId, waveOrders.orderId] }),
    check('sow_lines_sown_within', sql`${t.sown} >= 0 AND ${t.sown} <= ${t.needed} AND ${t.needed} > 0`),
  ],
);

/** Every scan at the sowing wall, taken or refused: who put which item into which slot, or why not. */
export const sowScans = pgTable(
  'sow_scans',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    waveId: integer('wave_id')
      .notNull()
      .references(() => waves.id),
    barcode: text('barcode').notNull(),
    /** ok | wrong_item | excess_item | intercepted | already_packing | not_picked */
    result: text('result').notNull(),
    skuId: integer('sku_id'),
    /** The slot and order the unit went to (ok), or whose intercepted need it matched. */
    orderId: bigint('order_id', { mode: 'number' }),
    slot: integer('slot'),
    actorId: integer('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('sow_scans_wave_idx').on(t.waveId, t.id),
    check('sow_scans_result', sql`${t.result} IN ('ok', 'wrong_item', 'excess_item', 'intercepted', 'already_packing', 'not_picked')`),
    check('sow_scans_ok_has_slot', sql`${t.result} <> 'ok' OR (${t.slot} IS NOT NULL AND ${t.orderId} IS NOT NULL)`),
  ],
);
