/**
 * Stock read models: what staff look at (levels, movements, alerts, the SKU picker, discrepancies). Besides
 * inventory's own tables they read catalog's `skus` and `products` (codes, names, safety stock)
 * and platform's `users` (who reported and counted); they never write them.
 */
import { aliasedTable, and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { users } from '../../platform/schema';
import { products, skus } from '../catalog/schema';
import type { Discrepancy, DiscrepancyListQuery, LevelListQuery, LowStockAlert, SkuPickerQuery, StockLevel } from './model';
import { bins, stockDiscrepancies, stockLevels, warehouses } from './schema';

const available = sql<number>`(${stockLevels.onHand} - ${stockLevels.reserved})::int`;
const safetyStock = (defaultSafetyStock: number) => sql<number>`COALESCE(${skus.safetyStock}, ${defaultSafetyStock}::int)::int`;
const skuMatches = (q: string) => or(ilike(skus.code, `%${q}%`), ilike(products.name, `%${q}%`), eq(skus.barcode, q));

function levelSelection(defaultSafetyStock: number) {
  return {
    skuId: stockLevels.skuId,
    skuCode: skus.code,
    productId: skus.productId,
    productName: products.name,
    spec: skus.spec,
    warehouseId: stockLevels.warehouseId,
    warehouseCode: warehouses.code,
    warehouseName: warehouses.name,
    binCode: bins.code,
    binWalkOrder: bins.walkOrder,
    onHand: stockLevels.onHand,
    reserved: stockLevels.reserved,
    available,
    safetyStock: safetyStock(defaultSafetyStock),
    updatedAt: stockLevels.updatedAt,
  };
}

function levelsFrom(ctx: Ctx, defaultSafetyStock: number) {
  return ctx.db
    .select(levelSelection(defaultSafetyStock))
    .from(stockLevels)
    .innerJoin(skus, eq(skus.id, stockLevels.skuId))
    .innerJoin(products, eq(products.id, skus.productId))
    .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
    .leftJoin(bins, eq(bins.id, stockLevels.pickBinId))
    .$dynamic();
}

function countLevels(ctx: Ctx, where: SQL | undefined) {
  return ctx.db
    .select({ n: count() })
    .from(stockLevels)
    .innerJoin(skus, eq(skus.id, stockLevels.skuId))
    .innerJoin(products, eq(products.id, skus.productId))
    .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
    .where(where);
}

const toLevel = (row: Omit<StockLevel, 'updatedAt'> & { updatedAt: Date }): StockLevel => ({ ...row, updatedAt: row.updatedAt.toISOString() });

const isLow = (defaultSafetyStock: number) => sql`${available} < ${safetyStock(defaultSafetyStock)}`;

export async function listLevels(ctx: Ctx, q: LevelListQuery, defaultSafetyStock: number) {
  const where = and(
    q.skuCode ? eq(skus.code, q.skuCode) : undefined,
    q.warehouseCode ? eq(warehouses.code, q.warehouseCode) : undefined,
    q.q ? skuMatches(q.q) : undefined,
    q.lowStock ? isLow(defaultSafetyStock) : undefined,
  );
  const rows = await levelsFrom(ctx, defaultSafetyStock)
    .where(where)
    .orderBy(asc(skus.code), asc(warehouses.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await countLevels(ctx, where);
  return { items: rows.map(toLevel), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function levelsOf(ctx: Ctx, warehouseId: number, skuIds: number[], defaultSafetyStock: number): Promise<StockLevel[]> {
  const rows = await levelsFrom(ctx, defaultSafetyStock)
    .where(and(eq(stockLevels.warehouseId, warehouseId), inArray(stockLevels.skuId, skuIds)))
    .orderBy(asc(skus.code));
  return rows.map(toLevel);
}

/** Stock rows whose available is below the SKU's safety stock, the largest shortfall first. */
export async function lowStock(ctx: Ctx, limit: number, defaultSafetyStock: number): Promise<{ items: LowStockAlert[]; total: number }> {
  const where = and(isLow(defaultSafetyStock), eq(warehouses.active, true));
  const shortfall = sql<number>`(${safetyStock(defaultSafetyStock)} - ${available})::int`;
  const rows = await levelsFrom(ctx, defaultSafetyStock).where(where).orderBy(desc(shortfall), asc(skus.code)).limit(limit);
  const [total] = await countLevels(ctx, where);
  return {
    items: rows.map((r) => ({
      skuId: r.skuId,
      skuCode: r.skuCode,
      productName: r.productName,
      spec: r.spec,
      warehouseId: r.warehouseId,
      warehouseCode: r.warehouseCode,
      available: r.available,
      safetyStock: r.safetyStock,
      shortfall: r.safetyStock - r.available,
    })),
    total: total?.n ?? 0,
  };
}

/** SKUs for order-entry pickers, with what one warehouse can sell now (see `skuPickerItem.available`). */
export async function pickSkus(ctx: Ctx, q: SkuPickerQuery) {
  const sellable = ctx.db
    .select({ skuId: stockLevels.skuId, available: sql<number>`MAX(${available})::int`.as('available') })
    .from(stockLevels)
    .innerJoin(warehouses, and(eq(warehouses.id, stockLevels.warehouseId), eq(warehouses.active, true)))
    .where(q.warehouseId === undefined ? undefined : eq(stockLevels.warehouseId, q.warehouseId))
    .groupBy(stockLevels.skuId)
    .as('sellable');
  const where = q.q ? skuMatches(q.q) : undefined;
  const rows = await ctx.db
    .select({
      id: skus.id,
      code: skus.code,
      barcode: skus.barcode,
      productId: skus.productId,
      productName: products.name,
      spec: skus.spec,
      price: skus.price,
      listingStatus: skus.listingStatus,
      available: sql<number>`COALESCE(${sellable.available}, 0)::int`,
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .leftJoin(sellable, eq(sellable.skuId, skus.id))
    .where(where)
    .orderBy(asc(skus.code))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(skus).innerJoin(products, eq(products.id, skus.productId)).where(where);
  return { items: rows, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

const reporter = aliasedTable(users, 'reporter');
const counter = aliasedTable(users, 'counter');

/** Discrepancies newest first, with the SKU, the bin, on hand now and who reported and counted them. */
export async function listDiscrepancies(ctx: Ctx, q: DiscrepancyListQuery & { id?: number }) {
  const where = and(
    q.id !== undefined ? eq(stockDiscrepancies.id, q.id) : undefined,
    q.warehouseCode ? eq(warehouses.code, q.warehouseCode) : undefined,
    q.skuCode ? eq(skus.code, q.skuCode) : undefined,
    q.status ? eq(stockDiscrepancies.status, q.status) : undefined,
  );
  const rows = await ctx.db
    .select({
      id: stockDiscrepancies.id,
      skuId: stockDiscrepancies.skuId,
      skuCode: skus.code,
      productName: products.name,
      spec: skus.spec,
      warehouseCode: warehouses.code,
      binCode: bins.code,
      expected: stockDiscrepancies.expected,
      found: stockDiscrepancies.found,
      onHand: sql<number>`COALESCE(${stockLevels.onHand}, 0)::int`,
      status: stockDiscrepancies.status,
      refType: stockDiscrepancies.refType,
      refId: stockDiscrepancies.refId,
      reportedByName: reporter.displayName,
      reportedAt: stockDiscrepancies.reportedAt,
      countedQuantity: stockDiscrepancies.countedQuantity,
      onHandBefore: stockDiscrepancies.onHandBefore,
      countedByName: counter.displayName,
      countedAt: stockDiscrepancies.countedAt,
    })
    .from(stockDiscrepancies)
    .innerJoin(skus, eq(skus.id, stockDiscrepancies.skuId))
    .innerJoin(warehouses, eq(warehouses.id, stockDiscrepancies.warehouseId))
    .innerJoin(products, eq(products.id, skus.productId))
    .leftJoin(bins, eq(bins.id, stockDiscrepancies.binId))
    .leftJoin(stockLevels, and(eq(stockLevels.skuId, stockDiscrepancies.skuId), eq(stockLevels.warehouseId, stockDiscrepancies.warehouseId)))
    .leftJoin(reporter, eq(reporter.id, stockDiscrepancies.reportedBy))
    .leftJoin(counter, eq(counter.id, stockDiscrepancies.countedBy))
    .where(where)
    .orderBy(desc(stockDiscrepancies.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db
    .select({ n: count() })
    .from(stockDiscrepancies)
    .innerJoin(skus, eq(skus.id, stockDiscrepancies.skuId))
    .innerJoin(warehouses, eq(warehouses.id, stockDiscrepancies.warehouseId))
    .where(where);
  const items: Discrepancy[] = rows.map((r) => ({
    ...r,
    status: r.status as Discrepancy['status'],
    missing: r.expected - r.found,
    reportedByName: r.reportedByName ?? '系统',
    reportedAt: r.reportedAt.toISOString(),
    countedAt: r.countedAt?.toISOString() ?? null,
  }));
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}
