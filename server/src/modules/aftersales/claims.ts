import { recordEvent, timeline } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { yuanText } from '../../platform/money';
import { CLAIM_KIND_LABELS, type Claim, type ClaimKind, type ClaimListQuery, type ClaimSummary, type OpenClaimInput } from './claimModel';
import * as claimRepo from './claimRepository';
import * as claimsReadModel from './claimsReadModel';
import { nextClaimStatus } from './claimStates';
import * as readModel from './readModel';
import * as repo from './repository';
import { paidValue } from './settlement';

/**
 * Carrier claims (理赔): what the shop claims back from the carrier for goods its parcel damaged or
 * lost. The rules open one — once per case and kind — when a severe damage case is opened (the
 * damage happened in transit, whatever the buyer is then offered) and when a return receipt finds
 * fewer units than the case's lines (what the buyer said they sent); staff open one by hand. Each
 * claims, unless told otherwise, what the buyer paid for the units concerned (`settlement.ts`),
 * and names the shipped parcel that carried the case's goods. Every move is audited on the claim;
 * its opening on the case too.
 */

/** What a claim needs of its case. */
type CaseOfClaim = Pick<repo.CaseRecord, 'id' | 'orderId' | 'caseNo'>;

const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());

function toSummary(row: claimsReadModel.ClaimRow): ClaimSummary {
  return {
    ...row,
    kind: row.kind as ClaimKind,
    status: row.status as ClaimSummary['status'],
    openedAt: iso(row.openedAt)!,
    submittedAt: iso(row.submittedAt),
    decidedAt: iso(row.decidedAt),
  };
}

/** The case's units a claim of `kind` is about, and what the buyer paid for them: every unit of a damage case, the units a return did not bring back. */
async function unitsConcerned(ctx: Ctx, row: CaseOfClaim, kind: ClaimKind) {
  const lines = await readModel.caseLines(ctx, row.id);
  const concerned = lines.flatMap((l) => {
    const units = kind === 'damage' ? l.quantity : l.quantity - l.received;
    return units > 0 ? [{ ...l, units }] : [];
  });
  const value = paidValue(
    await readModel.orderForReturn(ctx, row.orderId),
    concerned.map((l) => ({ lineTotal: l.lineTotal, quantity: l.lineQuantity, units: l.units })),
  );
  return { lines: concerned.map((l) => ({ skuCode: l.skuCode, quantity: l.units })), value };
}

async function insertClaim(ctx: Ctx, row: CaseOfClaim, parcel: claimsReadModel.CarriedBy, claim: { kind: ClaimKind; claimed: number; lines: { skuCode: string; quantity: number }[]; note: string | null; automatic: boolean }) {
  const inserted = await claimRepo.insertClaim(ctx, { caseId: row.id, orderId: row.orderId, ...parcel, ...claim, status: 'open', openedBy: ctx.actor.id, openedAt: ctx.clock.now() });
  const opened = { claimId: inserted.id, caseNo: row.caseNo, ...claim, carrier: parcel.carrier, trackingNo: parcel.trackingNo };
  await recordEvent(ctx, { action: 'carrier_claim.open', entityType: 'carrier_claim', entityId: inserted.id, after: { status: 'open', ...opened } });
  await recordEvent(ctx, { action: 'aftersales_case.claim', entityType: 'aftersales_case', entityId: row.id, after: opened });
  return inserted.id;
}

/**
 * The claim the rules open on a locked case: none if the case ever had one of this kind, if no unit
 * is concerned (a return that came back whole) or if no shipped parcel carried its goods.
 */
export async function openAutomaticClaim(ctx: Ctx, row: CaseOfClaim, kind: ClaimKind, note: string): Promise<void> {
  if ((await claimRepo.claimsOfKind(ctx, row.id, kind, { undecided: false })).length > 0) return;
  const { lines, value } = await unitsConcerned(ctx, row, kind);
  const parcel = await claimsReadModel.parcelOfCase(ctx, row.id);
  if (value === 0 || !parcel) return;
  await insertClaim(ctx, row, parcel, { kind, claimed: value, lines, note, automatic: true });
}

/** A claim opened by hand on a case: refused while one of the kind waits for the carrier's answer. */
export async function claimOnCase(ctx: Ctx, caseId: number, input: OpenClaimInput): Promise<Claim> {
  const row = await repo.lockCase(ctx, caseId);
  if (!row) throw notFound('aftersales_case', caseId, '售后单');
  const label = CLAIM_KIND_LABELS[input.kind];
  if ((await claimRepo.claimsOfKind(ctx, caseId, input.kind, { undecided: true })).length > 0) {
    throw conflict('claim_open', `售后单 ${row.caseNo} 已有一张未结的${label}理赔单`, [{ path: 'kind', message: input.kind }]);
  }
  const parcel = await claimsReadModel.parcelOfCase(ctx, caseId);
  if (!parcel) throw conflict('not_shipped', `售后单 ${row.caseNo} 的货品没有发出的包裹，无法向快递公司理赔`, [{ path: 'id', message: String(caseId) }]);
  const { lines, value } = await unitsConcerned(ctx, row, input.kind);
  const claimed = input.amount ?? value;
  if (claimed === 0) throw unprocessable('validation_error', `售后单 ${row.caseNo} 没有${input.kind === 'shortfall' ? '短少' : '破损'}的货品可算出金额，请填写索赔金额`, [{ path: 'amount', message: '请填写索赔金额' }]);
  const id = await insertClaim(ctx, row, parcel, { kind: input.kind, claimed, lines, note: input.note ?? null, automatic: false });
  return getClaim(ctx, id);
}

async function requireClaim(ctx: Ctx, id: number): Promise<claimRepo.ClaimRecord> {
  const row = await claimRepo.lockClaim(ctx, id);
  if (!row) throw notFound('carrier_claim', id, '理赔单');
  return row;
}

/** Filed with the carrier, under the carrier's own claim number when it gives one. */
export async function submitClaim(ctx: Ctx, id: number, input: { note?: string; claimNo?: string }): Promise<Claim> {
  const row = await requireClaim(ctx, id);
  const status = nextClaimStatus(row.status, 'submit');
  await claimRepo.updateClaim(ctx, id, { status, submittedAt: ctx.clock.now(), carrierClaimNo: input.claimNo ?? null });
  await recordEvent(ctx, { action: 'carrier_claim.submit', entityType: 'carrier_claim', entityId: id, before: { status: row.status }, after: { status, claimNo: input.claimNo ?? null, note: input.note ?? null } });
  return getClaim(ctx, id);
}

/** The carrier paid: what it paid, at most what was claimed (a higher figure is a typing slip, not a windfall). */
export async function settleClaim(ctx: Ctx, id: number, input: { amount: number; note?: string }): Promise<Claim> {
  const row = await requireClaim(ctx, id);
  const status = nextClaimStatus(row.status, 'settle');
  if (input.amount > row.claimed) {
    throw unprocessable('validation_error', `赔付金额 ${yuanText(input.amount)} 元超过索赔金额 ${yuanText(row.claimed)} 元`, [{ path: 'amount', message: `赔付金额不能超过索赔金额 ${yuanText(row.claimed)} 元` }]);
  }
  await claimRepo.updateClaim(ctx, id, { status, recovered: input.amount, outcomeNote: input.note ?? null, decidedAt: ctx.clock.now() });
  await recordEvent(ctx, { action: 'carrier_claim.settle', entityType: 'carrier_claim', entityId: id, before: { status: row.status }, after: { status, claimed: row.claimed, recovered: input.amount, note: input.note ?? null } });
  return getClaim(ctx, id);
}

export async function rejectClaim(ctx: Ctx, id: number, note: string): Promise<Claim> {
  const row = await requireClaim(ctx, id);
  const status = nextClaimStatus(row.status, 'reject');
  await claimRepo.updateClaim(ctx, id, { status, outcomeNote: note, decidedAt: ctx.clock.now() });
  await recordEvent(ctx, { action: 'carrier_claim.reject', entityType: 'carrier_claim', entityId: id, before: { status: row.status }, after: { status, note } });
  return getClaim(ctx, id);
}

export async function getClaim(ctx: Ctx, id: number): Promise<Claim> {
  const { rows } = await claimsReadModel.claimRows(ctx, { id });
  if (!rows[0]) throw notFound('carrier_claim', id, '理赔单');
  return { ...toSummary(rows[0]), events: await timeline(ctx, 'carrier_claim', id) };
}

export async function listClaims(ctx: Ctx, q: ClaimListQuery) {
  const { rows, total } = await claimsReadModel.claimRows(ctx, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(toSummary), total, page: q.page, pageSize: q.pageSize };
}

export async function claimsOfCase(ctx: Ctx, caseId: number): Promise<ClaimSummary[]> {
  return (await claimsReadModel.claimRows(ctx, { caseId })).rows.map(toSummary);
}
