import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { enqueue } from '../../platform/outbox';
import { requireOrder } from './detail';
import * as repo from './repository';
import { transition } from './transitions';

/** Delivered orders: the follow-ups and the completion that the delivered sweep (jobs.ts) runs, one order at a time. */

export type DeliveryFollowUp = 'confirm_receipt' | 'satisfaction_survey';

const FOLLOW_UP_MESSAGES: Record<DeliveryFollowUp, (orderNo: string) => string> = {
  confirm_receipt: (orderNo) => `您的订单 ${orderNo} 已签收，如商品无误，请在平台确认收货；有任何问题请联系客服`,
  satisfaction_survey: (orderNo) => `感谢购买！订单 ${orderNo} 的商品用得还满意吗？欢迎告诉我们您的评价和建议`,
};

/** Sends one follow-up to the buyer through the outbox, once per order and kind, while it is still delivered. */
export async function sendDeliveryFollowUp(ctx: Ctx, id: number, kind: DeliveryFollowUp): Promise<boolean> {
  const row = await requireOrder(ctx, id, { lock: true });
  if (row.status !== 'delivered' || !(await repo.claimReminder(ctx, id, kind, ctx.clock.now()))) return false;
  await enqueue(ctx, 'customer.notify', { kind, orderId: row.id, orderNo: row.orderNo, shopId: row.shopId, customerId: row.customerId, message: FOLLOW_UP_MESSAGES[kind](row.orderNo) });
  await recordEvent(ctx, { action: 'order.follow_up', entityType: 'order', entityId: id, after: { kind } });
  return true;
}

/** Completes the order if it is still delivered (not taken into after-sales' hands) when locked. */
export async function completeIfStillDelivered(ctx: Ctx, id: number, afterDays: number): Promise<boolean> {
  const row = await requireOrder(ctx, id, { lock: true });
  if (row.status !== 'delivered') return false;
  await transition(ctx, row, 'complete', { completedAt: ctx.clock.now() }, { reason: `签收满 ${afterDays} 天自动完成` });
  return true;
}
