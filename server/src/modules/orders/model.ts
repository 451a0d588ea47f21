import { SEARCH_KINDS } from './searchTerms';
import { z } from 'zod';
import { EXPORT_FORMATS } from '../../platform/exports';
import { idParams, idSchema, isoDate, isoTime, lookupCode, pageQuery, searchText, timelineSchema } from '../../platform/model';
import { DIVISION_MATCHES, PHONE_KINDS } from './addressIntake';
import { FLAGS, MAX_FEN, type Flag, type HoldReason } from './rules';
import { ORDER_STATUSES, STAFF_ACTIONS, type OrderStatus } from './states';

/** Order API shapes. Money is integer fen; times are ISO 8601 strings. */

const fen = z.number().int().min(0).max(MAX_FEN);
const text = (max: number) => z.string().trim().min(1).max(max);

export const PAYMENT_METHODS = ['alipay', 'wechat', 'card', 'installment', 'bank_transfer', 'cod', 'other'] as const;
export const paymentMethodSchema = z.enum(PAYMENT_METHODS);

export const paymentBody = z.object({
  amount: fen.min(1),
  method: paymentMethodSchema,
  transactionNo: text(64).optional(),
  /** When the buyer paid (platform orders); defaults to now. */
  paidAt: isoTime.optional(),
});

export const createOrderBody = z.object({
  shopCode: text(40),
  platformOrderId: text(64).optional(),
  /** A platform order's phone may be a privacy number with an extension or come masked: it is kept as given. */
  buyer: z.object({ nick: text(64).optional(), name: text(40), phone: text(120) }),
  /** The buyer's IP as the platform reports it (never the caller's). */
  buyerIp: z.union([z.ipv4().max(15), z.ipv6().max(45)]).optional(),
  /** A platform order may lack the district (or carry one that no longer exists): it is taken and held for review. */
  address: z.object({ province: text(20), city: text(30), district: z.string().trim().max(30), detail: text(200), postalCode: z.string().trim().max(10).optional() }),
  items: z
    .array(z.object({ skuCode: text(64), quantity: z.number().int().min(1).max(100_000), unitPrice: fen }))
    .min(1, '至少一件商品')
    .max(200),
  shippingFee: fen.default(0),
  discount: fen.default(0),
  /** Optional cross-check: refused when it differs from items + shipping − discount. */
  total: fen.optional(),
  buyerMessage: z.string().trim().max(500).optional(),
  paymentMethod: paymentMethodSchema.optional(),
  /** Set when the order arrives already paid (platform orders). */
  payment: paymentBody.optional(),
});
export type CreateOrderInput = z.infer<typeof createOrderBody>;
export type PaymentInput = z.infer<typeof paymentBody>;

/** 智能识别: what the buyer typed in chat, pasted as it is. */
export const ADDRESS_PASTE_MAX = 500;
export const addressParseBody = z.object({
  text: z.string().trim().min(1, '请粘贴买家发来的收货信息').max(ADDRESS_PASTE_MAX, `粘贴的内容最多 ${ADDRESS_PASTE_MAX} 字，请只粘贴收货人、电话和地址`),
});
/** Each field null when the text did not show it; the region named as intake stores it. */
export const parsedAddressSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  district: z.string().nullable(),
  detail: z.string().nullable(),
  postalCode: z.string().nullable(),
});

export const reasonBody = z.object({ reason: text(200) });

/** 改地址: the receiver as manual entry takes it (current divisions, a mainland mobile), flat as 智能识别 returns it. */
export const addressChangeBody = z.object({
  name: text(40),
  phone: text(40),
  province: text(20),
  city: text(30),
  district: text(30),
  detail: text(200),
  postalCode: z.string().trim().max(10).optional(),
});
export type AddressChangeInput = z.infer<typeof addressChangeBody>;

/** 改规格: the line and the SKU of the same product it takes instead. */
export const skuChangeBody = z.object({ lineId: idSchema, skuCode: text(64) });
export type SkuChangeInput = z.infer<typeof skuChangeBody>;

export const skuOptionsQuery = z.object({ lineId: idParams.shape.id });

/** The specs a line may change to: every SKU of its product, with what the order's warehouse has available. */
export const skuOptionsReply = z.object({
  items: z.array(z.object({ skuCode: z.string(), spec: z.string(), price: z.number().int(), available: z.number().int(), onSale: z.boolean(), current: z.boolean() })),
});
export type SkuOption = z.infer<typeof skuOptionsReply>['items'][number];

export const bulkApproveBody = z.object({ ids: z.array(idSchema).min(1, '至少选择一个订单').max(200) });

export const bulkApproveResultSchema = z.object({
  id: z.number().int(),
  ok: z.boolean(),
  status: z.enum(ORDER_STATUSES).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type BulkApproveResult = z.infer<typeof bulkApproveResultSchema>;
export const optionalReasonBody = z.object({ reason: text(200).optional() });

export const remarkBody = z.object({
  content: text(500),
  flag: z.enum(FLAGS),
  promiseDate: isoDate.optional(),
});
export type RemarkInput = z.infer<typeof remarkBody>;

export const revealQuery = z.object({ reveal: z.enum(['0', '1']).optional() });

export const orderStatusSchema = z.enum(ORDER_STATUSES);

export const holdReasonSchema = z.object({ rule: z.string(), message: z.string(), heldByRoles: z.array(z.string()).optional() });

const itemSchema = z.object({
  id: z.number().int(),
  skuId: z.number().int(),
  skuCode: z.string(),
  productName: z.string(),
  spec: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  lineTotal: z.number().int(),
  /** Units taken off before the order was waved (仅退款 of some lines): they are not shipped. */
  cancelledQuantity: z.number().int(),
});

const paymentSchema = z.object({
  id: z.number().int(),
  amount: z.number().int(),
  method: z.string(),
  transactionNo: z.string().nullable(),
  paidAt: z.string(),
});

export const remarkSchema = z.object({
  id: z.number().int(),
  authorName: z.string(),
  content: z.string(),
  flag: z.enum(FLAGS),
  promiseDate: z.string().nullable(),
  createdAt: z.string(),
  /** "小蔡 · 送赠品一份，发申通 · 2026-11-20" */
  display: z.string(),
});

/** Buyer personal fields: masked unless revealed by someone holding customers.pii.reveal. */
const buyerSchema = z.object({
  nick: z.string().nullable(),
  name: z.string(),
  phone: z.string(),
  /** mobile; privacy (a platform's relay number with an extension), masked, landline or unrecognised: kept as given. */
  phoneKind: z.enum(PHONE_KINDS),
  ip: z.string().nullable(),
});
const writtenDivisionSchema = z.object({ province: z.string(), city: z.string(), district: z.string() });
const addressSchema = z.object({
  province: z.string(),
  city: z.string(),
  district: z.string(),
  /** The district's code (a development zone's statistical code); null when the address is unresolved. */
  divisionCode: z.string().nullable(),
  /** exact, successor (the buyer wrote a revoked or renamed division), zone (a development zone of the city) or unresolved. */
  divisionMatch: z.enum(DIVISION_MATCHES),
  /** What the buyer wrote, when the division above is not simply its spelling. */
  asWritten: writtenDivisionSchema.nullable(),
  detail: z.string(),
  /** The street address came masked from the platform. */
  detailMasked: z.boolean(),
  postalCode: z.string().nullable(),
});

export const orderSummarySchema = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  shopId: z.number().int(),
  platformOrderId: z.string().nullable(),
  status: orderStatusSchema,
  flag: z.enum(FLAGS).nullable(),
  buyerNick: z.string().nullable(),
  buyerName: z.string(),
  buyerPhone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  /** The street address, masked as the list shows it. */
  addressDetail: z.string(),
  total: z.number().int(),
  paidAmount: z.number().int(),
  reviewDueAt: z.string().nullable(),
  shipBy: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

/** Another order named on an order's page: a merge partner, a reissue order or the order it reissues. */
const orderRefSchema = z.object({ id: z.number().int(), orderNo: z.string(), status: orderStatusSchema });

export const orderDetailSchema = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  shopId: z.number().int(),
  shopCode: z.string(),
  platformOrderId: z.string().nullable(),
  status: orderStatusSchema,
  /** What the caller can do to the order now (its state, the rules and the caller's permissions all allow it): the buttons to show. */
  actions: z.array(z.enum(STAFF_ACTIONS)),
  /** The edits buyers ask for that this staff member may make now: 改地址, 改规格, 催付. */
  edits: z.object({ changeAddress: z.boolean(), changeSku: z.boolean(), remindPayment: z.boolean() }),
  /** Its merge group (合单): the other orders shipping in its parcel, and whether the caller may merge or unmerge it now. */
  merge: z.object({
    id: z.number().int().nullable(),
    orders: z.array(orderRefSchema),
    canMerge: z.boolean(),
    canUnmerge: z.boolean(),
  }),
  /** A reissue order (补发单, sent free by after-sales): the order whose goods it sends again; null for an ordinary order. */
  reissueOf: orderRefSchema.nullable(),
  /** The reissue orders after-sales sent for this order. */
  reissues: z.array(orderRefSchema),
  heldFromStatus: orderStatusSchema.nullable(),
  holdReasons: z.array(holdReasonSchema),
  /** Manual review deadline (2 h SLA by default) while the order waits for a person. */
  reviewDueAt: z.string().nullable(),
  shipBy: z.string().nullable(),
  reviewOverdue: z.boolean(),
  customerId: z.number().int().nullable(),
  piiRevealed: z.boolean(),
  buyer: buyerSchema,
  address: addressSchema,
  items: z.array(itemSchema),
  itemsTotal: z.number().int(),
  shippingFee: z.number().int(),
  discount: z.number().int(),
  total: z.number().int(),
  paidAmount: z.number().int(),
  refundedAmount: z.number().int(),
  paymentMethod: z.string().nullable(),
  buyerMessage: z.string().nullable(),
  flag: z.enum(FLAGS).nullable(),
  warehouseId: z.number().int().nullable(),
  closeReason: z.string().nullable(),
  payments: z.array(paymentSchema),
  remarks: z.array(remarkSchema),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  updatedAt: z.string(),
  events: timelineSchema,
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

export const mergeBody = z.object({ orderIds: z.array(idSchema).min(2, '合单至少需要两个订单').max(20, '一次最多合并 20 个订单') });

/** A merge group (合单) and its orders, in id order. */
export const mergeGroupSchema = z.object({ id: z.number().int(), orders: z.array(orderSummarySchema) });
export type MergeGroup = z.infer<typeof mergeGroupSchema>;

/** The newest seller remark of a listed order, with its flag: what the review queue shows beside the reasons. */
const latestRemarkSchema = z.object({ authorName: z.string(), content: z.string(), flag: z.enum(FLAGS), createdAt: z.string() });

export const holdPresetsReply = z.object({ items: z.array(z.string()) });

export const ORDER_SORTS = ['-createdAt', 'createdAt', '-total', 'total'] as const;

export const orderListQuery = z.object({
  shopCode: lookupCode.optional(),
  /** One status or several, comma-separated. */
  status: z
    .string()
    .max(300)
    .regex(/^[a-z_]+(,[a-z_]+)*$/, '状态用英文逗号分隔')
    .optional(),
  flag: z.enum(FLAGS).optional(),
  createdFrom: isoTime.optional(),
  createdTo: isoTime.optional(),
  /** The promise to ship (ship_by) at or after `shipByFrom` and before `shipByTo`: the 工作台's promise counters open these. */
  shipByFrom: isoTime.optional(),
  shipByTo: isoTime.optional(),
  skuCode: lookupCode.optional(),
  phone: z.string().trim().max(32).optional(),
  nick: searchText.optional(),
  orderNo: lookupCode.optional(),
  /** The search box: an order no or its last 6+ characters, platform order id, phone, phone tail, receiver name, part of a nick, tracking number (searchTerms.ts). */
  q: searchText.optional(),
  sort: z.enum(ORDER_SORTS).default('-createdAt'),
  /** Keyset paging: the nextCursor of the previous page; `page` is then ignored and no total is counted. */
  cursor: z.string().max(200).optional(),
  ...pageQuery,
});
export type OrderListQuery = z.infer<typeof orderListQuery>;

/**
 * A row of the order list: the summary, what it bought (SKU code × units still ordered) and why it
 * waits (the rules that fired, the buyer's message, the newest remark).
 */
export const orderListRowSchema = orderSummarySchema.extend({
  lines: z.array(z.object({ skuCode: z.string(), quantity: z.number().int() })),
  holdReasons: z.array(holdReasonSchema),
  buyerMessage: z.string().nullable(),
  latestRemark: latestRemarkSchema.nullable(),
});
export type OrderListRow = z.infer<typeof orderListRowSchema>;

export const orderListReply = z.object({
  items: z.array(orderListRowSchema),
  /**
   * At most 10,000 (then totalCapped is true: "10000+"). null in cursor mode, and with `q` when the
   * page is full: a search is counted once, by GET /orders/counts, which the tabs ask anyway.
   */
  total: z.number().int().nullable(),
  totalCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  nextCursor: z.string().nullable(),
  /** With `q`: the kinds of lookup the search ran, for an empty list to say what it looked for. */
  searchedAs: z.array(z.enum(SEARCH_KINDS)).nullable(),
});

/** The list's filters without status, sort and paging: what the status tabs count. */
export const orderCountsQuery = orderListQuery.omit({ status: true, sort: true, cursor: true, page: true, pageSize: true });
export type OrderCountsQuery = z.infer<typeof orderCountsQuery>;

export const orderCountsReply = z.object({
  /**
   * Orders per status under the filters, each counted up to 10,000 (then `capped` is true for it: "10000+").
   * Under a search the matches are counted once, up to 1,000 over all statuses: when they pass that,
   * each status's number is only those among the first 1,001 read, an "at least", and `capped` is true for every one.
   */
  byStatus: z.record(orderStatusSchema, z.number().int()),
  capped: z.record(orderStatusSchema, z.boolean()),
  /** Every status together (the 全部 tab), up to the same cap. */
  all: z.object({ count: z.number().int(), capped: z.boolean() }),
});
export type OrderCounts = z.infer<typeof orderCountsReply>;

/** The list's filters and sort, without paging: the whole selection as a file. */
export const orderExportQuery = orderListQuery.omit({ cursor: true, page: true, pageSize: true }).extend({ format: z.enum(EXPORT_FORMATS).default('xlsx') });
export type OrderExportQuery = z.infer<typeof orderExportQuery>;

/** An order as guards and followers of its transitions see it (transitions.ts): no personal data. */
export interface OrderState {
  id: number;
  orderNo: string;
  shopId: number;
  status: OrderStatus;
  flag: Flag | null;
  /** Where a hold came from, so release can go back there. */
  heldFromStatus: OrderStatus | null;
  holdReasons: HoldReason[];
  paidAmount: number;
  refundedAmount: number;
  warehouseId: number | null;
}
