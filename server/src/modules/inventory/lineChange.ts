import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { conflict } from '../../platform/errors';
import * as repo from './repository';
import { stockLevels, stockReservations, warehouses } from './schema';
import { syncListing } from './service';

/**
 * 改规格 (orders): an order line not yet waved takes another SKU. Its reservation moves with it in
 * the caller's transaction: the old SKU's units released, the new SKU's reserved in the same
 * warehouse, one ledger row each (`release`, `reservation`, ref the order). The line keeps its one
 * reservation row (unique per line and warehouse), which now names the new SKU; the ledger keeps
 * the history. A line partly shipped or released is refused: its row would tell two SKUs' story.
 */

export interface LineSkuChange {
  orderId: number;
  lineId: number;
  skuId: number;
  skuCode: string;
}

/** Reserves `quantity` more of a SKU in an active warehouse if that much is available; false (nothing changed) otherwise. */
async function reserveIfAvailable(ctx: Ctx, skuId: number, warehouseId: number, quantity: number): Promise<boolean> {
  const rows = await ctx.db
    .update(stockLevels)
    .set({ reserved: sql`${stockLevels.reserved} + ${quantity}`, updatedAt: ctx.clock.now() })
    .where(
      and(
        eq(stockLevels.skuId, skuId),
        eq(stockLevels.warehouseId, warehouseId),
        sql`${stockLevels.onHand} - ${stockLevels.reserved} >= ${quantity}`,
        sql`EXISTS (SELECT 1 FROM ${warehouses} WHERE ${warehouses.id} = ${warehouseId} AND ${warehouses.active})`,
      ),
    )
    .returning({ skuId: stockLevels.skuId });
  return rows.length > 0;
}

async function availableIn(ctx: Ctx, skuId: number, warehouseId: number): Promise<number> {
  const here = (await repo.availabilityOf(ctx, [skuId])).find((a) => a.warehouseId === warehouseId);
  return Math.max(0, here?.available ?? 0);
}

/** Moves the line's reservation to `change.skuId`; 409 `insufficient_stock` (naming `skuCode`) when its warehouse has too little, then nothing moved. */
export async function moveLineReservation(ctx: Ctx, change: LineSkuChange): Promise<void> {
  const rows = await repo.orderReservationRows(ctx, change.orderId, { lock: true });
  const row = rows.find((r) => r.orderItemId === change.lineId);
  if (!row || row.consumedQuantity > 0 || row.releasedQuantity > 0 || rows.filter((r) => r.orderItemId === change.lineId).length > 1) {
    throw conflict('line_not_movable', '这行商品已部分发货或取消，不能改规格', [{ path: 'lineId', message: String(change.lineId) }]);
  }
  const { quantity, warehouseId, skuId: fromSkuId } = row;
  // levels in SKU order, as every reservation takes them: a change A→B and one B→A never wait on each other
  for (const skuId of [fromSkuId, change.skuId].sort((a, b) => a - b)) {
    if (skuId === fromSkuId) {
      await repo.unreserve(ctx, fromSkuId, warehouseId, quantity, false);
    } else if (!(await reserveIfAvailable(ctx, change.skuId, warehouseId, quantity))) {
      const available = await availableIn(ctx, change.skuId, warehouseId);
      throw conflict('insufficient_stock', `商品 ${change.skuCode} 在本订单的发货仓库存不足（需要 ${quantity}，可用 ${available}）`, [{ path: 'skuCode', message: change.skuCode }]);
    }
  }
  await ctx.db.update(stockReservations).set({ skuId: change.skuId }).where(eq(stockReservations.id, row.id));
  const at = ctx.clock.now();
  const movement = { warehouseId, onHandDelta: 0, refType: 'order', refId: String(change.orderId), note: `改规格：订单行 ${change.lineId}`, actorId: ctx.actor.id, at };
  await repo.insertMovements(ctx, [
    { ...movement, skuId: fromSkuId, reservedDelta: -quantity, reason: 'release' as const },
    { ...movement, skuId: change.skuId, reservedDelta: quantity, reason: 'reservation' as const },
  ]);
  await syncListing(ctx, [fromSkuId, change.skuId]);
}
