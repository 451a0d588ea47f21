import { z } from 'zod';
import { booleanQuery, idSchema, lookupCode, MAX_ID, pageQuery, searchText, timelineSchema } from '../../platform/model';
import { normalizeTrackingNo } from '../fulfillment';
import { ORDER_STATUSES } from '../orders';
import { CASE_STATUSES } from './caseStates';
import { claimSummarySchema } from './claimModel';
import { caseStockSchema, packingScanSchema, parcelWeightSchema, wrongItemCheckSchema } from './evidenceModel';
import { CASE_PROGRESS } from './queues';

export const CASE_TYPES = ['return_refund', 'exchange', 'refund_only', 'missing_item', 'wrong_item', 'damaged', 'quality', 'complaint'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  return_refund: '退货退款',
  exchange: '换货',
  refund_only: '仅退款',
  missing_item: '少货',
  wrong_item: '错货',
  damaged: '运输破损',
  quality: '质量问题',
  complaint: '投诉',
};

/** What a complaint (投诉/维权) is about: the complaint and resolution rates are counted by these. */
export const COMPLAINT_CATEGORIES = ['shipping_delay', 'logistics', 'quality', 'not_as_described', 'service', 'price', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, string> = {
  shipping_delay: '发货慢',
  logistics: '物流问题',
  quality: '商品质量',
  not_as_described: '描述不符',
  service: '服务态度',
  price: '价格/优惠',
  other: '其他',
};

/** A refund in fen: a whole, positive amount a shop could have been paid. */
const amount = z.number().int('金额必须是整数（分）').positive('金额必须大于 0').max(100_000_000, '金额不能超过 100 万元');
const note = (what: string, max: number) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);

/** The buyer's return waybill, any carrier's: normalised as fulfillment reads a tracking number. */
const returnTrackingNo = z
  .string()
  .max(64, '退货快递单号最多 64 位')
  .transform(normalizeTrackingNo)
  .refine((v) => /^[A-Z0-9]{8,32}$/.test(v), '退货快递单号应为 8–32 位字母或数字');

export const caseLineInput = z.object({ skuCode: lookupCode.min(1, '请填写货号'), quantity: z.number().int('数量必须是整数').positive('数量必须大于 0').max(9_999) });

export const createCaseBody = z
  .object({
    orderId: idSchema,
    type: z.enum(CASE_TYPES, { error: '售后类型不对' }),
    reason: note('售后原因', 500),
    lines: z.array(caseLineInput).max(200).default([]),
    evidence: z
      .array(
        z
          .object({ fileId: idSchema.optional(), note: note('凭证说明', 1000).optional() })
          .refine((e) => e.fileId !== undefined || e.note !== undefined, { path: ['note'], message: '每条凭证请上传文件或填写说明' }),
      )
      .max(20, '凭证最多 20 条')
      .default([]),
    noReason: z.boolean().default(false),
    severity: z.enum(['minor', 'severe'], { error: '破损程度为 minor（轻微）或 severe（严重）' }).optional(),
    complaintCategory: z.enum(COMPLAINT_CATEGORIES, { error: '投诉类别不对' }).optional(),
    /** 错货: the barcode (or SKU code) on what the buyer says arrived instead. */
    reportedBarcode: lookupCode.min(1, '请填写买家收到商品的条码').optional(),
    /** The buyer bought shipping insurance (运费险). */
    shippingInsurance: z.boolean().default(false),
    /** A supervisor opens a case the rules refuse (e.g. past the 7 days), saying why. */
    override: z.object({ reason: note('越权受理的原因', 200) }).optional(),
  })
  .refine((c) => c.severity === undefined || c.type === 'damaged', { path: ['severity'], message: '只有运输破损的售后单有破损程度' })
  .refine((c) => c.severity !== undefined || c.type !== 'damaged', { path: ['severity'], message: '请选择破损程度：轻微或严重' })
  .refine((c) => c.complaintCategory === undefined || c.type === 'complaint', { path: ['complaintCategory'], message: '只有投诉有投诉类别' })
  .refine((c) => c.complaintCategory !== undefined || c.type !== 'complaint', { path: ['complaintCategory'], message: '请选择投诉类别' })
  .refine((c) => c.reportedBarcode !== undefined || c.type !== 'wrong_item', { path: ['reportedBarcode'], message: '错货请填写买家收到商品的条码' })
  .refine((c) => c.reportedBarcode === undefined || c.type === 'wrong_item', { path: ['reportedBarcode'], message: '只有错货的售后单填写收到商品的条码' })
  .refine((c) => !c.noReason || c.type === 'return_refund' || c.type === 'exchange', { path: ['noReason'], message: '七天无理由只适用于退货退款和换货' });
export type CreateCaseInput = z.infer<typeof createCaseBody>;

/** What customer service offers the buyer; a return or an exchange then waits for the goods. */
export const SOLUTIONS = ['refund', 'partial_refund', 'return', 'exchange', 'reship', 'explain', 'apology'] as const;
export type Solution = (typeof SOLUTIONS)[number];
export const SOLUTION_LABELS: Record<Solution, string> = { refund: '退款', partial_refund: '部分退款', return: '退货退款', exchange: '换货', reship: '补发', explain: '解释说明', apology: '致歉' };
export const MONEY_SOLUTIONS: readonly Solution[] = ['refund', 'partial_refund'];

export const proposeBody = z
  .object({
    solution: z.enum(SOLUTIONS, { error: '方案为 refund、partial_refund、return、exchange、reship、explain 或 apology' }),
    amount: amount.optional(),
    note: note('方案说明', 500),
    /** The buyer's return waybill when already known, so the warehouse finds the case by it. */
    returnTrackingNo: returnTrackingNo.optional(),
  })
  .refine((p) => p.returnTrackingNo === undefined || p.solution === 'return' || p.solution === 'exchange', { path: ['returnTrackingNo'], message: '只有退货或换货方案有退货快递单号' })
  .refine((p) => p.amount !== undefined || !MONEY_SOLUTIONS.includes(p.solution), { path: ['amount'], message: '退款方案请填写金额' })
  .refine((p) => p.amount === undefined || MONEY_SOLUTIONS.includes(p.solution), { path: ['amount'], message: '只有退款方案有金额' });
export type ProposeInput = z.infer<typeof proposeBody>;

export const escalateBody = z.object({ note: note('升级原因', 500), difficult: z.boolean().default(false) });
export type EscalateInput = z.infer<typeof escalateBody>;

export const RETURN_CONDITIONS = ['resellable', 'defective'] as const;
export const receiveBody = z.object({
  lines: z
    .array(z.object({ skuCode: lookupCode.min(1, '请填写货号'), quantity: caseLineInput.shape.quantity, condition: z.enum(RETURN_CONDITIONS, { error: '货品状态为 resellable（可二次销售）或 defective（次品）' }) }))
    .min(1, '请填写收到的退货')
    .max(200),
  /** Return shipping the buyer paid in advance (垫付运费), refunded when the fault was ours. */
  buyerReturnShipping: z.number().int('运费以分为单位，必须是整数').min(0, '运费不能为负数').max(100_000, '运费不能超过 1000 元').default(0),
  note: note('签收备注', 500).optional(),
  /** The waybill on the parcel that came back (replaces one told earlier). */
  returnTrackingNo: returnTrackingNo.optional(),
});
export type ReceiveInput = z.infer<typeof receiveBody>;

export const refundBody = z.object({ amount, reason: note('退款原因', 200) });
export type RefundInput = z.infer<typeof refundBody>;

export const approveBody = z.object({ amount });
export const rejectBody = z.object({ note: note('驳回原因', 200) });
export const closeBody = z.object({
  note: note('完结说明', 500).optional(),
  /** A complaint says, when it closes, whether the fault was ours and whether the buyer's problem was resolved. */
  ours: z.boolean().optional(),
  resolved: z.boolean().optional(),
});
export type CloseInput = z.infer<typeof closeBody>;

/** Types whose goods may be sent again (补发): an exchange's replacement, what was missing, wrong, damaged or faulty. */
export const RESHIP_TYPES: readonly CaseType[] = ['exchange', 'missing_item', 'wrong_item', 'damaged', 'quality'];

export const reshipBody = z.object({
  lines: z.array(caseLineInput).min(1, '请填写要补发的商品（货号和数量）').max(200),
  note: note('补发说明', 500).optional(),
});
export type ReshipInput = z.infer<typeof reshipBody>;

export const caseListQuery = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  /** Only the caller's own cases (我的售后). */
  mine: booleanQuery.optional(),
  /** Only cases handed to a supervisor (by staff or the overdue sweep). */
  escalated: booleanQuery.optional(),
  type: z.enum(CASE_TYPES).optional(),
  /** open: not closed; overdue: past the deadline with no solution; return_unrefunded: the return signed for, nothing refunded 24 h on. */
  progress: z.enum(CASE_PROGRESS).optional(),
  orderId: z.coerce.number().int().positive().max(MAX_ID).optional(),
  /** A scan or a typed search: case no, order no (or its last 6+ characters), platform order id, the return's or the original parcel's tracking no. */
  q: searchText.optional(),
  ...pageQuery,
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

const caseLineSchema = z.object({
  orderItemId: z.number().int(),
  skuCode: z.string(),
  productName: z.string(),
  spec: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  /** The SKU's barcode (null when it has none): what the warehouse scans. */
  barcode: z.string().nullable(),
  /** Units the warehouse received back. */
  received: z.number().int(),
});

const settlementSchema = z.object({ goods: z.number().int(), shipping: z.number().int(), shippingDeducted: z.number().int(), returnShipping: z.number().int(), amount: z.number().int() });

const pendingApprovalSchema = z.object({ id: z.number().int(), amount: z.number().int(), reason: z.string(), requestedBy: z.string().nullable(), requestedAt: z.string() });

export const caseSummarySchema = z.object({
  id: z.number().int(),
  caseNo: z.string(),
  orderId: z.number().int(),
  orderNo: z.string(),
  type: z.enum(CASE_TYPES),
  status: z.enum(CASE_STATUSES),
  reason: z.string(),
  noReason: z.boolean(),
  severity: z.enum(['minor', 'severe']).nullable(),
  /** 错货: the barcode the buyer reported. */
  reportedBarcode: z.string().nullable(),
  shippingInsurance: z.boolean(),
  owner: z.string().nullable(),
  deadline: z.string(),
  /** Past its deadline with no solution proposed. */
  overdue: z.boolean(),
  difficult: z.boolean(),
  escalatedAt: z.string().nullable(),
  proposal: z.object({ solution: z.enum(SOLUTIONS), amount: z.number().int().nullable(), note: z.string(), at: z.string() }).nullable(),
  /** When the warehouse signed for the return, and what it is worth to refund. */
  receivedAt: z.string().nullable(),
  settlement: settlementSchema.nullable(),
  /** A complaint's category, and once closed whether the fault was ours and it was resolved; null for other types. */
  complaint: z.object({ category: z.enum(COMPLAINT_CATEGORIES), ours: z.boolean().nullable(), resolved: z.boolean().nullable(), apologizedAt: z.string().nullable() }).nullable(),
  returnTrackingNo: z.string().nullable(),
  /** Why a supervisor opened it although the rules refused it, or null. */
  overrideReason: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  /** What this case has refunded, in fen. */
  refunded: z.number().int(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

const skuLineSchema = z.object({ skuCode: z.string(), productName: z.string(), spec: z.string(), quantity: z.number().int() });

const reshipSchema = z.object({ orderId: z.number().int(), orderNo: z.string(), status: z.enum(ORDER_STATUSES), lines: z.array(skuLineSchema) });

export const caseSchema = caseSummarySchema.extend({
  /** The order's state and what is left to refund of it: what the 退款 form says a refund will do (orderEffects.ts). */
  orderStatus: z.enum(ORDER_STATUSES),
  orderRefundable: z.number().int(),
  /** The refund the rules suggest, in fen: 10 % of the damaged goods for a minor damage, what a received return is worth; else null. */
  suggestedRefund: z.number().int().nullable(),
  lines: z.array(caseLineSchema),
  evidence: z.array(z.object({ fileId: z.number().int().nullable(), note: z.string().nullable(), name: z.string().nullable(), contentType: z.string().nullable() })),
  pendingApproval: pendingApprovalSchema.nullable(),
  /** The reissue orders (补发单) the case sent, through fulfillment like any order. */
  reships: z.array(reshipSchema),
  /** The SKUs a reship may send now, `quantity` the units that may still go (for an exchange: of the product, in any size or colour); empty when the type or state allows none. */
  reshipOptions: z.array(skuLineSchema),
  /** Its carrier claims (理赔), undecided first. */
  claims: z.array(claimSummarySchema),
  packingScans: z.array(packingScanSchema),
  weights: z.array(parcelWeightSchema),
  /** Per SKU of the case (and the one a wrong-item barcode names): stock in the order's warehouse now. */
  stock: z.array(caseStockSchema),
  /** 错货: what the reported barcode says; null for other types. */
  wrongItemCheck: wrongItemCheckSchema.nullable(),
  events: timelineSchema,
});
export type Case = z.infer<typeof caseSchema>;

export const caseListReply = z.object({ items: z.array(caseSummarySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const refundSchema = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  caseId: z.number().int(),
  caseNo: z.string(),
  amount: z.number().int(),
  reason: z.string(),
  method: z.literal('original'),
  actor: z.string().nullable(),
  approvedBy: z.string().nullable(),
  at: z.string(),
});
export type Refund = z.infer<typeof refundSchema>;

export const orderRefundsReply = z.object({ paid: z.number().int(), refunded: z.number().int(), items: z.array(refundSchema) });
