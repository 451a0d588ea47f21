import { z } from 'zod';
import { lookupCode } from '../../../platform/model';
import { carrierSchema } from '../../catalog';

/** API shapes of the printed documents and the waybill pool. */

/** One carrier's batch as staff copy it from the carrier's allotment: a day's numbers fit. */
export const MAX_WAYBILLS_PER_LOAD = 10_000;

export const loadWaybillsBody = z.object({
  carrier: carrierSchema,
  /** As copied: spaces and dashes are dropped and letters upper-cased before the format check. */
  trackingNos: z.array(lookupCode.min(1)).min(1).max(MAX_WAYBILLS_PER_LOAD),
});
export type LoadWaybillsInput = z.infer<typeof loadWaybillsBody>;

export const waybillLoadReply = z.object({
  carrier: carrierSchema,
  added: z.number().int(),
  /** Left out, each once: already in the pool, already on a parcel, or repeated in the batch. */
  duplicates: z.array(z.string()),
  /** The carrier's free numbers after the load. */
  available: z.number().int(),
});
export type WaybillLoad = z.infer<typeof waybillLoadReply>;

export const waybillStockReply = z.object({
  items: z.array(z.object({ carrier: carrierSchema, carrierName: z.string(), available: z.number().int(), allotted: z.number().int() })),
});
export type WaybillStock = z.infer<typeof waybillStockReply>;

/** A PDF reply, shown inline: declared with its media type, so the API document and clients know it is a file. */
export const pdfReply = { description: 'PDF 文件', content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } } };
