import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, unprocessable } from '../../platform/errors';
import { maskDetail, maskName, maskPhone } from '../../platform/pii';
import { findSkusByCodes, getProduct } from '../catalog';
import { moveLineReservation, stockLevelsOf } from '../inventory';
import { readContact, receiverColumns } from './addressIntake';
import { requireOrder, toDetail } from './detail';
import { ADDRESS_EDITABLE, NOT_WAVED } from './editRules';
import type { AddressChangeInput, OrderDetail, SkuChangeInput, SkuOption } from './model';
import * as repo from './repository';
import { ORDER_STATUS_LABELS, type OrderStatus } from './states';
import { statusOf, transition } from './transitions';

/**
 * The edits buyers ask for before their goods leave: 改地址 (a new receiver, validated as staff
 * entry is) and 改规格 (another SKU of the same product, its stock moved in the same transaction).
 * Remarks are left as they are: a system remark would take the order's flag, and the timeline
 * records the change (masked).
 */

type OrderRow = repo.OrderRow;


const refusal = (code: string, message: string, status: OrderStatus) => conflict(code, message, [{ path: 'status', message: status }]);

function assertAddressEditable(row: OrderRow): void {
  const status = statusOf(row);
  if (['shipped', 'delivered', 'completed'].includes(status)) {
    throw refusal('order_shipped', `订单 ${row.orderNo} 已发货，不能再改地址：请联系快递改派，或按售后处理`, status);
  }
  if (!ADDRESS_EDITABLE.includes(status)) {
    throw refusal('address_not_editable', `订单 ${row.orderNo} 当前为「${ORDER_STATUS_LABELS[status]}」，不能改地址`, status);
  }
  // the group ships as one parcel to one address: changing one order's would split it silently
  if (row.mergeId !== null) {
    throw conflict('order_merged', `订单 ${row.orderNo} 已合单，合单的订单共用一个地址：请先取消合单，再改地址`, [{ path: 'mergeId', message: String(row.mergeId) }]);
  }
}

/** The receiver as the audit log keeps it: masked as on screen, never in clear. */
function maskedReceiver(ctx: Ctx, row: Pick<OrderRow, 'buyerNameEnc' | 'buyerPhoneEnc' | 'addressDetailEnc' | 'province' | 'city' | 'district' | 'postalCode'>) {
  const open = (stored: string | null) => (stored === null ? '' : ctx.pii.decrypt(stored));
  return {
    name: maskName(open(row.buyerNameEnc)),
    phone: maskPhone(open(row.buyerPhoneEnc)),
    province: row.province,
    city: row.city,
    district: row.district,
    detail: maskDetail(open(row.addressDetailEnc)),
    postalCode: row.postalCode,
  };
}

/** The staff-entry checks of intake (current divisions, a mainland mobile, a 6-digit postcode), named by this body's fields. */
function readNewReceiver(input: AddressChangeInput) {
  const { name, phone, detail, postalCode, ...division } = input;
  const { contact, problems } = readContact({ buyer: { phone }, address: { ...division, detail, postalCode } }, false);
  if (!contact) {
    const details = problems.map((p) => ({ path: p.path.replace(/^(buyer|address)\./, ''), message: p.message }));
    throw unprocessable(problems[0]?.code ?? 'invalid_address', problems.map((p) => p.message).join('；'), details);
  }
  return { contact, receiver: { name, detail, postalCode } };
}

/**
 * 改地址: the receiver replaced, encrypted and indexed as intake does (`receiverColumns`), audited
 * with both sides masked. 配货中 the order leaves its wave first (`readdress`: fulfillment's
 * follower intercepts the parcel, the picked goods go back to the shelf) and waits to be waved
 * again, keeping its reservation. Shipped, cancelled or merged orders are refused (409).
 */
export async function changeAddress(ctx: Ctx, id: number, input: AddressChangeInput): Promise<OrderDetail> {
  const row = await requireOrder(ctx, id, { lock: true });
  assertAddressEditable(row);
  const { contact, receiver } = readNewReceiver(input);
  const intercepted = row.status === 'in_fulfillment';
  const moved = intercepted ? await transition(ctx, row, 'readdress', { heldFromStatus: null }, { reason: '买家改地址' }) : row;
  const updated = await repo.updateOrder(ctx, moved.id, { ...receiverColumns(ctx.pii, contact, receiver), updatedAt: ctx.clock.now() });
  await recordEvent(ctx, { action: 'order.change_address', entityType: 'order', entityId: id, before: maskedReceiver(ctx, row), after: { ...maskedReceiver(ctx, updated), intercepted } });
  return toDetail(ctx, updated, false);
}

async function requireLine(ctx: Ctx, row: OrderRow, lineId: number): Promise<repo.ItemRow> {
  const line = (await repo.listItems(ctx, row.id)).find((i) => i.id === lineId);
  if (!line) throw unprocessable('unknown_line', `订单 ${row.orderNo} 没有商品行 ${lineId}`, [{ path: 'lineId', message: String(lineId) }]);
  return line;
}

/** What 改规格 offers for a line: its product's SKUs, each with what the order's warehouse has available now. */
export async function skuOptions(ctx: Ctx, id: number, lineId: number): Promise<SkuOption[]> {
  const row = await requireOrder(ctx, id);
  const line = await requireLine(ctx, row, lineId);
  const current = (await findSkusByCodes(ctx, [line.skuCode])).get(line.skuCode);
  if (!current) return [];
  const { skus } = await getProduct(ctx, current.productId);
  const levels = row.warehouseId === null ? [] : await stockLevelsOf(ctx, row.warehouseId, skus.map((s) => s.id));
  const available = new Map(levels.map((l) => [l.skuId, l.available]));
  return skus.map((s) => ({ skuCode: s.code, spec: s.spec, price: s.price, available: available.get(s.id) ?? 0, onSale: s.listingStatus === 'on_sale', current: s.id === line.skuId }));
}

/**
 * 改规格: one line takes another SKU of the same product; its reservation moves to it in the
 * order's warehouse (409 `insufficient_stock` and nothing written when short). The line keeps the
 * price the buyer paid, so the order's amounts do not change.
 */
export async function changeLineSku(ctx: Ctx, id: number, input: SkuChangeInput): Promise<OrderDetail> {
  const row = await requireOrder(ctx, id, { lock: true });
  const status = statusOf(row);
  if (!NOT_WAVED.includes(status)) {
    const message =
      status === 'in_fulfillment'
        ? `订单 ${row.orderNo} 已在配货中，不能改规格：请先挂起订单（包裹会被拦截），解除挂起后再改`
        : `订单 ${row.orderNo} 当前为「${ORDER_STATUS_LABELS[status]}」，不能改规格`;
    throw refusal(status === 'in_fulfillment' ? 'order_in_wave' : 'sku_not_editable', message, status);
  }
  const line = await requireLine(ctx, row, input.lineId);
  const skus = await findSkusByCodes(ctx, [line.skuCode, input.skuCode]);
  const [from, to] = [skus.get(line.skuCode), skus.get(input.skuCode)];
  const field = (code: string, message: string) => unprocessable(code, message, [{ path: 'skuCode', message: input.skuCode }]);
  if (!to) throw field('unknown_sku', `商品编码 ${input.skuCode} 不存在`);
  if (to.id === line.skuId) throw field('same_sku', `这行已经是 ${input.skuCode}（${to.spec}）`);
  if (!from || to.productId !== from.productId) throw field('other_product', `${input.skuCode} 不是「${line.productName}」的规格，只能换同一商品的其他规格`);
  if (to.listingStatus !== 'on_sale' && to.listingPinned) throw field('sku_not_on_sale', `商品 ${input.skuCode}（${to.spec}）已下架`);
  if (line.cancelledQuantity > 0) throw conflict('line_not_movable', '这行商品已部分取消，不能改规格', [{ path: 'lineId', message: String(line.id) }]);
  await moveLineReservation(ctx, { orderId: id, lineId: line.id, skuId: to.id, skuCode: to.code });
  await repo.updateItem(ctx, line.id, { skuId: to.id, skuCode: to.code, productName: to.productName, spec: to.spec });
  await recordEvent(ctx, {
    action: 'order.change_sku',
    entityType: 'order',
    entityId: id,
    before: { lineId: line.id, skuCode: line.skuCode, spec: line.spec },
    after: { lineId: line.id, skuCode: to.code, spec: to.spec, quantity: line.quantity, unitPrice: line.unitPrice },
  });
  return toDetail(ctx, await repo.updateOrder(ctx, id, { updatedAt: ctx.clock.now() }), false);
}
