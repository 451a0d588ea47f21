import { lastEvent, recordEvent, type TimelineEvent } from '../../platform/audit';
import { HOUR, localDateTime, MINUTE, SECOND } from '../../platform/clock';
import { systemActor, type Ctx } from '../../platform/context';
import { AppError, unprocessable } from '../../platform/errors';
import { enqueue, withdraw, type QueuedMessage } from '../../platform/outbox';
import { readSetting } from '../../platform/settings';
import { getShop } from '../catalog';
import { isBlacklisted } from '../customers';
import { requireOrder, toDetail, toSummary } from './detail';
import type { BulkApproveResult, OrderDetail, OrderSummary, PaymentInput } from './model';
import * as repo from './repository';
import { APPROVAL_NOTICE_HOLD_SECONDS, evaluateRisk, shipByDeadline, type HoldReason, type RiskSettings } from './rules';
import { autoReviewSetting, holdPresetsSetting, reviewSlaSetting, riskSettings, shipPromiseSetting } from './settings';
import { canTransition, nextStatus, type OrderStatus } from './states';
import { ORDER_READ_EVENTS, orderMovedRefusal } from './guards';
import { releaseTarget, statusOf, transition } from './transitions';

/** Payment and review: a paid order is reviewed at once by the risk rules, then by people (approve, hold, release). */

type OrderRow = repo.OrderRow;

const minutesFromNow = (ctx: Ctx, minutes: number) => new Date(ctx.clock.now().getTime() + minutes * MINUTE);

/** One query at a time: a transaction's connection runs them in sequence anyway. */
async function readRiskSettings(ctx: Ctx): Promise<RiskSettings> {
  const { sameIp, duplicate, sensitiveWords, remoteArea, amount, blacklist, message } = riskSettings;
  return {
    sameIp: await readSetting(ctx, sameIp),
    duplicate: await readSetting(ctx, duplicate),
    sensitiveWords: await readSetting(ctx, sensitiveWords),
    remoteArea: await readSetting(ctx, remoteArea),
    amount: await readSetting(ctx, amount),
    blacklist: await readSetting(ctx, blacklist),
    message: await readSetting(ctx, message),
  };
}

/**
 * What an approval cleared, kept in its audit event so 撤销审核 can put it back, and the buyer's
 * notice it queued, so 撤销审核 can withdraw that very message (an order may have several
 * confirmations over time: approved, undone, approved again).
 */
interface ApprovalUndo {
  reviewDueAt: string | null;
  heldFromStatus: string | null;
  notice: QueuedMessage | null;
}

/**
 * The buyer hears 订单已确认. A person's approval may be undone (a system approval cannot be:
 * guards.ts), so its notice waits out the undo window; the automatic review's goes at once.
 */
async function approve(ctx: Ctx, row: OrderRow): Promise<OrderRow> {
  const now = ctx.clock.now();
  const shop = await getShop(ctx, row.shopId);
  const shipBy = row.shipBy ?? shipByDeadline(row.paidAt ?? now, await readSetting(ctx, shipPromiseSetting));
  const undoable = ctx.actor.id !== null;
  const notice = await enqueue(
    ctx,
    'customer.notify',
    {
      kind: 'order_confirmed',
      orderId: row.id,
      orderNo: row.orderNo,
      shopId: row.shopId,
      customerId: row.customerId,
      shipBy: shipBy.toISOString(),
      message: `您的订单 ${row.orderNo} 已确认，将于 ${localDateTime(shipBy, shop.timezone)} 前发货`,
    },
    undoable ? { notBefore: new Date(now.getTime() + APPROVAL_NOTICE_HOLD_SECONDS * SECOND) } : {},
  );
  // a refused approval rolls its notice back with it
  const undo: ApprovalUndo = { reviewDueAt: row.reviewDueAt?.toISOString() ?? null, heldFromStatus: row.heldFromStatus, notice };
  return transition(ctx, row, 'approve', { approvedAt: now, reviewDueAt: null, heldFromStatus: null, shipBy }, { shipBy: shipBy.toISOString(), undo });
}

export async function hold(ctx: Ctx, row: OrderRow, reasons: HoldReason[], reviewDueAt: Date | null): Promise<OrderRow> {
  // Held in a wave, the parcel is intercepted and the order leaves the wave: released, it waits to be waved again.
  const heldFromStatus = row.status === 'in_fulfillment' ? 'awaiting_fulfillment' : row.status;
  return transition(ctx, row, 'hold', { heldFromStatus, holdReasons: reasons, reviewDueAt }, { holdReasons: reasons });
}

/**
 * A short pick (配货短拣, for fulfillment): the stock was not in its bin, so the order leaves its wave
 * and goes back to the review queue with the reason and a review deadline, never shipping half.
 * It keeps its reservation; released, it waits to be waved again.
 */
export async function holdShortPicked(ctx: Ctx, id: number, message: string): Promise<OrderSummary> {
  const row = await requireOrder(ctx, id, { lock: true });
  const reasons: HoldReason[] = [{ rule: 'short_pick', message }];
  const reviewDueAt = minutesFromNow(ctx, await readSetting(ctx, reviewSlaSetting));
  const held = await transition(ctx, row, 'short_pick', { heldFromStatus: 'awaiting_fulfillment', holdReasons: reasons, reviewDueAt }, { holdReasons: reasons });
  return toSummary(ctx, held);
}

/** The facts the risk rules decide on, counted as of now. */
async function reviewFacts(ctx: Ctx, row: OrderRow, settings: RiskSettings) {
  const now = ctx.clock.now().getTime();
  const sharing = await repo.unshippedSharingBuyer(ctx, row, new Date(now - settings.duplicate.windowHours * HOUR));
  return {
    total: row.total,
    shippingFee: row.shippingFee,
    province: row.province,
    addressDetail: ctx.pii.decrypt(row.addressDetailEnc),
    buyerIp: row.buyerIp,
    ordersFromSameIp: row.buyerIp ? await repo.countOrdersFromIp(ctx, row.buyerIp, new Date(now - settings.sameIp.windowMinutes * MINUTE)) : 0,
    samePhoneOrderNos: sharing.samePhone,
    sameAddressOrderNos: sharing.sameAddress,
    customerBlacklisted: await isBlacklisted(ctx, { shopId: row.shopId, customerId: row.customerId, phoneIndex: row.buyerPhoneIndex }),
    buyerMessage: row.buyerMessage,
    remarkCount: await repo.countRemarks(ctx, row.id),
    flag: row.flag,
    addressReview: row.addressReview,
  };
}

/**
 * Automatic review (自动审单) of an order that just became awaiting_review, acting as the system:
 * no rule fires → approved; a rule fires → held for a person with the reasons and the SLA deadline.
 */
async function autoReview(callerCtx: Ctx, row: OrderRow): Promise<OrderRow> {
  const ctx = { ...callerCtx, actor: systemActor };
  if (!(await readSetting(ctx, autoReviewSetting))) return row;
  const settings = await readRiskSettings(ctx);
  const reasons = evaluateRisk(await reviewFacts(ctx, row, settings), settings);
  return reasons.length === 0 ? approve(ctx, row) : hold(ctx, row, reasons, row.reviewDueAt);
}

/** Paid (or cash on delivery): the promise to ship starts, and the order waits for review, which runs at once. */
export async function enterReview(ctx: Ctx, row: OrderRow, action: 'pay' | 'confirm_cod', patch: repo.OrderPatch): Promise<OrderRow> {
  const reviewDueAt = minutesFromNow(ctx, await readSetting(ctx, reviewSlaSetting));
  const shipBy = shipByDeadline(patch.paidAt ?? ctx.clock.now(), await readSetting(ctx, shipPromiseSetting));
  const awaiting = await transition(ctx, row, action, { ...patch, reviewDueAt, shipBy }, { paidAmount: patch.paidAmount ?? row.paidAmount, shipBy: shipBy.toISOString() });
  return autoReview(ctx, awaiting);
}

export async function applyPayment(ctx: Ctx, row: OrderRow, payment: PaymentInput): Promise<OrderRow> {
  nextStatus(statusOf(row), 'pay'); // only an order awaiting payment takes one
  const due = row.total - row.paidAmount;
  if (payment.amount > due) {
    throw unprocessable('overpayment', `付款金额 ${payment.amount} 分超过待付金额 ${due} 分`, [{ path: 'amount', message: `最多 ${due}` }]);
  }
  const paidAt = payment.paidAt ? new Date(payment.paidAt) : ctx.clock.now();
  await repo.insertPayment(ctx, { orderId: row.id, amount: payment.amount, method: payment.method, transactionNo: payment.transactionNo ?? null, paidAt, actorId: ctx.actor.id });
  const paidAmount = row.paidAmount + payment.amount;
  const patch = { paidAmount, paymentMethod: row.paymentMethod ?? payment.method };
  if (paidAmount < row.total) {
    const partial = await repo.updateOrder(ctx, row.id, { ...patch, updatedAt: ctx.clock.now() });
    await recordEvent(ctx, { action: 'order.payment', entityType: 'order', entityId: row.id, before: { paidAmount: row.paidAmount }, after: { paidAmount, amount: payment.amount, method: payment.method } });
    return partial;
  }
  return enterReview(ctx, row, 'pay', { ...patch, paidAt });
}

export async function recordPayment(ctx: Ctx, id: number, payment: PaymentInput): Promise<OrderDetail> {
  return toDetail(ctx, await applyPayment(ctx, await requireOrder(ctx, id, { lock: true }), payment), false);
}

async function approveById(ctx: Ctx, id: number): Promise<OrderRow> {
  return approve(ctx, await requireOrder(ctx, id, { lock: true }));
}

export async function approveOrder(ctx: Ctx, id: number): Promise<OrderDetail> {
  return toDetail(ctx, await approveById(ctx, id), false);
}

/**
 * Approves each order on its own savepoint: one that cannot be approved (wrong state, green flag)
 * is reported and the others still go through.
 */
export async function approveOrders(ctx: Ctx, ids: number[]): Promise<BulkApproveResult[]> {
  const results: BulkApproveResult[] = [];
  for (const id of new Set(ids)) {
    try {
      const row = await ctx.db.transaction((tx) => approveById({ ...ctx, db: tx }, id));
      results.push({ id, ok: true, status: statusOf(row), error: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, ok: false, status: null, error: { code: err.code, message: err.message } });
    }
  }
  return results;
}

/** Where the approval in `event` came from and what it cleared; the guard refuses when it is no approval. */
function undoOfApproval(event: TimelineEvent | undefined): ApprovalUndo & { from: OrderStatus } {
  const before = (event?.before ?? {}) as { status?: string };
  const after = (event?.after ?? {}) as { undo?: ApprovalUndo };
  return {
    from: before.status === 'on_hold' ? 'on_hold' : 'awaiting_review',
    reviewDueAt: after.undo?.reviewDueAt ?? null,
    heldFromStatus: after.undo?.heldFromStatus ?? null,
    notice: after.undo?.notice ?? null,
  };
}

/**
 * 撤销审核: the reviewer takes an approval back seconds after it, and the order returns to the
 * review queue as it was (its state, deadline and hold). The guard (guards.ts) allows only the
 * reviewer's own, recent approval with nothing done to the order since; a waved order is gone.
 * The buyer's 订单已确认 is withdrawn unless a dispatcher has already taken it (a worker whose
 * clock runs ahead): the undo still stands, and its event says `noticeWithdrawn: false`.
 * A refused undo rolls the withdrawal back with it.
 */
export async function undoApproval(ctx: Ctx, id: number): Promise<OrderDetail> {
  const row = await requireOrder(ctx, id, { lock: true });
  if (!canTransition(statusOf(row), 'undo_approve')) throw orderMovedRefusal(row);
  const undo = undoOfApproval(await lastEvent(ctx, 'order', id, ORDER_READ_EVENTS));
  const noticeWithdrawn = undo.notice !== null && (await withdraw(ctx, undo.notice));
  const patch = { approvedAt: null, reviewDueAt: undo.reviewDueAt ? new Date(undo.reviewDueAt) : null, heldFromStatus: undo.heldFromStatus };
  const detail = { noticeWithdrawn, outboxId: undo.notice?.outboxId ?? null };
  return toDetail(ctx, await transition(ctx, row, 'undo_approve', patch, detail, undo.from), false);
}

/** The preset hold reasons the supervisor keeps in settings, offered by the hold dialog. */
export const holdPresets = (ctx: Ctx): Promise<string[]> => readSetting(ctx, holdPresetsSetting);

export async function holdOrder(ctx: Ctx, id: number, reason: string): Promise<OrderDetail> {
  const row = await requireOrder(ctx, id, { lock: true });
  const reviewDueAt = row.status === 'awaiting_review' ? row.reviewDueAt : null;
  return toDetail(ctx, await hold(ctx, row, [{ rule: 'manual', message: reason, heldByRoles: [...ctx.actor.roles] }], reviewDueAt), false);
}

export async function releaseOrder(ctx: Ctx, id: number): Promise<OrderDetail> {
  const row = await requireOrder(ctx, id, { lock: true });
  const back = releaseTarget(row);
  const released = await transition(ctx, row, 'release', { heldFromStatus: null, ...(back !== 'awaiting_review' && { reviewDueAt: null }) }, {}, back);
  return toDetail(ctx, released, false);
}

/** Orders waiting for a person past their review deadline. */
export const countReviewOverdue = (ctx: Ctx): Promise<number> => repo.countReviewOverdue(ctx, ctx.clock.now());
