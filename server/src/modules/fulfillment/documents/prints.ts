import { recordEvent, timeline } from '../../../platform/audit';
import type { Ctx } from '../../../platform/context';
import { conflict, notFound } from '../../../platform/errors';
import type { Carrier } from '../../catalog';
import { shippingContacts, type ShippingContact } from '../../orders';
import type { PickList, WaveDetail } from '../model';
import { wavePickList } from '../pickList';
import * as readModel from '../readModel';
import * as fulfillmentRepo from '../repository';
import { getWave } from '../service';
import * as repo from './repository';
import { waybillPool, type WaybillSource } from './waybills';

/**
 * Printing a wave's pick list and packing slips and a parcel's label: what each prints, read in the
 * print's transaction together with its audit event (every print is one, a reprint says so). The
 * route draws the PDF from what this returns, after the transaction.
 */

export interface Printed {
  /** 1 for the first print of this document, 2 for the first reprint, … */
  printNo: number;
  printedAt: Date;
}

export interface PickListPrint extends Printed {
  pickList: PickList;
}

export interface PackingSlip {
  order: readModel.SlipOrder;
  items: readModel.SlipItem[];
  remarks: readModel.SlipRemark[];
  receiver: ShippingContact;
}

export interface PackingSlipsPrint extends Printed {
  wave: WaveDetail;
  slips: PackingSlip[];
}

export interface LabelPrint extends Printed {
  parcelId: number;
  carrier: Carrier;
  trackingNo: string;
  facts: readModel.LabelFacts;
  receiver: ShippingContact;
}

/** Records the print, numbered after the earlier prints of the same document in the audit log. */
async function recordPrint(ctx: Ctx, action: string, entityType: string, entityId: number, after: Record<string, unknown>): Promise<Printed> {
  const earlier = (await timeline(ctx, entityType, entityId)).filter((e) => e.action === action).length;
  const printNo = earlier + 1;
  await recordEvent(ctx, { action, entityType, entityId, after: { ...after, printNo, reprint: printNo > 1 } });
  return { printNo, printedAt: ctx.clock.now() };
}

async function lockWave(ctx: Ctx, waveId: number): Promise<void> {
  if (!(await repo.lockWave(ctx, waveId))) throw notFound('wave', waveId, '波次');
}

const nothingLeft = (waveNo: string) => conflict('nothing_to_print', `波次 ${waveNo} 的订单都已拦截，没有要打印的内容`, [{ path: 'id', message: waveNo }]);

export async function printPickList(ctx: Ctx, waveId: number): Promise<PickListPrint> {
  await lockWave(ctx, waveId);
  const pickList = await wavePickList(ctx, waveId);
  if (pickList.lines.length === 0) throw nothingLeft(pickList.wave.waveNo);
  const printed = await recordPrint(ctx, 'wave.print_pick_list', 'wave', waveId, { waveNo: pickList.wave.waveNo, skus: pickList.lines.length, units: pickList.units });
  return { ...printed, pickList };
}

function byOrder<T extends { orderId: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.orderId);
    if (group) group.push(row);
    else groups.set(row.orderId, [row]);
  }
  return groups;
}

export async function printPackingSlips(ctx: Ctx, waveId: number): Promise<PackingSlipsPrint> {
  await lockWave(ctx, waveId);
  const wave = await getWave(ctx, waveId);
  const orders = await readModel.slipOrders(ctx, waveId);
  if (orders.length === 0) throw nothingLeft(wave.waveNo);
  const ids = orders.map((o) => o.orderId);
  const [items, remarks, receivers] = [await readModel.slipItems(ctx, ids), await readModel.slipRemarks(ctx, ids), await shippingContacts(ctx, ids, { fullAddress: false })];
  const itemsOf = byOrder(items);
  const remarksOf = byOrder(remarks);
  const slips = orders.map((order) => ({ order, items: itemsOf.get(order.orderId) ?? [], remarks: remarksOf.get(order.orderId) ?? [], receiver: receivers.get(order.orderId)! }));
  const printed = await recordPrint(ctx, 'wave.print_packing_slips', 'wave', waveId, { waveNo: wave.waveNo, orders: orders.length });
  return { ...printed, wave, slips };
}

const PRINTABLE = new Set(['packed', 'weighed', 'shipped']);

/**
 * The label of a packed (or weighed, or shipped) parcel. Its first print allots the parcel a
 * waybill number of its carrier from `source`; a reprint prints the same number. A parcel still
 * being packed, intercepted or back on the shelf gets none (409).
 */
export async function printLabel(ctx: Ctx, parcelId: number, source: WaybillSource = waybillPool): Promise<LabelPrint> {
  const parcel = await fulfillmentRepo.findParcel(ctx, parcelId, { lock: true });
  if (!parcel) throw notFound('parcel', parcelId, '包裹');
  const order = (await readModel.packingOrder(ctx, { id: parcel.orderId }))!;
  const status = [{ path: 'status', message: parcel.status }];
  if (parcel.status === 'intercepted' || parcel.status === 'shelved') {
    const why = order.interceptReason ? `（${order.interceptReason}）` : '';
    const where = parcel.status === 'shelved' ? '商品已放回库位，不要打印快递单' : '不要打包发出，请把商品放回库位';
    throw conflict('intercepted', `订单 ${order.orderNo} 已拦截${why}：${where}`, status);
  }
  if (!PRINTABLE.has(parcel.status)) throw conflict('parcel_not_packed', `订单 ${order.orderNo} 的包裹还在验货，封箱后才能打印快递单`, status);

  const carrier = parcel.carrier as Carrier;
  const allotted = parcel.trackingNo === null;
  const trackingNo = parcel.trackingNo ?? (await source.allocate(ctx, carrier, parcel.id));
  if (allotted) await fulfillmentRepo.updateParcel(ctx, parcel.id, { trackingNo });
  const printed = await recordPrint(ctx, 'parcel.print_label', 'parcel', parcel.id, { carrier, trackingNo, allotted });
  const facts = await readModel.labelFacts(ctx, parcel.id);
  const receiver = (await shippingContacts(ctx, [parcel.orderId], { fullAddress: true })).get(parcel.orderId)!;
  return { ...printed, parcelId: parcel.id, carrier, trackingNo, facts, receiver };
}
