import type { SQL } from 'drizzle-orm';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, unprocessable, type ErrorDetail } from '../../platform/errors';
import { defineSetting, readSetting, wholeSetting } from '../../platform/settings';
import { applyAutoListing, findSkusByCodes, type SkuRef } from '../catalog/index';
import type {
  AdjustmentInput,
  InvariantProblem,
  LevelListQuery,
  LowStockAlert,
  MovementReason,
  PickBin,
  PickBinInput,
  ReceiptInput,
  ReservationLine,
  ReservedRow,
  ReserveRequest,
  SkuPickerQuery,
  StockLevel,
  StockRequest,
} from './model';
import * as read from './readModel';
import * as repo from './repository';
import { aggregateLines, explainShortage, insufficientStock, warehousesAbleToServe, type SkuNeed } from './rules';
import { warehouseForStock } from './warehouses';

/** The safety stock of a SKU that sets none (50 units); a SKU's own safety stock wins. */
export const defaultSafetyStockSetting = defineSetting({
  key: 'inventory.defaultSafetyStock',
  label: '默认安全库存（SKU 未单独设置时）',
  schema: wholeSetting(0, 10_000_000),
  defaultValue: 50,
  unit: 'count',
});

const defaultSafetyStock = (ctx: Ctx) => readSetting(ctx, defaultSafetyStockSetting);

/** Looks up SKUs by code, answering 422 naming each unknown code's field. */
async function skusByCode(ctx: Ctx, codes: string[], pathOf: (i: number) => string): Promise<Map<string, SkuRef>> {
  const found = await findSkusByCodes(ctx, codes);
  const unknown: ErrorDetail[] = codes.flatMap((code, i) => (found.has(code) ? [] : [{ path: pathOf(i), message: code }]));
  if (unknown.length) throw unprocessable('unknown_sku', `货号不存在：${unknown.map((d) => d.message).join('、')}`, unknown);
  return found;
}

// ---- listing follows stock ----

/** Delists SKUs with nothing sellable left and relists those with stock again (unless pinned). */
export async function syncListing(ctx: Ctx, skuIds: number[]): Promise<void> {
  if (skuIds.length) await applyAutoListing(ctx, await repo.sellableOf(ctx, skuIds));
}

// ---- receipts and adjustments ----

export async function receive(ctx: Ctx, input: ReceiptInput): Promise<{ warehouseCode: string; levels: StockLevel[] }> {
  const warehouse = await warehouseForStock(ctx, input.warehouseCode, { mustBeActive: true });
  const found = await skusByCode(ctx, input.lines.map((l) => l.skuCode), (i) => `lines.${i}.skuCode`);
  const binIds = await binIdsIn(ctx, warehouse, input.lines.flatMap((l, i) => (l.binCode ? [{ code: l.binCode, path: `lines.${i}.binCode` }] : [])));

  const bySku = new Map<number, { skuId: number; quantity: number; pickBinId: number | null }>();
  for (const line of input.lines) {
    const skuId = found.get(line.skuCode)!.id;
    const row = bySku.get(skuId) ?? { skuId, quantity: 0, pickBinId: null };
    bySku.set(skuId, { skuId, quantity: row.quantity + line.quantity, pickBinId: line.binCode ? binIds.get(line.binCode)! : row.pickBinId });
  }
  const rows = [...bySku.values()].sort((a, b) => a.skuId - b.skuId);
  const after = await repo.addOnHand(ctx, warehouse.id, rows);
  const now = ctx.clock.now();
  await repo.insertMovements(
    ctx,
    rows.map((r) => ({
      skuId: r.skuId,
      warehouseId: warehouse.id,
      onHandDelta: r.quantity,
      reason: 'receipt',
      refType: 'receipt',
      refId: input.reference ?? null,
      note: input.note ?? null,
      actorId: ctx.actor.id,
      at: now,
    })),
  );
  const skuIds = rows.map((r) => r.skuId);
  await syncListing(ctx, skuIds);
  await recordEvent(ctx, {
    action: 'inventory.receive',
    entityType: 'warehouse',
    entityId: warehouse.id,
    before: after.map((l) => ({ skuId: l.skuId, onHand: l.onHand - bySku.get(l.skuId)!.quantity })),
    after: { reference: input.reference ?? null, note: input.note ?? null, levels: after.map((l) => ({ skuId: l.skuId, onHand: l.onHand, reserved: l.reserved, pickBinId: l.pickBinId })) },
  });
  return { warehouseCode: warehouse.code, levels: await read.levelsOf(ctx, warehouse.id, skuIds, await defaultSafetyStock(ctx)) };
}

/** A correction of on hand to what is really there: how it is given, why, and the field a refusal names. */
export interface OnHandCorrection {
  sku: Pick<SkuRef, 'id' | 'code'>;
  warehouseId: number;
  to: { counted: number } | { delta: number };
  reason: Extract<MovementReason, 'adjustment' | 'stocktake'>;
  refType: string;
  refId?: string;
  note: string | null;
  path: string;
}

/**
 * Sets on hand through the ledger (one movement for the change, none when nothing changed), the
 * level row locked while the new quantity is computed: never below 0 or below what orders reserved
 * (409 naming `path`). Answers the level as it was and the change.
 */
export async function correctOnHand(ctx: Ctx, c: OnHandCorrection): Promise<{ before: repo.LevelRow; change: number }> {
  const level = await repo.lockLevel(ctx, c.sku.id, c.warehouseId);
  const onHand = 'counted' in c.to ? c.to.counted : level.onHand + c.to.delta;
  if (onHand < 0) {
    throw conflict('negative_stock', `调整后 ${c.sku.code} 的在库数量为 ${onHand}，库存不能为负数（当前在库 ${level.onHand}）`, [{ path: c.path, message: String(onHand) }]);
  }
  if (onHand < level.reserved) {
    throw conflict('below_reserved', `调整后 ${c.sku.code} 的在库数量 ${onHand} 少于订单已预留的 ${level.reserved}，请先处理相关订单`, [
      { path: c.path, message: String(onHand) },
    ]);
  }
  const change = onHand - level.onHand;
  if (change !== 0) {
    await repo.setOnHand(ctx, c.sku.id, c.warehouseId, onHand);
    await repo.insertMovements(ctx, [
      { skuId: c.sku.id, warehouseId: c.warehouseId, onHandDelta: change, reason: c.reason, refType: c.refType, refId: c.refId ?? null, note: c.note, actorId: ctx.actor.id, at: ctx.clock.now() },
    ]);
    await syncListing(ctx, [c.sku.id]);
  }
  return { before: level, change };
}

/** A supervisor's correction of on hand, by a change or by the counted quantity. */
export async function adjust(ctx: Ctx, input: AdjustmentInput): Promise<StockLevel> {
  const warehouse = await warehouseForStock(ctx, input.warehouseCode, { mustBeActive: false });
  const sku = (await skusByCode(ctx, [input.skuCode], () => 'skuCode')).get(input.skuCode)!;
  const to = input.delta !== undefined ? { delta: input.delta } : { counted: input.countedQuantity! };
  const path = input.delta !== undefined ? 'delta' : 'countedQuantity';
  const { before, change } = await correctOnHand(ctx, { sku, warehouseId: warehouse.id, to, reason: 'adjustment', refType: 'adjustment', note: input.reason, path });
  await recordEvent(ctx, {
    action: 'inventory.adjust',
    entityType: 'sku',
    entityId: sku.id,
    before: { warehouseCode: warehouse.code, onHand: before.onHand, reserved: before.reserved },
    after: { warehouseCode: warehouse.code, onHand: before.onHand + change, reserved: before.reserved, change, reason: input.reason },
  });
  const [after] = await read.levelsOf(ctx, warehouse.id, [sku.id], await defaultSafetyStock(ctx));
  return after!;
}

// ---- pick bins ----

/**
 * The ids of the bins named, all of which must be bins of this warehouse: 422 unknown_bin naming
 * each other code's field (a bin of another warehouse is no bin here).
 */
async function binIdsIn(ctx: Ctx, warehouse: { id: number; code: string }, named: { code: string; path: string }[]): Promise<Map<string, number>> {
  const ids = await repo.binIdsByCode(ctx, warehouse.id, [...new Set(named.map((n) => n.code))]);
  const unknown: ErrorDetail[] = named.flatMap((n) => (ids.has(n.code) ? [] : [{ path: n.path, message: n.code }]));
  if (unknown.length) throw unprocessable('unknown_bin', `仓库 ${warehouse.code} 没有库位：${unknown.map((d) => d.message).join('、')}`, unknown);
  return ids;
}

/** Sets (or, with binCode null, clears) where a SKU is picked in one warehouse. */
export async function setPickBin(ctx: Ctx, input: PickBinInput): Promise<StockLevel> {
  const warehouse = await warehouseForStock(ctx, input.warehouseCode, { mustBeActive: false });
  const sku = (await skusByCode(ctx, [input.skuCode], () => 'skuCode')).get(input.skuCode)!;
  const binId = input.binCode === null ? null : (await binIdsIn(ctx, warehouse, [{ code: input.binCode, path: 'binCode' }])).get(input.binCode)!;
  await repo.lockLevel(ctx, sku.id, warehouse.id);
  const [before] = await repo.pickBinsOf(ctx, warehouse.id, [sku.id]);
  await repo.setPickBin(ctx, sku.id, warehouse.id, binId);
  await recordEvent(ctx, {
    action: 'inventory.setPickBin',
    entityType: 'sku',
    entityId: sku.id,
    before: { warehouseCode: warehouse.code, binCode: before?.binCode ?? null },
    after: { warehouseCode: warehouse.code, binCode: input.binCode },
  });
  const [after] = await read.levelsOf(ctx, warehouse.id, [sku.id], await defaultSafetyStock(ctx));
  return after!;
}

/**
 * For pick lists: the pick bins (code and place on the route) of these SKUs in one warehouse, in
 * walking order. SKUs without a pick bin there are left out; a pick list puts them last.
 */
export const pickBinsOf = (ctx: Ctx, warehouseId: number, skuIds: number[]): Promise<PickBin[]> => repo.pickBinsOf(ctx, warehouseId, [...new Set(skuIds)]);

// ---- reservations (called by orders) ----

function needsOf(lines: readonly ReservationLine[]): SkuNeed[] {
  const needs = aggregateLines(lines);
  if (needs.length === 0) throw unprocessable('no_lines', '订单没有商品行', [{ path: 'items', message: 'empty' }]);
  return needs;
}

/** Only a warehouse that just ran out can have made a SKU unsellable. */
const delistSoldOut = (ctx: Ctx, needs: SkuNeed[], left: Map<number, number>) =>
  syncListing(ctx, needs.filter((n) => left.get(n.skuId) === 0).map((n) => n.skuId));

/**
 * The attempt in the preferred warehouse as CTEs of the caller's statement (order intake writes
 * the order and reserves it in one round trip), for the order lines in the CTE `lineRows` (`id`,
 * `order_id`, `sku_id`, `quantity`: the lines as inserted); ends in
 * `reserved (sku_id, quantity, order_id, available)`. Its rows go to `completeReservation`.
 */
export function reservePreferredSql(ctx: Ctx, lineRows: string, request: StockRequest): SQL {
  return repo.reserveAllInSql(ctx, lineRows, request.preferredWarehouseId, needsOf(request.lines));
}

/**
 * After reservePreferredSql's statement: delists what sold out, or reserves the order in ONE other
 * warehouse that can serve every line (by id); 409 insufficient_stock naming the short lines when none can.
 */
export async function completeReservation(ctx: Ctx, request: ReserveRequest, reserved: ReservedRow[]): Promise<{ warehouseId: number }> {
  const needs = needsOf(request.lines);
  const left = request.preferredWarehouseId === null ? null : repo.reservedLeft(request.orderId, request.preferredWarehouseId, needs, reserved);
  if (!left) return reserveElsewhere(ctx, request, needs);
  await delistSoldOut(ctx, needs, left);
  return { warehouseId: request.preferredWarehouseId! };
}

/**
 * Reserves every line of an order already written in this one warehouse, or nothing: 409
 * insufficient_stock naming the short lines (an after-sales reissue ships from where the order did).
 */
export async function reserveOrderIn(ctx: Ctx, warehouseId: number, request: Omit<ReserveRequest, 'preferredWarehouseId'>): Promise<void> {
  const needs = needsOf(request.lines);
  const left = repo.reservedLeft(request.orderId, warehouseId, needs, await repo.reserveAllIn(ctx, request.orderId, request.lines, warehouseId, needs));
  if (left) return delistSoldOut(ctx, needs, left);
  const here = (await repo.availabilityOf(ctx, needs.map((n) => n.skuId))).filter((a) => a.warehouseId === warehouseId);
  throw insufficientStock(explainShortage(needs, here, warehouseId));
}

/**
 * Without reserving anything: 409 insufficient_stock (naming the short lines) unless some active
 * warehouse could serve every line now. Lets intake refuse a sold-out SKU before writing the order.
 */
export async function assertCanServe(ctx: Ctx, request: StockRequest): Promise<void> {
  const needs = needsOf(request.lines);
  const availability = await repo.availabilityOf(ctx, needs.map((n) => n.skuId));
  if (warehousesAbleToServe(needs, availability, null).length > 0) return;
  throw insufficientStock(explainShortage(needs, availability, request.preferredWarehouseId));
}

/** The preferred warehouse could not serve the order: the others that can, by id, else 409. */
async function reserveElsewhere(ctx: Ctx, request: ReserveRequest, needs: SkuNeed[]): Promise<{ warehouseId: number }> {
  const skuIds = needs.map((n) => n.skuId);
  const { preferredWarehouseId } = request;
  let availability = await repo.availabilityOf(ctx, skuIds);
  const candidates = warehousesAbleToServe(needs, availability, preferredWarehouseId);
  for (const warehouseId of candidates) {
    const left = repo.reservedLeft(request.orderId, warehouseId, needs, await repo.reserveAllIn(ctx, request.orderId, request.lines, warehouseId, needs));
    if (left) {
      await delistSoldOut(ctx, needs, left);
      return { warehouseId };
    }
  }
  // Other orders took the stock while we tried: explain with what is there now.
  if (candidates.length) availability = await repo.availabilityOf(ctx, skuIds);
  throw insufficientStock(explainShortage(needs, availability, preferredWarehouseId));
}

// ---- reads ----

export async function listLevels(ctx: Ctx, q: LevelListQuery) {
  return read.listLevels(ctx, q, await defaultSafetyStock(ctx));
}

export const pickSkus = (ctx: Ctx, q: SkuPickerQuery) => read.pickSkus(ctx, q);

/** Stock below safety stock per SKU and warehouse (restock alerts), largest shortfall first. */
export async function lowStockAlerts(ctx: Ctx, limit = 100): Promise<{ items: LowStockAlert[]; total: number }> {
  return read.lowStock(ctx, limit, await defaultSafetyStock(ctx));
}

// ---- the invariant checker ----

/**
 * Verifies the stock ledger on live data: on hand = Σ on-hand movements, reserved = Σ reserved
 * movements = Σ what order lines hold open, nothing negative, never reserved above on hand, and no
 * line's reservation consumed and released beyond its quantity.
 */
export async function checkStockInvariants(ctx: Ctx): Promise<InvariantProblem[]> {
  const problems: InvariantProblem[] = [];
  for (const row of await repo.ledgerMismatches(ctx)) {
    const at = `SKU ${row.sku_id} 仓库 ${row.warehouse_id}`;
    const add = (kind: InvariantProblem['kind'], expected: number, actual: number, message: string) =>
      problems.push({ kind, skuId: row.sku_id, warehouseId: row.warehouse_id, expected, actual, message: `${at}：${message}` });
    if (row.on_hand !== row.ledger_on_hand) add('on_hand_vs_ledger', row.ledger_on_hand, row.on_hand, `在库 ${row.on_hand} ≠ 流水合计 ${row.ledger_on_hand}`);
    if (row.reserved !== row.ledger_reserved) add('reserved_vs_ledger', row.ledger_reserved, row.reserved, `预留 ${row.reserved} ≠ 流水预留合计 ${row.ledger_reserved}`);
    if (row.reserved !== row.open_reserved) add('reserved_vs_reservations', row.open_reserved, row.reserved, `预留 ${row.reserved} ≠ 未结预留单合计 ${row.open_reserved}`);
    if (row.on_hand < 0 || row.reserved < 0) add('negative', 0, Math.min(row.on_hand, row.reserved), `出现负数（在库 ${row.on_hand}，预留 ${row.reserved}）`);
    if (row.reserved > row.on_hand) add('oversold', row.on_hand, row.reserved, `预留 ${row.reserved} 超过在库 ${row.on_hand}（超卖）`);
  }
  for (const r of await repo.oversettledReservations(ctx)) {
    const settled = r.consumed_quantity + r.released_quantity;
    problems.push({
      kind: 'reservation_oversettled',
      skuId: r.sku_id,
      warehouseId: r.warehouse_id,
      expected: r.quantity,
      actual: settled,
      message: `SKU ${r.sku_id} 仓库 ${r.warehouse_id}：订单 ${r.order_id} 行 ${r.order_item_id} 预留 ${r.quantity}，已出库 ${r.consumed_quantity} + 已释放 ${r.released_quantity} 超出预留或为负数`,
    });
  }
  return problems;
}
