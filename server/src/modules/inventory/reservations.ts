import type { Ctx } from '../../platform/context';
import type { LineQuantity, LineRequest, LineReservation } from './model';
import * as repo from './repository';
import { everythingOpen, levelChanges, lineRequestError, takesFor, type OpenReservation, type Take } from './rules';
import { syncListing } from './service';

/**
 * What an order's reserved lines become after intake: a parcel consumes units of its lines as it
 * ships, a cancel or a refund of unshipped units releases what is left. Each change updates the
 * lines' reservation rows, the levels (in SKU order) and writes the ledger in the caller's
 * transaction; the caller's command records the audit event of what it did (the parcel shipped,
 * the order cancelled).
 */

const openOf = (r: repo.ReservationRow): OpenReservation => ({
  id: r.id,
  lineId: r.orderItemId,
  skuId: r.skuId,
  warehouseId: r.warehouseId,
  open: r.quantity - r.consumedQuantity - r.releasedQuantity,
});

function lineReservationOf(r: repo.ReservationRow): LineReservation {
  return {
    lineId: r.orderItemId,
    skuId: r.skuId,
    warehouseId: r.warehouseId,
    quantity: r.quantity,
    consumed: r.consumedQuantity,
    released: r.releasedQuantity,
    open: r.quantity - r.consumedQuantity - r.releasedQuantity,
  };
}

type Outcome = 'consumed' | 'released';

/**
 * Consumes or releases what `requests` ask of the order's reservations (every open unit without
 * requests), all or nothing; returns the order's reservations as they are now. The rows stay
 * locked to the commit, so two settlings of one order run one after the other and each unit is
 * settled once: doing "everything open" again changes nothing.
 */
async function settle(ctx: Ctx, orderId: number, outcome: Outcome, requests: readonly LineRequest[] | null, note: string | null): Promise<LineReservation[]> {
  const rows = await repo.orderReservationRows(ctx, orderId, { lock: true });
  const open = rows.map(openOf);
  let takes: Take[];
  if (requests) {
    const asked = takesFor(open, requests);
    if (asked.problems.length) throw lineRequestError(asked.problems, outcome === 'consumed' ? '发货' : '释放');
    takes = asked.takes;
  } else {
    takes = everythingOpen(open);
  }
  if (takes.length) await applyTakes(ctx, orderId, outcome, takes, note);
  const taken = new Map(takes.map((t) => [t.reservationId, t.quantity]));
  return rows.map((r) => {
    const quantity = taken.get(r.id) ?? 0;
    return lineReservationOf(outcome === 'consumed' ? { ...r, consumedQuantity: r.consumedQuantity + quantity } : { ...r, releasedQuantity: r.releasedQuantity + quantity });
  });
}

async function applyTakes(ctx: Ctx, orderId: number, outcome: Outcome, takes: Take[], note: string | null): Promise<void> {
  await repo.settleReservations(ctx, outcome, takes);
  const consume = outcome === 'consumed';
  const levels = levelChanges(takes);
  for (const l of levels) await repo.unreserve(ctx, l.skuId, l.warehouseId, l.quantity, consume);
  const at = ctx.clock.now();
  await repo.insertMovements(
    ctx,
    levels.map((l) => ({
      skuId: l.skuId,
      warehouseId: l.warehouseId,
      onHandDelta: consume ? -l.quantity : 0,
      reservedDelta: -l.quantity,
      reason: consume ? 'shipment' : 'release',
      refType: 'order',
      refId: String(orderId),
      note,
      actorId: ctx.actor.id,
      at,
    })),
  );
  // A shipment takes reserved stock: available does not change, so listing cannot either.
  if (!consume) await syncListing(ctx, [...new Set(levels.map((l) => l.skuId))]);
}

/**
 * A parcel ships: these units of these lines leave the warehouse (on hand and reserved both drop).
 * 409 `exceeds_reserved` when a line has fewer units open, `line_not_reserved` for a line without
 * a reservation, 422 for a quantity that is no positive whole number; then nothing is consumed.
 */
export const consumeLines = (ctx: Ctx, orderId: number, lines: readonly LineQuantity[], note: string | null = null): Promise<LineReservation[]> =>
  settle(ctx, orderId, 'consumed', lines, note);

/** Gives back units of these lines (a line without a quantity: all it still holds); refused as consumeLines is. */
export const releaseLines = (ctx: Ctx, orderId: number, lines: readonly LineRequest[], reason: string): Promise<LineReservation[]> =>
  settle(ctx, orderId, 'released', lines, reason);

/** Releases everything the order still holds (cancel, close); doing it again changes nothing. */
export async function releaseForOrder(ctx: Ctx, orderId: number, reason: string): Promise<void> {
  await settle(ctx, orderId, 'released', null, reason);
}

/** The whole order ships: every unit still reserved leaves the warehouse. */
export async function consumeForOrder(ctx: Ctx, orderId: number): Promise<void> {
  await settle(ctx, orderId, 'consumed', null, null);
}

/** The order's reservations, one per line and warehouse, in line order. */
export async function orderReservations(ctx: Ctx, orderId: number): Promise<LineReservation[]> {
  return (await repo.orderReservationRows(ctx, orderId, { lock: false })).map(lineReservationOf);
}
