import { recordEvent, timeline, type TimelineEvent } from '../../platform/audit';
import { localDate } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { maskDetail, maskIp, maskName, maskPhone } from '../../platform/pii';
import { getShop, type Shop } from '../catalog';
import { assertMayRevealPii } from '../customers';
import { addressReply, type PhoneKind } from './addressIntake';
import type { OrderDetail, OrderSummary } from './model';
import * as repo from './repository';
import { remarkDisplay, type Flag, type HoldReason } from './rules';
import type { OrderStatus } from './states';
import { editsAllowed } from './editRules';
import { membersOf } from './mergeGroups';
import { MERGE_PERMISSION, UNMERGEABLE_STATUSES } from './mergeRules';
import { availableActions, statusOf } from './transitions';

/** Reading orders: the summary lists show, the detail with what staff may do now, the audited reveal. */

type OrderRow = repo.OrderRow;

export async function requireOrder(ctx: Ctx, id: number, opts: { lock?: boolean } = {}): Promise<OrderRow> {
  const row = opts.lock ? await repo.lockOrder(ctx, id) : await repo.findOrder(ctx, id);
  if (!row) throw notFound('order', id, '订单');
  return row;
}

const iso = (at: Date | null): string | null => at?.toISOString() ?? null;

const refOf = (o: OrderRow) => ({ id: o.id, orderNo: o.orderNo, status: statusOf(o) });

/** Buyer fields in clear when revealed, masked otherwise. */
function buyerFields(ctx: Ctx, row: OrderRow, reveal: boolean) {
  const open = (stored: string | null, mask: (plain: string) => string) => {
    const plain = stored === null ? '' : ctx.pii.decrypt(stored);
    return reveal ? plain : mask(plain);
  };
  return { name: open(row.buyerNameEnc, maskName), phone: open(row.buyerPhoneEnc, maskPhone), detail: open(row.addressDetailEnc, maskDetail) };
}

export function toSummary(ctx: Ctx, row: OrderRow): OrderSummary {
  const buyer = buyerFields(ctx, row, false);
  return {
    id: row.id,
    orderNo: row.orderNo,
    shopId: row.shopId,
    platformOrderId: row.platformOrderId,
    status: statusOf(row),
    flag: row.flag as Flag | null,
    buyerNick: row.buyerNick,
    buyerName: buyer.name,
    buyerPhone: buyer.phone,
    province: row.province,
    city: row.city,
    district: row.district,
    addressDetail: buyer.detail,
    total: row.total,
    paidAmount: row.paidAmount,
    reviewDueAt: iso(row.reviewDueAt),
    shipBy: iso(row.shipBy),
    createdAt: row.createdAt.toISOString(),
    paidAt: iso(row.paidAt),
  };
}

/** What the order page shows of the merge: the other orders of its group, and whether the caller may merge or unmerge it now. */
async function mergeOfOrder(ctx: Ctx, row: OrderRow): Promise<OrderDetail['merge']> {
  const allowed = ctx.actor.permissions.has(MERGE_PERMISSION);
  const others = row.mergeId === null ? [] : (await membersOf(ctx, row.mergeId)).filter((o) => o.id !== row.id);
  return {
    id: row.mergeId,
    orders: others.map(refOf),
    canMerge: allowed && row.status === 'awaiting_fulfillment' && row.flag !== 'green',
    canUnmerge: allowed && row.mergeId !== null && UNMERGEABLE_STATUSES.includes(statusOf(row)),
  };
}

/** The reissue orders' links of the order page: what it reissues, and what was reissued for it. */
async function reissueLinks(ctx: Ctx, row: OrderRow, isNew: boolean): Promise<Pick<OrderDetail, 'reissueOf' | 'reissues'>> {
  const source = row.reissueOf === null ? undefined : await repo.findOrder(ctx, row.reissueOf);
  return { reissueOf: source ? refOf(source) : null, reissues: isNew ? [] : (await repo.reissuesOf(ctx, row.id)).map(refOf) };
}

/** What the caller already holds, so intake does not read back what it just wrote. */
export interface KnownParts {
  shop?: Shop;
  items?: repo.ItemRow[];
  /** Just created: no remarks yet. */
  isNew?: boolean;
  /** The whole timeline, when the caller wrote every event of it. */
  events?: TimelineEvent[];
}

export async function toDetail(ctx: Ctx, row: OrderRow, reveal: boolean, known: KnownParts = {}): Promise<OrderDetail> {
  const [shop, items, payments, remarks, events] = [
    known.shop ?? (await getShop(ctx, row.shopId)),
    known.items ?? (await repo.listItems(ctx, row.id)),
    row.paidAmount > 0 ? await repo.listPayments(ctx, row.id) : [],
    known.isNew ? [] : await repo.listRemarks(ctx, row.id),
    known.events ?? (await timeline(ctx, 'order', row.id)),
  ];
  const buyer = buyerFields(ctx, row, reveal);
  return {
    id: row.id,
    orderNo: row.orderNo,
    shopId: row.shopId,
    shopCode: shop.code,
    platformOrderId: row.platformOrderId,
    status: statusOf(row),
    actions: await availableActions(ctx, row),
    edits: editsAllowed({ status: statusOf(row), mergeId: row.mergeId }, (p) => ctx.actor.permissions.has(p)),
    merge: await mergeOfOrder(ctx, row),
    ...(await reissueLinks(ctx, row, known.isNew ?? false)),
    heldFromStatus: row.heldFromStatus as OrderStatus | null,
    holdReasons: row.holdReasons as HoldReason[],
    reviewDueAt: iso(row.reviewDueAt),
    shipBy: iso(row.shipBy),
    reviewOverdue: row.reviewDueAt !== null && row.reviewDueAt <= ctx.clock.now() && ['awaiting_review', 'on_hold'].includes(row.status),
    customerId: row.customerId,
    piiRevealed: reveal,
    buyer: { nick: row.buyerNick, name: buyer.name, phone: buyer.phone, phoneKind: row.buyerPhoneKind as PhoneKind, ip: row.buyerIp && !reveal ? maskIp(row.buyerIp) : row.buyerIp },
    address: addressReply(row, buyer.detail),
    items: items.map(({ orderId: _order, orderCreatedAt: _createdAt, ...item }) => item),
    itemsTotal: row.itemsTotal,
    shippingFee: row.shippingFee,
    discount: row.discount,
    total: row.total,
    paidAmount: row.paidAmount,
    refundedAmount: row.refundedAmount,
    paymentMethod: row.paymentMethod,
    buyerMessage: row.buyerMessage,
    flag: row.flag as Flag | null,
    warehouseId: row.warehouseId,
    closeReason: row.closeReason,
    payments: payments.map((p) => ({ id: p.id, amount: p.amount, method: p.method, transactionNo: p.transactionNo, paidAt: p.paidAt.toISOString() })),
    remarks: remarks.map((r) => ({
      id: r.id,
      authorName: r.authorName,
      content: r.content,
      flag: r.flag as Flag,
      promiseDate: r.promiseDate,
      createdAt: r.createdAt.toISOString(),
      display: remarkDisplay({ ...r, writtenOn: localDate(r.createdAt, shop.timezone) }),
    })),
    createdAt: row.createdAt.toISOString(),
    paidAt: iso(row.paidAt),
    approvedAt: iso(row.approvedAt),
    cancelledAt: iso(row.cancelledAt),
    closedAt: iso(row.closedAt),
    deliveredAt: iso(row.deliveredAt),
    completedAt: iso(row.completedAt),
    updatedAt: row.updatedAt.toISOString(),
    events,
  };
}

/** The receiver as the warehouse prints them: name and phone always masked. */
export interface ShippingContact {
  name: string;
  phone: string;
  address: OrderDetail['address'];
}

/**
 * The receivers of these orders for printed documents, by order id. The street address is masked
 * as on screen, except on a shipping label (`fullAddress`), which the carrier delivers by.
 */
export async function shippingContacts(ctx: Ctx, orderIds: number[], opts: { fullAddress: boolean }): Promise<Map<number, ShippingContact>> {
  const rows = await repo.findOrdersByIds(ctx, orderIds);
  return new Map(
    rows.map((row) => {
      const masked = buyerFields(ctx, row, false);
      const detail = opts.fullAddress ? ctx.pii.decrypt(row.addressDetailEnc) : masked.detail;
      return [row.id, { name: masked.name, phone: masked.phone, address: addressReply(row, detail) }];
    }),
  );
}

export async function getOrder(ctx: Ctx, id: number): Promise<OrderDetail> {
  return toDetail(ctx, await requireOrder(ctx, id), false);
}

/** The order with the buyer's personal data in clear; needs customers.pii.reveal and is audited. */
export async function revealOrder(ctx: Ctx, id: number): Promise<OrderDetail> {
  assertMayRevealPii(ctx);
  const row = await requireOrder(ctx, id);
  await recordEvent(ctx, { action: 'order.pii.reveal', entityType: 'order', entityId: id, after: { fields: ['buyer.name', 'buyer.phone', 'address.detail'] } });
  return toDetail(ctx, row, true);
}

export async function orderEvents(ctx: Ctx, id: number): Promise<TimelineEvent[]> {
  await requireOrder(ctx, id);
  return timeline(ctx, 'order', id);
}
