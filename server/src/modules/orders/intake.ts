import { eventPerRowSql, recordEvent, timelineEventOf } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, conflict, RetryInNewTransaction, unprocessable } from '../../platform/errors';
import { findShopAndSkus, type Shop, type SkuRef } from '../catalog';
import { customerMatchSql, serializePhoneMatch } from '../customers';
import { assertCanServe, completeReservation, reservePreferredSql } from '../inventory';
import { buyerIdentity, readContact, receiverColumns, type Contact } from './addressIntake';
import { toDetail } from './detail';
import type { CreateOrderInput, OrderDetail } from './model';
import * as repo from './repository';
import { nickPiecesOf } from './searchTerms';
import { applyPayment, enterReview } from './review';
import { computeAmounts, orderNoPrefix, type Problem } from './rules';

/**
 * Intake: an order taken by staff or from a platform, checked all at once, written with its buyer,
 * lines, stock reservation and first event in one statement, then paid or reviewed when it came so.
 */

type OrderRow = repo.OrderRow;

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

/** The order row as intake writes it: the receiver through `receiverColumns` (encrypted, blind-indexed). */
function newOrderValues(ctx: Ctx, shop: Shop, input: CreateOrderInput, valid: ValidIntake, now: Date): Omit<repo.NewOrder, 'orderNo' | 'customerId'> {
  const { contact, amounts } = valid;
  return {
    shopId: shop.id,
    platformOrderId: input.platformOrderId ?? null,
    status: 'pending_payment',
    buyerNick: input.buyer.nick ?? null,
    buyerNickPieces: nickPiecesOf(input.buyer.nick ?? null, now),
    buyerIp: input.buyerIp ?? null,
    ...receiverColumns(ctx.pii, contact, { name: input.buyer.name, ...input.address }),
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
  const values = newOrderValues(ctx, shop, input, valid, now);
  const reservation = { preferredWarehouseId: shop.defaultWarehouseId, lines: reservationLines(lines) };
  return repo.insertIntake(ctx, values, orderNoPrefix(now, shop.timezone), lines, {
    customer: customer.sql,
    reserve: (lineRows) => reservePreferredSql(ctx, lineRows, reservation),
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
  const request = { orderId: row.id, preferredWarehouseId: shop.defaultWarehouseId, lines: items.map(({ id, skuId, skuCode, quantity }) => ({ lineId: id, skuId, skuCode, quantity })) };
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
