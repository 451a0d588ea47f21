import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * An after-sales case (售后单): one matter of one order — its type, the buyer's reason, the lines
 * it is about, the evidence, and the deadline by which a solution must be proposed (the same shop
 * day). Its moves are `caseStates.ts`; everything done to it is in the audit log.
 */
export const aftersalesCases = pgTable(
  'aftersales_cases',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** "SH" + the shop-local date + a sequence, as staff quote it to the buyer. */
    caseNo: text('case_no').notNull().unique(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    /** The order's shop, kept here so reports by shop day need not read orders (an order never changes shop). */
    shopId: integer('shop_id').notNull(),
    type: text('type').notNull(),
    status: text('status').notNull(),
    reason: text('reason').notNull(),
    /** A 七天无理由 request. */
    noReason: boolean('no_reason').notNull().default(false),
    /** A damage case's minor | severe. */
    severity: text('severity'),
    /** A wrong-item case's barcode (or SKU code) of what the buyer says arrived instead (错货). */
    reportedBarcode: text('reported_barcode'),
    /** The buyer's order carried shipping insurance (运费险): the insurer pays the return shipping. */
    shippingInsurance: boolean('shipping_insurance').notNull().default(false),
    /** When the ledger was corrected for what really left on a wrong-item case found ours; once per case. */
    stockCorrectedAt: at('stock_corrected_at'),
    /** The SKU that left instead of the ordered one, taken off on hand by that correction; a return of it restocks this SKU. */
    sentSkuId: integer('sent_sku_id'),
    /** Photos, PDFs and chat excerpts as `{ fileId?, note? }` (platform's `files`). */
    evidence: jsonb('evidence').notNull(),
    ownerId: integer('owner_id'),
    /** A case the eligibility rules refused, opened by a supervisor for this reason. */
    overrideReason: text('override_reason'),
    overriddenBy: integer('overridden_by'),
    /** When a solution must be proposed: the end of the opening shop day, of the third day for a difficult case. */
    deadline: at('deadline').notNull(),
    /** A difficult case (疑难): three shop days to propose a solution. */
    difficult: boolean('difficult').notNull().default(false),
    /** The last offer made to the buyer (`{ solution, amount, note, at }`). */
    proposal: jsonb('proposal'),
    /** When the case's current step was answered (an offer, a refund); null while its deadline runs. */
    proposedAt: at('proposed_at'),
    /** Handed to a supervisor, by staff or by the overdue sweep. */
    escalatedAt: at('escalated_at'),
    /** When the warehouse signed for the buyer's return: the refund is due within 24 h of it. */
    receivedAt: at('received_at'),
    /** What the return received is worth (settlement.ts): the refund the case then owes. */
    settlement: jsonb('settlement'),
    /** A complaint's category (`COMPLAINT_CATEGORIES`); when closed, whether the fault was ours and whether it was resolved. */
    complaintCategory: text('complaint_category'),
    complaintOurs: boolean('complaint_ours'),
    complaintResolved: boolean('complaint_resolved'),
    /** When customer service apologised to the buyer (a complaint whose fault is ours closes only after it). */
    apologizedAt: at('apologized_at'),
    /** The buyer's return waybill (normalised), told when offered or read off the parcel at receipt: the warehouse finds the case by it. */
    returnTrackingNo: text('return_tracking_no'),
    openedBy: integer('opened_by'),
    openedAt: at('opened_at').notNull(),
    closedAt: at('closed_at'),
  },
  (t) => [
    index('aftersales_cases_order_idx').on(t.orderId),
    index('aftersales_cases_queue_idx').on(t.status, t.deadline),
    index('aftersales_cases_return_tracking_idx').on(t.returnTrackingNo).where(sql`return_tracking_no IS NOT NULL`),
    // 我的售后: a user's cases in the list's order (open ones by deadline, then closed), so a page is a walk, not a sort of all their cases.
    index('aftersales_cases_owner_queue_idx').on(t.ownerId, sql`(status = 'closed')`, t.deadline, t.id),
    index('aftersales_cases_overdue_idx').on(t.deadline).where(sql`status <> 'closed' AND proposed_at IS NULL AND escalated_at IS NULL`),
    check('aftersales_cases_type', sql`${t.type} IN ('return_refund', 'exchange', 'refund_only', 'missing_item', 'wrong_item', 'damaged', 'quality', 'complaint')`),
    check('aftersales_cases_status', sql`${t.status} IN ('open', 'awaiting_approval', 'awaiting_return', 'closed')`),
    check('aftersales_cases_complaint', sql`(${t.type} = 'complaint') = (${t.complaintCategory} IS NOT NULL)`),
    check('aftersales_cases_reported_barcode', sql`${t.reportedBarcode} IS NULL OR ${t.type} = 'wrong_item'`),
    check('aftersales_cases_stock_corrected', sql`(${t.stockCorrectedAt} IS NULL) = (${t.sentSkuId} IS NULL)`),
    check('aftersales_cases_severity', sql`${t.severity} IS NULL OR (${t.type} = 'damaged' AND ${t.severity} IN ('minor', 'severe'))`),
  ],
);

export const caseNoSeq = pgSequence('aftersales_case_no_seq', { startWith: 1 });

/** The order lines a case is about, and how many units of each. */
export const aftersalesCaseLines = pgTable(
  'aftersales_case_lines',
  {
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => aftersalesCases.id),
    orderItemId: bigint('order_item_id', { mode: 'number' }).notNull(),
    skuId: integer('sku_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.orderItemId] }), check('aftersales_case_lines_quantity', sql`${t.quantity} > 0`)],
);

/**
 * The refund ledger: every refund paid out, never changed or removed. Each row adds its amount
 * to `orders.refunded_amount` (a trigger, whoever writes it), whose CHECK keeps what an order
 * refunded within what was paid for it — the database's own guard under concurrent refunds.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => aftersalesCases.id),
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
    /** original: back the way the buyer paid (原路退回). */
    method: text('method').notNull(),
    actorId: integer('actor_id'),
    /** The supervisor whose approval it carried out, for a refund above customer service's authority. */
    approvedBy: integer('approved_by'),
    at: at('at').notNull(),
  },
  (t) => [index('refunds_order_idx').on(t.orderId), index('refunds_case_idx').on(t.caseId), check('refunds_amount', sql`${t.amount} > 0`), check('refunds_method', sql`${t.method} IN ('original')`)],
);

/**
 * A refund asked beyond the asker's authority (客服 500 元 a case by default): it waits for a
 * supervisor, who approves an amount (the refund is then paid) or turns it down. One waits per case.
 */
export const refundRequests = pgTable(
  'refund_requests',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => aftersalesCases.id),
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
    requestedBy: integer('requested_by'),
    requestedAt: at('requested_at').notNull(),
    /** pending | approved | rejected */
    status: text('status').notNull(),
    decidedBy: integer('decided_by'),
    decidedAt: at('decided_at'),
    refundId: bigint('refund_id', { mode: 'number' }).references(() => refunds.id),
  },
  (t) => [
    uniqueIndex('refund_requests_one_pending_uq').on(t.caseId).where(sql`status = 'pending'`),
    check('refund_requests_amount', sql`${t.amount} > 0`),
    check('refund_requests_status', sql`${t.status} IN ('pending', 'approved', 'rejected')`),
    check('refund_requests_approved_paid', sql`(${t.status} = 'approved') = (${t.refundId} IS NOT NULL)`),
  ],
);

/**
 * What came back of a case's lines (退货签收), as the warehouse found it: resellable units went
 * back on hand (ledger `return_restock`), defective ones were written off as they arrived
 * (`return_restock` then `defective`, so the ledger shows both).
 */
export const returnReceipts = pgTable(
  'return_receipts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => aftersalesCases.id),
    orderItemId: bigint('order_item_id', { mode: 'number' }).notNull(),
    skuId: integer('sku_id').notNull(),
    warehouseId: integer('warehouse_id').notNull(),
    quantity: integer('quantity').notNull(),
    /** resellable | defective */
    condition: text('condition').notNull(),
    receivedBy: integer('received_by'),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [
    index('return_receipts_case_idx').on(t.caseId),
    index('return_receipts_received_idx').on(t.receivedAt),
    check('return_receipts_quantity', sql`${t.quantity} > 0`),
    check('return_receipts_condition', sql`${t.condition} IN ('resellable', 'defective')`),
  ],
);

/**
 * The reissue orders (补发单) a case sent: the replacement of an exchange, what was missing or wrong.
 * The order itself is orders' (`orders.reissue_of` names the case's order); this row ties it to the case.
 */
export const aftersalesReships = pgTable(
  'aftersales_reships',
  {
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => aftersalesCases.id),
    orderId: bigint('order_id', { mode: 'number' }).primaryKey(),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('aftersales_reships_case_idx').on(t.caseId)],
);

/**
 * A carrier claim (理赔): what the shop claims back from the carrier for goods damaged or lost in
 * transit, opened on a case (automatically for a severe damage or a return that came back short,
 * or by hand) and tracked to the carrier's answer. Its moves are `claimStates.ts`. One claim of a
 * kind is undecided on a case at a time.
 */
export const carrierClaims = pgTable(
  'carrier_claims',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => aftersalesCases.id),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    /** The shipped parcel that carried the case's goods, its carrier and waybill number at the time. */
    parcelId: bigint('parcel_id', { mode: 'number' }).notNull(),
    carrier: text('carrier').notNull(),
    trackingNo: text('tracking_no').notNull(),
    /** damage | shortfall */
    kind: text('kind').notNull(),
    /** open | submitted | settled | rejected */
    status: text('status').notNull(),
    /** What is claimed, in fen: by default what the buyer paid for the damaged or missing units. */
    claimed: integer('claimed').notNull(),
    /** The units claimed for: `[{ skuCode, quantity }]`. */
    lines: jsonb('lines').notNull(),
    /** What the carrier paid, in fen, once settled. */
    recovered: integer('recovered'),
    /** The carrier's own number for the claim, given when it is submitted. */
    carrierClaimNo: text('carrier_claim_no'),
    /** Opened by the rules (a severe damage, a short return) rather than by hand. */
    automatic: boolean('automatic').notNull(),
    note: text('note'),
    /** What the carrier said when it paid or refused. */
    outcomeNote: text('outcome_note'),
    openedBy: integer('opened_by'),
    openedAt: at('opened_at').notNull(),
    submittedAt: at('submitted_at'),
    decidedAt: at('decided_at'),
  },
  (t) => [
    index('carrier_claims_case_idx').on(t.caseId),
    index('carrier_claims_queue_idx').on(t.status, t.openedAt),
    uniqueIndex('carrier_claims_one_undecided_uq').on(t.caseId, t.kind).where(sql`status IN ('open', 'submitted')`),
    check('carrier_claims_kind', sql`${t.kind} IN ('damage', 'shortfall')`),
    check('carrier_claims_status', sql`${t.status} IN ('open', 'submitted', 'settled', 'rejected')`),
    check('carrier_claims_claimed', sql`${t.claimed} > 0`),
    check('carrier_claims_recovered', sql`(${t.status} = 'settled') = (${t.recovered} IS NOT NULL) AND (${t.recovered} IS NULL OR (${t.recovered} > 0 AND ${t.recovered} <= ${t.claimed}))`),
  ],
);
