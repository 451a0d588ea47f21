import { z } from 'zod';
import { EXPORT_FORMATS } from '../../platform/exports';
import { isoDate, isoTime, lookupCode, pageQuery } from '../../platform/model';
import { CASE_TYPES, COMPLAINT_CATEGORIES } from '../aftersales';
import { carrierSchema } from '../catalog';
import { lowStockAlertSchema } from '../inventory';

export const workbenchReply = z.object({
  /** Orders waiting for a person's review past their 2 h SLA (for reviewers, else null). */
  reviewOverdue: z.number().int().nullable(),
  /** Unpaid orders old enough for a payment reminder (催付; for customer service who take orders, else null). */
  unpaidToRemind: z.number().int().nullable(),
  /** The counted orders were created at or before this (the order list's createdTo), null when none is due a reminder. */
  unpaidCreatedBefore: z.string().nullable(),
  /** Orders waiting for their payment to be confirmed (待付款; for finance, who record payments, else null). */
  paymentsToConfirm: z.number().int().nullable(),
  lowStock: z.object({ total: z.number().int(), items: z.array(lowStockAlertSchema) }),
  /**
   * The warehouse's work (for those who run it): orders to wave, waves to pick, orders to pack,
   * parcels to weigh and to ship, promises near or past, returns to sign for, short bins to count.
   */
  warehouse: z
    .object({
      toWave: z.number().int(),
      toPick: z.number().int(),
      toPack: z.number().int(),
      toWeigh: z.number().int(),
      toShip: z.number().int(),
      promiseSoon: z.number().int(),
      promisePast: z.number().int(),
      /** The promise counters' window: past is before `promiseAsOf`, near from it to `promiseSoonUntil` (the list's shipByFrom/shipByTo). */
      promiseAsOf: z.string(),
      promiseSoonUntil: z.string(),
      returnsToReceive: z.number().int(),
      discrepancies: z.number().int(),
    })
    .nullable(),
  /** Parcels in trouble (for customer service and supervisors): open, and past their contact deadline. */
  exceptions: z.object({ open: z.number().int(), overdue: z.number().int() }).nullable(),
  /** After-sales (for those who handle cases): my open cases, those overdue, refunds waiting for my approval (supervisors, else null), returns received and not refunded 24 h on. */
  aftersales: z.object({ mineOpen: z.number().int(), overdue: z.number().int(), toApprove: z.number().int().nullable(), returnUnrefunded: z.number().int() }).nullable(),
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

// ---- after-sales registers (售后登记, 退货登记表, 退货原因汇总表, 每日退款统计) ----

const MAX_RANGE_DAYS = 366;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** Shop days from `from` to `to`, both included, at most a year. */
const dateRange = z.object({ from: isoDate, to: isoDate });
const withinAYear = <T extends z.infer<typeof dateRange>>(r: z.ZodType<T>) =>
  r
    .refine((q) => q.to >= q.from, { path: ['to'], message: '结束日期不能早于开始日期' })
    .refine((q) => q.to < q.from || dayNumber(q.to) - dayNumber(q.from) < MAX_RANGE_DAYS, { path: ['to'], message: `日期范围最多 ${MAX_RANGE_DAYS} 天` });
export type DateRange = z.infer<typeof dateRange>;
const format = z.enum(EXPORT_FORMATS).optional();

export const aftersalesRegisterQuery = z.object({ date: isoDate, type: z.enum(CASE_TYPES).optional(), ...pageQuery, format });
export type AftersalesRegisterFilter = Pick<z.infer<typeof aftersalesRegisterQuery>, 'date' | 'type'>;
export const returnsRegisterQuery = withinAYear(dateRange.extend({ ...pageQuery, format }));
export const returnReasonsQuery = withinAYear(dateRange.extend({ groupBy: z.enum(['week', 'month']).default('week'), format }));
export type ReturnReasonsQuery = z.infer<typeof returnReasonsQuery>;
export const refundStatsQuery = withinAYear(dateRange.extend({ format }));
export const complaintStatsQuery = withinAYear(dateRange.extend({ format }));

const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const aftersalesRegisterReply = pageOf(
  z.object({
    caseId: z.number().int(),
    caseNo: z.string(),
    orderId: z.number().int(),
    orderNo: z.string(),
    shopName: z.string(),
    type: z.enum(CASE_TYPES),
    status: z.string(),
    reason: z.string(),
    noReason: z.boolean(),
    owner: z.string().nullable(),
    openedAt: z.string(),
    deadline: z.string(),
    /** Past its deadline with nothing done, now. */
    overdue: z.boolean(),
    solution: z.string().nullable(),
    refunded: z.number().int(),
    closedAt: z.string().nullable(),
  }),
);

export const returnsRegisterReply = pageOf(
  z.object({
    /** The receipt line's id. */
    id: z.number().int(),
    receivedAt: z.string(),
    caseId: z.number().int(),
    caseNo: z.string(),
    orderId: z.number().int(),
    orderNo: z.string(),
    skuCode: z.string(),
    productName: z.string(),
    spec: z.string(),
    quantity: z.number().int(),
    condition: z.enum(['resellable', 'defective']),
    receivedBy: z.string().nullable(),
    /** The buyer had shipping insurance (运费险): the insurer paid the return shipping. */
    shippingInsurance: z.boolean(),
  }),
);

export const returnReasonsReply = z.object({
  items: z.array(z.object({ period: z.string(), reason: z.string(), cases: z.number().int(), periodCases: z.number().int(), /** 0…1 of the period's cases */ share: z.number() })),
});

export const refundStatsReply = z.object({
  items: z.array(z.object({ day: z.string(), reason: z.string(), refunds: z.number().int(), amount: z.number().int() })),
  total: z.object({ refunds: z.number().int(), amount: z.number().int() }),
});

const complaintCounts = z.object({
  /** Orders paid in the range, complaints opened in it and the orders they are about. */
  orders: z.number().int(),
  complaints: z.number().int(),
  complaintOrders: z.number().int(),
  closed: z.number().int(),
  resolved: z.number().int(),
  /** Closed with the fault ours. */
  ours: z.number().int(),
  /** 客诉率 = complaint orders / orders, 解决率 = resolved / complaints; 0…1, null with nothing to divide by. */
  complaintRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
});

export const complaintStatsReply = z.object({
  items: z.array(complaintCounts.extend({ shopName: z.string() })),
  total: complaintCounts,
  byCategory: z.array(z.object({ category: z.enum(COMPLAINT_CATEGORIES), complaints: z.number().int(), resolved: z.number().int() })),
});
