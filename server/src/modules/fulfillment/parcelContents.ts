import type { Ctx } from '../../platform/context';
import { readSetting } from '../../platform/settings';
import { orderReservations, packagingGramsOf } from '../inventory';
import type { PackingLine } from './readModel';
import { unitsWaitingToShip } from './repository';
import { expectedGrams } from './rules';
import { packagingSetting } from './settings';

/** What goes into an order's parcel and what it should weigh (a merged or split parcel too, from its own lines): shared by the packing table and the single-item station. */

export interface LineToPack {
  orderItemId: number;
  skuId: number;
  expected: number;
}

/**
 * The order's lines as its reservation still holds them open, less what closed parcels waiting for
 * the scale or the door already carry (an order split, 拆单): what its next parcel must carry (none
 * when nothing is left).
 */
export async function linesToPack(ctx: Ctx, orderId: number): Promise<LineToPack[]> {
  const expected = new Map<number, LineToPack>();
  for (const r of await orderReservations(ctx, orderId)) {
    if (r.open <= 0) continue;
    const line = expected.get(r.lineId) ?? { orderItemId: r.lineId, skuId: r.skuId, expected: 0 };
    line.expected += r.open;
    expected.set(r.lineId, line);
  }
  const waiting = await unitsWaitingToShip(ctx, [...expected.keys()]);
  return [...expected.values()].map((l) => ({ ...l, expected: l.expected - (waiting.get(l.orderItemId) ?? 0) })).filter((l) => l.expected > 0);
}

/** The parcel's expected weight: its units at their SKUs' weights plus its warehouse's packaging (else the setting's). */
export async function parcelGrams(ctx: Ctx, warehouseId: number, lines: readonly Pick<PackingLine, 'expected' | 'weightGrams'>[]): Promise<number> {
  return expectedGrams(
    lines.map((l) => ({ quantity: l.expected, weightGrams: l.weightGrams })),
    (await packagingGramsOf(ctx, warehouseId)) ?? (await readSetting(ctx, packagingSetting)),
  );
}
