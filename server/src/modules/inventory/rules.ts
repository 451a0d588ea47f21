import { conflict, type AppError } from '../../platform/errors';
import type { ReservationLine } from './model';

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
