import { recordEvent } from '../../platform/audit';
import { localDate } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { notFound, unprocessable } from '../../platform/errors';
import { readSetting } from '../../platform/settings';
import { findSkusByCodes, getShopByCode } from '../catalog';
import { warehouseIdByCode } from '../inventory';
import { advanceOrder } from '../orders';
import type { Carrier } from '../catalog';
import { chooseCarrier } from './carriers';
import type { CreateWaveInput, Wave, WaveDetail, WaveListQuery } from './model';
import * as mergeReads from './mergeReadModel';
import * as readModel from './readModel';
import * as repo from './repository';
import { remoteProvincesSetting } from './settings';

/** Waves (波次): approved orders of one warehouse, taken together into picking. */

/** Wave numbers read in the warehouse's day; every warehouse works in mainland China time. */
export const WAREHOUSE_TIME_ZONE = 'Asia/Shanghai';

/** How many candidates to read per wanted order when a carrier filter leaves some out. */
const CARRIER_FILTER_OVERREAD = 4;

function toWave(row: readModel.WaveRow): Wave {
  return { ...row, filter: row.filter as Wave['filter'], createdAt: new Date(row.createdAt).toISOString() };
}

async function resolveFilter(ctx: Ctx, input: CreateWaveInput) {
  const { filter } = input;
  const warehouseId = await warehouseIdByCode(ctx, input.warehouseCode);
  if (warehouseId === null) throw unprocessable('unknown_warehouse', `仓库 ${input.warehouseCode} 不存在`, [{ path: 'warehouseCode', message: input.warehouseCode }]);
  const shop = filter.shopCode ? await getShopByCode(ctx, filter.shopCode) : null;
  if (filter.shopCode && !shop) throw unprocessable('unknown_shop', `店铺 ${filter.shopCode} 不存在`, [{ path: 'filter.shopCode', message: filter.shopCode }]);
  const sku = filter.skuCode ? (await findSkusByCodes(ctx, [filter.skuCode])).get(filter.skuCode) : undefined;
  if (filter.skuCode && !sku) throw unprocessable('unknown_sku', `货号 ${filter.skuCode} 不存在`, [{ path: 'filter.skuCode', message: filter.skuCode }]);
  return { warehouseId, shopId: shop?.id, skuId: sku?.id, shipByBefore: filter.shipByBefore ? new Date(filter.shipByBefore) : undefined };
}

interface ChosenOrder {
  orderId: number;
  carrier: Carrier;
  because: string;
}

/**
 * The chosen orders with the rest of their merge groups (合单), each placed (its slot on the wall) where
 * the group's first order is and leaving by its carrier: a group is one parcel.
 */
async function withMergedOrders(ctx: Ctx, chosen: ChosenOrder[], candidates: readModel.WaveCandidate[]): Promise<(ChosenOrder & { place: number })[]> {
  const groupOf = new Map(candidates.filter((c) => c.mergeId !== null).map((c) => [c.id, c.mergeId!]));
  const placed = chosen.map((c, place) => ({ ...c, place }));
  const firstOf = new Map(placed.filter((c) => groupOf.has(c.orderId)).map((c) => [groupOf.get(c.orderId)!, c]));
  const members = await mergeReads.lockMergeMembers(ctx, [...firstOf.keys()], chosen.map((c) => c.orderId));
  const rest = members.map((m) => ({ ...firstOf.get(m.mergeId)!, orderId: m.id }));
  return [...placed, ...rest].sort((a, b) => a.place - b.place || a.orderId - b.orderId);
}

/**
 * Takes up to `maxOrders` approved orders matching the filter, the earliest ship-by first, into a
 * new wave: each gets its carrier (carriers.ts) and, in a multi-item wave, its sowing-wall slot,
 * and moves to in_fulfillment (配货中). A merge group counts as one of them and comes whole, its
 * orders sharing the first one's slot and carrier. 422 when no order matches.
 */
export async function createWave(ctx: Ctx, input: CreateWaveInput): Promise<WaveDetail> {
  const where = await resolveFilter(ctx, input);
  const remoteProvinces = await readSetting(ctx, remoteProvincesSetting);
  const wanted = input.filter.carrier;
  const limit = wanted ? input.maxOrders * CARRIER_FILTER_OVERREAD : input.maxOrders;
  const candidates = await readModel.lockWaveCandidates(ctx, { ...where, kind: input.kind, limit });
  const chosen = candidates
    .map((c) => ({ orderId: c.id, ...chooseCarrier({ texts: c.texts, province: c.province, remoteProvinces, shopDefault: c.shopDefaultCarrier }) }))
    .filter((c) => !wanted || c.carrier === wanted)
    .slice(0, input.maxOrders);
  if (chosen.length === 0) throw unprocessable('no_orders_to_wave', '没有符合条件的待发货订单（已审核、未挂起、非绿旗）', [{ path: 'filter', message: '0' }]);
  const waved = await withMergedOrders(ctx, chosen, candidates);

  const now = ctx.clock.now();
  const prefix = `BC${localDate(now, WAREHOUSE_TIME_ZONE).replaceAll('-', '')}`;
  const filter = { ...input.filter, maxOrders: input.maxOrders };
  const wave = await repo.insertWave(ctx, prefix, { warehouseId: where.warehouseId, kind: input.kind, filter, orderCount: waved.length, createdBy: ctx.actor.id, createdAt: now });
  await repo.insertWaveOrders(
    ctx,
    wave.id,
    waved.map((c) => ({ orderId: c.orderId, slot: input.kind === 'multi' ? c.place + 1 : null, carrier: c.carrier, carrierReason: c.because })),
  );
  for (const c of waved) await advanceOrder(ctx, c.orderId, 'start_fulfillment');
  await recordEvent(ctx, { action: 'wave.create', entityType: 'wave', entityId: wave.id, after: { waveNo: wave.waveNo, kind: input.kind, filter, orderIds: waved.map((c) => c.orderId) } });
  return getWave(ctx, wave.id);
}

export async function getWave(ctx: Ctx, id: number): Promise<WaveDetail> {
  const { rows } = await readModel.waveRows(ctx, { id });
  if (!rows[0]) throw notFound('wave', id, '波次');
  const orders = await readModel.waveOrderRows(ctx, id);
  return { ...toWave(rows[0]), orders: orders.map((o) => ({ ...o, shipBy: o.shipBy === null ? null : new Date(o.shipBy).toISOString() })) };
}

export async function listWaves(ctx: Ctx, q: WaveListQuery): Promise<{ items: Wave[]; total: number; page: number; pageSize: number }> {
  const { rows, total } = await readModel.waveRows(ctx, { warehouseCode: q.warehouseCode, kind: q.kind, status: q.status }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(toWave), total, page: q.page, pageSize: q.pageSize };
}
