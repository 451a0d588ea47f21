import type { Ctx } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import { CARRIER_LABELS, normalizeTrackingNo } from './carriers';
import type { Carrier } from '../catalog';
import type { Parcel } from './model';
import { getParcel, interceptedError } from './packing';
import { canMoveParcel, parcelTargets, type ParcelAction, type ParcelStatus } from './parcelStates';
import * as readModel from './readModel';
import * as repo from './repository';

/**
 * What the steps after packing share — the scale, the door and the single-item flow: a parcel found
 * by what is scanned, or locked by id for a move, and the refusal a move its state does not allow
 * gets, in the words of the station that asked.
 */

export interface LockedParcel {
  parcel: repo.ParcelRow;
  order: readModel.PackingOrder;
}

/** The parcel, locked until the command commits, with its order (two stations weighing or shipping it run one after the other). */
export async function lockParcel(ctx: Ctx, id: number): Promise<LockedParcel> {
  const parcel = await repo.findParcel(ctx, id, { lock: true });
  if (!parcel) throw notFound('parcel', id, '包裹');
  return { parcel, order: (await readModel.packingOrder(ctx, { id: parcel.orderId }))! };
}

/** A supervisor lets only a weighing that was off go. */
export const noMismatchError = (orderNo: string, verdict: string | null) =>
  conflict('no_weight_mismatch', `订单 ${orderNo} 的包裹${verdict === null ? '还没有称重' : '称重没有不符'}，不需要放行`, [{ path: 'weightVerdict', message: String(verdict) }]);

const isStopped = ({ parcel, order }: LockedParcel) => parcel.status === 'intercepted' || parcel.status === 'shelved' || (order.interceptedAt !== null && order.waveId === parcel.waveId);

/**
 * The states `action` may take the parcel to, or why not: `intercepted` for an order cancelled or
 * held since it was waved; otherwise what the station should do first.
 */
export function assertParcelMove(locked: LockedParcel, action: ParcelAction): readonly ParcelStatus[] {
  const { parcel, order } = locked;
  if (isStopped(locked)) throw interceptedError(order.orderNo, order.interceptReason);
  const status = parcel.status as ParcelStatus;
  if (canMoveParcel(status, action)) return parcelTargets(status, action);
  const subject = `订单 ${order.orderNo} 的包裹`;
  const state = [{ path: 'status', message: status }];
  if (status === 'packing') throw conflict('not_packed', `${subject}还在验货中：扫完商品封箱后再${action === 'ship' ? '称重发货' : '称重'}`, state);
  if (status === 'shipped') throw conflict('already_shipped', `${subject}已发货（${CARRIER_LABELS[parcel.carrier as Carrier]} ${parcel.trackingNo}）`, state);
  if (action === 'ship') {
    const why = parcel.weightVerdict === 'mismatch' ? '称重不符还未通过：请补装或取出多装的商品后重新称重，或重新打包、请主管放行' : '还没有称重：请先称重再发货';
    throw conflict('not_weighed', `${subject}${why}`, state);
  }
  if (action === 'override_weight') throw noMismatchError(order.orderNo, parcel.weightVerdict);
  return parcelTargets(status, action);
}

/**
 * The parcel a scan at the scale or the door names: by the label's tracking number that parcel,
 * by the slip's order number the order's parcel not yet gone (else its latest). An intercepted
 * one answers `intercepted`, so the station shows it in red before anything is weighed.
 */
export async function parcelByScan(ctx: Ctx, scan: string): Promise<Parcel> {
  const [labelled] = await repo.parcelsByTrackingNo(ctx, normalizeTrackingNo(scan));
  const order = await readModel.packingOrder(ctx, labelled ? { id: labelled.orderId } : { scan });
  if (!order) throw notFound('scan', scan, '订单号或快递单号');
  const parcel = labelled ?? (await repo.currentParcelOf(ctx, order.id, order.mergeId)) ?? (await repo.latestParcelOf(ctx, order.id, order.mergeId));
  if (!parcel) {
    if (order.interceptedAt) throw interceptedError(order.orderNo, order.interceptReason);
    throw conflict('not_packed', `订单 ${order.orderNo} 还没有打包：请先扫发货单验货`, [{ path: 'scan', message: order.orderNo }]);
  }
  if (isStopped({ parcel, order })) throw interceptedError(order.orderNo, order.interceptReason);
  return getParcel(ctx, parcel.id);
}
