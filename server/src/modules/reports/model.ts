import { z } from 'zod';
import { EXPORT_FORMATS } from '../../platform/exports';
import { isoDate, isoTime, lookupCode, pageQuery } from '../../platform/model';
import { carrierSchema } from '../catalog';
import { lowStockAlertSchema } from '../inventory';

export const workbenchReply = z.object({
  /** Orders waiting for a person's review past their 2 h SLA. */
  reviewOverdue: z.number().int(),
  /** Unpaid orders old enough for a payment reminder (催付). */
  unpaidToRemind: z.number().int(),
  lowStock: z.object({ total: z.number().int(), items: z.array(lowStockAlertSchema) }),
  /** The warehouse's work (for those who run it): to wave, to pack, at the door, and promises near or past. */
  warehouse: z.object({ toWave: z.number().int(), toPack: z.number().int(), toShip: z.number().int(), promiseSoon: z.number().int(), promisePast: z.number().int() }).nullable(),
  /** Parcels in trouble (for customer service and supervisors): open, and past their contact deadline. */
  exceptions: z.object({ open: z.number().int(), overdue: z.number().int() }).nullable(),
});
export type Workbench = z.infer<typeof workbenchReply>;

const unpaidRegisterFilter = z.object({
  shopCode: lookupCode.min(1).optional(),
  /** Closed on or after this instant (ISO 8601). */
  closedFrom: isoTime.optional(),
  /** Closed before this instant (ISO 8601). */
  closedTo: isoTime.optional(),
});
export type UnpaidRegisterFilter = z.infer<typeof unpaidRegisterFilter>;

export const unpaidRegisterQuery = unpaidRegisterFilter.extend(pageQuery);
export type UnpaidRegisterQuery = z.infer<typeof unpaidRegisterQuery>;

export const unpaidRegisterExportQuery = unpaidRegisterFilter.extend({ format: z.enum(EXPORT_FORMATS).default('xlsx') });
export type UnpaidRegisterExportQuery = z.infer<typeof unpaidRegisterExportQuery>;

export const unpaidRegisterEntry = z.object({
  orderId: z.number().int(),
  orderNo: z.string(),
  shopCode: z.string(),
  shopName: z.string(),
  buyerNick: z.string().nullable(),
  total: z.number().int(),
  orderCreatedAt: z.string(),
  closedAt: z.string(),
  reason: z.string().nullable(),
});

export const unpaidRegisterReply = z.object({
  items: z.array(unpaidRegisterEntry),
  total: z.number().int(),
  /** Σ total of the matching entries, in fen: the sales the shop did not convert. */
  amount: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type UnpaidRegisterPage = z.infer<typeof unpaidRegisterReply>;

// ---- 发货信息报表 ----

const shippingReportFilter = z.object({
  /** The day the parcels left, in their shop's time zone (Asia/Shanghai unless the shop says otherwise). */
  date: isoDate,
  warehouseCode: lookupCode.min(1).optional(),
  shopCode: lookupCode.min(1).optional(),
  carrier: carrierSchema.optional(),
});
export type ShippingReportFilter = z.infer<typeof shippingReportFilter>;

export const shippingReportQuery = shippingReportFilter.extend({
  ...pageQuery,
  /** xlsx or csv: the whole day as a file (no paging) instead of a page of JSON. */
  format: z.enum(EXPORT_FORMATS).optional(),
});
export type ShippingReportQuery = z.infer<typeof shippingReportQuery>;

export const shippingReportEntry = z.object({
  parcelId: z.number().int(),
  orderId: z.number().int(),
  orderNo: z.string(),
  platformOrderId: z.string().nullable(),
  shopCode: z.string(),
  shopName: z.string(),
  warehouseCode: z.string(),
  carrier: carrierSchema,
  carrierName: z.string(),
  trackingNo: z.string(),
  /** The receiver's name, masked (张*). */
  receiver: z.string().nullable(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  units: z.number().int(),
  weighedGrams: z.number().int().nullable(),
  shippedAt: z.string(),
  shippedByName: z.string().nullable(),
});
export type ShippingReportEntry = z.infer<typeof shippingReportEntry>;

export const shippingReportReply = z.object({
  items: z.array(shippingReportEntry),
  /** Parcels shipped that day (matching the filters). */
  total: z.number().int(),
  /** Units in them. */
  units: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ShippingReportPage = z.infer<typeof shippingReportReply>;
