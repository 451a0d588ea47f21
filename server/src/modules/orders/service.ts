import { eventPerRowSql, recordEvent, timeline, timelineEventOf, type TimelineEvent } from '../../platform/audit';
import { HOUR, localDate, localDateTime, MINUTE } from '../../platform/clock';
import { can, systemActor, type Actor, type Ctx } from '../../platform/context';
import { ROLE_LABELS, type Role } from '../../platform/permissions';
import { AppError, conflict, forbidden, notFound, RetryInNewTransaction, unprocessable } from '../../platform/errors';
import { enqueue } from '../../platform/outbox';
import { maskDetail, maskIp, maskName, maskPhone } from '../../platform/pii';
import { readSetting } from '../../platform/settings';
import { findShopAndSkus, getShop, type Shop, type SkuRef } from '../catalog';
import { assertMayRevealPii, customerMatchSql, isBlacklisted, serializePhoneMatch, type CustomerMatch } from '../customers';
import { assertCanServe, completeReservation, consumeForOrder, releaseForOrder, reservePreferredSql } from '../inventory';
import { addressIndexText, addressReply, buyerIdentity, contactColumns, readContact, type Contact, type PhoneKind } from './addressIntake';
import type { BulkApproveResult, CreateOrderInput, OrderDetail, OrderSummary, PaymentInput, RemarkInput } from './model';
import * as repo from './repository';
import {
  computeAmounts,
  evaluateRisk,
  orderNoPrefix,
  remarkDisplay,
  shipByDeadline,
  type Flag,
  type HoldReason,
  type Problem,
  type RiskSettings,
} from './rules';
import { autoReviewSetting, reviewSlaSetting, riskSettings, shipPromiseSetting, unpaidCloseSetting, unpaidRemindersSetting } from './settings';
import { canTransition, isOrderStatus, nextStatus, STAFF_ACTION_PERMISSIONS, STAFF_ACTIONS, type OrderAction, type OrderStatus, type StaffAction } from './states';

type OrderRow = repo.OrderRow;

// ---- reading ----

async function requireOrder(ctx: Ctx, id: number, opts: { lock?: boolean } = {}): Promise<OrderRow> {
  const row = opts.lock ? await repo.lockOrder(ctx, id) : await repo.findOrder(ctx, id);
  if (!row) throw notFound('order', id, '订单');
  return row;
}

const iso = (at: Date | null): string | null => at?.toISOString() ?? null;
const statusOf = (row: OrderRow) => row.status as OrderStatus;

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
    total: row.total,
    paidAmount: row.paidAmount,
    reviewDueAt: iso(row.reviewDueAt),
    createdAt: row.createdAt.toISOString(),
    paidAt: iso(row.paidAt),
  };
}

/** What the caller already holds, so intake does not read back what it just wrote. */
interface KnownParts {
  shop?: Shop;
  items?: repo.ItemRow[];
  /** Just created: no remarks yet. */
  isNew?: boolean;
  /** The whole timeline, when the caller wrote every event of it. */
  events?: TimelineEvent[];
}

async function toDetail(ctx: Ctx, row: OrderRow, reveal: boolean, known: KnownParts = {}): Promise<OrderDetail> {
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
    actions: availableActions(ctx, row),
    heldFromStatus: row.heldFromStatus as OrderStatus | null,
    holdReasons: row.holdReasons as HoldReason[],
    reviewDueAt: iso(row.reviewDueAt),
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
    updatedAt: row.updatedAt.toISOString(),
    events,
  };
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

// ---- transitions ----

/** Moves the order along the transition table (or refuses with a 409) and audits the move. */
async function transition(ctx: Ctx, row: OrderRow, action: OrderAction, patch: repo.OrderPatch = {}, detail: Record<string, unknown> = {}, target?: OrderStatus): Promise<OrderRow> {
  const status = nextStatus(statusOf(row), action, target);
  const updated = await repo.updateOrder(ctx, row.id, { ...patch, status, updatedAt: ctx.clock.now() });
  await recordEvent(ctx, { action: `order.${action}`, entityType: 'order', entityId: row.id, before: { status: row.status }, after: { status, ...detail } });
  return updated;
}

const minutesFromNow = (ctx: Ctx, minutes: number) => new Date(ctx.clock.now().getTime() + minutes * MINUTE);

/** One query at a time: a transaction's connection runs them in sequence anyway. */
async function readRiskSettings(ctx: Ctx): Promise<RiskSettings> {
  const { sameIp, duplicate, sensitiveWords, remoteArea, amount, blacklist, message } = riskSettings;
  return {
    sameIp: await readSetting(ctx, sameIp),
    duplicate: await readSetting(ctx, duplicate),
    sensitiveWords: await readSetting(ctx, sensitiveWords),
    remoteArea: await readSetting(ctx, remoteArea),
    amount: await readSetting(ctx, amount),
    blacklist: await readSetting(ctx, blacklist),
    message: await readSetting(ctx, message),
  };
}

async function approve(ctx: Ctx, row: OrderRow): Promise<OrderRow> {
  const now = ctx.clock.now();
  const shop = await getShop(ctx, row.shopId);
  const shipBy = shipByDeadline(row.paidAt ?? now, await readSetting(ctx, shipPromiseSetting));
  const approved = await transition(ctx, row, 'approve', { approvedAt: now, reviewDueAt: null, heldFromStatus: null }, { shipBy: shipBy.toISOString() });
  await enqueue(ctx, 'customer.notify', {
    kind: 'order_confirmed',
    orderId: row.id,
    orderNo: row.orderNo,
    shopId: row.shopId,
    customerId: row.customerId,
    shipBy: shipBy.toISOString(),
    message: `您的订单 ${row.orderNo} 已确认，将于 ${localDateTime(shipBy, shop.timezone)} 前发货`,
  });
  return approved;
}

async function hold(ctx: Ctx, row: OrderRow, reasons: HoldReason[], reviewDueAt: Date | null): Promise<OrderRow> {
  return transition(ctx, row, 'hold', { heldFromStatus: row.status, holdReasons: reasons, reviewDueAt }, { holdReasons: reasons });
}

/** The facts the risk rules decide on, counted as of now. */
async function reviewFacts(ctx: Ctx, row: OrderRow, settings: RiskSettings) {
  const now = ctx.clock.now().getTime();
  const sharing = await repo.unshippedSharingBuyer(ctx, row, new Date(now - settings.duplicate.windowHours * HOUR));
  return {
    total: row.total,
    shippingFee: row.shippingFee,
    province: row.province,
    addressDetail: ctx.pii.decrypt(row.addressDetailEnc),
    buyerIp: row.buyerIp,
    ordersFromSameIp: row.buyerIp ? await repo.countOrdersFromIp(ctx, row.buyerIp, new Date(now - settings.sameIp.windowMinutes * MINUTE)) : 0,
    samePhoneOrderNos: sharing.samePhone,
    sameAddressOrderNos: sharing.sameAddress,
    customerBlacklisted: await isBlacklisted(ctx, { shopId: row.shopId, customerId: row.customerId, phoneIndex: row.buyerPhoneIndex }),
    buyerMessage: row.buyerMessage,
    remarkCount: await repo.countRemarks(ctx, row.id),
    flag: row.flag,
    addressReview: row.addressReview,
  };
}

/**
 * Automatic review (自动审单) of an order that just became awaiting_review, acting as the system:
 * no rule fires → approved; a rule fires → held for a person with the reasons and the SLA deadline.
 */
async function autoReview(callerCtx: Ctx, row: OrderRow): Promise<OrderRow> {
  const ctx = { ...callerCtx, actor: systemActor };
  if (!(await readSetting(ctx, autoReviewSetting))) return row;
  const settings = await readRiskSettings(ctx);
  const reasons = evaluateRisk(await reviewFacts(ctx, row, settings), settings);
  return reasons.length === 0 ? approve(ctx, row) : hold(ctx, row, reasons, row.reviewDueAt);
}

/** Paid (or cash on delivery): the order waits for review, which runs at once. */
async function enterReview(ctx: Ctx, row: OrderRow, action: 'pay' | 'confirm_cod', patch: repo.OrderPatch): Promise<OrderRow> {
  const reviewDueAt = minutesFromNow(ctx, await readSetting(ctx, reviewSlaSetting));
  const awaiting = await transition(ctx, row, action, { ...patch, reviewDueAt }, { paidAmount: patch.paidAmount ?? row.paidAmount });
  return autoReview(ctx, awaiting);
}

async function applyPayment(ctx: Ctx, row: OrderRow, payment: PaymentInput): Promise<OrderRow> {
  nextStatus(statusOf(row), 'pay'); // only an order awaiting payment takes one
  const due = row.total - row.paidAmount;
  if (payment.amount > due) {
    throw unprocessable('overpayment', `付款金额 ${payment.amount} 分超过待付金额 ${due} 分`, [{ path: 'amount', message: `最多 ${due}` }]);
  }
  const paidAt = payment.paidAt ? new Date(payment.paidAt) : ctx.clock.now();
  await repo.insertPayment(ctx, { orderId: row.id, amount: payment.amount, method: payment.method, transactionNo: payment.transactionNo ?? null, paidAt, actorId: ctx.actor.id });
  const paidAmount = row.paidAmount + payment.amount;
  const patch = { paidAmount, paymentMethod: row.paymentMethod ?? payment.method };
  if (paidAmount < row.total) {
    const partial = await repo.updateOrder(ctx, row.id, { ...patch, updatedAt: ctx.clock.now() });
    await recordEvent(ctx, { action: 'order.payment', entityType: 'order', entityId: row.id, before: { paidAmount: row.paidAmount }, after: { paidAmount, amount: payment.amount, method: payment.method } });
    return partial;
  }
  return enterReview(ctx, row, 'pay', { ...patch, paidAt });
}

export async function recordPayment(ctx: Ctx, id: number, payment: PaymentInput): Promise<OrderDetail> {
  return toDetail(ctx, await applyPayment(ctx, await requireOrder(ctx, id, { lock: true }), payment), false);
}

/** A green flag marks a suspected fake or fraudulent order: it is never let through to shipping. */
const greenFlagRefusal = (row: OrderRow, action: string) =>
  conflict('green_flag', `订单 ${row.orderNo} 标记为绿旗（疑似虚假/欺诈订单），不能${action}；请取消订单或先改为其他旗色`, [{ path: 'flag', message: 'green' }]);

/** Closed means no money left with the shop: unpaid, or paid and fully refunded. */
const holdsBuyerMoney = (row: OrderRow) => row.paidAmount > row.refundedAmount;

/** Once goods have left, only a full refund ends the order: a COD or free order that shipped is a sale. */
const SHIPPED_STATUSES: readonly OrderStatus[] = ['shipped', 'delivered', 'completed'];

/**
 * The business rule that forbids `action` on this order although its state allows it (409), or
 * null. The actions check it before moving, and the detail's `actions` leave out what it forbids.
 */
function ruleRefusal(row: OrderRow, action: OrderAction): AppError | null {
  switch (action) {
    case 'approve':
      if (row.flag === 'green') return greenFlagRefusal(row, '审核通过');
      // Held after approval: it was approved once (and the buyer told); it goes back by release.
      if (row.status === 'on_hold' && row.heldFromStatus !== 'awaiting_review') {
        return conflict('not_a_review_hold', `订单 ${row.orderNo} 是审核通过后挂起的，请使用"解除挂起"`, [{ path: 'heldFromStatus', message: String(row.heldFromStatus) }]);
      }
      return null;
    case 'release':
      return row.flag === 'green' ? greenFlagRefusal(row, '解除挂起') : null;
    case 'start_fulfillment':
    case 'ship':
      return row.flag === 'green' ? greenFlagRefusal(row, '发货') : null;
    case 'close': {
      const owed = row.paidAmount - row.refundedAmount;
      if (holdsBuyerMoney(row)) return conflict('refund_required', `订单 ${row.orderNo} 还有 ${owed} 分已付款未退，退款后才能关闭`, [{ path: 'paidAmount', message: String(owed) }]);
      if (SHIPPED_STATUSES.includes(statusOf(row)) && row.paidAmount === 0) {
        return conflict('not_refunded', `订单 ${row.orderNo} 已发货，只有全额退款后才能关闭`, [{ path: 'status', message: row.status }]);
      }
      return null;
    }
    default:
      return null;
  }
}

/** The state `action` leads to, or the 409 that refuses it: the transition table first, then the rules. */
function assertCan(row: OrderRow, action: OrderAction, target?: OrderStatus): OrderStatus {
  const status = nextStatus(statusOf(row), action, target);
  const refusal = ruleRefusal(row, action);
  if (refusal) throw refusal;
  return status;
}

/**
 * Who may do `action` beyond the route's permission (403), or null. A hold is lifted by whoever may
 * review orders, or by a role that placed it: the warehouse cannot lift the hold customer service
 * placed for an address change, and a risk hold waits for a reviewer.
 */
function actorRefusal(actor: Actor, row: OrderRow, action: OrderAction): AppError | null {
  if (action !== 'release' || actor.permissions.has('orders.review')) return null;
  const reasons = row.holdReasons as HoldReason[];
  const placers = [...new Set(reasons.flatMap((r) => (r.rule === 'manual' ? (r.heldByRoles ?? []) : [])))];
  const placedByActor = reasons.length > 0 && reasons.every((r) => r.rule === 'manual' && r.heldByRoles?.some((role) => actor.roles.includes(role)));
  if (placedByActor) return null;
  const by = placers.map((role) => ROLE_LABELS[role as Role] ?? role).join('、');
  return forbidden('orders.review', by ? `这个订单由${by}挂起，只有审单人员或${by}可以解除挂起` : '这个订单因风控规则挂起，只有审单人员可以解除挂起');
}

/** What this staff member can do to the order now: allowed by its state, by the rules and by their permissions. */
const availableActions = (ctx: Ctx, row: OrderRow): StaffAction[] =>
  STAFF_ACTIONS.filter(
    (action) =>
      ctx.actor.permissions.has(STAFF_ACTION_PERMISSIONS[action]) && canTransition(statusOf(row), action) && !ruleRefusal(row, action) && !actorRefusal(ctx.actor, row, action),
  );

async function approveById(ctx: Ctx, id: number): Promise<OrderRow> {
  const row = await requireOrder(ctx, id, { lock: true });
  assertCan(row, 'approve');
  return approve(ctx, row);
}

export async function approveOrder(ctx: Ctx, id: number): Promise<OrderDetail> {
  return toDetail(ctx, await approveById(ctx, id), false);
}

/**
 * Approves each order on its own savepoint: one that cannot be approved (wrong state, green flag)
 * is reported and the others still go through.
 */
export async function approveOrders(ctx: Ctx, ids: number[]): Promise<BulkApproveResult[]> {
  const results: BulkApproveResult[] = [];
  for (const id of new Set(ids)) {
    try {
      const row = await ctx.db.transaction((tx) => approveById({ ...ctx, db: tx }, id));
      results.push({ id, ok: true, status: statusOf(row), error: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, ok: false, status: null, error: { code: err.code, message: err.message } });
    }
  }
  return results;
}

export async function holdOrder(ctx: Ctx, id: number, reason: string): Promise<OrderDetail> {
  const row = await requireOrder(ctx, id, { lock: true });
  const reviewDueAt = row.status === 'awaiting_review' ? row.reviewDueAt : null;
  return toDetail(ctx, await hold(ctx, row, [{ rule: 'manual', message: reason, heldByRoles: [...ctx.actor.roles] }], reviewDueAt), false);
}

export async function releaseOrder(ctx: Ctx, id: number): Promise<OrderDetail> {
  const row = await requireOrder(ctx, id, { lock: true });
  const back = row.heldFromStatus && isOrderStatus(row.heldFromStatus) ? row.heldFromStatus : undefined;
  assertCan(row, 'release', back);
  const refusal = actorRefusal(ctx.actor, row, 'release');
  if (refusal) throw refusal;
  const released = await transition(ctx, row, 'release', { heldFromStatus: null, ...(back !== 'awaiting_review' && { reviewDueAt: null }) }, {}, back);
  return toDetail(ctx, released, false);
}

/** Cancels (reject in review included) and gives the reserved stock back. */
export async function cancelOrder(ctx: Ctx, id: number, reason: string): Promise<OrderDetail> {
  const row = await requireOrder(ctx, id, { lock: true });
  const now = ctx.clock.now();
  const cancelled = await transition(ctx, row, 'cancel', { cancelledAt: now, closeReason: reason, reviewDueAt: null }, { reason, paidAmount: row.paidAmount });
  await releaseForOrder(ctx, row.id, `订单取消：${reason}`);
  if (row.status === 'pending_payment' && row.paidAmount === 0) await registerUnpaid(ctx, row, now, reason);
  // The buyer's money is still with the shop: the refund is owed, and after-sales picks it up from here.
  const owed = row.paidAmount - row.refundedAmount;
  if (owed > 0) await enqueue(ctx, 'refund.due', { orderId: row.id, orderNo: row.orderNo, shopId: row.shopId, amount: owed, reason });
  return toDetail(ctx, cancelled, false);
}

/** Closes an unpaid order (timeout or by hand) into the unpaid register, releasing its stock. */
export async function closeOrder(ctx: Ctx, id: number, reason: string): Promise<OrderDetail> {
  return toDetail(ctx, await closeRow(ctx, await requireOrder(ctx, id, { lock: true }), reason), false);
}

async function closeRow(ctx: Ctx, row: OrderRow, reason: string): Promise<OrderRow> {
  assertCan(row, 'close');
  const shipped = SHIPPED_STATUSES.includes(statusOf(row));
  const now = ctx.clock.now();
  const closed = await transition(ctx, row, 'close', { closedAt: now, closeReason: reason, reviewDueAt: null }, { reason });
  // Shipped goods were taken from the ledger at shipment; only unshipped orders hold a reservation.
  if (!shipped) await releaseForOrder(ctx, row.id, `订单关闭：${reason}`);
  if (row.status === 'pending_payment') await registerUnpaid(ctx, row, now, reason);
  return closed;
}

/** 未付款明细表: an order that ended without being paid, with the reason when known. */
function registerUnpaid(ctx: Ctx, row: OrderRow, at: Date, reason: string): Promise<void> {
  return repo.insertUnpaidRegister(ctx, { orderId: row.id, shopId: row.shopId, orderNo: row.orderNo, buyerNick: row.buyerNick, total: row.total, orderCreatedAt: row.createdAt, closedAt: at, reason });
}

/** Used by the unpaid sweep: closes the order if it is still unpaid when locked. */
export async function closeIfStillUnpaid(ctx: Ctx, id: number, reason: string): Promise<boolean> {
  const row = await requireOrder(ctx, id, { lock: true });
  // A part-paid order needs a person to refund it first; the sweep leaves it alone.
  if (row.status !== 'pending_payment' || holdsBuyerMoney(row)) return false;
  await closeRow(ctx, row, reason);
  return true;
}

// ---- fulfillment (used by the fulfillment module; no routes here) ----

export type FulfillmentAction = Extract<OrderAction, 'start_fulfillment' | 'ship' | 'deliver' | 'complete'>;

/** Moves an order through picking, shipping, delivery and completion; a green-flagged order never ships. */
export async function advanceOrder(ctx: Ctx, id: number, action: FulfillmentAction): Promise<OrderSummary> {
  const row = await requireOrder(ctx, id, { lock: true });
  assertCan(row, action);
  const moved = await transition(ctx, row, action);
  // The parcel leaves the warehouse: its reserved units come off on hand in the same transaction.
  if (action === 'ship') await consumeForOrder(ctx, row.id);
  return toSummary(ctx, moved);
}

// ---- remarks ----

/**
 * A seller remark (备注) with its flag; the order takes the latest flag. A green flag puts the
 * order on hold where a hold is possible (an unpaid order is held by review once paid).
 */
export async function addRemark(ctx: Ctx, id: number, input: RemarkInput): Promise<OrderDetail> {
  const row = await requireOrder(ctx, id, { lock: true });
  if (row.flag === 'green' && input.flag !== 'green' && !can(ctx.actor, 'orders.review')) {
    throw forbidden('orders.review', '只有审单人员可以撤销绿旗（疑似虚假订单）');
  }
  const now = ctx.clock.now();
  const remark = await repo.insertRemark(ctx, { orderId: id, authorId: ctx.actor.id, authorName: ctx.actor.name, content: input.content, flag: input.flag, promiseDate: input.promiseDate ?? null, createdAt: now });
  let updated = await repo.updateOrder(ctx, id, { flag: input.flag, updatedAt: now });
  await recordEvent(ctx, { action: 'order.remark', entityType: 'order', entityId: id, before: { flag: row.flag }, after: { flag: input.flag, remarkId: remark.id, content: input.content, promiseDate: remark.promiseDate } });
  if (input.flag === 'green') updated = await holdForGreenFlag(ctx, updated);
  return toDetail(ctx, updated, false);
}

async function holdForGreenFlag(ctx: Ctx, row: OrderRow): Promise<OrderRow> {
  const reason: HoldReason = { rule: 'green_flag', message: '绿旗：疑似虚假或欺诈订单，禁止发货' };
  if (canTransition(statusOf(row), 'hold')) return hold(ctx, row, [reason], row.status === 'awaiting_review' ? row.reviewDueAt : null);
  const reasons = row.holdReasons as HoldReason[];
  if (row.status !== 'on_hold' || reasons.some((r) => r.rule === reason.rule)) return row;
  return repo.updateOrder(ctx, row.id, { holdReasons: [...reasons, reason], updatedAt: ctx.clock.now() });
}

// ---- intake ----

/** The active shop and the ordered SKUs, read together. */
async function intakeCatalog(ctx: Ctx, input: CreateOrderInput): Promise<{ shop: Shop; skus: Map<string, SkuRef> }> {
  const { shop, skus } = await findShopAndSkus(ctx, input.shopCode, input.items.map((i) => i.skuCode));
  if (!shop || !shop.active) throw unprocessable('unknown_shop', `店铺 ${input.shopCode} 不存在或已停用`, [{ path: 'shopCode', message: input.shopCode }]);
  return { shop, skus };
}

function skuProblems(input: CreateOrderInput, skus: Map<string, SkuRef>): Problem[] {
  return input.items.flatMap((item, i): Problem[] => {
    const sku = skus.get(item.skuCode);
    if (!sku) return [{ code: 'unknown_sku', path: `items.${i}.skuCode`, message: `商品编码 ${item.skuCode} 不存在` }];
    // A sold-out SKU delists itself; ordering it is a stock problem (409 at reservation), not a listing one.
    if (sku.listingStatus !== 'on_sale' && sku.listingPinned) return [{ code: 'sku_not_on_sale', path: `items.${i}.skuCode`, message: `商品 ${item.skuCode}（${sku.productName}）已下架` }];
    return [];
  });
}

/**
 * An order for a sold-out SKU (delisted by stock, not pinned) fails with 409 after one availability
 * read, before anything is written: flash-sale buyers who come after the last unit cost little, and
 * their orders draw no order number. If stock arrived meanwhile, intake goes on to reserve it.
 */
async function refuseSoldOut(ctx: Ctx, shop: Shop, input: CreateOrderInput, skus: Map<string, SkuRef>, lines: repo.NewItem[]): Promise<void> {
  if (input.items.every((item) => skus.get(item.skuCode)!.listingStatus === 'on_sale')) return;
  await assertCanServe(ctx, { preferredWarehouseId: shop.defaultWarehouseId, lines: reservationLines(lines) });
}

interface ValidIntake {
  contact: Contact;
  amounts: ReturnType<typeof computeAmounts>['amounts'];
}

/**
 * Every business check of an order at intake (buyer, address, lines, amounts) at once, so the
 * caller sees all problems together (422).
 * A platform order's phone and address are taken as given (addressIntake.ts); staff entries are checked.
 */
function validateIntake(input: CreateOrderInput, skus: Map<string, SkuRef>): ValidIntake {
  const { contact, problems } = readContact(input, input.platformOrderId !== undefined);
  problems.push(...skuProblems(input, skus));
  const { amounts, problems: amountProblems } = computeAmounts(input);
  problems.push(...amountProblems);
  const first = problems[0];
  if (first || !contact) {
    throw unprocessable(first?.code ?? 'invalid_order', problems.map((p) => p.message).join('；'), problems.map(({ path, message }) => ({ path, message })));
  }
  return { contact, amounts };
}

export interface CreateResult {
  order: OrderDetail;
  /** The shop already had this platform order id: the existing order, nothing reserved again. */
  replayed: boolean;
}

/** The order row as intake writes it: personal fields encrypted (name and phone as the customer stores them), phone and address blind-indexed. */
function newOrderValues(ctx: Ctx, shop: Shop, input: CreateOrderInput, valid: ValidIntake, customer: CustomerMatch, now: Date): Omit<repo.NewOrder, 'orderNo' | 'customerId'> {
  const { contact, amounts } = valid;
  const addressIndex = addressIndexText(contact, input.address.detail);
  return {
    shopId: shop.id,
    platformOrderId: input.platformOrderId ?? null,
    status: 'pending_payment',
    buyerNick: input.buyer.nick ?? null,
    buyerNameEnc: customer.nameEnc,
    buyerPhoneEnc: customer.phoneEnc,
    buyerPhoneIndex: customer.phoneIndex,
    buyerIp: input.buyerIp ?? null,
    ...contactColumns(contact),
    addressDetailEnc: ctx.pii.encrypt(input.address.detail),
    addressIndex: addressIndex === null ? null : ctx.pii.blindIndex(addressIndex),
    postalCode: input.address.postalCode || null,
    itemsTotal: amounts.itemsTotal,
    shippingFee: input.shippingFee,
    discount: input.discount,
    total: amounts.total,
    paymentMethod: input.paymentMethod ?? input.payment?.method ?? null,
    buyerMessage: input.buyerMessage || null,
    warehouseId: shop.defaultWarehouseId,
    createdAt: now,
    updatedAt: now,
  };
}

function itemRows(input: CreateOrderInput, skus: Map<string, SkuRef>, lineTotals: number[]): repo.NewItem[] {
  return input.items.map((item, i) => {
    const sku = skus.get(item.skuCode)!;
    return { skuId: sku.id, skuCode: sku.code, productName: sku.productName, spec: sku.spec, quantity: item.quantity, unitPrice: item.unitPrice, lineTotal: lineTotals[i]! };
  });
}

/** What order.create records; the order number is added where it is drawn. */
const createdAfter = (shop: Shop, values: { status: string; platformOrderId?: string | null; total: number }, warehouseId: number | null) => ({
  status: values.status,
  shopCode: shop.code,
  platformOrderId: values.platformOrderId ?? null,
  total: values.total,
  warehouseId,
});

/**
 * One statement writes the buyer's customer, the order and its lines, the stock reservation in the
 * shop's warehouse and, when that reservation succeeded, the order.create event.
 */
async function writeIntake(ctx: Ctx, shop: Shop, input: CreateOrderInput, valid: ValidIntake, lines: repo.NewItem[]): Promise<repo.IntakeWritten> {
  const now = ctx.clock.now();
  const buyer = buyerIdentity(shop.id, input, valid.contact);
  const customer = customerMatchSql(ctx, buyer, repo.noOrderYetSql(shop.id, input.platformOrderId ?? null));
  await serializePhoneMatch(ctx, buyer, customer);
  const values = newOrderValues(ctx, shop, input, valid, customer, now);
  const reservation = { preferredWarehouseId: shop.defaultWarehouseId, lines: reservationLines(lines) };
  return repo.insertIntake(ctx, values, orderNoPrefix(now, shop.timezone), lines, {
    customer: customer.sql,
    reserve: (orderRows) => reservePreferredSql(ctx, orderRows, reservation),
    createdEvent: (orderRows, orderNo) =>
      eventPerRowSql(ctx, { action: 'order.create', entityType: 'order', after: createdAfter(shop, values, shop.defaultWarehouseId) }, orderRows, 'id', orderNo),
  });
}

const reservationLines = (lines: Pick<repo.NewItem, 'skuId' | 'skuCode' | 'quantity'>[]) => lines.map(({ skuId, skuCode, quantity }) => ({ skuId, skuCode, quantity }));

const replayOf = async (ctx: Ctx, existing: OrderRow): Promise<CreateResult> => ({ order: await toDetail(ctx, existing, false), replayed: true });

const replayById = async (ctx: Ctx, id: number): Promise<CreateResult> => replayOf(ctx, (await repo.findOrder(ctx, id))!);

export async function createOrder(ctx: Ctx, input: CreateOrderInput): Promise<CreateResult> {
  const { shop, skus } = await intakeCatalog(ctx, input);
  let valid: ValidIntake;
  let lines: repo.NewItem[];
  try {
    valid = validateIntake(input, skus);
    lines = itemRows(input, skus, valid.amounts.lineTotals);
    await refuseSoldOut(ctx, shop, input, skus, lines);
  } catch (err) {
    // A replayed platform order answers with the order as taken, whatever changed in the catalog since.
    const known = err instanceof AppError && input.platformOrderId ? await repo.findByPlatformOrderId(ctx, shop.id, input.platformOrderId) : undefined;
    if (known) return replayOf(ctx, known);
    throw err;
  }
  const written = await writeIntake(ctx, shop, input, valid, lines);
  if (written.existingId !== null) return replayById(ctx, written.existingId);
  // Nothing written: a concurrent request inserted the same buyer's customer or the same platform
  // order id first, and has committed now. What this transaction wrote (the customer) rolls back,
  // and the intake runs again, finding theirs.
  if (!written.order) throw new RetryInNewTransaction(conflict('duplicate_order', '订单重复提交，请重试'));

  const { order: row, items } = written;
  const request = { orderId: row.id, preferredWarehouseId: shop.defaultWarehouseId, lines: reservationLines(items) };
  const { warehouseId } = await completeReservation(ctx, request, written.reserved);
  const reserved = warehouseId === row.warehouseId ? row : await repo.updateOrder(ctx, row.id, { warehouseId });
  const createdEvent = written.createdEvent
    ? timelineEventOf(written.createdEvent)
    : await recordEvent(ctx, { action: 'order.create', entityType: 'order', entityId: row.id, after: { orderNo: row.orderNo, ...createdAfter(shop, row, warehouseId) } });
  const settled = await settleAtIntake(ctx, reserved, input);
  // An order left unpaid has exactly the one event just written; payment and review add their own.
  const events = settled === reserved ? [createdEvent] : undefined;
  return { order: await toDetail(ctx, settled, false, { shop, items, isNew: true, events }), replayed: false };
}

/** Platform orders often arrive paid, cash on delivery needs no payment, and a free order is paid. */
async function settleAtIntake(ctx: Ctx, row: OrderRow, input: CreateOrderInput): Promise<OrderRow> {
  if (input.payment) return applyPayment(ctx, row, input.payment);
  if (row.paymentMethod === 'cod') return enterReview(ctx, row, 'confirm_cod', {});
  if (row.total === 0) return enterReview(ctx, row, 'pay', { paidAt: ctx.clock.now() });
  return row;
}

// ---- workbench counts ----

/** Orders waiting for a person past their review deadline. */
export const countReviewOverdue = (ctx: Ctx): Promise<number> => repo.countReviewOverdue(ctx, ctx.clock.now());

/** Unpaid orders old enough for a payment reminder (催付), for CS to follow up. */
export async function countUnpaidToRemind(ctx: Ctx): Promise<number> {
  const first = Math.min(...(await readSetting(ctx, unpaidRemindersSetting)));
  if (!Number.isFinite(first)) return 0;
  return repo.countUnpaidCreatedBefore(ctx, new Date(ctx.clock.now().getTime() - first * MINUTE));
}

/** Sends one unpaid reminder through the outbox, once per order and kind; false when nothing was sent. */
export async function sendUnpaidReminder(ctx: Ctx, id: number, kind: string): Promise<boolean> {
  const row = await requireOrder(ctx, id, { lock: true });
  if (row.status !== 'pending_payment' || !(await repo.claimReminder(ctx, id, kind, ctx.clock.now()))) return false;
  const shop = await getShop(ctx, row.shopId);
  const closesAt = new Date(row.createdAt.getTime() + (await readSetting(ctx, unpaidCloseSetting)) * MINUTE);
  await enqueue(ctx, 'customer.notify', {
    kind: 'unpaid_reminder',
    reminder: kind,
    orderId: row.id,
    orderNo: row.orderNo,
    shopId: row.shopId,
    customerId: row.customerId,
    message: `您的订单 ${row.orderNo} 还未付款，${localDateTime(closesAt, shop.timezone)} 前未付款将自动关闭`,
  });
  await recordEvent(ctx, { action: 'order.remind', entityType: 'order', entityId: id, after: { reminder: kind } });
  return true;
}
