import type { Order } from '../orders/api';
import { NO_REASON_TYPES, type CaseType, type ComplaintCategory, type CreateCaseInput, type Severity } from './api';

/** What the 申请售后 dialog holds. */
export interface NewCaseValues {
  type: CaseType;
  reason: string;
  /** One per order line, in the order's order; 0 leaves the line out. */
  quantities: (number | null)[];
  noReason?: boolean;
  severity?: Severity;
  complaintCategory?: ComplaintCategory;
  /** 错货: the barcode on what the buyer received. */
  reportedBarcode?: string;
  shippingInsurance?: boolean;
  /** A file uploaded (its id and name) and what it shows, or a note alone. */
  evidence?: { fileId?: number; name?: string; note?: string }[];
  overrideReason?: string;
}

/**
 * The case to open from the dialog: the lines with a quantity (0 or empty leaves one out), the
 * evidence notes written, 七天无理由 only where it applies, the damage only for a damaged parcel, the
 * category only for a complaint, the reported barcode only for a wrong item, 运费险, and the supervisor's override reason when one was given.
 */
export function caseRequest(order: Pick<Order, 'id' | 'items'>, v: NewCaseValues): CreateCaseInput {
  return {
    orderId: order.id,
    type: v.type,
    reason: v.reason,
    lines: order.items.flatMap((item, i) => {
      const quantity = v.quantities[i];
      return quantity ? [{ skuCode: item.skuCode, quantity }] : [];
    }),
    evidence: (v.evidence ?? []).flatMap(({ fileId, note }) => {
      const written = note?.trim() ? { note } : {};
      return fileId !== undefined ? [{ fileId, ...written }] : note?.trim() ? [written] : [];
    }),
    noReason: NO_REASON_TYPES.includes(v.type) && Boolean(v.noReason),
    ...(v.type === 'damaged' && { severity: v.severity }),
    ...(v.type === 'complaint' && { complaintCategory: v.complaintCategory }),
    ...(v.type === 'wrong_item' && { reportedBarcode: v.reportedBarcode?.trim() ?? '' }),
    shippingInsurance: Boolean(v.shippingInsurance),
    ...(v.overrideReason?.trim() && { override: { reason: v.overrideReason } }),
  };
}

