import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { TrackingStatus } from './model';
import * as readModel from './readModel';
import * as repo from './repository';

const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());

/** The order's parcels with carrier, tracking number and timeline, newest event first: what CS reads out for 查物流. */
export async function orderParcels(ctx: Ctx, orderId: number) {
  if ((await readModel.orderStatus(ctx, orderId)) === null) throw notFound('order', orderId, '订单');
  const parcels = await readModel.parcelsOfOrder(ctx, orderId);
  const events = parcels.length ? await repo.eventsOfParcels(ctx, parcels.map((p) => p.id)) : [];
  return {
    items: parcels.map((p) => {
      const own = events.filter((e) => e.parcelId === p.id);
      const delivered = own.find((e) => e.status === 'delivered');
      return {
        ...p,
        shippedAt: iso(p.shippedAt),
        deliveredAt: delivered ? delivered.occurredAt.toISOString() : null,
        events: own.map((e) => ({ status: e.status as TrackingStatus, description: e.description, location: e.location, time: e.occurredAt.toISOString() })),
      };
    }),
  };
}
