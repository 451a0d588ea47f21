import { recordEvent } from '../../../platform/audit';
import type { Ctx } from '../../../platform/context';
import { conflict, unprocessable } from '../../../platform/errors';
import { CARRIER_LABELS, CARRIERS, normalizeTrackingNo, trackingNoProblem, type Carrier } from '../carriers';
import type { LoadWaybillsInput, WaybillLoad, WaybillStock } from './model';
import * as repo from './repository';

/**
 * Waybill numbers (面单号) for labels. A `WaybillSource` gives a parcel its number when its label
 * first prints; today's source is a pool of numbers staff load from each carrier's allotment, and a
 * carrier's e-waybill API (电子面单接口) can take its place behind the same interface.
 */
export interface WaybillSource {
  /** A number of `carrier` for the parcel, never given to another; 409 `no_waybill_numbers` when there is none. */
  allocate(ctx: Ctx, carrier: Carrier, parcelId: number): Promise<string>;
}

export const waybillPool: WaybillSource = {
  async allocate(ctx, carrier, parcelId) {
    const trackingNo = await repo.takeWaybillNumber(ctx, carrier, parcelId, ctx.clock.now());
    if (trackingNo === null) {
      throw conflict('no_waybill_numbers', `${CARRIER_LABELS[carrier]}的面单号用完了，请先导入${CARRIER_LABELS[carrier]}的面单号再打印快递单`, [{ path: 'carrier', message: carrier }]);
    }
    return trackingNo;
  },
};

/** Details named in a refusal: enough to find the bad lines of a pasted batch. */
const MAX_DETAILS = 50;

/**
 * Adds a carrier's numbers to the pool, each checked against the carrier's format (one bad number
 * refuses the batch: 422 `invalid_tracking_no` naming `trackingNos.N`). Numbers the pool already
 * holds, a parcel already carries, or the batch repeats are left out and listed, so loading an
 * overlapping range again is harmless.
 */
export async function loadWaybills(ctx: Ctx, input: LoadWaybillsInput): Promise<WaybillLoad> {
  const { carrier } = input;
  const numbers = input.trackingNos.map(normalizeTrackingNo);
  const invalid = numbers.flatMap((no, i) => {
    const problem = trackingNoProblem(carrier, no);
    return problem === null ? [] : [{ i, no, problem }];
  });
  if (invalid.length > 0) {
    const first = invalid[0]!;
    const more = invalid.length > 1 ? `（共 ${invalid.length} 个单号不对）` : '';
    throw unprocessable('invalid_tracking_no', `第 ${first.i + 1} 个单号 ${first.no} 不对：${first.problem}${more}`, invalid.slice(0, MAX_DETAILS).map((x) => ({ path: `trackingNos.${x.i}`, message: x.no })));
  }
  const unique = new Set<string>();
  const repeated = new Set<string>();
  for (const no of numbers) (unique.has(no) ? repeated : unique).add(no);
  const known = await repo.knownWaybillNumbers(ctx, carrier, [...unique]);
  const added = await repo.insertWaybillNumbers(ctx, carrier, [...unique].filter((no) => !known.has(no)), ctx.actor.id, ctx.clock.now());
  const addedSet = new Set(added);
  const duplicates = [...new Set([...[...unique].filter((no) => !addedSet.has(no)), ...repeated])];
  await recordEvent(ctx, { action: 'waybill.load', entityType: 'waybill_pool', entityId: carrier, after: { added: added.length, duplicates: duplicates.length, first: added[0] ?? null, last: added.at(-1) ?? null } });
  const stock = await waybillStock(ctx);
  return { carrier, added: added.length, duplicates, available: stock.items.find((s) => s.carrier === carrier)!.available };
}

/** Every carrier's numbers left in the pool, and how many were allotted. */
export async function waybillStock(ctx: Ctx): Promise<WaybillStock> {
  const rows = new Map((await repo.waybillStockRows(ctx)).map((r) => [r.carrier, r]));
  return { items: CARRIERS.map((carrier) => ({ carrier, carrierName: CARRIER_LABELS[carrier], available: rows.get(carrier)?.available ?? 0, allotted: rows.get(carrier)?.allotted ?? 0 })) };
}
