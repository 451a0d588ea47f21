import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, boolean, check, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Order-scoped tables lead their indexes with shop_id so they can be distributed by shop later. */
export const orders = pgTable(
  'orders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    shopId: integer('shop_id').notNull(),
    orderNo: text('order_no').notNull(),
    platformOrderId: text('platform_order_id'),
    status: text('status').notNull(),
    /** The state an on_hold order returns to on release. */
    heldFromStatus: text('held_from_status'),
    /** Risk rules that fired at review: [{ rule, message }]. */
    holdReasons: jsonb('hold_reasons').notNull().default(sql`'[]'::jsonb`),
    reviewDueAt: at('review_due_at'),
    /** The promise to the buyer: shipped by then (set when paid, or confirmed cash on delivery). */
    shipBy: at('ship_by'),
    customerId: integer('customer_id'),
    buyerNick: text('buyer_nick'),
    buyerNameEnc: text('buyer_name_enc'),
    buyerPhoneEnc: text('buyer_phone_enc'),
    /** Set for a mainland mobile only: privacy numbers are pooled and masked ones shared, so they identify no buyer. */
    buyerPhoneIndex: text('buyer_phone_index'),
    /** mobile | privacy | masked | landline | unrecognised (see addressIntake.ts). */
    buyerPhoneKind: text('buyer_phone_kind').notNull().default('mobile'),
    /** Blind index of `tail:` + the phone's last 4 digits (a mobile, landline or masked phone), for the search box; null for privacy numbers. */
    buyerPhoneTailIndex: text('buyer_phone_tail_index'),
    /** Blind index of the receiver's name without spaces, for the search box. */
    buyerNameIndex: text('buyer_name_index'),
    /** The nick's distinct lower-cased 2-character pieces (searchTerms.ts nickPieces): a GIN index finds the orders whose nick holds a search text's pieces. */
    buyerNickPieces: text('buyer_nick_pieces').array(),
    /** False for rows written before the three search columns above, until the backfill job (searchBackfill.ts) fills them. */
    searchIndexed: boolean('search_indexed').notNull().default(true),
    buyerIp: text('buyer_ip'),
    /** The division stored: current names, or as written as far as an unresolved platform address goes. */
    province: text('province').notNull(),
    city: text('city').notNull(),
    district: text('district').notNull(),
    /** Division code (GB/T 2260) of the district, or of a development zone in the statistical codes; null when unresolved. */
    divisionCode: text('division_code'),
    /** exact | successor (written with a revoked or renamed division) | zone | unresolved. */
    divisionMatch: text('division_match').notNull().default('exact'),
    /** The province, city and district as the buyer wrote them, when the division stored is not simply their spelling. */
    writtenProvince: text('written_province'),
    writtenCity: text('written_city'),
    writtenDistrict: text('written_district'),
    /** Why a person must check the address before it ships (the 地址需核对 hold), or null. */
    addressReview: text('address_review'),
    addressDetailEnc: text('address_detail_enc').notNull(),
    /** The street address came masked from the platform ("****"). */
    addressMasked: boolean('address_masked').notNull().default(false),
    /** Blind index of the full normalised address, for the duplicate-address risk rule; null for a masked one. */
    addressIndex: text('address_index'),
    postalCode: text('postal_code'),
    itemsTotal: integer('items_total').notNull(),
    shippingFee: integer('shipping_fee').notNull().default(0),
    discount: integer('discount').notNull().default(0),
    total: integer('total').notNull(),
    paidAmount: integer('paid_amount').notNull().default(0),
    refundedAmount: integer('refunded_amount').notNull().default(0),
    paymentMethod: text('payment_method'),
    buyerMessage: text('buyer_message'),
    /** Flag of the latest remark: grey | red | green | yellow | blue | purple. */
    flag: text('flag'),
    warehouseId: integer('warehouse_id'),
    closeReason: text('close_reason'),
    createdAt: at('created_at').notNull(),
    paidAt: at('paid_at'),
    approvedAt: at('approved_at'),
    cancelledAt: at('cancelled_at'),
    closedAt: at('closed_at'),
    /** When the carrier delivered it (签收): the after-sales window and the delivery timers count from it. */
    deliveredAt: at('delivered_at'),
    completedAt: at('completed_at'),
    /** The merge group (合单) it ships in, one parcel for all its orders; null when it ships alone. */
    mergeId: bigint('merge_id', { mode: 'number' }).references((): AnyPgColumn => shipmentMerges.id),
    /** A reissue order (补发单, 0 元, for an after-sales case): the order whose goods it sends again; null for an ordinary order. */
    reissueOf: bigint('reissue_of', { mode: 'number' }).references((): AnyPgColumn => orders.id),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('orders_order_no_uq').on(t.orderNo),
    uniqueIndex('orders_shop_platform_id_uq').on(t.shopId, t.platformOrderId).where(sql`platform_order_id IS NOT NULL`),
    index('orders_shop_status_created_idx').on(t.shopId, t.status, t.createdAt),
    index('orders_status_created_idx').on(t.status, t.createdAt),
    index('orders_created_idx').on(t.createdAt),
    index('orders_phone_idx').on(t.buyerPhoneIndex),
    index('orders_nick_idx').on(t.buyerNick),
    // the search box: phone tail, receiver name, an order number's tail, part of a nick
    index('orders_phone_tail_idx').on(t.buyerPhoneTailIndex),
    // by name, newest first: a search's first page reads a common name's newest orders, not all of them
    index('orders_name_idx').on(t.buyerNameIndex, t.createdAt),
    index('orders_order_no_tail_idx').on(sql`reverse(${t.orderNo}) text_pattern_ops`),
    index('orders_nick_pieces_idx').using('gin', t.buyerNickPieces),
    index('orders_search_backfill_idx').on(t.id).where(sql`NOT search_indexed`),
    index('orders_platform_id_idx').on(t.platformOrderId),
    index('orders_address_idx').on(t.addressIndex),
    index('orders_buyer_ip_idx').on(t.buyerIp, t.createdAt),
    // Flags sit on a few percent of orders: a partial index keeps "flag + date range" lists fast.
    index('orders_flag_created_idx').on(t.flag, t.createdAt).where(sql`flag IS NOT NULL`),
    // what a wave draws from: a warehouse's approved orders, the most urgent promise first
    index('orders_delivered_idx').on(t.deliveredAt).where(sql`status = 'delivered'`),
    index('orders_to_wave_idx').on(t.warehouseId, t.shipBy, t.id).where(sql`status = 'awaiting_fulfillment'`),
    index('orders_merge_idx').on(t.mergeId).where(sql`merge_id IS NOT NULL`),
    index('orders_reissue_of_idx').on(t.reissueOf).where(sql`reissue_of IS NOT NULL`),
    check('orders_reissue_free', sql`${t.reissueOf} IS NULL OR (${t.total} = 0 AND ${t.platformOrderId} IS NULL)`),
    check(
      'orders_amounts_consistent',
      sql`${t.itemsTotal} >= 0 AND ${t.shippingFee} >= 0 AND ${t.discount} >= 0 AND ${t.total} = ${t.itemsTotal} + ${t.shippingFee} - ${t.discount} AND ${t.total} >= 0`,
    ),
    check('orders_refund_le_paid', sql`${t.refundedAmount} >= 0 AND ${t.refundedAmount} <= ${t.paidAmount}`),
    check(
      'orders_phone_kind',
      sql`${t.buyerPhoneKind} IN ('mobile', 'privacy', 'masked', 'landline', 'unrecognised') AND (${t.buyerPhoneKind} = 'mobile') = (${t.buyerPhoneIndex} IS NOT NULL)`,
    ),
    check(
      'orders_division_match',
      sql`${t.divisionMatch} IN ('exact', 'successor', 'zone', 'unresolved') AND (${t.divisionCode} IS NULL) = (${t.divisionMatch} = 'unresolved') AND (${t.writtenDistrict} IS NULL) = (${t.divisionMatch} = 'exact')`,
    ),
    check('orders_address_index', sql`${t.addressMasked} = (${t.addressIndex} IS NULL)`),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => orders.id),
    skuId: integer('sku_id').notNull(),
    skuCode: text('sku_code').notNull(),
    productName: text('product_name').notNull(),
    spec: text('spec').notNull().default(''),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
    lineTotal: integer('line_total').notNull(),
    /**
     * Units taken off the order before it was waved (仅退款 of some lines, aftersales): their stock
     * released, fulfillment picks and packs only quantity − cancelled_quantity. The line's money stays as sold.
     */
    cancelledQuantity: integer('cancelled_quantity').notNull().default(0),
    /**
     * The order's created_at, copied so "orders with SKU X in a date range" is answered from the
     * lines' own index. Filled by the intake; a trigger copies it (and order_total) for any other writer.
     */
    orderCreatedAt: at('order_created_at').notNull(),
    /**
     * The order's total (fixed at intake), copied for the same reason: a list of one SKU's orders
     * sorted by total walks the lines' (sku, total) index instead of sorting every order with the SKU.
     */
    orderTotal: integer('order_total').notNull(),
  },
  (t) => [
    index('order_items_order_idx').on(t.orderId),
    index('order_items_sku_idx').on(t.skuId, t.orderId),
    index('order_items_sku_created_idx').on(t.skuId, t.orderCreatedAt, t.orderId),
    index('order_items_sku_total_idx').on(t.skuId, t.orderTotal, t.orderId),
    check('order_items_amounts', sql`${t.quantity} > 0 AND ${t.unitPrice} >= 0 AND ${t.lineTotal} = ${t.quantity} * ${t.unitPrice}`),
    check('order_items_cancelled', sql`${t.cancelledQuantity} BETWEEN 0 AND ${t.quantity}`),
  ],
);

export const orderPayments = pgTable(
  'order_payments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => orders.id),
    amount: integer('amount').notNull(),
    method: text('method').notNull(),
    transactionNo: text('transaction_no'),
    paidAt: at('paid_at').notNull(),
    actorId: integer('actor_id'),
  },
  (t) => [index('order_payments_order_idx').on(t.orderId), check('order_payments_amount_pos', sql`${t.amount} > 0`)],
);

/** Seller remarks (备注) with a flag colour, written as "CS · request or promise · date". */
export const orderRemarks = pgTable(
  'order_remarks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => orders.id),
    authorId: integer('author_id'),
    authorName: text('author_name').notNull(),
    content: text('content').notNull(),
    flag: text('flag').notNull(),
    promiseDate: text('promise_date'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('order_remarks_order_idx').on(t.orderId)],
);

/** Payment reminders already sent, so a sweep never reminds twice. */
export const orderReminders = pgTable(
  'order_reminders',
  {
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    /** e.g. 'unpaid_30m', 'unpaid_12h' */
    kind: text('kind').notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [uniqueIndex('order_reminders_uq').on(t.orderId, t.kind)],
);

/** 未付款明细表: every order that closed unpaid. */
export const unpaidRegister = pgTable(
  'unpaid_register',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' }).notNull().unique(),
    shopId: integer('shop_id').notNull(),
    orderNo: text('order_no').notNull(),
    buyerNick: text('buyer_nick'),
    total: integer('total').notNull(),
    orderCreatedAt: at('order_created_at').notNull(),
    closedAt: at('closed_at').notNull(),
    reason: text('reason'),
  },
  (t) => [index('unpaid_register_shop_closed_idx').on(t.shopId, t.closedAt)],
);

/** Feeds order numbers (SO + date + sequence); a sequence never blocks concurrent intake. */
export const orderNoSeq = pgSequence('order_no_seq', { startWith: 1 });

/**
 * A merge group (合单): unshipped orders of one buyer to one address in one shop and warehouse,
 * packed, weighed and shipped as one parcel. Its orders point to it (`orders.merge_id`); it is
 * dissolved when fewer than two orders are left in it.
 */
export const shipmentMerges = pgTable('shipment_merges', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  shopId: integer('shop_id').notNull(),
  warehouseId: integer('warehouse_id').notNull(),
  createdBy: integer('created_by'),
  createdAt: at('created_at').notNull(),
  dissolvedAt: at('dissolved_at'),
});
