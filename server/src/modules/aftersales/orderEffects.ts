import type { Ctx } from '../../platform/context';
import { closeRefundedOrder } from '../orders';
import type { RefundInput } from './model';
import type { CaseRecord } from './repository';

/**
 * What a refund does to an order not shipped yet (DOMAIN.md §6: a full refund of an unshipped order
 * closes it). Once all that was paid is refunded, orders cancels it as staff would — its stock
 * released, and 配货中 its parcel intercepted by fulfillment's follower, never shipped — and closes
 * it (closed: paid and fully refunded); no `refund.due`, the ledger row is the refund. All in the
 * refund's transaction: a refused cancel refuses the refund. A shipped order is left as it is.
 */
export async function settleUnshippedOrder(ctx: Ctx, row: CaseRecord, input: RefundInput): Promise<void> {
  await closeRefundedOrder(ctx, row.orderId, `全额退款（售后单 ${row.caseNo}）：${input.reason}`);
}
