import { and, asc, count, eq, exists, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { preparedRowsOf, rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import type { ListingStatus, Product, ProductListQuery, Shop, ShopListQuery, Sku, SkuRef } from './model';
import { products, shops, skus } from './schema';

type ShopRow = typeof shops.$inferSelect;
type ProductRow = typeof products.$inferSelect;
type SkuRow = typeof skus.$inferSelect;

export function toShop(row: ShopRow): Shop {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    platform: row.platform as Shop['platform'],
    defaultWarehouseId: row.defaultWarehouseId,
    defaultCarrier: row.defaultCarrier as Shop['defaultCarrier'],
    timezone: row.timezone,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toSku(row: SkuRow): Sku {
  return {
    id: row.id,
    productId: row.productId,
    code: row.code,
    barcode: row.barcode,
    spec: row.spec,
    price: row.price,
    cost: row.cost,
    weightGrams: row.weightGrams,
    safetyStock: row.safetyStock,
    listingStatus: row.listingStatus as ListingStatus,
    listingPinned: row.listingPinned,
  };
}

function toProduct(row: ProductRow, productSkus: Sku[]): Product {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    priceBand: row.priceBand as Product['priceBand'],
    returnPolicy: row.returnPolicy as Product['returnPolicy'],
    skus: productSkus,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// ---- shops ----

export async function shopById(ctx: Ctx, id: number): Promise<Shop | null> {
  const [row] = await ctx.db.select().from(shops).where(eq(shops.id, id));
  return row ? toShop(row) : null;
}

export async function shopByCode(ctx: Ctx, code: string): Promise<Shop | null> {
  const [row] = await ctx.db.select().from(shops).where(eq(shops.code, code));
  return row ? toShop(row) : null;
}

export async function insertShop(ctx: Ctx, values: typeof shops.$inferInsert): Promise<Shop | null> {
  const [row] = await ctx.db.insert(shops).values(values).onConflictDoNothing({ target: shops.code }).returning();
  return row ? toShop(row) : null;
}

export async function updateShop(ctx: Ctx, id: number, changes: Partial<typeof shops.$inferInsert>): Promise<Shop> {
  const [row] = await ctx.db.update(shops).set(changes).where(eq(shops.id, id)).returning();
  return toShop(row!);
}

export async function listShops(ctx: Ctx, q: ShopListQuery) {
  const where = and(
    q.q ? or(ilike(shops.code, `%${q.q}%`), ilike(shops.name, `%${q.q}%`)) : undefined,
    q.platform ? eq(shops.platform, q.platform) : undefined,
    q.active !== undefined ? eq(shops.active, q.active) : undefined,
  );
  const rows = await ctx.db.select().from(shops).where(where).orderBy(asc(shops.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(shops).where(where);
  return { items: rows.map(toShop), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

// ---- products and SKUs ----

export async function productById(ctx: Ctx, id: number): Promise<Product | null> {
  const [row] = await ctx.db.select().from(products).where(eq(products.id, id));
  if (!row) return null;
  const productSkus = await ctx.db.select().from(skus).where(eq(skus.productId, id)).orderBy(asc(skus.id));
  return toProduct(row, productSkus.map(toSku));
}

export async function insertProduct(ctx: Ctx, values: typeof products.$inferInsert): Promise<number> {
  const [row] = await ctx.db.insert(products).values(values).returning({ id: products.id });
  return row!.id;
}

export async function updateProduct(ctx: Ctx, id: number, changes: Partial<typeof products.$inferInsert>): Promise<void> {
  await ctx.db.update(products).set(changes).where(eq(products.id, id));
}

export async function insertSkus(ctx: Ctx, values: (typeof skus.$inferInsert)[]): Promise<Sku[]> {
  const rows = await ctx.db.insert(skus).values(values).returning();
  return rows.map(toSku);
}

export async function skuById(ctx: Ctx, id: number): Promise<Sku | null> {
  const [row] = await ctx.db.select().from(skus).where(eq(skus.id, id));
  return row ? toSku(row) : null;
}

export async function updateSku(ctx: Ctx, id: number, changes: Partial<typeof skus.$inferInsert>): Promise<Sku> {
  const [row] = await ctx.db.update(skus).set(changes).where(eq(skus.id, id)).returning();
  return toSku(row!);
}

/** Which of these codes and barcodes are already taken by a SKU (other than `exceptSkuId`). */
export async function takenSkuKeys(ctx: Ctx, codes: string[], barcodes: string[], exceptSkuId?: number) {
  if (codes.length === 0 && barcodes.length === 0) return { codes: new Set<string>(), barcodes: new Set<string>() };
  const rows = await ctx.db
    .select({ code: skus.code, barcode: skus.barcode })
    .from(skus)
    .where(
      and(
        or(codes.length ? inArray(skus.code, codes) : undefined, barcodes.length ? inArray(skus.barcode, barcodes) : undefined),
        exceptSkuId !== undefined ? sql`${skus.id} <> ${exceptSkuId}` : undefined,
      ),
    );
  return { codes: new Set(rows.map((r) => r.code)), barcodes: new Set(rows.map((r) => r.barcode).filter((b): b is string => b !== null)) };
}

/** The SKUs with these codes as a JSON array of SkuRef, so they can come back beside other rows. */
const skuRefsJson = (codes: string[]) => sql`
  coalesce((
    SELECT json_agg(json_build_object(
      'id', k.id, 'code', k.code, 'barcode', k.barcode, 'productId', k.product_id, 'productName', p.name, 'spec', k.spec,
      'price', k.price, 'cost', k.cost, 'weightGrams', k.weight_grams, 'listingStatus', k.listing_status, 'listingPinned', k.listing_pinned))
    FROM ${skus} k JOIN ${products} p ON p.id = k.product_id
    WHERE k.code = ANY(${sql.param(codes)}::text[])
  ), '[]'::json)`;

export async function skuRefsByCodes(ctx: Ctx, codes: string[]): Promise<SkuRef[]> {
  if (codes.length === 0) return [];
  const [row] = await rowsOf<{ refs: SkuRef[] }>(ctx.db, sql`SELECT ${skuRefsJson(codes)} AS refs`);
  return row!.refs;
}

/** The shop with this code (or null) and the SKUs with these codes, in one round trip (order intake). */
export async function shopAndSkuRefs(ctx: Ctx, shopCode: string, skuCodes: string[]): Promise<{ shop: Shop | null; skus: SkuRef[] }> {
  const [row] = await preparedRowsOf<{ shop: (Omit<ShopRow, 'createdAt'> & { createdAt: string }) | null; skus: SkuRef[] }>(
    ctx.db,
    sql`
      SELECT (
        SELECT json_build_object('id', id, 'code', code, 'name', name, 'platform', platform, 'defaultWarehouseId', default_warehouse_id,
          'defaultCarrier', default_carrier, 'timezone', timezone, 'active', active, 'createdAt', created_at)
        FROM ${shops} WHERE code = ${shopCode}
      ) AS shop, ${skuRefsJson(skuCodes)} AS skus`,
  );
  const { shop, skus: refs } = row!;
  return { shop: shop && toShop({ ...shop, createdAt: new Date(shop.createdAt) }), skus: refs };
}

export async function listProducts(ctx: Ctx, q: ProductListQuery) {
  const skuFilters: SQL[] = [];
  if (q.listingStatus) skuFilters.push(eq(skus.listingStatus, q.listingStatus));
  const productFilters: (SQL | undefined)[] = [
    q.category ? eq(products.category, q.category) : undefined,
    q.priceBand ? eq(products.priceBand, q.priceBand) : undefined,
  ];
  if (q.q) {
    const pattern = `%${q.q}%`;
    const skuMatches = ctx.db
      .select({ one: sql`1` })
      .from(skus)
      .where(and(eq(skus.productId, products.id), or(ilike(skus.code, pattern), eq(skus.barcode, q.q))));
    productFilters.push(or(ilike(products.name, pattern), exists(skuMatches)));
  }
  if (skuFilters.length) {
    productFilters.push(exists(ctx.db.select({ one: sql`1` }).from(skus).where(and(eq(skus.productId, products.id), ...skuFilters))));
  }
  const where = and(...productFilters);
  const rows = await ctx.db.select().from(products).where(where).orderBy(asc(products.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(products).where(where);
  const ids = rows.map((r) => r.id);
  const skuRows = ids.length ? await ctx.db.select().from(skus).where(inArray(skus.productId, ids)).orderBy(asc(skus.id)) : [];
  const byProduct = new Map<number, Sku[]>();
  for (const sku of skuRows.map(toSku)) byProduct.set(sku.productId, [...(byProduct.get(sku.productId) ?? []), sku]);
  return { items: rows.map((r) => toProduct(r, byProduct.get(r.id) ?? [])), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/**
 * Moves SKUs to `status` unless pinned or already there, in one statement; returns the SKUs that
 * changed so the caller can audit them.
 */
export async function setUnpinnedListing(ctx: Ctx, skuIds: number[], status: ListingStatus): Promise<{ id: number }[]> {
  if (skuIds.length === 0) return [];
  return ctx.db
    .update(skus)
    .set({ listingStatus: status, updatedAt: ctx.clock.now() })
    .where(and(inArray(skus.id, skuIds), sql`${skus.listingStatus} <> ${status}`, eq(skus.listingPinned, false)))
    .returning({ id: skus.id });
}

export async function skuIdsOfProduct(ctx: Ctx, productId: number): Promise<number[]> {
  const rows = await ctx.db.select({ id: skus.id }).from(skus).where(eq(skus.productId, productId));
  return rows.map((r) => r.id);
}
