import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound, type ErrorDetail } from '../../platform/errors';
import type { SowingWall, SowResult } from './model';
import type { RefusedScan } from './packing';
import { requireWave } from './picking';
import { pickedBySku } from './pickingRepository';
import * as readModel from './readModel';
import * as stationReads from './stationReadModel';
import * as repo from './sowingRepository';

/**
 * The sowing wall (播种墙) of a multi-item wave: the wave was picked by SKU total, and each unit
 * scanned at the wall goes into the first slot (lowest number) whose order still needs it; a slot
 * whose order has every unit is full, ready to pack. Sowers at one wall take turns on the wave's
 * lock, so a unit is never counted twice. Once the wave's picks are being confirmed, only units
 * picked are sown. A slot whose order's parcel was opened at 验货 takes no more: the packer scans
 * its items from then on, so what it still needs is sent to the packing table (already_packing). Every scan is kept in `sow_scans`, refused ones too; a slot filling up is
 * audited on its order (`order.sow`), as picking audits the wave's step, not each unit. An order
 * intercepted after some units were sown keeps them: they go back to the shelf from its slot (回库).
 */

const notMultiWave = (waveNo: string) => conflict('not_multi_wave', `波次 ${waveNo} 不是多件波次，没有播种墙`, [{ path: 'id', message: waveNo }]);

const lineView = ({ lineId, skuCode, barcode, productName, spec, needed, sown }: stationReads.WallLine) => ({ lineId, skuCode, barcode, productName, spec, needed, sown });

const isFull = (lines: readonly stationReads.WallLine[]) => lines.every((l) => l.sown >= l.needed);

/** The wall: every slot of the wave with its order, lines, and whether it is full or intercepted. */
export async function sowingWall(ctx: Ctx, waveId: number): Promise<SowingWall> {
  const [wave] = (await readModel.waveRows(ctx, { id: waveId })).rows;
  if (!wave) throw notFound('wave', waveId, '波次');
  if (wave.kind !== 'multi') throw notMultiWave(wave.waveNo);
  const bySlot = new Map<number, stationReads.WallLine[]>();
  for (const line of await stationReads.wallLines(ctx, wave.id)) bySlot.set(line.slot, [...(bySlot.get(line.slot) ?? []), line]);
  const slots = [...bySlot.values()].map((lines) => {
    const { slot, orderId, orderNo, intercepted, shelved, packing } = lines[0]!;
    return { slot, orderId, orderNo, lines: lines.map(lineView), full: !intercepted && isFull(lines), packing: !intercepted && packing, intercepted, shelved };
  });
  return { waveId: wave.id, waveNo: wave.waveNo, status: wave.status as SowingWall['status'], slots, progress: await stationReads.wallProgress(ctx, wave.id) };
}

/** Why a scanned item goes into no slot: `lines` are the wave's lines of its SKU, none of an open order still needing it. */
function refusalOf(waveNo: string, barcode: string, lines: readonly stationReads.WallLine[]): { result: string; line: stationReads.WallLine | null; message: string } {
  if (lines.length === 0) return { result: 'wrong_item', line: null, message: `波次 ${waveNo} 的订单里没有 ${barcode}，请把商品拿出来` };
  const packing = lines.find((l) => l.packing && !l.intercepted && l.sown < l.needed);
  if (packing) return { result: 'already_packing', line: packing, message: `${packing.skuCode} 只有已在验货的订单 ${packing.orderNo}（${packing.slot} 号格）还要：请把这件送到验货台，不要放进格位` };
  const gone = lines.find((l) => l.intercepted && !l.shelved && l.sown < l.needed);
  if (gone) return { result: 'intercepted', line: gone, message: `${gone.skuCode} 只有已拦截的订单 ${gone.orderNo}（${gone.slot} 号格）还要：请放到一边，等回库` };
  return { result: 'excess_item', line: null, message: `${lines[0]!.skuCode} 各格都已放够，这件是多出来的：请拿出来放回库位` };
}

/** One unit scanned at the wall by its barcode or SKU code: the slot it goes into. */
export async function scanSow(ctx: Ctx, waveId: number, barcode: string): Promise<SowResult | RefusedScan> {
  // the wave locked: two sowers at one wall take turns, so one unit is never counted twice; a packing
  // session opening meanwhile waits too (its parcel's foreign key to the wave takes a KEY SHARE lock),
  // so the parcels read below are all there are
  const wave = await requireWave(ctx, waveId);
  if (wave.kind !== 'multi') throw notMultiWave(wave.waveNo);
  const lines = await stationReads.wallLines(ctx, wave.id, { code: barcode });
  const into = lines.find((l) => l.open && l.sown < l.needed);
  const scan = { waveId: wave.id, barcode, skuId: (into ?? lines[0])?.skuId ?? null, actorId: ctx.actor.id, at: ctx.clock.now() };
  const scanned: ErrorDetail[] = [{ path: 'barcode', message: barcode }];
  const refuse = async (result: string, line: stationReads.WallLine | null, message: string): Promise<RefusedScan> => {
    await repo.recordSowScan(ctx, { ...scan, result, orderId: line?.orderId ?? null, slot: line?.slot ?? null });
    return { refused: conflict(result, message, scanned) };
  };
  if (!into) {
    const why = refusalOf(wave.waveNo, barcode, lines);
    return refuse(why.result, why.line, why.message);
  }
  if (await repo.picksConfirmed(ctx, wave.id)) {
    const picked = (await pickedBySku(ctx, wave.id)).get(into.skuId) ?? 0;
    const sown = lines.filter((l) => !l.intercepted && l.skuId === into.skuId).reduce((n, l) => n + l.sown, 0);
    if (sown >= picked) return refuse('not_picked', null, `${into.skuCode} 拣货确认了 ${picked} 件，已播 ${sown} 件：这件还没有拣货确认，请先到配货扫描`);
  }

  await repo.sowUnit(ctx, wave.id, into);
  await repo.recordSowScan(ctx, { ...scan, result: 'ok', orderId: into.orderId, slot: into.slot });
  const slotLines = await stationReads.wallLines(ctx, wave.id, { orderId: into.orderId });
  const slotFull = isFull(slotLines);
  if (slotFull) {
    const units = slotLines.reduce((n, l) => n + l.needed, 0);
    await recordEvent(ctx, { action: 'order.sow', entityType: 'order', entityId: into.orderId, after: { waveId: wave.id, waveNo: wave.waveNo, slot: into.slot, units } });
  }
  return {
    waveId: wave.id,
    waveNo: wave.waveNo,
    slot: into.slot,
    orderId: into.orderId,
    orderNo: into.orderNo,
    line: lineView(slotLines.find((l) => l.lineId === into.lineId)!),
    slotFull,
    progress: await stationReads.wallProgress(ctx, wave.id),
  };
}
