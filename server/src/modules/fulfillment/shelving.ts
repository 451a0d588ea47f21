import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { pickBinsOf } from '../inventory';
import type { Shelving, ShelvingScanInput } from './model';
import { requireWave } from './picking';
import * as repo from './pickingRepository';
import { matchStop } from './pickRules';
import * as mergeReads from './mergeReadModel';
import * as pickingReads from './pickingReadModel';
import { sownOfOrder } from './sowingRepository';

/**
 * Return to shelf (回库/还货上架): an intercepted order's items — picked for it, sown into its slot,
 * or in its stopped parcel — go back to their bins, never out of the door. The worker scans the slip's order number
 * and gets what goes back where (each SKU's pick bin), then scans each item into its bin; the last
 * one closes the return: the parcel is `shelved` and the wave order marked returned.
 *
 * No ledger movement is due: picking took nothing off the ledger (stock is per SKU and warehouse,
 * bins are where it lies), a cancel already released the reservation (`release`), and a held order
 * keeps its reservation to be waved again. The return itself is the record (`shelvings`), audited.
 */

const slipRefusal = (code: string, message: string, scan: string) => conflict(code, message, [{ path: 'scan', message: scan }]);

async function shelvingView(ctx: Ctx, row: repo.ShelvingRow): Promise<Shelving> {
  const order = (await pickingReads.shelvingOrder(ctx, { orderId: row.orderId, waveId: row.waveId }))!;
  const lines = await repo.shelvingLinesOf(ctx, row.id);
  const skus = new Map((await pickingReads.skuDetails(ctx, lines.map((l) => l.skuId))).map((s) => [s.skuId, s]));
  const route = new Map((await pickBinsOf(ctx, order.warehouseId!, lines.map((l) => l.skuId))).map((b, i) => [b.skuId, i]));
  const step = (skuId: number) => route.get(skuId) ?? Infinity;
  return {
    id: row.id,
    orderId: row.orderId,
    orderNo: order.orderNo,
    waveId: row.waveId,
    waveNo: order.waveNo!,
    reason: order.interceptReason,
    parcelId: row.parcelId,
    status: row.status as Shelving['status'],
    lines: lines
      .map((l) => ({ ...skus.get(l.skuId)!, binCode: l.binCode, quantity: l.quantity, shelved: l.shelved }))
      .sort((a, b) => step(a.skuId) - step(b.skuId) || a.skuCode.localeCompare(b.skuCode)),
    openedAt: row.openedAt.toISOString(),
    doneAt: row.doneAt?.toISOString() ?? null,
  };
}

/**
 * What an intercepted order has out of its bins, per SKU: the units picked for it, or those sown
 * into its slot or scanned into its stopped parcel when more (sown or packed without pick confirmation);
 * of a stopped merged parcel (合单) only its own lines, the others' orders packing theirs again.
 */
async function unitsOut(ctx: Ctx, waveId: number, orderId: number): Promise<{ parcelId: number | null; units: Map<number, number> }> {
  const units = new Map<number, number>();
  for (const p of await repo.picksOfOrder(ctx, waveId, orderId)) units.set(p.skuId, p.picked);
  const stopped = await mergeReads.stoppedUnitsOf(ctx, waveId, orderId);
  for (const [skuId, n] of [...(await sownOfOrder(ctx, waveId, orderId)), ...stopped.units]) units.set(skuId, Math.max(n, units.get(skuId) ?? 0));
  return { parcelId: stopped.parcelIds.at(-1) ?? null, units };
}

/** Opens (or resumes) the return to shelf of the order the slip names. */
export async function openShelving(ctx: Ctx, scan: string): Promise<Shelving> {
  const order = await pickingReads.shelvingOrder(ctx, { orderNo: scan });
  if (!order) throw unprocessable('unknown_scan', `找不到订单号为 ${scan} 的订单，请扫描发货单上的条码`, [{ path: 'scan', message: scan }]);
  if (order.waveId === null) throw slipRefusal('not_intercepted', `订单 ${order.orderNo} 没有被拦截，商品不用回库`, scan);
  if (order.shelvedAt !== null) throw slipRefusal('already_shelved', `订单 ${order.orderNo} 的商品已经回库`, scan);
  const wave = await requireWave(ctx, order.waveId);
  const open = await repo.findShelving(ctx, { waveId: wave.id, orderId: order.orderId });
  if (open) return shelvingView(ctx, open);

  const { parcelId, units } = await unitsOut(ctx, wave.id, order.orderId);
  const out = [...units].filter(([, n]) => n > 0);
  if (out.length === 0) throw slipRefusal('nothing_to_shelve', `订单 ${order.orderNo} 没有拣出或装箱的商品，不用回库`, scan);
  const bins = new Map((await pickBinsOf(ctx, wave.warehouseId, out.map(([skuId]) => skuId))).map((b) => [b.skuId, b.binCode]));
  const lines = out.map(([skuId, quantity]) => ({ skuId, quantity, binCode: bins.get(skuId) ?? null }));
  const row = await repo.insertShelving(ctx, { waveId: wave.id, orderId: order.orderId, parcelId, status: 'open', openedBy: ctx.actor.id, openedAt: ctx.clock.now() }, lines);
  await recordEvent(ctx, { action: 'shelving.open', entityType: 'shelving', entityId: row.id, after: { orderId: order.orderId, waveId: wave.id, parcelId, lines } });
  return shelvingView(ctx, row);
}

/** One item scanned back into its bin; the last one closes the return. */
export async function scanShelving(ctx: Ctx, id: number, input: ShelvingScanInput): Promise<Shelving> {
  const row = await repo.findShelving(ctx, { id }, { lock: true });
  if (!row) throw notFound('shelving', id, '回库单');
  const view = await shelvingView(ctx, row);
  if (row.status === 'done') throw conflict('already_shelved', `订单 ${view.orderNo} 的商品已经回库`, [{ path: 'status', message: row.status }]);
  const match = matchStop(view.lines, [], input.binCode, input.barcode);
  if (match.kind === 'bin_not_on_route') {
    throw conflict('wrong_bin', `${input.binCode ? `库位 ${input.binCode}` : '没有扫描库位'}：订单 ${view.orderNo} 没有要放回这里的商品`, [{ path: 'binCode', message: input.binCode ?? '' }]);
  }
  if (match.kind !== 'item') {
    const here = match.kind === 'wrong_item' ? match.stop.map((l) => l.skuCode).join('、') : '';
    throw conflict('wrong_item', `${input.barcode} 不是要放回这里的商品（这里放 ${here}）`, [{ path: 'barcode', message: input.barcode }]);
  }
  const line = match.line;
  if (line.shelved + input.quantity > line.quantity) {
    throw conflict('excess_item', `${line.skuCode} 只需放回 ${line.quantity - line.shelved} 件`, [{ path: input.quantity > 1 ? 'quantity' : 'barcode', message: String(input.quantity) }]);
  }
  await repo.countShelved(ctx, row.id, line.skuId, input.quantity);
  line.shelved += input.quantity;
  if (view.lines.some((l) => l.shelved < l.quantity)) return view;

  const at = ctx.clock.now();
  await repo.finishShelving(ctx, row, at);
  await recordEvent(ctx, {
    action: 'order.shelve',
    entityType: 'order',
    entityId: row.orderId,
    after: { shelvingId: row.id, waveId: row.waveId, parcelId: row.parcelId, lines: view.lines.map((l) => ({ skuCode: l.skuCode, binCode: l.binCode, quantity: l.quantity })) },
  });
  return { ...view, status: 'done', doneAt: at.toISOString() };
}

export async function getShelving(ctx: Ctx, id: number): Promise<Shelving> {
  const row = await repo.findShelving(ctx, { id });
  if (!row) throw notFound('shelving', id, '回库单');
  return shelvingView(ctx, row);
}
