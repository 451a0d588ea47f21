import type { Ctx } from '../../platform/context';
import { cancelOrderLines, closeRefundedOrder, SHIPPED_STATUSES } from '../orders';
import type { RefundInput } from './model';
import * as readModel from './readModel';
import type { CaseRecord } from './repository';

/**
 * What a refund does to an order not shipped yet (DOMAIN.md §6: a full refund of an unshipped order
 * closes it). Once all that was paid is refunded, orders cancels it as staff would — its stock
 * released, and 配货中 its parcel intercepted by fulfillment's follower, never shipped — and closes
 * it (closed: paid and fully refunded); no `refund.due`, the ledger row is the refund. Short of
 * that, the first refund of a 仅退款 case takes the case's lines off the order (orders'
 * `cancelOrderLines`: released, never picked), which an order already in a wave refuses with 409
 * `order_in_wave`. All in the refund's transaction: a refused move refuses the refund. A shipped
 * order is left as it is.
 */
export async function settleUnshippedOrder(ctx: Ctx, row: CaseRecord, input: RefundInput, { firstOnCase }: { firstOnCase: boolean }): Promise<void> {
  const status = await closeRefundedOrder(ctx, row.orderId, `全额退款（售后单 ${row.caseNo}）：${input.reason}`);
  if (status === 'closed' || SHIPPED_STATUSES.includes(status) || row.type !== 'refund_only' || !firstOnCase) return;
  const lines = await readModel.caseLines(ctx, row.id);
  if (lines.length === 0) return;
  await cancelOrderLines(ctx, row.orderId, lines.map((l) => ({ lineId: l.orderItemId, quantity: l.quantity })), `仅退款（售后单 ${row.caseNo}）：${input.reason}`);
}
