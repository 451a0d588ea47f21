import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound, RetryInNewTransaction, unprocessable, type AppError } from '../../platform/errors';
import { ORDER_STATUS_LABELS, type OrderStatus } from '../orders';
import type { Carrier } from '../catalog';
import type { Parcel } from './model';
import { parcelTargets, type ParcelStatus } from './parcelStates';
import { linesToPack, parcelGrams, type LineToPack } from './parcelContents';
import * as mergeReads from './mergeReadModel';
import * as readModel from './readModel';
import * as repo from './repository';

/**
 * Pack verification (验货): the packer scans the order's slip, then each item. An item not in the
 * order (wrong_item) or one more than ordered (excess_item) is refused, and the parcel closes only
 * when every line is scanned. Every scan is kept, refused ones too: they are the evidence later
 * missing- or wrong-item cases show. A packing session is the parcel while it is `packing`.
 */

/** A refused scan, kept with the parcel; the caller answers with the error after the commit. */
export interface RefusedScan {
  refused: AppError;
}

export const interceptedError = (orderNo: string, reason: string | null) =>
  conflict('intercepted', `订单 ${orderNo} 已拦截${reason ? `（${reason}）` : ''}：不要打包发出，请把商品放回库位`, [{ path: 'scan', message: orderNo }]);

export function parcelView(parcel: repo.ParcelRow, order: readModel.PackingOrder, lines: readModel.PackingLine[]): Parcel {
  const viewLines = lines.map((l) => ({ lineId: l.lineId, orderNo: l.orderNo, skuCode: l.skuCode, barcode: l.barcode, productName: l.productName, spec: l.spec, expected: l.expected, scanned: l.scanned }));
  return {
    id: parcel.id,
    orderId: parcel.orderId,
    orderNo: order.orderNo,
    orderNos: [...new Set([order.orderNo, ...lines.map((l) => l.orderNo)])],
    mergeId: parcel.mergeId,
    waveId: parcel.waveId,
    status: parcel.status as Parcel['status'],
    carrier: parcel.carrier as Carrier,
    flag: order.flag,
    buyerMessage: order.buyerMessage,
    lines: viewLines,
    complete: viewLines.every((l) => l.scanned === l.expected),
    expectedGrams: parcel.expectedGrams,
    packedAt: parcel.packedAt?.toISOString() ?? null,
    trackingNo: parcel.trackingNo,
    weighedGrams: parcel.weighedGrams,
    weightVerdict: parcel.weightVerdict as Parcel['weightVerdict'],
    weighedAt: parcel.weighedAt?.toISOString() ?? null,
    shippedAt: parcel.shippedAt?.toISOString() ?? null,
  };
}

async function requireParcel(ctx: Ctx, id: number): Promise<{ parcel: repo.ParcelRow; order: readModel.PackingOrder }> {
  const parcel = await repo.findParcel(ctx, id, { lock: true });
  if (!parcel) throw notFound('parcel', id, '包裹');
  return { parcel, order: (await readModel.packingOrder(ctx, { id: parcel.orderId }))! };
}

/** A parcel still being packed, or the refusal a scan of it gets. */
function assertPacking(parcel: repo.ParcelRow, order: readModel.PackingOrder): void {
  if (parcel.status === 'intercepted' || order.interceptedAt) throw interceptedError(order.orderNo, order.interceptReason);
  if (parcel.status !== 'packing') throw conflict('parcel_closed', `订单 ${order.orderNo} 的包裹已打包完成`, [{ path: 'status', message: parcel.status }]);
}

/** The orders a slip's parcel is packed for, first order first: the order alone, or its merge group's (合单) still in the wave. */
async function ordersToPack(ctx: Ctx, order: readModel.PackingOrder): Promise<{ id: number; orderNo: string }[]> {
  if (order.mergeId === null) return [order];
  const members = await mergeReads.groupMembersInWave(ctx, order.mergeId, order.waveId!);
  return members.filter((m) => m.interceptedAt === null && m.status === 'in_fulfillment');
}

/** The new parcel on the packing table; a packer who lost the race to open it (the same slip, or another of the group's) runs again and joins it. */
async function insertPackingParcel(ctx: Ctx, values: repo.NewParcel, lines: LineToPack[]): Promise<repo.ParcelRow> {
  const parcel = await repo.insertParcelUnlessPacking(ctx, values, lines);
  if (!parcel) throw new RetryInNewTransaction(conflict('session_opened', '这个包裹刚在另一个工位开始验货，请重新扫描发货单'));
  return parcel;
}

/**
 * Opens the packing session of the order the slip (or a parcel's label) names, or resumes the one
 * already open; its lines are what the order (or its whole merge group, 合单) still holds reserved
 * beyond parcels closed and waiting to ship (拆单). Refused for an order that is not in a wave
 * (配货中), one intercepted, or one already packed.
 */
export async function openSession(ctx: Ctx, scan: string): Promise<Parcel> {
  const order = await readModel.packingOrder(ctx, { scan });
  if (!order) throw unprocessable('unknown_scan', `找不到订单号或快递单号为 ${scan} 的订单，请扫描发货单上的条码`, [{ path: 'scan', message: scan }]);
  if (order.interceptedAt) throw interceptedError(order.orderNo, order.interceptReason);
  if (order.status !== 'in_fulfillment' || order.waveId === null) {
    const state = ORDER_STATUS_LABELS[order.status as OrderStatus] ?? order.status;
    throw conflict('not_in_fulfillment', `订单 ${order.orderNo} 当前为「${state}」，不在配货中，不能打包`, [{ path: 'scan', message: order.orderNo }]);
  }
  const members = await ordersToPack(ctx, order);
  const open = await repo.packingParcelOf(ctx, members.map((m) => m.id));
  if (open) return getParcel(ctx, open.id);

  const lines: LineToPack[] = [];
  for (const m of members) lines.push(...(await linesToPack(ctx, m.id)));
  if (lines.length === 0) {
    const current = await repo.currentParcelOf(ctx, order.id, order.mergeId);
    if (current) throw conflict('already_packed', `订单 ${order.orderNo} 已打包（包裹 ${current.id}），请直接称重`, [{ path: 'scan', message: String(current.id) }]);
    throw conflict('nothing_to_pack', `订单 ${order.orderNo} 没有待发的商品`, [{ path: 'scan', message: order.orderNo }]);
  }
  const first = members[0]!;
  const parcel = await insertPackingParcel(
    ctx,
    { orderId: first.id, mergeId: order.mergeId, waveId: order.waveId, warehouseId: order.warehouseId!, status: 'packing', carrier: order.carrier!, openedBy: ctx.actor.id, openedAt: ctx.clock.now() },
    lines,
  );
  const orderNos = members.map((m) => m.orderNo);
  await recordEvent(ctx, { action: 'parcel.open', entityType: 'parcel', entityId: parcel.id, after: { orderId: first.id, orderNo: first.orderNo, orderNos, mergeId: order.mergeId, waveId: order.waveId } });
  return getParcel(ctx, parcel.id);
}

const sameCode = (a: string, b: string | null) => b !== null && a.toUpperCase() === b.toUpperCase();

/**
 * One item scanned into the parcel by its barcode or SKU code. The parcel is locked, so the lines
 * read before the scan, with the one it counted on, are the parcel as it stands after it.
 */
export async function scanItem(ctx: Ctx, parcelId: number, barcode: string): Promise<Parcel | RefusedScan> {
  const { parcel, order } = await requireParcel(ctx, parcelId);
  assertPacking(parcel, order);
  const lines = await readModel.packingLines(ctx, parcel.id);
  const matching = lines.filter((l) => sameCode(barcode, l.barcode) || sameCode(barcode, l.skuCode));
  const room = matching.find((l) => l.scanned < l.expected);
  const result = matching.length === 0 ? 'wrong_item' : room ? 'ok' : 'excess_item';
  await repo.recordScan(ctx, { parcelId: parcel.id, barcode, result, skuId: matching[0]?.skuId ?? null, actorId: ctx.actor.id, at: ctx.clock.now() }, room?.lineId ?? null);
  if (result === 'wrong_item') return { refused: conflict('wrong_item', `条码 ${barcode} 不是订单 ${order.orderNo} 的商品，请拿出来`, [{ path: 'barcode', message: barcode }]) };
  if (!room) {
    const total = matching.reduce((n, l) => n + l.expected, 0);
    return { refused: conflict('excess_item', `${barcode} 已扫够 ${total} 件，多出的请拿出来`, [{ path: 'barcode', message: barcode }]) };
  }
  return parcelView(parcel, order, lines.map((l) => (l === room ? { ...l, scanned: l.scanned + 1 } : l)));
}

/** Closes the parcel once every line is scanned: its expected weight is fixed for weighing. */
export async function completeSession(ctx: Ctx, parcelId: number): Promise<Parcel> {
  const { parcel, order } = await requireParcel(ctx, parcelId);
  assertPacking(parcel, order);
  const lines = await readModel.packingLines(ctx, parcel.id);
  const missing = lines.filter((l) => l.scanned < l.expected);
  if (missing.length) {
    throw conflict(
      'incomplete_parcel',
      `还差 ${missing.map((l) => `${l.skuCode} × ${l.expected - l.scanned}`).join('、')}，扫完才能封箱`,
      missing.map((l) => ({ path: `lines.${l.lineId}`, message: String(l.expected - l.scanned) })),
    );
  }
  const grams = await parcelGrams(ctx, parcel.warehouseId, lines);
  const packed = await repo.updateParcel(ctx, parcel.id, { status: 'packed', expectedGrams: grams, packedBy: ctx.actor.id, packedAt: ctx.clock.now() });
  await recordEvent(ctx, { action: 'parcel.pack', entityType: 'parcel', entityId: parcel.id, before: { status: parcel.status }, after: { status: 'packed', expectedGrams: grams } });
  return parcelView(packed, order, lines);
}

/**
 * 拆单: closes the parcel with what was scanned — the rest of the lines back-ordered or for the next
 * box — with the packer's reason. The lines not scanned stay reserved for the order's next parcel
 * (the next scan of the slip opens it); the order ships once every line has (shipping.ts). Audited
 * on the parcel and on each order it carries.
 */
export async function splitSession(ctx: Ctx, parcelId: number, reason: string): Promise<Parcel> {
  const { parcel, order } = await requireParcel(ctx, parcelId);
  assertPacking(parcel, order);
  const lines = await readModel.packingLines(ctx, parcel.id);
  const packed = lines.filter((l) => l.scanned > 0).map((l) => ({ ...l, expected: l.scanned }));
  const left = lines.filter((l) => l.scanned < l.expected).map((l) => ({ orderNo: l.orderNo, lineId: l.lineId, skuCode: l.skuCode, units: l.expected - l.scanned }));
  if (packed.length === 0) throw conflict('nothing_scanned', `订单 ${order.orderNo} 的包裹还没有扫描任何商品，不能拆单`, [{ path: 'lines', message: '0' }]);
  if (left.length === 0) throw conflict('nothing_left', `订单 ${order.orderNo} 的商品已全部扫完，直接封箱即可，不用拆单`, [{ path: 'lines', message: String(lines.length) }]);
  parcelTargets(parcel.status as ParcelStatus, 'split');
  await repo.keepScannedLines(ctx, parcel.id);
  const grams = await parcelGrams(ctx, parcel.warehouseId, packed);
  const closed = await repo.updateParcel(ctx, parcel.id, { status: 'packed', expectedGrams: grams, packedBy: ctx.actor.id, packedAt: ctx.clock.now() });
  const kept = packed.map((l) => ({ orderNo: l.orderNo, lineId: l.lineId, skuCode: l.skuCode, units: l.expected }));
  await recordEvent(ctx, { action: 'parcel.split', entityType: 'parcel', entityId: parcel.id, before: { status: parcel.status }, after: { status: 'packed', expectedGrams: grams, reason, packed: kept, left } });
  for (const orderId of [...new Set(lines.map((l) => l.orderId))]) {
    const orderNo = lines.find((l) => l.orderId === orderId)!.orderNo;
    const ofOrder = <T extends { orderNo: string }>(list: T[]) => list.filter((l) => l.orderNo === orderNo);
    await recordEvent(ctx, { action: 'order.split', entityType: 'order', entityId: orderId, after: { parcelId: parcel.id, reason, packed: ofOrder(kept), left: ofOrder(left) } });
  }
  return parcelView(closed, order, packed);
}

export async function getParcel(ctx: Ctx, id: number): Promise<Parcel> {
  const parcel = await repo.findParcel(ctx, id);
  if (!parcel) throw notFound('parcel', id, '包裹');
  return parcelView(parcel, (await readModel.packingOrder(ctx, { id: parcel.orderId }))!, await readModel.packingLines(ctx, parcel.id));
}
