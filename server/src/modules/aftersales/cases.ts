import { recordEvent, timeline } from '../../platform/audit';
import { localDate } from '../../platform/clock';
import { can, type Ctx } from '../../platform/context';
import { conflict, forbidden, notFound, unprocessable, type ErrorDetail } from '../../platform/errors';
import { describeFiles } from '../../platform/files';
import { readSetting } from '../../platform/settings';
import { nextCaseStatus } from './caseStates';
import { claimsOfCase, openAutomaticClaim } from './claims';
import { caseRefusal } from './eligibility';
import { caseEvidence } from './evidence';
import { damageCompensation } from './settlement';
import { damageRefundPercentSetting } from './settings';
import { complaintClosing } from './complaints';
import type { Case, CaseListQuery, CaseSummary, CaseType, CloseInput, ComplaintCategory, CreateCaseInput } from './model';
import * as readModel from './readModel';
import * as repo from './repository';
import { caseReships, reshipOptionsOf } from './reshipReadModel';

/**
 * After-sales cases (售后单): opened by customer service on a paid order, about some of its lines,
 * due the same shop day; worked (refunds, `refunds.ts`) and closed. Every move is audited on the case.
 */

const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());

function toSummary(row: readModel.CaseRow, now: Date): CaseSummary {
  return {
    id: row.id,
    caseNo: row.caseNo,
    orderId: row.orderId,
    orderNo: row.orderNo,
    type: row.type as CaseSummary['type'],
    status: row.status as CaseSummary['status'],
    reason: row.reason,
    noReason: row.noReason,
    severity: row.severity as CaseSummary['severity'],
    reportedBarcode: row.reportedBarcode,
    shippingInsurance: row.shippingInsurance,
    owner: row.owner,
    deadline: iso(row.deadline)!,
    overdue: row.status !== 'closed' && row.proposedAt === null && new Date(row.deadline) < now,
    difficult: row.difficult,
    escalatedAt: iso(row.escalatedAt),
    proposal: row.proposal,
    receivedAt: iso(row.receivedAt),
    settlement: row.settlement,
    complaint: row.complaintCategory === null ? null : { category: row.complaintCategory as ComplaintCategory, ours: row.complaintOurs, resolved: row.complaintResolved, apologizedAt: iso(row.apologizedAt) },
    returnTrackingNo: row.returnTrackingNo,
    overrideReason: row.overrideReason,
    openedAt: iso(row.openedAt)!,
    closedAt: iso(row.closedAt),
    refunded: row.refunded,
  };
}

/** The order lines the case names by SKU code, each once and no more units than were ordered. */
function caseLines(order: readModel.OrderForCase, input: CreateCaseInput) {
  const problems: ErrorDetail[] = [];
  const taken = new Set<number>();
  const lines = input.lines.flatMap((line, i) => {
    const item = order.items.find((it) => it.skuCode.toUpperCase() === line.skuCode.toUpperCase());
    if (!item) problems.push({ path: `lines.${i}.skuCode`, message: `订单 ${order.orderNo} 没有货号 ${line.skuCode} 的商品` });
    else if (taken.has(item.id)) problems.push({ path: `lines.${i}.skuCode`, message: `货号 ${line.skuCode} 重复，请合并为一行` });
    else if (line.quantity > item.quantity) problems.push({ path: `lines.${i}.quantity`, message: `货号 ${line.skuCode} 只买了 ${item.quantity} 件` });
    else {
      taken.add(item.id);
      return [{ orderItemId: item.id, skuId: item.skuId, skuCode: item.skuCode, quantity: line.quantity, returnPolicy: item.returnPolicy }];
    }
    return [];
  });
  if (problems.length) throw unprocessable('validation_error', problems.map((p) => p.message).join('；'), problems);
  return lines;
}

/** The evidence's files exist; a damage case shows the damage in at least one photo. */
async function checkEvidence(ctx: Ctx, input: CreateCaseInput): Promise<void> {
  const found = await describeFiles(ctx, input.evidence.flatMap((e) => (e.fileId === undefined ? [] : [e.fileId])));
  const problems: ErrorDetail[] = input.evidence.flatMap((e, i) => (e.fileId !== undefined && !found.has(e.fileId) ? [{ path: `evidence.${i}.fileId`, message: `文件 ${e.fileId} 不存在，请重新上传` }] : []));
  if (input.type === 'damaged' && ![...found.values()].some((f) => f.contentType.startsWith('image/'))) problems.push({ path: 'evidence', message: '运输破损请上传破损照片' });
  if (problems.length) throw unprocessable('validation_error', problems.map((p) => p.message).join('；'), problems);
}

export async function openCase(ctx: Ctx, input: CreateCaseInput): Promise<Case> {
  const order = await readModel.orderForCase(ctx, input.orderId);
  if (!order) throw notFound('order', input.orderId, '订单');
  const lines = caseLines(order, input);
  await checkEvidence(ctx, input);
  const now = ctx.clock.now();
  const refusal = caseRefusal(order, { type: input.type, noReason: input.noReason, lines }, now);
  if (refusal && !input.override) throw conflict('not_eligible', refusal.message, [refusal]);
  if (refusal && !can(ctx.actor, 'aftersales.approve')) throw forbidden('aftersales.approve', '只有主管可以越权受理不符合规则的售后');
  const deadline = await readModel.endOfShopDay(ctx, now, order.timezone);
  const { id, caseNo } = await repo.insertCase(
    ctx,
    `SH${localDate(now, order.timezone).replaceAll('-', '')}`,
    {
      orderId: order.id,
      shopId: order.shopId,
      type: input.type,
      status: 'open',
      reason: input.reason,
      noReason: input.noReason,
      severity: input.severity ?? null,
      complaintCategory: input.complaintCategory ?? null,
      reportedBarcode: input.reportedBarcode ?? null,
      shippingInsurance: input.shippingInsurance,
      overrideReason: refusal ? input.override!.reason : null,
      overriddenBy: refusal ? ctx.actor.id : null,
      evidence: input.evidence,
      ownerId: ctx.actor.id,
      deadline,
      openedBy: ctx.actor.id,
      openedAt: now,
    },
    lines.map(({ orderItemId, skuId, quantity }) => ({ orderItemId, skuId, quantity })),
  );
  const opened = { caseNo, orderId: order.id, type: input.type, reason: input.reason, lines: input.lines, reportedBarcode: input.reportedBarcode ?? null, shippingInsurance: input.shippingInsurance, deadline: deadline.toISOString() };
  const overridden = refusal && { refused: refusal.message, override: input.override!.reason };
  await recordEvent(ctx, { action: 'aftersales_case.open', entityType: 'aftersales_case', entityId: id, after: { ...opened, ...overridden } });
  if (input.type === 'damaged' && input.severity === 'severe') await openAutomaticClaim(ctx, { id, orderId: order.id, caseNo }, 'damage', '严重破损，自动发起理赔');
  return getCase(ctx, id);
}

async function evidenceOf(ctx: Ctx, evidence: readModel.CaseRow['evidence']): Promise<Case['evidence']> {
  const found = await describeFiles(ctx, evidence.flatMap((e) => (e.fileId === undefined ? [] : [e.fileId])));
  return evidence.map((e) => {
    const file = e.fileId === undefined ? undefined : found.get(e.fileId);
    return { fileId: e.fileId ?? null, note: e.note ?? null, name: file?.name ?? null, contentType: file?.contentType ?? null };
  });
}

/** What the rules offer before anyone decides: 10 % of the damaged goods for a minor damage, what a received return is worth. */
async function suggestedRefund(ctx: Ctx, row: readModel.CaseRow, lines: readModel.CaseLineRow[]): Promise<number | null> {
  if (row.settlement) return row.settlement.amount;
  if (row.type !== 'damaged' || row.severity !== 'minor') return null;
  const order = await readModel.orderForReturn(ctx, row.orderId);
  const damaged = lines.map((l) => ({ lineTotal: l.lineTotal, quantity: l.lineQuantity, damaged: l.quantity }));
  return damageCompensation(order, damaged, await readSetting(ctx, damageRefundPercentSetting));
}

export async function getCase(ctx: Ctx, id: number): Promise<Case> {
  const { rows } = await readModel.caseRows(ctx, { id });
  if (!rows[0]) throw notFound('aftersales_case', id, '售后单');
  const pending = await readModel.pendingApproval(ctx, id);
  const lines = await readModel.caseLines(ctx, id);
  return {
    ...toSummary(rows[0], ctx.clock.now()),
    orderStatus: rows[0].orderStatus,
    orderRefundable: rows[0].orderRefundable,
    suggestedRefund: await suggestedRefund(ctx, rows[0], lines),
    lines: lines.map(({ orderItemId, skuCode, productName, spec, quantity, unitPrice, barcode, received }) => ({ orderItemId, skuCode, productName, spec, quantity, unitPrice, barcode, received })),
    evidence: await evidenceOf(ctx, rows[0].evidence),
    pendingApproval: pending && { ...pending, requestedAt: iso(pending.requestedAt)! },
    reships: await caseReships(ctx, id),
    reshipOptions: (await reshipOptionsOf(ctx, id, rows[0].type as CaseType, rows[0].status)).map(({ skuCode, productName, spec, quantity }) => ({ skuCode, productName, spec, quantity })),
    claims: await claimsOfCase(ctx, id),
    ...(await caseEvidence(ctx, rows[0], lines)),
    events: await timeline(ctx, 'aftersales_case', id),
  };
}

export async function listCases(ctx: Ctx, q: CaseListQuery) {
  const { rows, total } = await readModel.caseRows(ctx, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map((row) => toSummary(row, ctx.clock.now())), total, page: q.page, pageSize: q.pageSize };
}

/** The case locked for a move, or 404. */
export async function requireCase(ctx: Ctx, id: number): Promise<repo.CaseRecord> {
  const row = await repo.lockCase(ctx, id);
  if (!row) throw notFound('aftersales_case', id, '售后单');
  return row;
}

export async function closeCase(ctx: Ctx, id: number, input: CloseInput): Promise<Case> {
  const row = await requireCase(ctx, id);
  const status = nextCaseStatus(row.status, 'close');
  const complaint = complaintClosing(row, input);
  await repo.updateCase(ctx, id, { status, closedAt: ctx.clock.now(), ...complaint });
  await recordEvent(ctx, { action: 'aftersales_case.close', entityType: 'aftersales_case', entityId: id, before: { status: row.status }, after: { status, note: input.note ?? null, ...complaint } });
  return getCase(ctx, id);
}
