import { recordEvent } from '../../platform/audit';
import { HOUR, MINUTE } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { unprocessable } from '../../platform/errors';
import { readSetting } from '../../platform/settings';
import { CARRIER_LABELS, normalizeTrackingNo } from '../fulfillment';
import { advanceOrder } from '../orders';
import { raiseException } from './exceptions';
import { TRACKING_STATUS_LABELS, type TrackingBatch, type TrackingStatus } from './model';
import * as readModel from './readModel';
import * as repo from './repository';
import { staleHoursSetting } from './settings';

/**
 * Tracking events of shipped parcels, however they arrive (a carrier's signed webhook, an
 * aggregator's CSV, staff): kept once each, by when they happened. A delivery moves the order to
 * 已签收 once every parcel of it is delivered (its timers count from the carrier's time); a return or
 * damage opens an exception; a parcel whose newest event is already too old is stale at once.
 */

export type TrackingSource = 'webhook' | 'csv' | 'staff';

/** How far ahead of our clock a carrier's event time may be (their clocks drift); later is a wrong date, refused. */
export const CLOCK_SKEW_ALLOWANCE_MS = 10 * MINUTE;

/** Whether an event dated `time` cannot have happened yet: it would start delivery and staleness timers early. */
export const isFutureEvent = (time: string, now: Date) => new Date(time).getTime() > now.getTime() + CLOCK_SKEW_ALLOWANCE_MS;

const EXCEPTION_OF: Partial<Record<TrackingStatus, 'returned' | 'damaged'>> = { returned: 'returned', damaged: 'damaged' };
const ARRIVED: readonly string[] = ['delivered', 'returned'];

export async function recordTracking(ctx: Ctx, batch: TrackingBatch, source: TrackingSource): Promise<{ parcelId: number; orderId: number; accepted: number; duplicates: number }> {
  const trackingNo = normalizeTrackingNo(batch.trackingNo);
  const parcel = await readModel.shippedParcel(ctx, batch.carrier, trackingNo);
  if (!parcel) throw unprocessable('unknown_tracking_no', `没有${CARRIER_LABELS[batch.carrier]}单号为 ${trackingNo} 的已发货包裹`, [{ path: 'trackingNo', message: trackingNo }]);
  const now = ctx.clock.now();
  refuseFutureEvents(batch, now);
  const added = await repo.insertEvents(
    ctx,
    batch.events.map((e) => ({ parcelId: parcel.id, orderId: parcel.orderId, status: e.status, description: e.description, location: e.location ?? null, occurredAt: new Date(e.time), receivedAt: now, source })),
  );
  for (const e of added) {
    const kind = EXCEPTION_OF[e.status as TrackingStatus];
    if (kind) await raiseException(ctx, parcel, kind, `${TRACKING_STATUS_LABELS[e.status as TrackingStatus]}：${e.description}`);
  }
  const delivery = added.filter((e) => e.status === 'delivered').sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())[0];
  if (delivery) await deliverWhenComplete(ctx, parcel.orderId, delivery.occurredAt);
  await judgeStaleness(ctx, parcel);
  if (added.length) {
    await recordEvent(ctx, { action: 'parcel.tracking', entityType: 'parcel', entityId: parcel.id, after: { source, statuses: added.map((e) => e.status), newest: added.map((e) => e.occurredAt.toISOString()).sort().at(-1) } });
  }
  return { parcelId: parcel.id, orderId: parcel.orderId, accepted: added.length, duplicates: batch.events.length - added.length };
}

/** A batch with any event dated ahead of our clock is refused whole: nothing of it is recorded. */
function refuseFutureEvents(batch: TrackingBatch, now: Date): void {
  const future = batch.events.flatMap((e, i) => (isFutureEvent(e.time, now) ? [{ path: `events.${i}.time`, message: e.time }] : []));
  if (future.length) {
    throw unprocessable('future_event_time', `有 ${future.length} 条轨迹的时间晚于现在（${future[0]!.message}），请核对日期，轨迹未记录`, future);
  }
}

/** The order is delivered when its last parcel is: at the time the carrier says. Shipped in part, it waits. */
async function deliverWhenComplete(ctx: Ctx, orderId: number, at: Date): Promise<void> {
  if ((await readModel.orderStatus(ctx, orderId)) !== 'shipped') return;
  if (!(await readModel.allParcelsDelivered(ctx, orderId))) return;
  await advanceOrder(ctx, orderId, 'deliver', { at });
}

/** Stale (滞留) as soon as we know: the newest event, wherever it came from, is older than the setting allows. */
async function judgeStaleness(ctx: Ctx, parcel: { id: number; orderId: number }): Promise<void> {
  const newest = await readModel.newestEvent(ctx, parcel.id);
  if (!newest || ARRIVED.includes(newest.status)) return;
  const staleHours = await readSetting(ctx, staleHoursSetting);
  const quietFor = ctx.clock.now().getTime() - new Date(newest.occurredAt).getTime();
  if (quietFor <= staleHours * HOUR || (await readModel.raisedSince(ctx, parcel.id, 'stale', newest.occurredAt))) return;
  await raiseException(ctx, parcel, 'stale', staleDetail(quietFor));
}

export const staleDetail = (quietMs: number) => `已 ${Math.floor(quietMs / HOUR)} 小时没有物流更新（滞留）`;
