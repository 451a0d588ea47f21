import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, unprocessable } from '../../platform/errors';
import { enqueue } from '../../platform/outbox';
import { consumeLines } from '../inventory';
import { advanceOrder } from '../orders';
import type { Carrier } from '../catalog';
import { CARRIER_LABELS, normalizeTrackingNo, trackingNoProblem } from './carriers';
import type { Parcel, ShipInput } from './model';
import { getParcel } from './packing';
import { assertParcelMove, lockParcel, type LockedParcel } from './parcels';
import * as readModel from './readModel';
import * as waveRepo from './pickingRepository';
import * as repo from './repository';
import { nextWaveStatus } from './waveStates';

/**
 * Shipping (发货): a weighed parcel handed to the courier at the door. Its units leave the ledger
 * (`shipment`), the order ships once none of its lines holds stock any more (an order may go in
 * several parcels), the wave is done when all its orders are, and the buyer and the platform are
 * told through the outbox. One transaction: nothing is told for a shipment that rolled back.
 */

/** The waybill number the parcel leaves with, checked against the carrier's format, the label and the other parcels. */
async function waybillFor(ctx: Ctx, { parcel }: LockedParcel, input: ShipInput): Promise<string> {
  const trackingNo = normalizeTrackingNo(input.trackingNo);
  const problem = trackingNoProblem(input.carrier, trackingNo);
  if (problem) throw unprocessable('invalid_tracking_no', `单号 ${trackingNo} 不对：${problem}`, [{ path: 'trackingNo', message: trackingNo }]);
  // the same carrier as the printed label: the number scanned must be the label's (a different carrier means the carrier was changed)
  if (parcel.trackingNo && input.carrier === parcel.carrier && trackingNo !== parcel.trackingNo) {
    throw conflict('tracking_mismatch', `扫描的单号与面单不符：面单是 ${parcel.trackingNo}，扫描的是 ${trackingNo}，请核对包裹`, [{ path: 'trackingNo', message: trackingNo }]);
  }
  const other = (await repo.parcelsByTrackingNo(ctx, trackingNo)).find((p) => p.carrier === input.carrier && p.id !== parcel.id);
  if (other) {
    const otherOrder = await readModel.packingOrder(ctx, { id: other.orderId });
    throw conflict('tracking_no_used', `${CARRIER_LABELS[input.carrier]}单号 ${trackingNo} 已用于订单 ${otherOrder?.orderNo ?? other.orderId} 的包裹，请换一张面单`, [
      { path: 'trackingNo', message: trackingNo },
    ]);
  }
  return trackingNo;
}

/** The wave is done (`shipped`) once every order still in it has shipped. */
async function advanceWave(ctx: Ctx, waveId: number): Promise<void> {
  if ((await readModel.waveOrdersToShip(ctx, waveId)) > 0) return;
  const wave = await waveRepo.lockWave(ctx, waveId);
  if (!wave || wave.status === 'shipped') return;
  const before = wave.status;
  const status = nextWaveStatus(before, 'finish_shipping');
  await waveRepo.setWaveStatus(ctx, waveId, status);
  await recordEvent(ctx, { action: 'wave.shipped', entityType: 'wave', entityId: waveId, before: { status: before }, after: { status } });
}

/** The buyer and, for a platform order, the platform are told of the parcel that left (through the outbox, after commit). */
async function tellShipped(ctx: Ctx, order: readModel.PackingOrder, shipped: { parcelId: number; carrier: Carrier; trackingNo: string; at: Date; orderShipped: boolean }): Promise<void> {
  const { parcelId, carrier, trackingNo, orderShipped } = shipped;
  await enqueue(ctx, 'customer.notify', {
    kind: 'order_shipped',
    orderId: order.id,
    orderNo: order.orderNo,
    shopId: order.shopId,
    customerId: order.customerId,
    parcelId,
    carrier,
    trackingNo,
    message: `您的订单 ${order.orderNo} ${orderShipped ? '已发货' : '有一个包裹已发出，其余商品稍后发出'}：${CARRIER_LABELS[carrier]}，运单号 ${trackingNo}`,
  });
  // a platform order gets its waybill written back (the platform shows it to the buyer); a manual one has nowhere to go
  if (order.platformOrderId !== null) {
    await enqueue(ctx, 'platform.ship', {
      orderId: order.id,
      orderNo: order.orderNo,
      shopId: order.shopId,
      platformOrderId: order.platformOrderId,
      parcelId,
      carrier,
      trackingNo,
      shippedAt: shipped.at.toISOString(),
      orderShipped,
    });
  }
}

/**
 * Ships a weighed parcel by `carrier` with the waybill number scanned at the door. A merged parcel
 * (合单) settles each of its orders' lines and ships each order whose lines have all gone, in order
 * id order (their reservations are locked one order after the other, as every writer does).
 */
export async function shipParcel(ctx: Ctx, parcelId: number, input: ShipInput): Promise<Parcel> {
  const locked = await lockParcel(ctx, parcelId);
  assertParcelMove(locked, 'ship');
  const { parcel, order } = locked;
  const trackingNo = await waybillFor(ctx, locked, input);
  const byOrder = new Map<number, { lineId: number; quantity: number }[]>();
  for (const l of await readModel.packingLines(ctx, parcelId)) byOrder.set(l.orderId, [...(byOrder.get(l.orderId) ?? []), { lineId: l.lineId, quantity: l.expected }]);
  const now = ctx.clock.now();
  await repo.updateParcel(ctx, parcelId, { status: 'shipped', carrier: input.carrier, trackingNo, shippedBy: ctx.actor.id, shippedAt: now });
  const orders: { orderId: number; orderNo: string; orderShipped: boolean }[] = [];
  for (const [orderId, lines] of [...byOrder].sort(([a], [b]) => a - b)) {
    const reservations = await consumeLines(ctx, orderId, lines, `包裹 ${parcelId} 发货`);
    const orderShipped = reservations.every((r) => r.open === 0);
    if (orderShipped) await advanceOrder(ctx, orderId, 'ship');
    const shippedOrder = orderId === order.id ? order : (await readModel.packingOrder(ctx, { id: orderId }))!;
    await tellShipped(ctx, shippedOrder, { parcelId, carrier: input.carrier, trackingNo, at: now, orderShipped });
    orders.push({ orderId, orderNo: shippedOrder.orderNo, orderShipped });
  }
  const orderShipped = orders.every((o) => o.orderShipped);
  await recordEvent(ctx, {
    action: 'parcel.ship',
    entityType: 'parcel',
    entityId: parcelId,
    before: { status: parcel.status, carrier: parcel.carrier, trackingNo: parcel.trackingNo },
    after: { status: 'shipped', carrier: input.carrier, trackingNo, orderId: order.id, lines: [...byOrder.values()].flat(), orderShipped, ...(orders.length > 1 ? { orders } : {}) },
  });
  if (orders.some((o) => o.orderShipped) && parcel.waveId !== null) await advanceWave(ctx, parcel.waveId);
  return getParcel(ctx, parcelId);
}
