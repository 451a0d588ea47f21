/**
 * Stock as after-sales sees it: the levels of a case's SKUs in the order's warehouse, and the
 * correction when the warehouse sent another SKU than the one ordered (错货): the ledger says the
 * ordered SKU left, the other one really did.
 */
import type { Ctx } from '../../platform/context';
import type { StockLevel } from './model';
import * as read from './readModel';
import { correctOnHand, defaultSafetyStockSetting } from './service';
import { readSetting } from '../../platform/settings';

/** The levels of these SKUs in one warehouse now, by SKU code; SKUs never stocked there are left out. */
export async function stockLevelsOf(ctx: Ctx, warehouseId: number, skuIds: number[]): Promise<StockLevel[]> {
  if (skuIds.length === 0) return [];
  return read.levelsOf(ctx, warehouseId, skuIds, await readSetting(ctx, defaultSafetyStockSetting));
}

export interface ShippedInstead {
  /** The SKUs the ledger shipped (still on the shelf), with the units of each. */
  ordered: { id: number; code: string; quantity: number }[];
  /** The SKU that really left, for all of those units. */
  sent: { id: number; code: string };
}

export interface StockChange {
  skuCode: string;
  onHandBefore: number;
  change: number;
}

/**
 * Puts what really left on the ledger, one `adjustment` movement per SKU with `ref` (the case):
 * the ordered units back on hand, the sent SKU's off. Levels are locked in SKU order; the sent SKU
 * never goes below 0 or below what orders reserved (409 naming `path`). The caller audits it and
 * sees that it happens once.
 */
export async function correctShippedInstead(ctx: Ctx, warehouseId: number, swap: ShippedInstead, ref: { type: string; id: string; note: string; path: string }): Promise<StockChange[]> {
  const units = swap.ordered.reduce((sum, o) => sum + o.quantity, 0);
  const deltas = [...swap.ordered.map((o) => ({ sku: { id: o.id, code: o.code }, delta: o.quantity })), { sku: swap.sent, delta: -units }].sort((a, b) => a.sku.id - b.sku.id);
  const changes: StockChange[] = [];
  for (const d of deltas) {
    const { before, change } = await correctOnHand(ctx, { sku: d.sku, warehouseId, to: { delta: d.delta }, reason: 'adjustment', refType: ref.type, refId: ref.id, note: ref.note, path: ref.path });
    changes.push({ skuCode: d.sku.code, onHandBefore: before.onHand, change });
  }
  return changes;
}
