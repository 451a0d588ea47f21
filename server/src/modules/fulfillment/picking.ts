import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import { pickBinsOf } from '../inventory';
import type { PickProgress, PickScanInput } from './model';
import type { RefusedScan } from './packing';
import * as repo from './pickingRepository';
import { allot, matchStop } from './pickRules';
import * as pickingReads from './pickingReadModel';
import { sownOfOrder } from './sowingRepository';
import { nextWaveStatus } from './waveStates';

/**
 * Pick confirmation (配货, location first): the picker walks the wave's route, scans each bin, then
 * the items taken there (one scan one unit, or a carton's units). Picking is by SKU total; each
 * unit taken is allotted to the wave's orders in slot order (`wave_picks`), so an order that leaves
 * the wave hands its units to orders still waiting and keeps only what must go back to the shelf.
 * Every scan is kept, refused ones too. The wave is `picked` once the orders still in it have all
 * their units. Picking moves no stock in the ledger: stock is per SKU and warehouse, bins are where
 * it lies, and the units stay reserved until the parcel ships.
 */

export type PickLine = pickingReads.WaveSkuNeed & { binCode: string | null; binId: number | null };

/** The wave's SKUs along the route (no pick bin last): `lines` still needed, `gone` only orders that left needed. */
export async function pickLines(ctx: Ctx, wave: repo.WaveRecord): Promise<{ lines: PickLine[]; gone: PickLine[] }> {
  const needs = await pickingReads.waveSkuNeeds(ctx, wave.id);
  const route = await pickBinsOf(ctx, wave.warehouseId, needs.map((n) => n.skuId));
  const place = new Map(route.map((b, i) => [b.skuId, { ...b, step: i }]));
  const rows = needs.map((n) => ({ ...n, binCode: place.get(n.skuId)?.binCode ?? null, binId: place.get(n.skuId)?.binId ?? null }));
  rows.sort((a, b) => (place.get(a.skuId)?.step ?? Infinity) - (place.get(b.skuId)?.step ?? Infinity) || a.skuCode.localeCompare(b.skuCode));
  return { lines: rows.filter((r) => r.quantity > 0), gone: rows.filter((r) => r.quantity === 0) };
}

const stopAt = (lines: readonly PickLine[], binCode: string | null) => ({
  binCode,
  lines: lines
    .filter((l) => l.binCode === binCode)
    .map(({ skuId, skuCode, barcode, productName, spec, quantity, picked }) => ({ skuId, skuCode, barcode, productName, spec, binCode, quantity, picked })),
});

function progressOf(wave: repo.WaveRecord, lines: readonly PickLine[], stopBin: string | null | undefined): PickProgress {
  const next = lines.find((l) => l.picked < l.quantity);
  return {
    waveId: wave.id,
    waveNo: wave.waveNo,
    status: wave.status as PickProgress['status'],
    units: lines.reduce((n, l) => n + l.quantity, 0),
    picked: lines.reduce((n, l) => n + l.picked, 0),
    stop: stopBin === undefined ? null : stopAt(lines, stopBin),
    next: next ? stopAt(lines, next.binCode) : null,
  };
}

export async function requireWave(ctx: Ctx, id: number): Promise<repo.WaveRecord> {
  const wave = await repo.lockWave(ctx, id);
  if (!wave) throw notFound('wave', id, '波次');
  return wave;
}

/** Every unit the orders still in the wave need is picked: the wave is `picked` (audited). */
async function settlePicking(ctx: Ctx, wave: repo.WaveRecord, lines: readonly PickLine[]): Promise<repo.WaveRecord> {
  if (wave.status !== 'picking' || lines.some((l) => l.picked < l.quantity)) return wave;
  const status = nextWaveStatus(wave.status, 'finish_picking');
  await repo.setWaveStatus(ctx, wave.id, status);
  await recordEvent(ctx, { action: 'wave.finish_picking', entityType: 'wave', entityId: wave.id, before: { status: wave.status }, after: { status, units: lines.reduce((n, l) => n + l.quantity, 0) } });
  return { ...wave, status };
}

/** The wave's progress as it stands, settling it as picked when nothing is left (after orders left it). */
export async function pickProgress(ctx: Ctx, waveId: number): Promise<PickProgress> {
  const wave = await requireWave(ctx, waveId);
  const { lines } = await pickLines(ctx, wave);
  return progressOf(await settlePicking(ctx, wave, lines), lines, undefined);
}

export const binName = (binCode: string | null | undefined) => (binCode ? `库位 ${binCode}` : '无库位商品');

/** A bin the wave's route does not pass (or no bin scanned, when every SKU of the wave has one). */
export const offRoute = (wave: repo.WaveRecord, binCode: string | undefined) =>
  conflict('bin_not_on_route', binCode === undefined ? `波次 ${wave.waveNo} 没有无库位的商品，请先扫描库位` : `库位 ${binCode} 不在波次 ${wave.waveNo} 的拣货路线上`, [
    { path: 'binCode', message: binCode ?? '' },
  ]);

/** One scan at picking: a bin alone (arriving at a stop), or an item taken there. */
export async function scanPick(ctx: Ctx, waveId: number, input: PickScanInput): Promise<PickProgress | RefusedScan> {
  const wave = await requireWave(ctx, waveId);
  const { lines, gone } = await pickLines(ctx, wave);
  const match = matchStop(lines, gone, input.binCode, input.barcode);
  const units = input.barcode === undefined ? 1 : input.quantity;
  const line = match.kind === 'item' || match.kind === 'intercepted' ? match.line : null;
  const remaining = match.kind === 'item' ? match.line.quantity - match.line.picked : 0;
  const result = match.kind === 'stop' || (match.kind === 'item' && units <= remaining) ? 'ok' : match.kind === 'item' ? 'excess_item' : match.kind;
  await repo.recordPickScan(ctx, { waveId, binCode: input.binCode ?? null, barcode: input.barcode ?? null, quantity: units, result, skuId: line?.skuId ?? null, actorId: ctx.actor.id, at: ctx.clock.now() });
  const code = input.barcode ?? input.binCode ?? '';
  const scanned = [{ path: input.barcode === undefined ? 'binCode' : 'barcode', message: code }];
  switch (match.kind) {
    case 'bin_not_on_route':
      return { refused: offRoute(wave, input.binCode) };
    case 'intercepted':
      return { refused: conflict('intercepted', `${match.line.skuCode} 的订单已拦截，不用再拣：请放回${binName(match.line.binCode)}`, scanned) };
    case 'wrong_item':
      return { refused: conflict('wrong_item', `${code} 不是${binName(input.binCode)}要拣的商品（这里拣 ${match.stop.map((l) => l.skuCode).join('、')}），请放回`, scanned) };
    case 'stop':
      return progressOf(wave, lines, match.stop[0]!.binCode);
    case 'item':
      break;
  }
  const picked = match.line;
  if (units > remaining) {
    const say = remaining === 0 ? `已拣够 ${picked.quantity} 件` : `只需再拣 ${remaining} 件`;
    return { refused: conflict('excess_item', `${picked.skuCode} ${say}，多出的请放回${binName(picked.binCode)}`, [{ path: input.quantity > 1 ? 'quantity' : 'barcode', message: String(units) }]) };
  }
  await repo.addPicked(ctx, waveId, picked.skuId, allot(await pickingReads.orderNeedsOf(ctx, waveId, picked.skuId), units));
  picked.picked += units;
  return progressOf(await settlePicking(ctx, wave, lines), lines, picked.binCode);
}

/**
 * An order left the wave (interception): the units picked for it pass to the wave's orders still
 * waiting for them, so the picker's cart and the list agree; what it keeps goes back to the shelf.
 * Units that reached the packing table stay with its parcel, those sown into its slot on the wall
 * stay there. The wave may then be fully picked.
 */
export async function handOverPicks(ctx: Ctx, waveId: number, orderId: number): Promise<void> {
  const wave = await requireWave(ctx, waveId);
  const moves: { skuId: number; to: { orderId: number; units: number }[] }[] = [];
  if (!(await repo.parcelOfWaveOrder(ctx, waveId, orderId))) {
    const sown = await sownOfOrder(ctx, waveId, orderId);
    for (const { skuId, picked } of await repo.picksOfOrder(ctx, waveId, orderId)) {
      const loose = picked - (sown.get(skuId) ?? 0);
      const to = loose > 0 ? allot(await pickingReads.orderNeedsOf(ctx, waveId, skuId), loose) : [];
      const moved = to.reduce((n, a) => n + a.units, 0);
      if (moved === 0) continue;
      await repo.takePicked(ctx, waveId, skuId, orderId, moved);
      await repo.addPicked(ctx, waveId, skuId, to);
      moves.push({ skuId, to });
    }
  }
  if (moves.length) await recordEvent(ctx, { action: 'wave.hand_over_picks', entityType: 'wave', entityId: waveId, after: { fromOrderId: orderId, moves } });
  const { lines } = await pickLines(ctx, wave);
  await settlePicking(ctx, wave, lines);
}
