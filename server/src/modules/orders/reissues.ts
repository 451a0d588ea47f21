import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict } from '../../platform/errors';
import { readSetting } from '../../platform/settings';
import { getShop } from '../catalog';
import { reserveOrderIn } from '../inventory';
import { requireOrder } from './detail';
import * as repo from './repository';
import { orderNoPrefix, shipByDeadline } from './rules';
import { inSearchMonth } from './searchTerms';
import { shipPromiseSetting } from './settings';
import type { OrderStatus } from './states';
import { statusOf, transition } from './transitions';

/**
 * Reissue orders (补发单), for after-sales: the goods of a case sent again free — an exchange's
 * replacement, what was missing or wrong. A reissue order is an ordinary order to the warehouse
 * (waves, picking, packing, weighing, shipping) but owes nothing: its lines are at 0 元, it is paid
 * and approved as it is written, with a blue flag saying which case it serves. It goes to the source
 * order's receiver (the encrypted columns and blind indexes copied as stored, never decrypted here)
 * and ships from the source's warehouse; it is never a platform order, so nothing is written back.
 */

export interface ReissueLine {
  skuId: number;
  skuCode: string;
  productName: string;
  spec: string;
  quantity: number;
}

export interface ReissueRequest {
  sourceOrderId: number;
  /** The after-sales case it serves (售后单号), for the remark and the audit. */
  caseNo: string;
  lines: ReissueLine[];
}

export interface ReissueOrder {
  id: number;
  orderNo: string;
  status: OrderStatus;
}

/** The source order's receiver and where it shipped from, as stored. */
function receiverOf(source: repo.OrderRow) {
  const { shopId, customerId, buyerNick, buyerNameEnc, buyerPhoneEnc, buyerPhoneIndex, buyerPhoneKind, province, city, district, divisionCode, divisionMatch } = source;
  const { writtenProvince, writtenCity, writtenDistrict, addressDetailEnc, addressMasked, addressIndex, postalCode, warehouseId } = source;
  // the search indexes as stored too: a source the backfill has not reached yet passes that on (searchIndexed false)
  const { buyerPhoneTailIndex, buyerNameIndex, buyerNickPieces, searchIndexed } = source;
  return { shopId, customerId, buyerNick, buyerNameEnc, buyerPhoneEnc, buyerPhoneIndex, buyerPhoneKind, buyerPhoneTailIndex, buyerNameIndex, buyerNickPieces, searchIndexed, province, city, district, divisionCode, divisionMatch, writtenProvince, writtenCity, writtenDistrict, addressDetailEnc, addressMasked, addressIndex, postalCode, warehouseId };
}

/**
 * Writes the reissue order, reserves its stock in the source's warehouse (409 insufficient_stock,
 * the caller's transaction then writes nothing) and takes it to 待发货; audited on both orders.
 */
export async function createReissueOrder(ctx: Ctx, request: ReissueRequest): Promise<ReissueOrder> {
  const source = await requireOrder(ctx, request.sourceOrderId, { lock: true });
  if (source.warehouseId === null) throw conflict('not_shipped', `订单 ${source.orderNo} 没有发货仓，无法补发`, [{ path: 'orderId', message: String(source.id) }]);
  const warehouseId = source.warehouseId;
  const now = ctx.clock.now();
  const shop = await getShop(ctx, source.shopId);
  const remark = `补发：售后单 ${request.caseNo}`;
  const { order, items } = await repo.insertOrder(
    ctx,
    { ...receiverOf(source), buyerNickPieces: inSearchMonth(source.buyerNickPieces, now), status: 'pending_payment', reissueOf: source.id, itemsTotal: 0, shippingFee: 0, discount: 0, total: 0, flag: 'blue', createdAt: now, updatedAt: now },
    orderNoPrefix(now, shop.timezone),
    request.lines.map(({ skuId, skuCode, productName, spec, quantity }) => ({ skuId, skuCode, productName, spec, quantity, unitPrice: 0, lineTotal: 0 })),
  );
  await repo.insertRemark(ctx, { orderId: order.id, authorId: ctx.actor.id, authorName: ctx.actor.name, content: remark, flag: 'blue', createdAt: now });
  const lines = request.lines.map(({ skuCode, quantity }) => ({ skuCode, quantity }));
  await recordEvent(ctx, {
    action: 'order.create',
    entityType: 'order',
    entityId: order.id,
    after: { orderNo: order.orderNo, status: order.status, shopCode: shop.code, total: 0, warehouseId, reissueOf: source.orderNo, caseNo: request.caseNo, lines, remark },
  });
  await reserveOrderIn(ctx, warehouseId, { orderId: order.id, lines: items.map((i) => ({ lineId: i.id, skuId: i.skuId, skuCode: i.skuCode, quantity: i.quantity })) });
  // free, it needs no payment and no risk review: after-sales decided to send it
  const shipBy = shipByDeadline(now, await readSetting(ctx, shipPromiseSetting));
  const paid = await transition(ctx, order, 'pay', { paidAt: now, shipBy }, { paidAmount: 0, shipBy: shipBy.toISOString(), reissue: true });
  const approved = await transition(ctx, paid, 'approve', { approvedAt: now }, { reissue: true });
  await recordEvent(ctx, { action: 'order.reissue', entityType: 'order', entityId: source.id, after: { reissueOrderId: order.id, reissueOrderNo: order.orderNo, caseNo: request.caseNo, lines } });
  return { id: approved.id, orderNo: approved.orderNo, status: statusOf(approved) };
}

