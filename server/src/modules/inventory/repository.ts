import { and, asc, count, eq, ilike, inArray, max, or, sql, type SQL } from 'drizzle-orm';
import { preparedRowsOf, rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import type { Bin, OrderLineToReserve, PickBin, ReservedRow, Warehouse, WarehouseListQuery } from './model';
import type { Availability, SkuNeed } from './rules';
import { bins, stockDiscrepancies, stockLevels, stockMovements, stockReservations, warehouses } from './schema';

type WarehouseRow = typeof warehouses.$inferSelect;
export type MovementValues = typeof stockMovements.$inferInsert;
export type LevelRow = typeof stockLevels.$inferSelect;

// ---- warehouses and bins ----

const walkingOrder = [asc(bins.walkOrder), asc(bins.code)];

async function withBins(ctx: Ctx, rows: WarehouseRow[]): Promise<Warehouse[]> {
  const ids = rows.map((r) => r.id);
  const binRows = ids.length ? await ctx.db.select().from(bins).where(inArray(bins.warehouseId, ids)).orderBy(...walkingOrder) : [];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    active: r.active,
    packagingGrams: r.packagingGrams,
    bins: binRows.filter((b) => b.warehouseId === r.id).map((b) => ({ id: b.id, code: b.code, walkOrder: b.walkOrder })),
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The warehouse's bins along the picking route. */
export function binsOf(ctx: Ctx, warehouseId: number): Promise<Bin[]> {
  return ctx.db.select({ id: bins.id, code: bins.code, walkOrder: bins.walkOrder }).from(bins).where(eq(bins.warehouseId, warehouseId)).orderBy(...walkingOrder);
}

/** The place of the warehouse's last bin on the route (0 without bins). */
export async function lastWalkOrder(ctx: Ctx, warehouseId: number): Promise<number> {
  const [row] = await ctx.db.select({ last: max(bins.walkOrder) }).from(bins).where(eq(bins.warehouseId, warehouseId));
  return row?.last ?? 0;
}

export async function warehouseById(ctx: Ctx, id: number): Promise<Warehouse | null> {
  const rows = await ctx.db.select().from(warehouses).where(eq(warehouses.id, id));
  const [warehouse] = await withBins(ctx, rows);
  return warehouse ?? null;
}

export async function packagingGramsOf(ctx: Ctx, warehouseId: number): Promise<number | null> {
  const [row] = await ctx.db.select({ grams: warehouses.packagingGrams }).from(warehouses).where(eq(warehouses.id, warehouseId));
  return row?.grams ?? null;
}

export async function warehouseByCode(ctx: Ctx, code: string): Promise<WarehouseRow | null> {
  const [row] = await ctx.db.select().from(warehouses).where(eq(warehouses.code, code));
  return row ?? null;
}

export async function insertWarehouse(ctx: Ctx, values: typeof warehouses.$inferInsert): Promise<number | null> {
  const [row] = await ctx.db.insert(warehouses).values(values).onConflictDoNothing({ target: warehouses.code }).returning({ id: warehouses.id });
  return row?.id ?? null;
}

export async function updateWarehouse(ctx: Ctx, id: number, changes: Partial<typeof warehouses.$inferInsert>): Promise<void> {
  await ctx.db.update(warehouses).set(changes).where(eq(warehouses.id, id));
}

/** Adds the bins not there yet; returns the codes that already existed. */
export async function insertBins(ctx: Ctx, warehouseId: number, rows: Omit<Bin, 'id'>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const added = await ctx.db
    .insert(bins)
    .values(rows.map((r) => ({ warehouseId, code: r.code, walkOrder: r.walkOrder })))
    .onConflictDoNothing()
    .returning({ code: bins.code });
  const addedCodes = new Set(added.map((b) => b.code));
  return rows.map((r) => r.code).filter((c) => !addedCodes.has(c));
}

/** The ids of those of `codes` that are bins of this warehouse. */
export async function binIdsByCode(ctx: Ctx, warehouseId: number, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.db.select({ id: bins.id, code: bins.code }).from(bins).where(and(eq(bins.warehouseId, warehouseId), inArray(bins.code, codes)));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Moves the warehouse's bins to new places on the route, in one statement. */
export async function setWalkOrders(ctx: Ctx, warehouseId: number, places: Omit<Bin, 'code'>[]): Promise<void> {
  if (places.length === 0) return;
  const values = sql.join(
    places.map((p) => sql`(${p.id}::int, ${p.walkOrder}::int)`),
    sql`, `,
  );
  await ctx.db.execute(sql`
    UPDATE bins SET walk_order = v.walk_order FROM (VALUES ${values}) AS v (id, walk_order)
    WHERE bins.id = v.id AND bins.warehouse_id = ${warehouseId}::int`);
}

export async function listWarehouses(ctx: Ctx, q: WarehouseListQuery) {
  const where = and(
    q.q ? or(ilike(warehouses.code, `%${q.q}%`), ilike(warehouses.name, `%${q.q}%`)) : undefined,
    q.active !== undefined ? eq(warehouses.active, q.active) : undefined,
  );
  const rows = await ctx.db.select().from(warehouses).where(where).orderBy(asc(warehouses.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(warehouses).where(where);
  return { items: await withBins(ctx, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

// ---- stock levels ----

/**
 * Reserves all of an order's SKUs in one (active) warehouse, or none of them, as CTEs of a
 * statement that names the order's lines in the CTE `lineRows` (columns `id`, `order_id`,
 * `sku_id`, `quantity`; no row, nothing happens). Ends in `reserved (sku_id, quantity, order_id,
 * available)`: every SKU, or none when some SKU did not have enough here. The levels are first
 * locked in SKU id order (so two orders never wait on each other in a cycle) and checked; only when
 * every SKU has enough does the update run, and the locks hold every row unchanged from the check
 * to the commit, so concurrent orders can never oversell (`CHECK (reserved <= on_hand)` backs that
 * up). The update writes the locked values and tests no stock itself: every CTE reads the
 * statement's snapshot, so for a level that a concurrent receipt or release changed since, the
 * lock waited for the newest version while the update reads the old one; a stock test there would
 * skip the row (part of the order reserved), and values computed from it would trip the CHECK
 * before PostgreSQL moves on to the newest version. The ledger movements (one per SKU) and the
 * reservations (one per line) are written for exactly the SKUs it changed.
 */
export function reserveAllInSql(ctx: Ctx, lineRows: string, warehouseId: number | null, needs: readonly SkuNeed[]): SQL {
  const at = ctx.clock.now().toISOString();
  const need = sql.join(
    needs.map((n) => sql`(${n.skuId}::int, ${n.quantity}::int)`),
    sql`, `,
  );
  const lines = sql.identifier(lineRows);
  return sql`
    reserve_need AS (
      SELECT v.sku_id, v.quantity, o.order_id FROM (VALUES ${need}) AS v (sku_id, quantity), (SELECT DISTINCT order_id FROM ${lines}) AS o
    ), reserve_locked AS (
      SELECT l.sku_id, l.on_hand, l.reserved, l.on_hand - l.reserved >= n.quantity AS enough
      FROM stock_levels l JOIN reserve_need n ON n.sku_id = l.sku_id
      WHERE l.warehouse_id = ${warehouseId}::int AND EXISTS (SELECT 1 FROM warehouses WHERE id = ${warehouseId}::int AND active)
      ORDER BY l.sku_id
      FOR UPDATE OF l
    ), reserve_every_sku_enough AS (
      SELECT count(*) FILTER (WHERE enough) = ${needs.length}::int AS ok FROM reserve_locked
    ), reserved AS (
      UPDATE stock_levels l SET on_hand = locked.on_hand, reserved = locked.reserved + n.quantity, updated_at = ${at}::timestamptz
      FROM reserve_need n JOIN reserve_locked locked ON locked.sku_id = n.sku_id, reserve_every_sku_enough e
      WHERE e.ok AND l.sku_id = n.sku_id AND l.warehouse_id = ${warehouseId}::int
      RETURNING l.sku_id, n.quantity, n.order_id, l.on_hand - l.reserved AS available
    ), reserve_ledger AS (
      INSERT INTO stock_movements (sku_id, warehouse_id, reserved_delta, reason, ref_type, ref_id, actor_id, at)
      SELECT sku_id, ${warehouseId}::int, quantity, 'reservation', 'order', order_id::text, ${ctx.actor.id}::int, ${at}::timestamptz FROM reserved
    ), reserve_lines AS (
      INSERT INTO stock_reservations (order_id, order_item_id, sku_id, warehouse_id, quantity, created_at)
      SELECT line.order_id, line.id, line.sku_id, ${warehouseId}::int, line.quantity, ${at}::timestamptz
      FROM ${lines} line JOIN reserved ON reserved.sku_id = line.sku_id
    )`;
}

/** reserveAllInSql on its own for an order already written: the `reserved` rows (see reservedLeft). */
export function reserveAllIn(ctx: Ctx, orderId: number, lines: readonly OrderLineToReserve[], warehouseId: number, needs: readonly SkuNeed[]): Promise<ReservedRow[]> {
  const lineValues = sql.join(
    lines.map((l) => sql`(${l.lineId}::bigint, ${orderId}::bigint, ${l.skuId}::int, ${l.quantity}::int)`),
    sql`, `,
  );
  return preparedRowsOf<ReservedRow>(
    ctx.db,
    sql`WITH order_lines (id, order_id, sku_id, quantity) AS (VALUES ${lineValues}), ${reserveAllInSql(ctx, 'order_lines', warehouseId, needs)} SELECT sku_id, available FROM reserved`,
  );
}

/**
 * What `reserved` returned, as what is left available per SKU, or null when nothing was reserved.
 * The rows were locked and checked in one statement, so the update changes all of them or none;
 * anything else must abort the whole order rather than keep part of a reservation.
 */
export function reservedLeft(orderId: number, warehouseId: number, needs: readonly SkuNeed[], rows: ReservedRow[]): Map<number, number> | null {
  if (rows.length === 0) return null;
  if (rows.length !== needs.length) throw new Error(`order ${orderId}: reserved ${rows.length} of ${needs.length} SKUs in warehouse ${warehouseId}`);
  return new Map(rows.map((r) => [Number(r.sku_id), Number(r.available)]));
}

/** Gives back reserved stock (release), or takes it out of the warehouse altogether (shipment). */
export async function unreserve(ctx: Ctx, skuId: number, warehouseId: number, quantity: number, consume: boolean): Promise<void> {
  await ctx.db
    .update(stockLevels)
    .set({
      reserved: sql`${stockLevels.reserved} - ${quantity}`,
      ...(consume && { onHand: sql`${stockLevels.onHand} - ${quantity}` }),
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(stockLevels.skuId, skuId), eq(stockLevels.warehouseId, warehouseId)));
}

/** Snapshot of available stock of these SKUs in every active warehouse. */
export async function availabilityOf(ctx: Ctx, skuIds: number[]): Promise<Availability[]> {
  return ctx.db
    .select({ warehouseId: stockLevels.warehouseId, skuId: stockLevels.skuId, available: sql<number>`(${stockLevels.onHand} - ${stockLevels.reserved})::int` })
    .from(stockLevels)
    .innerJoin(warehouses, and(eq(warehouses.id, stockLevels.warehouseId), eq(warehouses.active, true)))
    .where(inArray(stockLevels.skuId, skuIds));
}

/** Sellable stock per SKU: Σ available over active warehouses (0 when it has none). */
export async function sellableOf(ctx: Ctx, skuIds: number[]): Promise<Map<number, number>> {
  const rows = await ctx.db
    .select({ skuId: stockLevels.skuId, sellable: sql<number>`SUM(${stockLevels.onHand} - ${stockLevels.reserved})::int` })
    .from(stockLevels)
    .innerJoin(warehouses, and(eq(warehouses.id, stockLevels.warehouseId), eq(warehouses.active, true)))
    .where(inArray(stockLevels.skuId, skuIds))
    .groupBy(stockLevels.skuId);
  const sellable = new Map(skuIds.map((id) => [id, 0]));
  for (const r of rows) sellable.set(r.skuId, r.sellable);
  return sellable;
}

/**
 * Adds received stock, creating the level row the first time; rows must be sorted by SKU id and
 * unique. A row naming a bin makes it the SKU's pick bin here; one naming none keeps the pick bin.
 */
export async function addOnHand(ctx: Ctx, warehouseId: number, rows: { skuId: number; quantity: number; pickBinId: number | null }[]): Promise<LevelRow[]> {
  const now = ctx.clock.now();
  return ctx.db
    .insert(stockLevels)
    .values(rows.map((r) => ({ skuId: r.skuId, warehouseId, onHand: r.quantity, pickBinId: r.pickBinId, updatedAt: now })))
    .onConflictDoUpdate({
      target: [stockLevels.skuId, stockLevels.warehouseId],
      set: {
        onHand: sql`${stockLevels.onHand} + excluded.on_hand`,
        pickBinId: sql`COALESCE(excluded.pick_bin_id, ${stockLevels.pickBinId})`,
        updatedAt: now,
      },
    })
    .returning();
}

/** The level row, locked for the rest of the transaction (created empty if it did not exist). */
export async function lockLevel(ctx: Ctx, skuId: number, warehouseId: number): Promise<LevelRow> {
  await ctx.db.insert(stockLevels).values({ skuId, warehouseId, updatedAt: ctx.clock.now() }).onConflictDoNothing();
  const [row] = await ctx.db
    .select()
    .from(stockLevels)
    .where(and(eq(stockLevels.skuId, skuId), eq(stockLevels.warehouseId, warehouseId)))
    .for('update');
  return row!;
}

export async function setPickBin(ctx: Ctx, skuId: number, warehouseId: number, pickBinId: number | null): Promise<void> {
  await ctx.db
    .update(stockLevels)
    .set({ pickBinId, updatedAt: ctx.clock.now() })
    .where(and(eq(stockLevels.skuId, skuId), eq(stockLevels.warehouseId, warehouseId)));
}

/** The pick bins of these SKUs in one warehouse, along the route (SKUs without one are left out). */
export function pickBinsOf(ctx: Ctx, warehouseId: number, skuIds: number[]): Promise<PickBin[]> {
  if (skuIds.length === 0) return Promise.resolve([]);
  return ctx.db
    .select({ skuId: stockLevels.skuId, binId: bins.id, binCode: bins.code, walkOrder: bins.walkOrder })
    .from(stockLevels)
    .innerJoin(bins, and(eq(bins.id, stockLevels.pickBinId), eq(bins.warehouseId, stockLevels.warehouseId)))
    .where(and(eq(stockLevels.warehouseId, warehouseId), inArray(stockLevels.skuId, skuIds)))
    .orderBy(...walkingOrder, asc(stockLevels.skuId));
}

export async function setOnHand(ctx: Ctx, skuId: number, warehouseId: number, onHand: number): Promise<LevelRow> {
  const [row] = await ctx.db
    .update(stockLevels)
    .set({ onHand, updatedAt: ctx.clock.now() })
    .where(and(eq(stockLevels.skuId, skuId), eq(stockLevels.warehouseId, warehouseId)))
    .returning();
  return row!;
}

// ---- ledger and reservations ----

export async function insertMovements(ctx: Ctx, rows: MovementValues[]): Promise<void> {
  if (rows.length) await ctx.db.insert(stockMovements).values(rows);
}

export type ReservationRow = typeof stockReservations.$inferSelect;

/** The order's reservation rows by line; `lock` holds them for the rest of the transaction. */
export function orderReservationRows(ctx: Ctx, orderId: number, { lock }: { lock: boolean }): Promise<ReservationRow[]> {
  const rows = ctx.db
    .select()
    .from(stockReservations)
    .where(eq(stockReservations.orderId, orderId))
    .orderBy(asc(stockReservations.orderItemId), asc(stockReservations.id));
  return lock ? rows.for('update') : rows;
}

/** Adds consumed or released units to reservation rows; a row that has nothing left open is closed now. */
export async function settleReservations(ctx: Ctx, outcome: 'consumed' | 'released', takes: readonly { reservationId: number; quantity: number }[]): Promise<void> {
  const column = sql.identifier(outcome === 'consumed' ? 'consumed_quantity' : 'released_quantity');
  const taken = sql.join(
    takes.map((t) => sql`(${t.reservationId}::bigint, ${t.quantity}::int)`),
    sql`, `,
  );
  await ctx.db.execute(sql`
    UPDATE ${stockReservations} r SET ${column} = r.${column} + t.quantity,
      closed_at = CASE WHEN r.consumed_quantity + r.released_quantity + t.quantity = r.quantity THEN ${ctx.clock.now().toISOString()}::timestamptz ELSE r.closed_at END
    FROM (VALUES ${taken}) AS t (id, quantity)
    WHERE r.id = t.id`);
}

export interface LedgerMismatchRow {
  sku_id: number;
  warehouse_id: number;
  on_hand: number;
  reserved: number;
  ledger_on_hand: number;
  ledger_reserved: number;
  open_reserved: number;
}

/** Every (SKU, warehouse) whose level disagrees with its ledger or open reservations, or breaks a bound. */
export function ledgerMismatches(ctx: Ctx): Promise<LedgerMismatchRow[]> {
  return rowsOf<LedgerMismatchRow>(
    ctx.db,
    sql`
      WITH ledger AS (
        SELECT sku_id, warehouse_id, SUM(on_hand_delta)::int AS on_hand, SUM(reserved_delta)::int AS reserved
        FROM stock_movements GROUP BY sku_id, warehouse_id
      ), open_reservations AS (
        SELECT sku_id, warehouse_id, SUM(quantity - consumed_quantity - released_quantity)::int AS reserved
        FROM stock_reservations GROUP BY sku_id, warehouse_id
      ), keys AS (
        SELECT sku_id, warehouse_id FROM stock_levels
        UNION SELECT sku_id, warehouse_id FROM ledger
        UNION SELECT sku_id, warehouse_id FROM open_reservations
      ), compared AS (
        SELECT k.sku_id, k.warehouse_id,
          COALESCE(sl.on_hand, 0) AS on_hand, COALESCE(sl.reserved, 0) AS reserved,
          COALESCE(l.on_hand, 0) AS ledger_on_hand, COALESCE(l.reserved, 0) AS ledger_reserved,
          COALESCE(r.reserved, 0) AS open_reserved
        FROM keys k
        LEFT JOIN stock_levels sl ON sl.sku_id = k.sku_id AND sl.warehouse_id = k.warehouse_id
        LEFT JOIN ledger l ON l.sku_id = k.sku_id AND l.warehouse_id = k.warehouse_id
        LEFT JOIN open_reservations r ON r.sku_id = k.sku_id AND r.warehouse_id = k.warehouse_id
      )
      SELECT * FROM compared
      WHERE on_hand <> ledger_on_hand OR reserved <> ledger_reserved OR reserved <> open_reserved
         OR on_hand < 0 OR reserved < 0 OR reserved > on_hand
      ORDER BY sku_id, warehouse_id`,
  );
}

export interface OversettledRow {
  /** bigint columns: node-postgres reads them as text. */
  order_id: number | string;
  order_item_id: number | string;
  sku_id: number;
  warehouse_id: number;
  quantity: number;
  consumed_quantity: number;
  released_quantity: number;
}

/** Reservation rows that gave out more than they held, or a negative count. */
export function oversettledReservations(ctx: Ctx): Promise<OversettledRow[]> {
  return rowsOf<OversettledRow>(
    ctx.db,
    sql`
      SELECT order_id, order_item_id, sku_id, warehouse_id, quantity, consumed_quantity, released_quantity
      FROM stock_reservations
      WHERE consumed_quantity < 0 OR released_quantity < 0 OR consumed_quantity + released_quantity > quantity
      ORDER BY id`,
  );
}

// ---- stock discrepancies ----

export type DiscrepancyRow = typeof stockDiscrepancies.$inferSelect;

export async function insertDiscrepancy(ctx: Ctx, values: Omit<typeof stockDiscrepancies.$inferInsert, 'id'>): Promise<DiscrepancyRow> {
  const [row] = await ctx.db.insert(stockDiscrepancies).values(values).returning();
  return row!;
}

export async function lockDiscrepancy(ctx: Ctx, id: number): Promise<DiscrepancyRow | null> {
  const [row] = await ctx.db.select().from(stockDiscrepancies).where(eq(stockDiscrepancies.id, id)).for('update');
  return row ?? null;
}

/** One count closes every open discrepancy of the SKU in the warehouse: it answers them all. */
export async function closeDiscrepancies(ctx: Ctx, skuId: number, warehouseId: number, count: Pick<DiscrepancyRow, 'countedQuantity' | 'onHandBefore' | 'countedBy' | 'countedAt'>): Promise<number[]> {
  const closed = await ctx.db
    .update(stockDiscrepancies)
    .set({ ...count, status: 'counted' })
    .where(and(eq(stockDiscrepancies.skuId, skuId), eq(stockDiscrepancies.warehouseId, warehouseId), eq(stockDiscrepancies.status, 'open')))
    .returning({ id: stockDiscrepancies.id });
  return closed.map((r) => r.id);
}
