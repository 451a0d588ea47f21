import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { normalizeTrackingNo } from '../fulfillment';
import { MAX_FOUND_PARCELS, type TrackingStatus } from './model';
import * as readModel from './readModel';
import * as repo from './repository';

const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());

/** The order's parcels with carrier, tracking number and timeline, newest event first: what CS reads out for 查物流. */
export async function orderParcels(ctx: Ctx, orderId: number) {
  if ((await readModel.orderStatus(ctx, orderId)) === null) throw notFound('order', orderId, '订单');
  return { items: await withTimelines(ctx, await readModel.parcelsOfOrder(ctx, orderId)) };
}

/** 物流跟踪: the parcels a tracking number or an order number names, each with its timeline. */
export async function findParcels(ctx: Ctx, q: string) {
  const found = await readModel.parcelsNamed(ctx, { trackingNo: normalizeTrackingNo(q), orderNo: q.toUpperCase(), limit: MAX_FOUND_PARCELS });
  return { items: await withTimelines(ctx, found) };
}

async function withTimelines<P extends readModel.ParcelTimelineRow>(ctx: Ctx, parcels: P[]) {
  const events = parcels.length ? await repo.eventsOfParcels(ctx, parcels.map((p) => p.id)) : [];
  return parcels.map((p) => {
    const own = events.filter((e) => e.parcelId === p.id);
    const delivered = own.find((e) => e.status === 'delivered');
    return {
      ...p,
      shippedAt: iso(p.shippedAt),
      deliveredAt: delivered ? delivered.occurredAt.toISOString() : null,
      events: own.map((e) => ({ status: e.status as TrackingStatus, description: e.description, location: e.location, time: e.occurredAt.toISOString() })),
    };
  });
}
