import { recordEvent } from '../../platform/audit';
import { can, type Ctx } from '../../platform/context';
import { conflict, notFound, type AppError } from '../../platform/errors';
import { yuanText } from '../../platform/money';
import { enqueue } from '../../platform/outbox';
import { readSetting } from '../../platform/settings';
import { getCase, requireCase } from './cases';
import { nextCaseStatus } from './caseStates';
import { MONEY_SOLUTIONS, type Case, type Refund, type RefundInput } from './model';
import { settleUnshippedOrder } from './orderEffects';
import * as readModel from './readModel';
import * as repo from './repository';
import { directRefundLimitSetting, refundAuthoritySetting } from './settings';

/**
 * Refunds (退款), each one row of the refund ledger. What an order refunds never passes what was
 * paid for it: checked here under the order's lock (so concurrent refunds take turns and the
 * second is refused in words), and held by the database whoever writes (the trigger on `refunds`
 * and the CHECK on `orders.refunded_amount`). Customer service refunds up to their authority per
 * case; beyond it the refund waits for a supervisor's approval.
 */

async function assertWithinPaid(ctx: Ctx, orderId: number, amount: number): Promise<void> {
  const money = await readModel.orderMoney(ctx, orderId, { lock: true });
  if (!money) throw notFound('order', orderId, '订单');
  const left = money.paid - money.refunded;
  if (amount > left) {
    throw conflict(
      'refund_exceeds_paid',
      `退款 ${yuanText(amount)} 元超过订单还可退的 ${yuanText(left)} 元（已付 ${yuanText(money.paid)} 元，已退 ${yuanText(money.refunded)} 元）`,
      [{ path: 'amount', message: String(left) }],
    );
  }
}

/** Who a ledger row names: the person who asked for the refund, and the supervisor who approved it (or null). */
interface RefundPeople {
  actorId: number | null;
  approvedBy: number | null;
}

/**
 * Pays the refund out: the ledger row, the case's and the order's history, the event membership
 * takes its points back from, and what the refund does to an order not shipped (orderEffects.ts).
 */
async function payRefund(ctx: Ctx, row: repo.CaseRecord, input: RefundInput, { actorId, approvedBy }: RefundPeople) {
  const firstOnCase = (await repo.refundedOnCase(ctx, row.id)) === 0;
  const refund = await repo.insertRefund(ctx, { orderId: row.orderId, caseId: row.id, amount: input.amount, reason: input.reason, method: 'original', actorId, approvedBy, at: ctx.clock.now() });
  // a refund answers the case: its deadline stops running
  if (row.proposedAt === null) await repo.updateCase(ctx, row.id, { proposedAt: refund.at });
  const paid = { refundId: refund.id, caseNo: row.caseNo, amount: input.amount, reason: input.reason, approvedBy };
  await recordEvent(ctx, { action: 'aftersales_case.refund', entityType: 'aftersales_case', entityId: row.id, after: paid });
  await recordEvent(ctx, { action: 'order.refund', entityType: 'order', entityId: row.orderId, after: paid });
  await enqueue(ctx, 'order.refunded', { orderId: row.orderId, caseId: row.id, caseNo: row.caseNo, refundId: refund.id, amount: input.amount });
  await settleUnshippedOrder(ctx, row, input, { firstOnCase });
  return refund;
}

/**
 * 少货: a missing item may be refunded directly up to the setting (30 元 a case); beyond it the amount
 * is first agreed with the buyer, recorded as a refund offer (提出方案) covering what the case refunds.
 */
async function assertAgreedOrSmall(ctx: Ctx, row: repo.CaseRecord, refunded: number, amount: number): Promise<void> {
  const limit = await readSetting(ctx, directRefundLimitSetting);
  const proposal = row.proposal as readModel.CaseRow['proposal'];
  const offered = proposal && MONEY_SOLUTIONS.includes(proposal.solution) ? (proposal.amount ?? 0) : null;
  const allowed = Math.max(limit, offered ?? 0);
  const total = refunded + amount;
  if (total <= allowed) return;
  const told =
    offered === null
      ? `少货直接退款最多 ${yuanText(limit)} 元，这张售后单退款合计将达 ${yuanText(total)} 元：请先与买家协商，用「提出方案」记录退款金额后再退款`
      : `与买家商定的退款是 ${yuanText(offered)} 元，这张售后单退款合计将达 ${yuanText(total)} 元：请先重新提出方案，记录新的金额`;
  throw conflict('proposal_required', told, [{ path: 'amount', message: String(Math.max(0, allowed - refunded)) }]);
}

export type RefundOutcome = Case | { refused: AppError };

/**
 * A refund on an open case. Beyond the caller's authority (what the case refunded plus this one,
 * past the setting; a supervisor has none) it is asked of a supervisor instead: the request is
 * kept, the case waits, and the caller gets 409 `approval_required`.
 */
export async function refundOnCase(ctx: Ctx, id: number, input: RefundInput): Promise<RefundOutcome> {
  const row = await requireCase(ctx, id);
  nextCaseStatus(row.status, 'refund');
  await assertWithinPaid(ctx, row.orderId, input.amount);
  const refunded = await repo.refundedOnCase(ctx, id);
  if (row.type === 'missing_item') await assertAgreedOrSmall(ctx, row, refunded, input.amount);
  if (!can(ctx.actor, 'aftersales.approve')) {
    const authority = await readSetting(ctx, refundAuthoritySetting);
    if (refunded + input.amount > authority) {
      const status = nextCaseStatus(row.status, 'request_approval');
      const requestId = await repo.insertRefundRequest(ctx, { caseId: id, amount: input.amount, reason: input.reason, requestedBy: ctx.actor.id, requestedAt: ctx.clock.now() });
      await repo.updateCase(ctx, id, { status });
      await recordEvent(ctx, { action: 'aftersales_case.request_approval', entityType: 'aftersales_case', entityId: id, before: { status: row.status }, after: { status, requestId, ...input, authority, refunded } });
      return {
        refused: conflict(
          'approval_required',
          `售后单 ${row.caseNo} 已退 ${yuanText(refunded)} 元，再退 ${yuanText(input.amount)} 元超过客服权限 ${yuanText(authority)} 元，已提交主管审批`,
          [{ path: 'amount', message: String(authority - refunded) }],
        ),
      };
    }
  }
  await payRefund(ctx, row, input, { actorId: ctx.actor.id, approvedBy: null });
  return getCase(ctx, id);
}

/** A supervisor carries out the waiting refund, for the amount they approve (it may differ from the one asked). */
export async function approveRefund(ctx: Ctx, id: number, amount: number): Promise<Case> {
  const row = await requireCase(ctx, id);
  const status = nextCaseStatus(row.status, 'approve');
  const request = (await repo.pendingRequest(ctx, id))!;
  await assertWithinPaid(ctx, row.orderId, amount);
  // the ledger names who asked for the refund; the supervisor is its approver
  const refund = await payRefund(ctx, row, { amount, reason: request.reason }, { actorId: request.requestedBy, approvedBy: ctx.actor.id });
  await repo.decideRequest(ctx, request.id, { status: 'approved', refundId: refund.id });
  await repo.updateCase(ctx, id, { status });
  await recordEvent(ctx, { action: 'aftersales_case.approve', entityType: 'aftersales_case', entityId: id, before: { status: row.status }, after: { status, requestId: request.id, asked: request.amount, approved: amount } });
  return getCase(ctx, id);
}

export async function rejectRefund(ctx: Ctx, id: number, note: string): Promise<Case> {
  const row = await requireCase(ctx, id);
  const status = nextCaseStatus(row.status, 'reject');
  const request = (await repo.pendingRequest(ctx, id))!;
  await repo.decideRequest(ctx, request.id, { status: 'rejected', refundId: null });
  await repo.updateCase(ctx, id, { status });
  await recordEvent(ctx, { action: 'aftersales_case.reject', entityType: 'aftersales_case', entityId: id, before: { status: row.status }, after: { status, requestId: request.id, asked: request.amount, note } });
  return getCase(ctx, id);
}

/** The order's refunds, oldest first, with what was paid and refunded. */
export async function refundsOfOrder(ctx: Ctx, orderId: number): Promise<{ paid: number; refunded: number; items: Refund[] }> {
  const money = await readModel.orderMoney(ctx, orderId, { lock: false });
  if (!money) throw notFound('order', orderId, '订单');
  const rows = await readModel.orderRefunds(ctx, orderId);
  return { ...money, items: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) };
}
