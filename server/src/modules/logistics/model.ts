import { z } from 'zod';
import { isoTime, lookupCode, pageQuery } from '../../platform/model';
import { carrierSchema } from '../catalog';

/** Logistics API shapes: tracking events in, parcels' timelines and exceptions out. Times are ISO 8601. */

export const TRACKING_STATUSES = ['picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'damaged'] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export const TRACKING_STATUS_LABELS: Record<TrackingStatus, string> = {
  picked_up: '已揽收',
  in_transit: '运输中',
  out_for_delivery: '派送中',
  delivered: '已签收',
  returned: '退回',
  damaged: '破损',
};

export const MAX_EVENTS_PER_BATCH = 200;

export const trackingEventInput = z.object({
  /** When it happened, as the carrier says: timers count from it. */
  time: isoTime,
  status: z.enum(TRACKING_STATUSES),
  description: z.string().trim().min(1).max(500),
  location: z.string().trim().max(100).optional(),
});

export const trackingEventsBody = z.object({
  carrier: carrierSchema,
  trackingNo: lookupCode.min(1),
  events: z.array(trackingEventInput).min(1).max(MAX_EVENTS_PER_BATCH),
});
export type TrackingBatch = z.infer<typeof trackingEventsBody>;

export const trackingEventsReply = z.object({
  parcelId: z.number().int(),
  orderId: z.number().int(),
  /** Events new to us; the rest had arrived before. */
  accepted: z.number().int(),
  duplicates: z.number().int(),
});

export const trackingImportBody = z.object({
  /** The aggregator's CSV as text (the web app decodes GBK files before sending). */
  content: z.string().min(1).max(5_000_000),
});

export const trackingImportReply = z.object({ rows: z.number().int(), parcels: z.number().int(), accepted: z.number().int(), duplicates: z.number().int() });

export const trackingEventSchema = z.object({
  status: z.enum(TRACKING_STATUSES),
  description: z.string(),
  location: z.string().nullable(),
  time: z.string(),
});

export const EXCEPTION_KINDS = ['not_picked_up', 'stale', 'returned', 'damaged'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
export const EXCEPTION_STATUSES = ['open', 'contacted', 'resolved'] as const;
export const CONTACT_CHANNELS = ['phone', 'im', 'sms'] as const;
export const EXCEPTION_OUTCOMES = ['redelivered', 'reshipped', 'refunded', 'returned_to_warehouse', 'buyer_received', 'other'] as const;

export const exceptionSchema = z.object({
  id: z.number().int(),
  kind: z.enum(EXCEPTION_KINDS),
  detail: z.string(),
  status: z.enum(EXCEPTION_STATUSES),
  orderId: z.number().int(),
  orderNo: z.string(),
  parcelId: z.number().int(),
  carrier: carrierSchema,
  trackingNo: z.string().nullable(),
  detectedAt: z.string(),
  /** Customer service must have contacted the buyer by then (12 h). */
  contactDueAt: z.string(),
  /** Not contacted in time: it waits in the supervisor's queue too. */
  escalatedAt: z.string().nullable(),
  contactedAt: z.string().nullable(),
  contactedByName: z.string().nullable(),
  contactChannel: z.enum(CONTACT_CHANNELS).nullable(),
  contactNote: z.string().nullable(),
  outcome: z.enum(EXCEPTION_OUTCOMES).nullable(),
  outcomeNote: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type LogisticsException = z.infer<typeof exceptionSchema>;

export const exceptionListQuery = z.object({
  /** `active` (the default): open or contacted, not yet resolved. */
  status: z.enum([...EXCEPTION_STATUSES, 'active']).default('active'),
  kind: z.enum(EXCEPTION_KINDS).optional(),
  escalated: z.enum(['true', 'false']).optional(),
  /** `true`: past the contact deadline with nobody having contacted the buyer (the workbench's 超时未联系). */
  overdue: z.enum(['true', 'false']).optional(),
  orderNo: lookupCode.min(1).optional(),
  ...pageQuery,
});
export type ExceptionListQuery = z.infer<typeof exceptionListQuery>;

export const exceptionListReply = z.object({ items: z.array(exceptionSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const contactBody = z.object({ channel: z.enum(CONTACT_CHANNELS), note: z.string().trim().min(1).max(500) });
export const resolveBody = z.object({ outcome: z.enum(EXCEPTION_OUTCOMES), note: z.string().trim().max(500).optional() });

export const orderParcelSchema = z.object({
  id: z.number().int(),
  carrier: carrierSchema,
  trackingNo: z.string().nullable(),
  status: z.string(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  /** Newest first, as CS reads it to the buyer. */
  events: z.array(trackingEventSchema),
});

export const orderParcelsReply = z.object({ items: z.array(orderParcelSchema) });

export const MAX_FOUND_PARCELS = 20;

export const parcelSearchQuery = z.object({
  /** A tracking number (any carrier; spaces and dashes ignored) or an order number. */
  q: lookupCode.min(1),
});

export const parcelSearchReply = z.object({ items: z.array(orderParcelSchema.extend({ orderId: z.number().int(), orderNo: z.string() })) });
