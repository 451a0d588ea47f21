import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict } from '../../platform/errors';
import { readSetting } from '../../platform/settings';
import type { Parcel } from './model';
import { getParcel, type RefusedScan } from './packing';
import { assertParcelMove, lockParcel, noMismatchError } from './parcels';
import * as repo from './repository';
import { weightVerdict, type WeightVerdict } from './rules';
import { weightToleranceSetting } from './settings';

/**
 * Weighing (称重): a packed parcel on the scale is compared with its expected weight (Σ SKU weights
 * + packaging, fixed when it was closed). Within the tolerance it is `weighed` and may ship; beyond
 * it, it stays `packed` with the mismatch marked until it is weighed again (an item added or taken
 * out), packed again, or let go by a supervisor with a reason. Every weighing is kept: after-sales
 * shows the recorded against the expected weight in a missing-item case.
 */

function mismatchError(expected: number, grams: number, tolerance: number, verdict: WeightVerdict) {
  const lighter = verdict.differenceGrams < 0;
  const allowed = Math.floor((tolerance * expected) / 100);
  return conflict(
    'weight_mismatch',
    `重量不符：应为 ${expected} 克，实际 ${grams} 克，${lighter ? '轻' : '重'}了 ${Math.abs(verdict.differenceGrams)} 克（${verdict.differencePercent}%），` +
      `超出允许的 ${tolerance}%（±${allowed} 克）。请检查是否${lighter ? '少装' : '多装'}了商品，再称一次或重新打包`,
    [
      { path: 'grams', message: String(grams) },
      { path: 'expectedGrams', message: String(expected) },
    ],
  );
}

/** One weighing of the parcel: `weighed` within the tolerance, else kept as a mismatch and refused (409 weight_mismatch). */
export async function weighParcel(ctx: Ctx, parcelId: number, grams: number): Promise<Parcel | RefusedScan> {
  const locked = await lockParcel(ctx, parcelId);
  assertParcelMove(locked, 'weigh');
  const { parcel } = locked;
  const expected = parcel.expectedGrams!;
  const tolerance = await readSetting(ctx, weightToleranceSetting);
  const verdict = weightVerdict(expected, grams, tolerance);
  const now = ctx.clock.now();
  const outcome = verdict.ok ? 'ok' : 'mismatch';
  await repo.recordWeighing(ctx, { parcelId, grams, expectedGrams: expected, tolerancePercent: tolerance, verdict: outcome, reason: null, actorId: ctx.actor.id, at: now });
  const status = verdict.ok ? 'weighed' : 'packed';
  await repo.updateParcel(ctx, parcelId, { status, weighedGrams: grams, weighedBy: ctx.actor.id, weighedAt: now, weightVerdict: outcome });
  await recordEvent(ctx, {
    action: 'parcel.weigh',
    entityType: 'parcel',
    entityId: parcelId,
    before: { status: parcel.status, weighedGrams: parcel.weighedGrams, weightVerdict: parcel.weightVerdict },
    after: { status, grams, expectedGrams: expected, differenceGrams: verdict.differenceGrams, differencePercent: verdict.differencePercent, tolerancePercent: tolerance, verdict: outcome },
  });
  if (!verdict.ok) return { refused: mismatchError(expected, grams, tolerance, verdict) };
  return getParcel(ctx, parcelId);
}

/** A supervisor lets a parcel whose last weighing was off go to shipping, with a reason (kept with the weighings and audited). */
export async function overrideWeight(ctx: Ctx, parcelId: number, reason: string): Promise<Parcel> {
  const locked = await lockParcel(ctx, parcelId);
  assertParcelMove(locked, 'override_weight');
  const { parcel, order } = locked;
  if (parcel.weightVerdict !== 'mismatch') throw noMismatchError(order.orderNo, parcel.weightVerdict);
  const grams = parcel.weighedGrams!;
  const expected = parcel.expectedGrams!;
  const tolerance = await readSetting(ctx, weightToleranceSetting);
  await repo.recordWeighing(ctx, { parcelId, grams, expectedGrams: expected, tolerancePercent: tolerance, verdict: 'override', reason, actorId: ctx.actor.id, at: ctx.clock.now() });
  await repo.updateParcel(ctx, parcelId, { status: 'weighed', weightVerdict: 'override' });
  const { differenceGrams, differencePercent } = weightVerdict(expected, grams, tolerance);
  await recordEvent(ctx, {
    action: 'parcel.weight_override',
    entityType: 'parcel',
    entityId: parcelId,
    before: { status: parcel.status, weightVerdict: parcel.weightVerdict },
    after: { status: 'weighed', weightVerdict: 'override', reason, grams, expectedGrams: expected, differenceGrams, differencePercent },
  });
  return getParcel(ctx, parcelId);
}

/**
 * Back to the packing table (重新打包): the parcel is `packing` again with every line to be scanned
 * afresh and its weight to be fixed anew when it closes; its scans and weighings so far stay.
 */
export async function repackParcel(ctx: Ctx, parcelId: number): Promise<Parcel> {
  const locked = await lockParcel(ctx, parcelId);
  assertParcelMove(locked, 'repack');
  const { parcel } = locked;
  await repo.resetScans(ctx, parcelId);
  await repo.updateParcel(ctx, parcelId, { status: 'packing', expectedGrams: null, packedBy: null, packedAt: null, weighedGrams: null, weighedBy: null, weighedAt: null, weightVerdict: null });
  await recordEvent(ctx, {
    action: 'parcel.repack',
    entityType: 'parcel',
    entityId: parcelId,
    before: { status: parcel.status, expectedGrams: parcel.expectedGrams, weighedGrams: parcel.weighedGrams, weightVerdict: parcel.weightVerdict },
    after: { status: 'packing' },
  });
  return getParcel(ctx, parcelId);
}
