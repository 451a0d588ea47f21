import type { Ctx } from '../../platform/context';
import * as repo from './repository';
import { syncListing } from './service';

/** A buyer's return as the warehouse found it: units of a SKU and whether they can be sold again. */
export interface ReturnedUnits {
  skuId: number;
  quantity: number;
  condition: 'resellable' | 'defective';
}

/**
 * Puts a return on the ledger (退货入库): every unit that came back is `return_restock`; the
 * defective ones are then written off (`defective`), so on hand grows by the resellable units and
 * the ledger shows what arrived and what was spoiled. `ref` names what it came back for (the case).
 */
export async function restockReturn(ctx: Ctx, warehouseId: number, units: ReturnedUnits[], ref: { type: string; id: string; note: string | null }): Promise<void> {
  const bySku = new Map<number, { arrived: number; defective: number }>();
  for (const u of units) {
    const row = bySku.get(u.skuId) ?? { arrived: 0, defective: 0 };
    bySku.set(u.skuId, { arrived: row.arrived + u.quantity, defective: row.defective + (u.condition === 'defective' ? u.quantity : 0) });
  }
  const skuIds = [...bySku.keys()].sort((a, b) => a - b);
  await repo.addOnHand(ctx, warehouseId, skuIds.map((skuId) => ({ skuId, quantity: bySku.get(skuId)!.arrived - bySku.get(skuId)!.defective, pickBinId: null })));
  const at = ctx.clock.now();
  const movement = { warehouseId, refType: ref.type, refId: ref.id, note: ref.note, actorId: ctx.actor.id, at };
  await repo.insertMovements(
    ctx,
    skuIds.flatMap((skuId) => {
      const { arrived, defective } = bySku.get(skuId)!;
      return [
        { ...movement, skuId, onHandDelta: arrived, reason: 'return_restock' as const },
        ...(defective > 0 ? [{ ...movement, skuId, onHandDelta: -defective, reason: 'defective' as const }] : []),
      ];
    }),
  );
  await syncListing(ctx, skuIds);
}
