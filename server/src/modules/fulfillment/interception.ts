import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { followOrderTransitions, type OrderFollower } from '../orders';
import { handOverPicks } from './picking';
import * as readModel from './readModel';
import * as repo from './repository';

/**
 * Interception (拦截): an order cancelled, held, short picked or readdressed (改地址) while in a wave leaves it. Its
 * wave row is marked and a parcel not yet gone is stopped, so the next scan of it answers
 * `intercepted`; the units picked for it pass to orders of the wave still waiting for them
 * (picking.ts); its reservation was released by the cancel (or stays with the held order), and
 * what it keeps goes back to the bins (shelving.ts).
 */
const REASONS: Record<string, string> = { cancel: '订单已取消', hold: '订单已挂起', short_pick: '配货短拣', readdress: '买家改地址' };

const interceptLeavingOrder: OrderFollower = async (ctx: Ctx, move) => {
  const reason = REASONS[move.action];
  if (move.order.status !== 'in_fulfillment' || !reason) return;
  // a merge group's parcel (合单) stops with any of its orders: the others are packed again without it
  const mergeId = (await readModel.packingOrder(ctx, { id: move.order.id }))?.mergeId ?? null;
  const { waveIds, parcelIds } = await repo.interceptOrder(ctx, move.order.id, mergeId, reason, ctx.clock.now());
  await recordEvent(ctx, { action: 'order.intercept', entityType: 'order', entityId: move.order.id, after: { reason, waveIds, parcelIds } });
  for (const waveId of waveIds) await handOverPicks(ctx, waveId, move.order.id);
};

/** Registers fulfillment's followers of order moves (app.ts calls it once per app; registering again changes nothing). */
export function followOrders(): void {
  followOrderTransitions(interceptLeavingOrder);
}
