import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import type { Parcel, SingleStation, WaveDetail } from './model';
import { parcelView, type RefusedScan } from './packing';
import { linesToPack, parcelGrams } from './parcelContents';
import { requireWave } from './picking';
import * as readModel from './readModel';
import * as stationReads from './stationReadModel';
import * as repo from './repository';
import { getWave } from './service';

/**
 * The single-item station (一单一件): the wave was picked by SKU, and every scan of an item makes
 * the parcel of the next order (slot, then promise) still waiting for it, packed at once — one
 * item, nothing to verify against — with its expected weight, so its label prints and it goes on
 * to the scale. No packing session. Every scan is kept in `pack_scans` with the wave, refused ones
 * too; an order that left the wave (拦截) is passed over and never gets a label.
 */

const notSingleWave = (waveNo: string) =>
  conflict('not_single_wave', `波次 ${waveNo} 不是一单一件波次，请到验货台逐单验货`, [{ path: 'id', message: waveNo }]);

/** The wave a scanned wave number names (the pick list's barcode). */
export async function waveByScan(ctx: Ctx, scan: string): Promise<WaveDetail> {
  const id = await repo.waveIdByNo(ctx, scan);
  if (id === null) throw notFound('scan', scan, '波次号');
  return getWave(ctx, id);
}

/** Where the station stands in a single-item wave: orders labelled, still waiting, intercepted. */
export async function singleStation(ctx: Ctx, waveId: number): Promise<SingleStation> {
  const [wave] = (await readModel.waveRows(ctx, { id: waveId })).rows;
  if (!wave) throw notFound('wave', waveId, '波次');
  if (wave.kind !== 'single') throw notSingleWave(wave.waveNo);
  return { waveId: wave.id, waveNo: wave.waveNo, status: wave.status as SingleStation['status'], ...(await stationReads.singleWaveCounts(ctx, wave.id)) };
}

/** One item scanned at the station by its barcode or SKU code: the packed parcel of the order it goes to. */
export async function scanSingle(ctx: Ctx, waveId: number, barcode: string): Promise<Parcel | RefusedScan> {
  // the wave locked: two stations scanning the same SKU take different orders
  const wave = await requireWave(ctx, waveId);
  if (wave.kind !== 'single') throw notSingleWave(wave.waveNo);
  const next = await stationReads.nextSingleOrder(ctx, wave.id, barcode);
  const now = ctx.clock.now();
  const scan = { waveId: wave.id, barcode, skuId: next?.skuId ?? null, actorId: ctx.actor.id, at: now };
  const scanned = [{ path: 'barcode', message: barcode }];
  if (!next) {
    await repo.recordScan(ctx, { ...scan, parcelId: null, result: 'wrong_item' }, null);
    return { refused: conflict('wrong_item', `波次 ${wave.waveNo} 没有订单还在等 ${barcode}，请把商品拿出来`, scanned) };
  }
  if (next.intercepted) {
    await repo.recordScan(ctx, { ...scan, parcelId: null, result: 'intercepted' }, null);
    return { refused: conflict('intercepted', `${barcode} 的订单 ${next.orderNo} 已拦截，不出单：请把商品放回库位`, scanned) };
  }

  const order = (await readModel.packingOrder(ctx, { id: next.orderId }))!;
  const contents = await linesToPack(ctx, order.id);
  if (contents.length === 0) throw conflict('nothing_to_pack', `订单 ${order.orderNo} 没有待发的商品`, scanned);
  const inserted = await repo.insertParcel(
    ctx,
    {
      orderId: order.id,
      waveId: wave.id,
      warehouseId: wave.warehouseId,
      status: 'packed',
      carrier: order.carrier!,
      openedBy: ctx.actor.id,
      openedAt: now,
      packedBy: ctx.actor.id,
      packedAt: now,
    },
    contents.map((l) => ({ ...l, scanned: l.expected })),
  );
  const lines = await readModel.packingLines(ctx, inserted.id);
  const expectedGrams = await parcelGrams(ctx, wave.warehouseId, lines);
  const parcel = await repo.updateParcel(ctx, inserted.id, { expectedGrams });
  await repo.recordScan(ctx, { ...scan, parcelId: parcel.id, result: 'ok' }, null);
  await recordEvent(ctx, {
    action: 'parcel.pack',
    entityType: 'parcel',
    entityId: parcel.id,
    after: { status: 'packed', expectedGrams, orderId: order.id, orderNo: order.orderNo, waveId: wave.id, station: 'single', barcode },
  });
  return parcelView(parcel, order, lines);
}
