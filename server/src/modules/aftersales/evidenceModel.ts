import { z } from 'zod';

/**
 * The evidence a case shows besides what the buyer sent (DOMAIN.md §6 少货/错货): the packing
 * scans and weighings of the order's parcels, the stock of its SKUs now, and what a wrong-item
 * barcode says.
 */

export const PACK_SCAN_RESULTS = ['ok', 'wrong_item', 'excess_item', 'intercepted'] as const;
export const WEIGHT_VERDICTS = ['ok', 'mismatch', 'override'] as const;

export const packingScanSchema = z.object({
  parcelId: z.number().int(),
  trackingNo: z.string().nullable(),
  at: z.string(),
  /** What the packer scanned: a barcode or a SKU code. */
  barcode: z.string(),
  /** The SKU it named, if any. */
  skuCode: z.string().nullable(),
  productName: z.string().nullable(),
  /** ok: taken into the parcel; wrong_item: not the order's; excess_item: more than ordered; intercepted: the order had left the wave. */
  result: z.enum(PACK_SCAN_RESULTS),
  scannedBy: z.string().nullable(),
});
export type PackingScan = z.infer<typeof packingScanSchema>;

const weighingSchema = z.object({
  grams: z.number().int(),
  expectedGrams: z.number().int(),
  tolerancePercent: z.number().int(),
  verdict: z.enum(WEIGHT_VERDICTS),
  /** Why a supervisor let a mismatch go. */
  reason: z.string().nullable(),
  weighedBy: z.string().nullable(),
  at: z.string(),
});

/** A parcel that left for the order: its last weighing against what its contents should weigh, and every weighing. */
export const parcelWeightSchema = z.object({
  parcelId: z.number().int(),
  carrier: z.string(),
  trackingNo: z.string().nullable(),
  shippedAt: z.string().nullable(),
  expectedGrams: z.number().int().nullable(),
  weighedGrams: z.number().int().nullable(),
  /** weighed − expected, in grams (negative: lighter than it should be). */
  differenceGrams: z.number().int().nullable(),
  tolerancePercent: z.number().int().nullable(),
  verdict: z.enum(WEIGHT_VERDICTS).nullable(),
  weighings: z.array(weighingSchema),
});
export type ParcelWeight = z.infer<typeof parcelWeightSchema>;

export const caseStockSchema = z.object({
  skuCode: z.string(),
  productName: z.string(),
  spec: z.string(),
  warehouseCode: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
});
export type CaseStock = z.infer<typeof caseStockSchema>;

/** unknown_barcode: no SKU of ours; buyer_error: the order bought it; ours: we sent something the order did not buy. */
export const WRONG_ITEM_VERDICTS = ['unknown_barcode', 'buyer_error', 'ours'] as const;
export type WrongItemVerdict = (typeof WRONG_ITEM_VERDICTS)[number];

export const wrongItemCheckSchema = z.object({
  reportedBarcode: z.string(),
  /** The SKU the barcode (or SKU code) names in the catalog. */
  sku: z.object({ skuCode: z.string(), productName: z.string(), spec: z.string() }).nullable(),
  /** It is one of the order's lines. */
  ordered: z.boolean(),
  /** Times it was scanned at 验货 into (or refused from) the order's parcels. */
  packingScans: z.number().int(),
  verdict: z.enum(WRONG_ITEM_VERDICTS),
  /** Ours: `exchange` when the wrong item is worth more than its return shipping (have it back), else `keep` (partial refund or let the buyer keep it, reship what was missing); null otherwise. */
  advice: z.enum(['exchange', 'keep']).nullable(),
  /** The verdict in words customer service can act on. */
  message: z.string(),
  /** When the ledger was corrected for what really left (ordered SKU back on hand, this one off), or null. */
  stockCorrectedAt: z.string().nullable(),
});
export type WrongItemCheck = z.infer<typeof wrongItemCheckSchema>;
