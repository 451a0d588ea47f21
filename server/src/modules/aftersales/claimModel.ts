import { z } from 'zod';
import { CARRIERS } from '../catalog';
import { isoDate, pageQuery, timelineSchema } from '../../platform/model';
import { CLAIM_STATUSES } from './claimStates';

/** Carrier claims' (理赔) shapes. */

export const CLAIM_KINDS = ['damage', 'shortfall'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export const CLAIM_KIND_LABELS: Record<ClaimKind, string> = { damage: '运输破损', shortfall: '退货短少' };

const fen = (what: string) => z.number().int(`${what}必须是整数（分）`).positive(`${what}必须大于 0`).max(100_000_000, `${what}不能超过 100 万元`);
const note = (what: string, max: number) => z.string({ error: `请填写${what}` }).trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);

export const openClaimBody = z.object({
  kind: z.enum(CLAIM_KINDS, { error: '理赔类型为 damage（运输破损）或 shortfall（退货短少）' }),
  /** Left out: what was paid for the units concerned. */
  amount: fen('索赔金额').optional(),
  note: note('理赔说明', 500).optional(),
});
export type OpenClaimInput = z.infer<typeof openClaimBody>;

export const submitClaimBody = z.object({
  note: note('提交说明', 500).optional(),
  /** The carrier's own number for the claim (理赔单号). */
  claimNo: z
    .string()
    .trim()
    .min(1, '请填写快递公司理赔单号')
    .max(64, '快递公司理赔单号最多 64 位')
    .optional(),
});
export const settleClaimBody = z.object({ amount: fen('赔付金额'), note: note('赔付说明', 500).optional() });
export const rejectClaimBody = z.object({ note: note('拒赔原因', 500) });

export const claimListQuery = z
  .object({
    status: z.enum(CLAIM_STATUSES, { error: '理赔状态为 open、submitted、settled 或 rejected' }).optional(),
    carrier: z.enum(CARRIERS, { error: '快递公司不对' }).optional(),
    kind: z.enum(CLAIM_KINDS, { error: '理赔类型为 damage 或 shortfall' }).optional(),
    /** Opened on or after / on or before these shop days. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    ...pageQuery,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
export type ClaimListQuery = z.infer<typeof claimListQuery>;

export const claimSummarySchema = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  caseNo: z.string(),
  orderId: z.number().int(),
  orderNo: z.string(),
  parcelId: z.number().int(),
  carrier: z.enum(CARRIERS),
  trackingNo: z.string(),
  kind: z.enum(CLAIM_KINDS),
  status: z.enum(CLAIM_STATUSES),
  /** What is claimed and what the carrier paid, in fen. */
  claimed: z.number().int(),
  recovered: z.number().int().nullable(),
  lines: z.array(z.object({ skuCode: z.string(), quantity: z.number().int() })),
  carrierClaimNo: z.string().nullable(),
  automatic: z.boolean(),
  note: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  openedBy: z.string().nullable(),
  openedAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ClaimSummary = z.infer<typeof claimSummarySchema>;

export const claimSchema = claimSummarySchema.extend({ events: timelineSchema });
export type Claim = z.infer<typeof claimSchema>;

export const claimListReply = z.object({ items: z.array(claimSummarySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
