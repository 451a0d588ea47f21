import type { Ctx } from '../../platform/context';
import { conflict } from '../../platform/errors';
import { unmergeOrder, type OrderSummary } from '../orders';
import * as readModel from './readModel';
import * as repo from './repository';

/**
 * Unmerge (取消合单) as the floor allows it: orders decides who may and from which states; a group
 * whose parcel the packing table has begun (or closed, or shipped) stays together, since that box
 * is one shipment — an order that must leave it is held or cancelled, which intercepts the parcel.
 */
export async function unmergeBeforePacking(ctx: Ctx, orderId: number): Promise<OrderSummary> {
  const order = await readModel.packingOrder(ctx, { id: orderId });
  if (order?.mergeId != null && order.status === 'in_fulfillment') {
    const [parcel] = await repo.liveParcelsOfGroup(ctx, order.mergeId);
    if (parcel) {
      throw conflict('packing_started', `订单 ${order.orderNo} 所在合单的包裹已开始验货（包裹 ${parcel.id}），不能再取消合单；要拦下这个订单请挂起或取消它`, [
        { path: 'id', message: String(parcel.id) },
      ]);
    }
  }
  return unmergeOrder(ctx, orderId);
}
