import { z } from 'zod';
import { isoTime, lookupCode, pageQuery } from '../../platform/model';
import { carrierSchema } from '../catalog';
import { WAVE_KINDS } from './rules';
import { WAVE_STATUSES } from './waveStates';

/** Fulfillment API shapes. Times are ISO 8601 strings. */

export const MAX_WAVE_ORDERS = 5000;

export const waveFilterSchema = z
  .object({
    shopCode: lookupCode.min(1).optional(),
    /** Only orders that would go by this carrier (the buyer's request, a remote address, else the shop's default). */
    carrier: carrierSchema.optional(),
    skuCode: lookupCode.min(1).optional(),
    /** Only orders promised to ship before this time. */
    shipByBefore: isoTime.optional(),
  })
  .strict();

export const createWaveBody = z.object({
  warehouseCode: lookupCode.min(1),
  kind: z.enum(WAVE_KINDS),
  filter: waveFilterSchema.default({}),
  maxOrders: z.number().int().min(1).max(MAX_WAVE_ORDERS).default(200),
});
export type CreateWaveInput = z.infer<typeof createWaveBody>;

export const waveSchema = z.object({
  id: z.number().int(),
  waveNo: z.string(),
  warehouseId: z.number().int(),
  warehouseCode: z.string(),
  kind: z.enum(WAVE_KINDS),
  status: z.string(),
  filter: waveFilterSchema.extend({ maxOrders: z.number().int() }),
  orderCount: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type Wave = z.infer<typeof waveSchema>;

export const waveOrderSchema = z.object({
  orderId: z.number().int(),
  orderNo: z.string(),
  status: z.string(),
  slot: z.number().int().nullable(),
  carrier: carrierSchema,
  carrierReason: z.string(),
  /** red: check before shipping — printed as a warning. */
  flag: z.string().nullable(),
  units: z.number().int(),
  shipBy: z.string().nullable(),
});

export const waveDetailSchema = waveSchema.extend({ orders: z.array(waveOrderSchema) });
export type WaveDetail = z.infer<typeof waveDetailSchema>;

export const pickLineSchema = z.object({
  skuId: z.number().int(),
  skuCode: z.string(),
  barcode: z.string().nullable(),
  productName: z.string(),
  spec: z.string(),
  /** The SKU's pick bin in the wave's warehouse; null when none is set (picked last). */
  binCode: z.string().nullable(),
  quantity: z.number().int(),
  /** Units of it taken from the bin so far (pick confirmation). */
  picked: z.number().int(),
  /** Where the units go: each order's slot on the sowing wall (null in a single-item wave). */
  slots: z.array(z.object({ slot: z.number().int().nullable(), orderNo: z.string(), quantity: z.number().int() })),
});

export const pickListSchema = z.object({
  wave: waveDetailSchema,
  lines: z.array(pickLineSchema),
  units: z.number().int(),
  /** Units picked so far: the wave's progress (it is `picked` when every unit is). */
  picked: z.number().int(),
});
export type PickList = z.infer<typeof pickListSchema>;

export const waveListQuery = z.object({
  warehouseCode: lookupCode.min(1).optional(),
  kind: z.enum(WAVE_KINDS).optional(),
  status: z.enum(WAVE_STATUSES).optional(),
  ...pageQuery,
});
export type WaveListQuery = z.infer<typeof waveListQuery>;

export const waveListReply = z.object({ items: z.array(waveSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });


// ---- packing ----

export const openSessionBody = z.object({
  /** The order number on the packing slip's barcode (the tracking number, once parcels ship). */
  scan: lookupCode.min(1),
});

export const scanBody = z.object({ barcode: lookupCode.min(1) });

export const parcelLineSchema = z.object({
  lineId: z.number().int(),
  /** The order the line is of: a merged parcel (合单) carries several. */
  orderNo: z.string(),
  skuCode: z.string(),
  barcode: z.string().nullable(),
  productName: z.string(),
  spec: z.string(),
  expected: z.number().int(),
  scanned: z.number().int(),
});

export const PARCEL_STATUSES = ['packing', 'packed', 'weighed', 'shipped', 'intercepted', 'shelved'] as const;
export const WEIGHT_VERDICTS = ['ok', 'mismatch', 'override'] as const;

export const parcelSchema = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  orderNo: z.string(),
  /** Every order it carries, its own first: more than one for a merge group (合单). */
  orderNos: z.array(z.string()),
  mergeId: z.number().int().nullable(),
  waveId: z.number().int().nullable(),
  status: z.enum(PARCEL_STATUSES),
  carrier: carrierSchema,
  /** red: check before shipping; the packer sees it. */
  flag: z.string().nullable(),
  buyerMessage: z.string().nullable(),
  lines: z.array(parcelLineSchema),
  /** Every line scanned as often as expected: the parcel can be closed. */
  complete: z.boolean(),
  /** Σ SKU weights + the warehouse's packaging, known once packed. */
  expectedGrams: z.number().int().nullable(),
  packedAt: z.string().nullable(),
  /** The waybill number: from the label, or taken at shipping. */
  trackingNo: z.string().nullable(),
  /** The last weighing: what the scale read and what it came to (mismatch: stopped, still packed). */
  weighedGrams: z.number().int().nullable(),
  weightVerdict: z.enum(WEIGHT_VERDICTS).nullable(),
  weighedAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
});
export type Parcel = z.infer<typeof parcelSchema>;

// ---- weighing and shipping ----

/** A parcel heavier than this is no parcel a courier takes: a typo on the scale. */
export const MAX_PARCEL_GRAMS = 100_000;

export const weighBody = z.object({ grams: z.number().int().min(1).max(MAX_PARCEL_GRAMS) });

export const weightOverrideBody = z.object({ reason: z.string().trim().min(1).max(200) });

/** 拆单: why the parcel closes with part of the lines (back-ordered, the box full…), kept in the audit. */
export const splitBody = z.object({ reason: z.string().trim().min(1).max(200) });

export const shipBody = z.object({
  carrier: carrierSchema,
  /** As scanned from the label or typed: spaces and dashes are dropped, letters upper-cased. */
  trackingNo: z.string().trim().min(1).max(40),
});
export type ShipInput = z.infer<typeof shipBody>;

/** What the scale or the door scans: the label's tracking number or the slip's order number. */
export const parcelLookupQuery = z.object({ scan: lookupCode.min(1) });

// ---- what waits at each station (待处理包裹) ----

/** 待验货 (orders in their wave, no parcel closed), 待称重 (parcels packed), 待发货 (parcels weighed). */
export const WAITING_STAGES = ['to_pack', 'to_weigh', 'to_ship'] as const;
export type WaitingStage = (typeof WAITING_STAGES)[number];

const waitingSearch = {
  /** An order no or a tracking number, whole or its last characters (what is left of a smudged label). */
  q: lookupCode.min(1).optional(),
};

export const waitingListQuery = z.object({ stage: z.enum(WAITING_STAGES), ...waitingSearch, ...pageQuery });
export type WaitingListQuery = z.infer<typeof waitingListQuery>;

/**
 * One row of the list, whatever the stage: at 待验货 an order waiting in its wave (its parcel
 * fields null, or its packing session's while one is open), else a parcel. Oldest first.
 */
export const waitingRowSchema = z.object({
  stage: z.enum(WAITING_STAGES),
  orderId: z.number().int(),
  orderNo: z.string(),
  /** The parcel: null at 待验货 until a packing session is opened (then status packing, 验货中). */
  parcelId: z.number().int().nullable(),
  status: z.enum(PARCEL_STATUSES).nullable(),
  waveId: z.number().int().nullable(),
  waveNo: z.string().nullable(),
  /** 播种墙 slot (multi-item waves). */
  slot: z.number().int().nullable(),
  carrier: carrierSchema,
  trackingNo: z.string().nullable(),
  /** The order's units to ship (待验货), or the parcel's. */
  units: z.number().int(),
  expectedGrams: z.number().int().nullable(),
  /** The last weighing; at 待称重 a mismatch waits to be weighed again, packed again or let go. */
  weighedGrams: z.number().int().nullable(),
  weightVerdict: z.enum(WEIGHT_VERDICTS).nullable(),
  packedByName: z.string().nullable(),
  packedAt: z.string().nullable(),
  weighedByName: z.string().nullable(),
  weighedAt: z.string().nullable(),
  /** Since when it waits here: the wave took the order, the parcel was closed, its weight passed. */
  waitingSince: z.string(),
});
export type WaitingRow = z.infer<typeof waitingRowSchema>;

export const waitingListReply = z.object({ items: z.array(waitingRowSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const waitingCountsQuery = z.object(waitingSearch);
/** How many wait at each stage (with `q`, of those it finds): the tabs, the same counts as the 工作台's. */
export const waitingCountsReply = z.object({ byStage: z.object({ to_pack: z.number().int(), to_weigh: z.number().int(), to_ship: z.number().int() }) });
export type WaitingCounts = z.infer<typeof waitingCountsReply>;

// ---- picking (配货: location first) and return to shelf (回库) ----

/** A carton scanned once counts its units; one scan is one unit otherwise. */
const scannedUnits = z.number().int().min(1).max(10_000).default(1);
/** The bin's code as scanned; left out for a SKU the pick list shows without a bin. */
const scannedBin = lookupCode.min(1).optional();

export const pickScanBody = z
  .object({
    binCode: scannedBin,
    /** The item's barcode or SKU code; left out when only the bin is scanned (arriving at a stop). */
    barcode: lookupCode.min(1).optional(),
    quantity: scannedUnits,
  })
  .refine((b) => b.binCode !== undefined || b.barcode !== undefined, { message: '请扫描库位或商品条码', path: ['binCode'] });
export type PickScanInput = z.infer<typeof pickScanBody>;

export const pickStopLineSchema = z.object({
  skuId: z.number().int(),
  skuCode: z.string(),
  barcode: z.string().nullable(),
  productName: z.string(),
  spec: z.string(),
  binCode: z.string().nullable(),
  /** Units the wave's orders need of it, and how many are picked. */
  quantity: z.number().int(),
  picked: z.number().int(),
});

/** A stop on the picking route: a bin (null: SKUs without one) and what is taken there. */
const pickStopSchema = z.object({ binCode: z.string().nullable(), lines: z.array(pickStopLineSchema) });

export const pickProgressSchema = z.object({
  waveId: z.number().int(),
  waveNo: z.string(),
  status: z.enum(WAVE_STATUSES),
  units: z.number().int(),
  picked: z.number().int(),
  /** The stop just scanned. */
  stop: pickStopSchema.nullable(),
  /** The first stop along the route with units left to pick; null once the wave is picked. */
  next: pickStopSchema.nullable(),
});
export type PickProgress = z.infer<typeof pickProgressSchema>;

export const shortPickBody = z.object({
  binCode: scannedBin,
  /** The SKU found short: its code or barcode. */
  skuCode: lookupCode.min(1),
  /** Units really in the bin, besides those already picked. */
  found: z.number().int().min(0).max(10_000_000),
});
export type ShortPickInput = z.infer<typeof shortPickBody>;

export const shortPickReply = z.object({
  discrepancy: z.object({ id: z.number().int(), expected: z.number().int(), found: z.number().int() }),
  /** The orders taken out of the wave and sent back to review (缺货（配货短拣）). */
  sentBack: z.array(z.object({ orderId: z.number().int(), orderNo: z.string(), slot: z.number().int().nullable() })),
  progress: pickProgressSchema,
});
export type ShortPickResult = z.infer<typeof shortPickReply>;

export const shelvingScanBody = z.object({ binCode: scannedBin, barcode: lookupCode.min(1), quantity: scannedUnits });
export type ShelvingScanInput = z.infer<typeof shelvingScanBody>;

export const shelvingSchema = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  orderNo: z.string(),
  waveId: z.number().int(),
  waveNo: z.string(),
  /** Why the order left its wave (订单已取消, 订单已挂起, 配货短拣). */
  reason: z.string().nullable(),
  /** The stopped parcel its items came out of, when it reached packing. */
  parcelId: z.number().int().nullable(),
  status: z.enum(['open', 'done']),
  /** What goes back to which bin, along the route. */
  lines: z.array(pickStopLineSchema.omit({ picked: true }).extend({ shelved: z.number().int() })),
  openedAt: z.string(),
  doneAt: z.string().nullable(),
});
export type Shelving = z.infer<typeof shelvingSchema>;

// ---- the single-item station (一单一件) ----

/** The wave number as the pick list's barcode prints it. */
export const waveLookupQuery = z.object({ scan: lookupCode.min(1) });

export const singleStationSchema = z.object({
  waveId: z.number().int(),
  waveNo: z.string(),
  status: z.enum(WAVE_STATUSES),
  /** Every order the wave took. */
  orders: z.number().int(),
  /** Orders whose parcel is made (its label can print). */
  labelled: z.number().int(),
  /** Orders still in the wave waiting for their item. */
  waiting: z.number().int(),
  /** Orders that left the wave (拦截): no label. */
  intercepted: z.number().int(),
});
export type SingleStation = z.infer<typeof singleStationSchema>;

// ---- the sowing wall (播种墙) ----

/** How far the wall is, over the orders still in the wave: units sown of all they need, slots full of all slots. */
export const wallProgressSchema = z.object({ units: z.number().int(), sown: z.number().int(), slots: z.number().int(), full: z.number().int() });
export type WallProgress = z.infer<typeof wallProgressSchema>;

export const sowLineSchema = z.object({
  lineId: z.number().int(),
  skuCode: z.string(),
  barcode: z.string().nullable(),
  productName: z.string(),
  spec: z.string(),
  needed: z.number().int(),
  sown: z.number().int(),
});

export const sowSlotSchema = z.object({
  slot: z.number().int(),
  orderId: z.number().int(),
  orderNo: z.string(),
  lines: z.array(sowLineSchema),
  /** Every unit of the order is in its slot: ready to pack. */
  full: z.boolean(),
  /** Its parcel was opened at 验货: the slot takes no more units, the packer scans what it still needs. */
  packing: z.boolean(),
  /** The order left the wave (拦截): what was sown into its slot goes back to the shelf (回库), `shelved` once it has. */
  intercepted: z.boolean(),
  shelved: z.boolean(),
});

export const sowingWallSchema = z.object({
  waveId: z.number().int(),
  waveNo: z.string(),
  status: z.enum(WAVE_STATUSES),
  slots: z.array(sowSlotSchema),
  progress: wallProgressSchema,
});
export type SowingWall = z.infer<typeof sowingWallSchema>;

/** One unit put into a slot: which, the line it counts on, whether the slot is now full, and the wall's progress. */
export const sowResultSchema = z.object({
  waveId: z.number().int(),
  waveNo: z.string(),
  slot: z.number().int(),
  orderId: z.number().int(),
  orderNo: z.string(),
  line: sowLineSchema,
  slotFull: z.boolean(),
  progress: wallProgressSchema,
});
export type SowResult = z.infer<typeof sowResultSchema>;
