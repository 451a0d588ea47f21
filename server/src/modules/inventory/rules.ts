import { conflict, unprocessable, type AppError, type ErrorDetail } from '../../platform/errors';
import type { Bin, BinEntry, LineRequest, ReservationLine } from './model';

/** What an order needs of one SKU: its lines summed, remembering the first line for error paths. */
export interface SkuNeed {
  skuId: number;
  skuCode: string;
  quantity: number;
  lineIndex: number;
}

/** Available (on hand − reserved) of one SKU in one warehouse, as last read. */
export interface Availability {
  warehouseId: number;
  skuId: number;
  available: number;
}

/** Sums repeated SKUs and sorts by SKU id: every writer locks stock rows in that order, so none deadlock. */
export function aggregateLines(lines: readonly ReservationLine[]): SkuNeed[] {
  const bySku = new Map<number, SkuNeed>();
  lines.forEach((line, lineIndex) => {
    const need = bySku.get(line.skuId);
    if (need) need.quantity += line.quantity;
    else bySku.set(line.skuId, { skuId: line.skuId, skuCode: line.skuCode, quantity: line.quantity, lineIndex });
  });
  return [...bySku.values()].sort((a, b) => a.skuId - b.skuId);
}

function availableIn(availability: readonly Availability[], warehouseId: number, skuId: number): number {
  return availability.find((a) => a.warehouseId === warehouseId && a.skuId === skuId)?.available ?? 0;
}

/** Warehouses (other than `skip`) that could serve every need, judging by the last read, by id. */
export function warehousesAbleToServe(needs: readonly SkuNeed[], availability: readonly Availability[], skip: number | null): number[] {
  const warehouseIds = [...new Set(availability.map((a) => a.warehouseId))].filter((id) => id !== skip).sort((a, b) => a - b);
  return warehouseIds.filter((w) => needs.every((n) => availableIn(availability, w, n.skuId) >= n.quantity));
}

export interface Shortage {
  need: SkuNeed;
  available: number;
}

export interface ShortageReport {
  shortages: Shortage[];
  /** Every SKU is somewhere in sufficient quantity, just not all in one warehouse. */
  notInOneWarehouse: boolean;
}

/**
 * Why no single warehouse can serve the order. SKUs that no warehouse holds enough of come first
 * (with the most any one warehouse has); when each SKU exists somewhere but not all together, the
 * shortages of the preferred (or first) warehouse are named.
 */
export function explainShortage(needs: readonly SkuNeed[], availability: readonly Availability[], preferredWarehouseId: number | null): ShortageReport {
  const best = (skuId: number) => Math.max(0, ...availability.filter((a) => a.skuId === skuId).map((a) => a.available));
  const nowhere = needs.filter((n) => best(n.skuId) < n.quantity).map((need) => ({ need, available: best(need.skuId) }));
  if (nowhere.length) return { shortages: byLine(nowhere), notInOneWarehouse: false };
  const reference = preferredWarehouseId ?? Math.min(...availability.map((a) => a.warehouseId));
  const there = needs
    .map((need) => ({ need, available: availableIn(availability, reference, need.skuId) }))
    .filter((s) => s.available < s.need.quantity);
  if (there.length) return { shortages: byLine(there), notInOneWarehouse: true };
  // Stock came back between our attempts and this read: name the order's first line.
  return { shortages: byLine(needs.map((need) => ({ need, available: best(need.skuId) }))).slice(0, 1), notInOneWarehouse: true };
}

const byLine = (shortages: Shortage[]) => [...shortages].sort((a, b) => a.need.lineIndex - b.need.lineIndex);

export function insufficientStock({ shortages, notInOneWarehouse }: ShortageReport): AppError {
  const [first] = shortages;
  if (!first) throw new Error('insufficientStock needs at least one shortage');
  const suffix = notInOneWarehouse ? '，没有一个仓库能备齐整单' : '';
  return conflict(
    'insufficient_stock',
    `商品 ${first.need.skuCode} 库存不足（需要 ${first.need.quantity}，可用 ${first.available}）${suffix}`,
    shortages.map((s) => ({ path: `items.${s.need.lineIndex}.skuCode`, message: s.need.skuCode })),
  );
}

/** A reservation row as the settling reads it: what of it is still open. */
export interface OpenReservation {
  id: number;
  lineId: number;
  skuId: number;
  warehouseId: number;
  open: number;
}

/** Units taken from one reservation row. */
export interface Take {
  reservationId: number;
  skuId: number;
  warehouseId: number;
  quantity: number;
}

type LineProblem =
  | { kind: 'invalid_quantity'; index: number; lineId: number; quantity: number }
  | { kind: 'not_reserved'; index: number; lineId: number }
  | { kind: 'exceeds_open'; index: number; lineId: number; quantity: number; open: number };

/**
 * Which reservation rows give the requested units, each line's rows in the order given (by id),
 * or what is wrong with the request: a quantity that is no positive whole number, a line the order
 * holds no reservation for, or more units than the line still has open. A line asked for twice
 * is asked for the sum.
 */
export function takesFor(rows: readonly OpenReservation[], requests: readonly LineRequest[]): { takes: Take[]; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const wanted = new Map<number, { index: number; quantity: number | null }>();
  requests.forEach(({ lineId, quantity }, index) => {
    if (quantity !== undefined && !(Number.isInteger(quantity) && quantity > 0)) {
      problems.push({ kind: 'invalid_quantity', index, lineId, quantity });
      return;
    }
    const before = wanted.get(lineId);
    const sum = quantity === undefined || before?.quantity === null ? null : (before?.quantity ?? 0) + quantity;
    wanted.set(lineId, { index: before?.index ?? index, quantity: sum });
  });
  const takes: Take[] = [];
  for (const [lineId, { index, quantity }] of wanted) {
    const lineRows = rows.filter((r) => r.lineId === lineId);
    if (lineRows.length === 0) {
      problems.push({ kind: 'not_reserved', index, lineId });
      continue;
    }
    const open = lineRows.reduce((sum, r) => sum + r.open, 0);
    if (quantity !== null && quantity > open) {
      problems.push({ kind: 'exceeds_open', index, lineId, quantity, open });
      continue;
    }
    let left = quantity ?? open;
    for (const row of lineRows) {
      const take = Math.min(row.open, left);
      if (take > 0) takes.push({ reservationId: row.id, skuId: row.skuId, warehouseId: row.warehouseId, quantity: take });
      left -= take;
    }
  }
  return { takes, problems: problems.sort((a, b) => a.index - b.index) };
}

/** Everything still open on these rows. */
export const everythingOpen = (rows: readonly OpenReservation[]): Take[] =>
  rows.filter((r) => r.open > 0).map((r) => ({ reservationId: r.id, skuId: r.skuId, warehouseId: r.warehouseId, quantity: r.open }));

/** The takes summed per SKU and warehouse, in SKU id order: the order every writer locks levels in. */
export function levelChanges(takes: readonly Take[]): { skuId: number; warehouseId: number; quantity: number }[] {
  const byLevel = new Map<string, { skuId: number; warehouseId: number; quantity: number }>();
  for (const t of takes) {
    const key = `${t.skuId}/${t.warehouseId}`;
    const level = byLevel.get(key) ?? { skuId: t.skuId, warehouseId: t.warehouseId, quantity: 0 };
    level.quantity += t.quantity;
    byLevel.set(key, level);
  }
  return [...byLevel.values()].sort((a, b) => a.skuId - b.skuId || a.warehouseId - b.warehouseId);
}

/** The request's problems as one error: 422 for a bad quantity, else 409; the first named in the message, all in the details. */
export function lineRequestError(problems: readonly LineProblem[], action: '发货' | '释放'): AppError {
  const invalid = problems.filter((p) => p.kind === 'invalid_quantity');
  if (invalid.length) {
    return unprocessable(
      'invalid_quantity',
      `${action}数量必须是大于 0 的整数（订单行 ${invalid[0]!.lineId}：${invalid[0]!.quantity}）`,
      invalid.map((p) => ({ path: `lines.${p.index}.quantity`, message: String(p.quantity) })),
    );
  }
  const [first] = problems;
  if (!first) throw new Error('lineRequestError needs at least one problem');
  const sentence = (p: LineProblem) => (p.kind === 'exceeds_open' ? `订单行 ${p.lineId} 只剩 ${p.open} 件预留，不能${action} ${p.quantity} 件` : `订单行 ${p.lineId} 没有预留库存`);
  return conflict(
    first.kind === 'not_reserved' ? 'line_not_reserved' : 'exceeds_reserved',
    problems.map(sentence).join('；'),
    problems.map((p) => ({ path: `lines.${p.index}.${p.kind === 'not_reserved' ? 'lineId' : 'quantity'}`, message: String(p.lineId) })),
  );
}

// ---- bins ----

/**
 * Places new bins on the picking route: a bin given with its walking order keeps it, a bare code
 * takes the place after `last` by its position in the list. A code repeated counts once (the first).
 */
export function placeBins(entries: readonly BinEntry[], last: number): Omit<Bin, 'id'>[] {
  const placed = new Map<string, Omit<Bin, 'id'>>();
  entries.forEach((entry, i) => {
    const bin = typeof entry === 'string' ? { code: entry, walkOrder: last + i + 1 } : entry;
    if (!placed.has(bin.code)) placed.set(bin.code, bin);
  });
  return [...placed.values()];
}

/** What is wrong with `codes` as the warehouse's whole route (each of `bins` exactly once): 422 details. */
export function routeProblems(codes: readonly string[], bins: readonly Bin[]): { unknown: ErrorDetail[]; repeated: ErrorDetail[]; missing: string[] } {
  const known = new Set(bins.map((b) => b.code));
  const seen = new Set<string>();
  const unknown: ErrorDetail[] = [];
  const repeated: ErrorDetail[] = [];
  codes.forEach((code, i) => {
    if (!known.has(code)) unknown.push({ path: `codes.${i}`, message: code });
    else if (seen.has(code)) repeated.push({ path: `codes.${i}`, message: code });
    seen.add(code);
  });
  return { unknown, repeated, missing: bins.filter((b) => !seen.has(b.code)).map((b) => b.code) };
}
