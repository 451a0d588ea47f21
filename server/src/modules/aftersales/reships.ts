import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, unprocessable, type ErrorDetail } from '../../platform/errors';
import { createReissueOrder, type ReissueLine } from '../orders';
import { getCase, requireCase } from './cases';
import { nextCaseStatus } from './caseStates';
import { CASE_TYPE_LABELS, RESHIP_TYPES, type Case, type CaseType, type ReshipInput } from './model';
import * as repo from './repository';
import { reshipOptionsOf, type ReshipOption } from './reshipReadModel';

/**
 * 补发: a case sends goods again through a reissue order (orders' `createReissueOrder`: 0 元, blue
 * flag, stock reserved, straight to 待发货), which the warehouse waves, picks, packs, weighs and
 * ships like any order. An exchange sends its replacement (any size or colour of the product, even
 * before the return arrives); a missing, wrong, damaged or faulty item sends the case's own SKUs.
 * Never more units than the case is about, counting what earlier reships sent. Sending answers the case.
 */

/** The lines asked, matched to what the case may send: 422 for a repeated SKU, 409 for a SKU or a quantity it may not send. */
function reshipLines(options: ReshipOption[], input: ReshipInput, exchange: boolean): ReissueLine[] {
  const repeated: ErrorDetail[] = [];
  const refused: ErrorDetail[] = [];
  const seen = new Set<number>();
  const asked = new Map<number, number>();
  const lines = input.lines.flatMap((line, i) => {
    const option = options.find((o) => o.skuCode.toUpperCase() === line.skuCode.toUpperCase());
    if (!option) {
      const may = exchange ? '同款商品的其他规格' : '售后单里的商品';
      refused.push({ path: `lines.${i}.skuCode`, message: `货号 ${line.skuCode} 不能补发：只能补发${may}` });
      return [];
    }
    if (seen.has(option.skuId)) {
      repeated.push({ path: `lines.${i}.skuCode`, message: `货号 ${line.skuCode} 重复，请合并为一行` });
      return [];
    }
    seen.add(option.skuId);
    const total = (asked.get(option.group) ?? 0) + line.quantity;
    asked.set(option.group, total);
    if (total > option.quantity) {
      const what = exchange ? `商品「${option.productName}」` : `货号 ${option.skuCode} `;
      refused.push({ path: `lines.${i}.quantity`, message: option.quantity > 0 ? `${what}最多还能补发 ${option.quantity} 件` : `${what}已全部补发，不能再补发` });
      return [];
    }
    return [{ skuId: option.skuId, skuCode: option.skuCode, productName: option.productName, spec: option.spec, quantity: line.quantity }];
  });
  if (repeated.length) throw unprocessable('validation_error', repeated.map((p) => p.message).join('；'), repeated);
  if (refused.length) throw conflict('not_eligible', refused.map((p) => p.message).join('；'), refused);
  return lines;
}

export async function reshipOnCase(ctx: Ctx, id: number, input: ReshipInput): Promise<Case> {
  const row = await requireCase(ctx, id);
  const type = row.type as CaseType;
  if (!RESHIP_TYPES.includes(type)) {
    throw conflict('not_eligible', `${CASE_TYPE_LABELS[type]}的售后单不能补发：补发只用于换货、少货、错货、运输破损和质量问题`, [{ path: 'id', message: row.caseNo }]);
  }
  const status = nextCaseStatus(row.status, 'reship');
  const lines = reshipLines(await reshipOptionsOf(ctx, id, type, row.status), input, type === 'exchange');
  const order = await createReissueOrder(ctx, { sourceOrderId: row.orderId, caseNo: row.caseNo, lines });
  const now = ctx.clock.now();
  await repo.insertReship(ctx, { caseId: id, orderId: order.id, note: input.note ?? null, createdBy: ctx.actor.id, createdAt: now });
  // a reship answers the case: its deadline stops running
  if (row.proposedAt === null) await repo.updateCase(ctx, id, { proposedAt: now });
  await recordEvent(ctx, {
    action: 'aftersales_case.reship',
    entityType: 'aftersales_case',
    entityId: id,
    before: { status: row.status },
    after: { status, orderId: order.id, orderNo: order.orderNo, lines: lines.map(({ skuCode, quantity }) => ({ skuCode, quantity })), note: input.note ?? null },
  });
  return getCase(ctx, id);
}
