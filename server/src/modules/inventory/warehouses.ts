/** Warehouses and their bins along the picking route. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import type { Bin, BinEntry, CreateWarehouseInput, UpdateWarehouseInput, Warehouse, WarehouseListQuery } from './model';
import * as repo from './repository';
import { placeBins, routeProblems } from './rules';

export async function getWarehouse(ctx: Ctx, id: number): Promise<Warehouse> {
  const warehouse = await repo.warehouseById(ctx, id);
  if (!warehouse) throw notFound('warehouse', id, '仓库');
  return warehouse;
}

export const listWarehouses = (ctx: Ctx, q: WarehouseListQuery) => repo.listWarehouses(ctx, q);

/** For catalog's shop settings (a shop's default warehouse is chosen by code). */
export async function warehouseIdByCode(ctx: Ctx, code: string): Promise<number | null> {
  return (await repo.warehouseByCode(ctx, code))?.id ?? null;
}

/** For fulfillment's expected weights: the warehouse's own packaging weight, null when it uses the setting. */
export async function packagingGramsOf(ctx: Ctx, warehouseId: number): Promise<number | null> {
  return repo.packagingGramsOf(ctx, warehouseId);
}

/** A warehouse with its bins: codes alone walk in list order. */
export async function createWarehouse(ctx: Ctx, input: CreateWarehouseInput): Promise<Warehouse> {
  const id = await repo.insertWarehouse(ctx, { code: input.code, name: input.name, packagingGrams: input.packagingGrams ?? null, createdAt: ctx.clock.now() });
  if (id === null) throw conflict('warehouse_code_taken', `仓库编码 ${input.code} 已存在`, [{ path: 'code', message: input.code }]);
  await repo.insertBins(ctx, id, placeBins(input.bins, 0));
  const warehouse = await getWarehouse(ctx, id);
  await recordEvent(ctx, { action: 'warehouse.create', entityType: 'warehouse', entityId: id, after: warehouse });
  return warehouse;
}

export async function updateWarehouse(ctx: Ctx, id: number, input: UpdateWarehouseInput): Promise<Warehouse> {
  const before = await getWarehouse(ctx, id);
  await repo.updateWarehouse(ctx, id, input);
  const after = await getWarehouse(ctx, id);
  await recordEvent(ctx, { action: 'warehouse.update', entityType: 'warehouse', entityId: id, before, after });
  return after;
}

/** New bins: codes alone go after the last bin on the route, in list order. */
export async function addBins(ctx: Ctx, id: number, entries: BinEntry[]): Promise<Warehouse> {
  const before = await getWarehouse(ctx, id);
  const existed = await repo.insertBins(ctx, id, placeBins(entries, await repo.lastWalkOrder(ctx, id)));
  if (existed.length) {
    const codes = entries.map((e) => (typeof e === 'string' ? e : e.code));
    throw conflict(
      'bin_code_taken',
      `库位已存在：${existed.join('、')}`,
      existed.map((code) => ({ path: `codes.${codes.indexOf(code)}`, message: code })),
    );
  }
  const after = await getWarehouse(ctx, id);
  await recordEvent(ctx, { action: 'warehouse.addBins', entityType: 'warehouse', entityId: id, before: { bins: before.bins }, after: { bins: after.bins } });
  return after;
}

/** The warehouse's bins in walking order (bins sharing a place by code). */
export async function listBins(ctx: Ctx, id: number): Promise<{ items: Bin[] }> {
  return { items: (await getWarehouse(ctx, id)).bins };
}

/** Lays the route anew: `codes` names every bin of the warehouse once, first to last; each takes its position. */
export async function setWalkingOrder(ctx: Ctx, id: number, codes: string[]): Promise<Warehouse> {
  const before = await getWarehouse(ctx, id);
  const { unknown, repeated, missing } = routeProblems(codes, before.bins);
  if (unknown.length) throw unprocessable('unknown_bin', `仓库 ${before.code} 没有库位：${unknown.map((d) => d.message).join('、')}`, unknown);
  if (repeated.length) throw unprocessable('duplicate_bin', `库位重复：${repeated.map((d) => d.message).join('、')}`, repeated);
  if (missing.length) throw unprocessable('bins_missing', `拣货路线缺少库位：${missing.join('、')}（每个库位都要排进路线）`, [{ path: 'codes', message: missing.join('、') }]);
  const idOf = new Map(before.bins.map((b) => [b.code, b.id]));
  await repo.setWalkOrders(ctx, id, codes.map((code, i) => ({ id: idOf.get(code)!, walkOrder: i + 1 })));
  const after = await getWarehouse(ctx, id);
  await recordEvent(ctx, { action: 'warehouse.setWalkingOrder', entityType: 'warehouse', entityId: id, before: { bins: before.bins }, after: { bins: after.bins } });
  return after;
}

/** The warehouse stock is moved in, by code: 422 naming `warehouseCode` when unknown (or inactive, if it must be active). */
export async function warehouseForStock(ctx: Ctx, code: string, { mustBeActive }: { mustBeActive: boolean }) {
  const warehouse = await repo.warehouseByCode(ctx, code);
  if (!warehouse) throw unprocessable('unknown_warehouse', `仓库 ${code} 不存在`, [{ path: 'warehouseCode', message: code }]);
  if (mustBeActive && !warehouse.active) throw unprocessable('warehouse_inactive', `仓库 ${code} 已停用`, [{ path: 'warehouseCode', message: code }]);
  return warehouse;
}
