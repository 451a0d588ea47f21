import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * What the carrier says happened to a shipped parcel, as it arrived (webhook, CSV import or staff).
 * `occurred_at` is when it happened, not when we heard: delivery timers and staleness count from it.
 * The same event sent twice is kept once.
 */
export const trackingEvents = pgTable(
  'tracking_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    parcelId: bigint('parcel_id', { mode: 'number' }).notNull(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    description: text('description').notNull(),
    location: text('location'),
    occurredAt: at('occurred_at').notNull(),
    receivedAt: at('received_at').notNull(),
    /** webhook | csv | staff */
    source: text('source').notNull(),
  },
  (t) => [
    uniqueIndex('tracking_events_uq').on(t.parcelId, t.occurredAt, t.status, t.description),
    index('tracking_events_order_idx').on(t.orderId),
    check('tracking_events_status', sql`${t.status} IN ('picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'damaged')`),
    check('tracking_events_source', sql`${t.source} IN ('webhook', 'csv', 'staff')`),
  ],
);

/** Signatures of webhook requests already taken: the same signed request sent again is a replay. */
export const trackingWebhookReceipts = pgTable('tracking_webhook_receipts', {
  signature: text('signature').primaryKey(),
  receivedAt: at('received_at').notNull(),
});

/**
 * A parcel in trouble (异常件): not picked up within 24 h of shipping, no news for 72 h (滞留),
 * returned, or damaged. Customer service must contact the buyer by `contact_due_at` (12 h); one not
 * contacted by then is escalated to the supervisor. One open exception per parcel and kind.
 */
export const logisticsExceptions = pgTable(
  'logistics_exceptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    parcelId: bigint('parcel_id', { mode: 'number' }).notNull(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    /** What the carrier last said, or why it is an exception ("发货 26 小时仍未揽收"). */
    detail: text('detail').notNull(),
    detectedAt: at('detected_at').notNull(),
    contactDueAt: at('contact_due_at').notNull(),
    status: text('status').notNull().default('open'),
    escalatedAt: at('escalated_at'),
    contactedAt: at('contacted_at'),
    contactedBy: integer('contacted_by'),
    contactChannel: text('contact_channel'),
    contactNote: text('contact_note'),
    outcome: text('outcome'),
    outcomeNote: text('outcome_note'),
    resolvedAt: at('resolved_at'),
    resolvedBy: integer('resolved_by'),
  },
  (t) => [
    uniqueIndex('logistics_exceptions_open_uq').on(t.parcelId, t.kind).where(sql`status <> 'resolved'`),
    index('logistics_exceptions_queue_idx').on(t.status, t.contactDueAt),
    index('logistics_exceptions_order_idx').on(t.orderId),
    check('logistics_exceptions_kind', sql`${t.kind} IN ('not_picked_up', 'stale', 'returned', 'damaged')`),
    check('logistics_exceptions_status', sql`${t.status} IN ('open', 'contacted', 'resolved')`),
  ],
);
