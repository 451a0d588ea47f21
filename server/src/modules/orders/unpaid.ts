import { recordEvent } from '../../platform/audit';
import { localDateTime, MINUTE } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { conflict } from '../../platform/errors';
import { enqueue } from '../../platform/outbox';
import { readSetting } from '../../platform/settings';
import { getShop } from '../catalog';
import { closeRow } from './actions';
import { requireOrder, toDetail } from './detail';
import { holdsBuyerMoney } from './guards';
import * as repo from './repository';
import type { OrderDetail } from './model';
import { manualReminderGapSetting, unpaidCloseSetting, unpaidRemindersSetting } from './settings';
import { ORDER_STATUS_LABELS, type OrderStatus } from './states';

/** Unpaid orders: the reminders (催付) and the close at timeout that the sweep (jobs.ts) runs, one order at a time. */

/** Used by the unpaid sweep: closes the order if it is still unpaid when locked. */
export async function closeIfStillUnpaid(ctx: Ctx, id: number, reason: string): Promise<boolean> {
  const row = await requireOrder(ctx, id, { lock: true });
  // A part-paid order needs a person to refund it first; the sweep leaves it alone.
  if (row.status !== 'pending_payment' || holdsBuyerMoney(row)) return false;
  await closeRow(ctx, row, reason);
  return true;
}

/** Unpaid orders old enough for a payment reminder (催付), for CS to follow up: those created before `createdBefore`. */
export async function countUnpaidToRemind(ctx: Ctx): Promise<{ count: number; createdBefore: Date | null }> {
  const first = Math.min(...(await readSetting(ctx, unpaidRemindersSetting)));
  if (!Number.isFinite(first)) return { count: 0, createdBefore: null };
  const createdBefore = new Date(ctx.clock.now().getTime() - first * MINUTE);
  return { count: await repo.countUnpaidCreatedBefore(ctx, createdBefore), createdBefore };
}

/** Sends one unpaid reminder through the outbox, once per order and kind; false when nothing was sent. */
export async function sendUnpaidReminder(ctx: Ctx, id: number, kind: string): Promise<boolean> {
  const row = await requireOrder(ctx, id, { lock: true });
  if (row.status !== 'pending_payment' || !(await repo.claimReminder(ctx, id, kind, ctx.clock.now()))) return false;
  await remindBuyer(ctx, row, kind);
  return true;
}

/**
 * 催付 by hand on an unpaid order: the sweep's reminder, recorded in order_reminders as `manual@<time>`.
 * 409 `not_unpaid` for an order not awaiting payment, `recently_reminded` within the setting's gap
 * (30 minutes) of the last reminder, by hand or by the sweep.
 */
export async function remindPayment(ctx: Ctx, id: number): Promise<OrderDetail> {
  const row = await requireOrder(ctx, id, { lock: true });
  const status = row.status as OrderStatus;
  if (status !== 'pending_payment') {
    throw conflict('not_unpaid', `订单 ${row.orderNo} 当前为「${ORDER_STATUS_LABELS[status]}」，只有待付款的订单可以催付`, [{ path: 'status', message: status }]);
  }
  const now = ctx.clock.now();
  const gap = await readSetting(ctx, manualReminderGapSetting);
  const last = await repo.lastReminderAt(ctx, id);
  if (last && now.getTime() - last.getTime() < gap * MINUTE) {
    const shop = await getShop(ctx, row.shopId);
    throw conflict('recently_reminded', `订单 ${row.orderNo} 已于 ${localDateTime(last, shop.timezone)} 催付过，${gap} 分钟内不再重复催付`, [{ path: 'lastRemindedAt', message: last.toISOString() }]);
  }
  await repo.claimReminder(ctx, id, `manual@${now.toISOString()}`, now);
  await remindBuyer(ctx, row, 'manual');
  return toDetail(ctx, row, false);
}

async function remindBuyer(ctx: Ctx, row: repo.OrderRow, kind: string): Promise<void> {
  const shop = await getShop(ctx, row.shopId);
  const closesAt = new Date(row.createdAt.getTime() + (await readSetting(ctx, unpaidCloseSetting)) * MINUTE);
  await enqueue(ctx, 'customer.notify', {
    kind: 'unpaid_reminder',
    reminder: kind,
    orderId: row.id,
    orderNo: row.orderNo,
    shopId: row.shopId,
    customerId: row.customerId,
    message: `您的订单 ${row.orderNo} 还未付款，${localDateTime(closesAt, shop.timezone)} 前未付款将自动关闭`,
  });
  await recordEvent(ctx, { action: 'order.remind', entityType: 'order', entityId: row.id, after: { reminder: kind } });
}
