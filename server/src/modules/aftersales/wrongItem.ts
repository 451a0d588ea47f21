import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { yuanText } from '../../platform/money';
import { readSetting } from '../../platform/settings';
import { correctShippedInstead } from '../inventory';
import type { PackingScan, WrongItemCheck, WrongItemVerdict } from './evidenceModel';
import * as evidence from './evidenceReadModel';
import type { Solution } from './model';
import * as readModel from './readModel';
import * as repo from './repository';
import { returnShippingCostSetting } from './settings';

/**
 * 错货 (DOMAIN.md §6): the barcode the buyer reports against the order's lines and the packing
 * scans. Bought by the order: the buyer's error, explained. Not bought: ours — once customer
 * service offers anything but an explanation, the ledger is corrected for what really left.
 */

const sameCode = (a: string, b: string | null) => b !== null && a.toUpperCase() === b.toUpperCase();

export interface WrongItemFacts {
  reportedBarcode: string;
  sku: evidence.SkuNamed | null;
  ordered: boolean;
  /** Scans at 验货 of this SKU into (or refused from) the order's parcels. */
  packingScans: number;
  /** What having an item sent back costs the shop (setting). */
  returnShipping: number;
}

/**
 * The verdict and the words for it, as a pure rule. Ours: a wrong item worth more than its return
 * shipping is had back (exchange); a cheaper one the buyer may keep (partial refund, reship what was missing).
 */
export function wrongItemVerdict(f: WrongItemFacts): { verdict: WrongItemVerdict; advice: 'exchange' | 'keep' | null; message: string } {
  if (!f.sku) return { verdict: 'unknown_barcode', advice: null, message: `条码 ${f.reportedBarcode} 不是本店任何商品的条码或货号，请买家拍下商品条码核对` };
  const named = `条码 ${f.reportedBarcode} 是 ${f.sku.skuCode}（${f.sku.productName}${f.sku.spec ? ` ${f.sku.spec}` : ''}）`;
  if (f.ordered) return { verdict: 'buyer_error', advice: null, message: `${named}，正是这个订单买的商品，不是发错：请向买家解释（核对规格、颜色）` };
  const found = f.packingScans > 0 ? `验货时扫到过它 ${f.packingScans} 次，是我方发错` : '验货记录没有扫到它，请对照包裹重量核实；确认我方发错后';
  const worth = `它的价值 ${yuanText(f.sku.price)} 元`;
  const cost = `退回运费 ${yuanText(f.returnShipping)} 元`;
  return f.sku.price > f.returnShipping
    ? { verdict: 'ours', advice: 'exchange', message: `${named}，订单没有买它；${found}：${worth}高于${cost}，请买家寄回换货` }
    : { verdict: 'ours', advice: 'keep', message: `${named}，订单没有买它；${found}：${worth}不高于${cost}，可部分退款或让买家留下，并补发漏发的商品` };
}

async function factsOf(ctx: Ctx, orderId: number, reportedBarcode: string, scans: PackingScan[]): Promise<WrongItemFacts> {
  const [sku, returnShipping] = await Promise.all([evidence.skuByScan(ctx, reportedBarcode), readSetting(ctx, returnShippingCostSetting)]);
  if (!sku) return { reportedBarcode, sku: null, ordered: false, packingScans: 0, returnShipping };
  const order = await readModel.orderForCase(ctx, orderId);
  const scanned = scans.filter((s) => s.skuCode === sku.skuCode || sameCode(s.barcode, sku.barcode) || sameCode(s.barcode, sku.skuCode)).length;
  return { reportedBarcode, sku, ordered: order!.items.some((i) => i.skuId === sku.skuId), packingScans: scanned, returnShipping };
}

/** The case's wrong-item check, with the id of the SKU the barcode names (for its stock). */
export async function wrongItemCheck(ctx: Ctx, row: Pick<readModel.CaseRow, 'orderId' | 'reportedBarcode' | 'stockCorrectedAt'>, scans: PackingScan[]): Promise<{ check: WrongItemCheck; skuId: number | null } | null> {
  if (row.reportedBarcode === null) return null;
  const facts = await factsOf(ctx, row.orderId, row.reportedBarcode, scans);
  const check: WrongItemCheck = {
    reportedBarcode: row.reportedBarcode,
    sku: facts.sku && { skuCode: facts.sku.skuCode, productName: facts.sku.productName, spec: facts.sku.spec },
    ordered: facts.ordered,
    packingScans: facts.packingScans,
    ...wrongItemVerdict(facts),
    stockCorrectedAt: row.stockCorrectedAt === null ? null : new Date(row.stockCorrectedAt).toISOString(),
  };
  return { check, skuId: facts.sku?.skuId ?? null };
}

/**
 * On an offer other than an explanation on a wrong-item case found ours, the ledger is put right
 * once (the case locked by the caller): the case's SKUs back on hand, the sent SKU off, ref the
 * case number, audited on the case. Nothing for the buyer's error, an unknown barcode, or again.
 */
export async function correctWrongItemStock(ctx: Ctx, row: repo.CaseRecord, solution: Solution): Promise<void> {
  if (row.type !== 'wrong_item' || row.reportedBarcode === null || row.stockCorrectedAt !== null || solution === 'explain') return;
  const facts = await factsOf(ctx, row.orderId, row.reportedBarcode, await evidence.packingScansOf(ctx, row.orderId));
  if (wrongItemVerdict(facts).verdict !== 'ours') return;
  const sent = facts.sku!;
  const { warehouseId } = await readModel.orderForReturn(ctx, row.orderId);
  const lines = await readModel.caseLines(ctx, row.id);
  const note = `错货：发出 ${sent.skuCode} 代替 ${lines.map((l) => l.skuCode).join('、')}`;
  const changes = await correctShippedInstead(
    ctx,
    warehouseId!,
    { ordered: lines.map((l) => ({ id: l.skuId, code: l.skuCode, quantity: l.quantity })), sent: { id: sent.skuId, code: sent.skuCode } },
    { type: 'aftersales_case', id: row.caseNo, note, path: 'solution' },
  );
  const at = ctx.clock.now();
  await repo.updateCase(ctx, row.id, { stockCorrectedAt: at, sentSkuId: sent.skuId });
  await recordEvent(ctx, { action: 'aftersales_case.correct_stock', entityType: 'aftersales_case', entityId: row.id, after: { caseNo: row.caseNo, sentSkuCode: sent.skuCode, note, changes } });
}
