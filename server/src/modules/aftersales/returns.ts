import { recordEvent } from '../../platform/audit';
import { HOUR } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { conflict, unprocessable, type ErrorDetail } from '../../platform/errors';
import { restockReturn } from '../inventory';
import { getCase, requireCase } from './cases';
import { openAutomaticClaim } from './claims';
import { nextCaseStatus } from './caseStates';
import type { Case, ReceiveInput } from './model';
import * as readModel from './readModel';
import * as repo from './repository';
import { RETURN_SETTLE_HOURS, returnSettlement } from './settlement';

/** The received lines matched to the case's lines by SKU code, each within what the case still expects back. */
function receivedLines(lines: readModel.CaseLineRow[], input: ReceiveInput) {
  const problems: ErrorDetail[] = [];
  const taking = new Map<number, number>();
  const received = input.lines.flatMap((l, i) => {
    const line = lines.find((c) => c.skuCode.toUpperCase() === l.skuCode.toUpperCase());
    if (!line) {
      problems.push({ path: `lines.${i}.skuCode`, message: `货号 ${l.skuCode} 不在这张售后单里，请单独登记后联系客服` });
      return [];
    }
    const taken = (taking.get(line.orderItemId) ?? 0) + l.quantity;
    const expected = line.quantity - line.received;
    if (taken > expected) {
      problems.push({ path: `lines.${i}.quantity`, message: `货号 ${line.skuCode} 还应退回 ${expected} 件，收到的多了` });
      return [];
    }
    taking.set(line.orderItemId, taken);
    return [{ line, quantity: l.quantity, condition: l.condition }];
  });
  if (problems.length) throw unprocessable('validation_error', problems.map((p) => p.message).join('；'), problems);
  return received;
}

/**
 * 退货签收: the warehouse records what came back of an awaited return and its condition; the units
 * go on the ledger (resellable restocked, defective written off), the case computes what the return
 * is worth to refund and is due to be settled within 24 h.
 */
export async function receiveReturn(ctx: Ctx, id: number, input: ReceiveInput): Promise<Case> {
  const row = await requireCase(ctx, id);
  const status = nextCaseStatus(row.status, 'receive');
  const lines = await readModel.caseLines(ctx, id);
  const received = receivedLines(lines, input);
  const order = await readModel.orderForReturn(ctx, row.orderId);
  if (order.warehouseId === null) throw conflict('not_shipped', `售后单 ${row.caseNo} 的订单没有发货仓，无法退货入库`, [{ path: 'id', message: String(id) }]);
  const now = ctx.clock.now();
  // a wrong item found ours came back as the SKU that left (its stock was already corrected)
  const skuBack = (r: (typeof received)[number]) => row.sentSkuId ?? r.line.skuId;
  await repo.insertReturnReceipts(
    ctx,
    received.map((r) => ({ caseId: id, orderItemId: r.line.orderItemId, skuId: skuBack(r), warehouseId: order.warehouseId!, quantity: r.quantity, condition: r.condition, receivedBy: ctx.actor.id, receivedAt: now })),
  );
  await restockReturn(
    ctx,
    order.warehouseId,
    received.map((r) => ({ skuId: skuBack(r), quantity: r.quantity, condition: r.condition })),
    { type: 'aftersales_case', id: row.caseNo, note: input.note ?? null },
  );
  const returned = (orderItemId: number) => received.filter((r) => r.line.orderItemId === orderItemId).reduce((sum, r) => sum + r.quantity, 0);
  const settlement = returnSettlement({
    noReason: row.noReason,
    order,
    lines: lines.map((l) => ({ lineTotal: l.lineTotal, quantity: l.lineQuantity, returned: l.received + returned(l.orderItemId) })),
    buyerReturnShipping: input.buyerReturnShipping,
  });
  const deadline = new Date(now.getTime() + RETURN_SETTLE_HOURS * HOUR);
  const returnTrackingNo = input.returnTrackingNo ?? row.returnTrackingNo;
  await repo.updateCase(ctx, id, { status, receivedAt: now, settlement, deadline, proposedAt: null, returnTrackingNo });
  const missing = lines.flatMap((l) => {
    const short = l.quantity - l.received - returned(l.orderItemId);
    return short > 0 ? [{ skuCode: l.skuCode, quantity: short }] : [];
  });
  await recordEvent(ctx, {
    action: 'aftersales_case.receive',
    entityType: 'aftersales_case',
    entityId: id,
    before: { status: row.status },
    after: { status, lines: received.map((r) => ({ skuCode: r.line.skuCode, quantity: r.quantity, condition: r.condition })), missing, settlement, deadline: deadline.toISOString(), note: input.note ?? null, returnTrackingNo },
  });
  // what the buyer said they sent and did not arrive is claimed from the carrier
  if (missing.length) await openAutomaticClaim(ctx, row, 'shortfall', `退货短少：${missing.map((m) => `${m.skuCode} × ${m.quantity}`).join('，')}`);
  return getCase(ctx, id);
}
