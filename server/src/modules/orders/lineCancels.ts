import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict } from '../../platform/errors';
import { releaseLines } from '../inventory';
import { cancelRow } from './actions';
import { requireOrder } from './detail';
import { NOT_WAVED } from './editRules';
import * as repo from './repository';
import { ORDER_STATUS_LABELS } from './states';
import { statusOf } from './transitions';

/** Units of one order line to take off the order. */
export interface LineCancel {
  lineId: number;
  quantity: number;
}


/**
 * Takes units of some lines off an order no wave has taken (仅退款 of those goods, after-sales):
 * their reservation released on inventory's ledger, the lines' `cancelled_quantity` raised so
 * fulfillment never picks, sows or packs them, audited `order.cancel_lines`. An order left with
 * nothing to ship is cancelled whole (what is still owed is announced by `refund.due`, as for any
 * cancel); one cancelled already has nothing left to take. 配货中 the wave fixed the order's slot,
 * pick list and parcel: 409 `order_in_wave` — a full refund intercepts the whole order, or the goods
 * come back as a return once shipped. Refused moves throw, and the caller's transaction rolls back.
 */
export async function cancelOrderLines(ctx: Ctx, orderId: number, lines: readonly LineCancel[], reason: string): Promise<void> {
  const row = await requireOrder(ctx, orderId, { lock: true });
  const status = statusOf(row);
  if (status === 'cancelled') return;
  if (!NOT_WAVED.includes(status)) {
    const message =
      status === 'in_fulfillment'
        ? `订单 ${row.orderNo} 已在配货中，不能只取消部分商品：请全额退款拦截整单，或等发货后按退货退款处理`
        : `订单 ${row.orderNo} 当前为「${ORDER_STATUS_LABELS[status]}」，商品不能再取消`;
    throw conflict(status === 'in_fulfillment' ? 'order_in_wave' : 'lines_not_cancellable', message, [{ path: 'orderId', message: status }]);
  }
  await releaseLines(ctx, orderId, lines, `取消商品：${reason}`);
  await repo.addCancelledUnits(ctx, orderId, lines);
  await recordEvent(ctx, { action: 'order.cancel_lines', entityType: 'order', entityId: orderId, after: { lines, reason } });
  const items = await repo.listItems(ctx, orderId);
  if (items.every((i) => i.cancelledQuantity === i.quantity)) await cancelRow(ctx, row, reason);
}
