import { recordEvent, timeline, type TimelineEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound, unprocessable, type ErrorDetail } from '../../platform/errors';
import type {
  CreateProductInput,
  CreateShopInput,
  Product,
  ProductListQuery,
  Shop,
  ShopListQuery,
  Sku,
  SkuInput,
  SkuRef,
  UpdateProductInput,
  UpdateShopInput,
  UpdateSkuInput,
} from './model';
import * as repo from './repository';

/**
 * Resolves a warehouse code to its id (null when unknown). Warehouses belong to inventory, which
 * depends on catalog; the caller passes inventory's lookup in so catalog does not import it back.
 */
export type WarehouseLookup = (ctx: Ctx, code: string) => Promise<number | null>;

// ---- shops ----

export async function getShop(ctx: Ctx, id: number): Promise<Shop> {
  const shop = await repo.shopById(ctx, id);
  if (!shop) throw notFound('shop', id, '店铺');
  return shop;
}

export const getShopByCode = (ctx: Ctx, code: string): Promise<Shop | null> => repo.shopByCode(ctx, code);

export const listShops = (ctx: Ctx, q: ShopListQuery) => repo.listShops(ctx, q);

async function resolveDefaultWarehouse(ctx: Ctx, code: string | null | undefined, lookup: WarehouseLookup): Promise<number | null | undefined> {
  if (code === undefined || code === null) return code;
  const id = await lookup(ctx, code);
  if (id === null) throw unprocessable('unknown_warehouse', `仓库 ${code} 不存在`, [{ path: 'defaultWarehouseCode', message: code }]);
  return id;
}

export async function createShop(ctx: Ctx, input: CreateShopInput, lookup: WarehouseLookup): Promise<Shop> {
  const defaultWarehouseId = await resolveDefaultWarehouse(ctx, input.defaultWarehouseCode, lookup);
  const shop = await repo.insertShop(ctx, {
    code: input.code,
    name: input.name,
    platform: input.platform,
    defaultWarehouseId: defaultWarehouseId ?? null,
    ...(input.defaultCarrier && { defaultCarrier: input.defaultCarrier }),
    ...(input.timezone && { timezone: input.timezone }),
    createdAt: ctx.clock.now(),
  });
  if (!shop) throw conflict('shop_code_taken', `店铺编码 ${input.code} 已存在`, [{ path: 'code', message: input.code }]);
  await recordEvent(ctx, { action: 'shop.create', entityType: 'shop', entityId: shop.id, after: shop });
  return shop;
}

export async function updateShop(ctx: Ctx, id: number, input: UpdateShopInput, lookup: WarehouseLookup): Promise<Shop> {
  const before = await getShop(ctx, id);
  const defaultWarehouseId = await resolveDefaultWarehouse(ctx, input.defaultWarehouseCode, lookup);
  const after = await repo.updateShop(ctx, id, {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.platform !== undefined && { platform: input.platform }),
    ...(defaultWarehouseId !== undefined && { defaultWarehouseId }),
    ...(input.defaultCarrier !== undefined && { defaultCarrier: input.defaultCarrier }),
    ...(input.timezone !== undefined && { timezone: input.timezone }),
    ...(input.active !== undefined && { active: input.active }),
  });
  await recordEvent(ctx, { action: 'shop.update', entityType: 'shop', entityId: id, before, after });
  return after;
}

// ---- products and SKUs ----

export async function getProduct(ctx: Ctx, id: number): Promise<Product> {
  const product = await repo.productById(ctx, id);
  if (!product) throw notFound('product', id, '商品');
  return product;
}

export const listProducts = (ctx: Ctx, q: ProductListQuery) => repo.listProducts(ctx, q);

/** Codes and barcodes must be unique within the request and against existing SKUs; `prefixOf` gives each input's error path prefix. */
async function assertSkuKeysFree(ctx: Ctx, inputs: Pick<SkuInput, 'code' | 'barcode'>[], prefixOf: (i: number) => string, exceptSkuId?: number) {
  const repeated: ErrorDetail[] = [];
  const seenCodes = new Set<string>();
  const seenBarcodes = new Set<string>();
  inputs.forEach((s, i) => {
    if (seenCodes.has(s.code)) repeated.push({ path: `${prefixOf(i)}code`, message: s.code });
    if (s.barcode && seenBarcodes.has(s.barcode)) repeated.push({ path: `${prefixOf(i)}barcode`, message: s.barcode });
    seenCodes.add(s.code);
    if (s.barcode) seenBarcodes.add(s.barcode);
  });
  if (repeated.length) throw unprocessable('duplicate_in_request', `同一商品中货号或条码重复：${repeated.map((d) => d.message).join('、')}`, repeated);

  const taken = await repo.takenSkuKeys(ctx, [...seenCodes], [...seenBarcodes], exceptSkuId);
  const clashes: ErrorDetail[] = [];
  inputs.forEach((s, i) => {
    if (taken.codes.has(s.code)) clashes.push({ path: `${prefixOf(i)}code`, message: s.code });
    if (s.barcode && taken.barcodes.has(s.barcode)) clashes.push({ path: `${prefixOf(i)}barcode`, message: s.barcode });
  });
  if (clashes.length) throw conflict('sku_taken', `货号或条码已被其他 SKU 使用：${clashes.map((d) => d.message).join('、')}`, clashes);
}

function skuValues(productId: number, input: SkuInput, now: Date) {
  return {
    productId,
    code: input.code,
    barcode: input.barcode ?? null,
    spec: input.spec,
    price: input.price,
    cost: input.cost,
    weightGrams: input.weightGrams,
    safetyStock: input.safetyStock ?? null,
    listingStatus: input.listingStatus,
    listingPinned: input.listingPinned,
    createdAt: now,
    updatedAt: now,
  };
}

export async function createProduct(ctx: Ctx, input: CreateProductInput): Promise<Product> {
  await assertSkuKeysFree(ctx, input.skus, (i) => `skus.${i}.`);
  const now = ctx.clock.now();
  const id = await repo.insertProduct(ctx, { name: input.name, category: input.category, priceBand: input.priceBand, returnPolicy: input.returnPolicy, createdAt: now, updatedAt: now });
  await repo.insertSkus(ctx, input.skus.map((s) => skuValues(id, s, now)));
  const product = await getProduct(ctx, id);
  await recordEvent(ctx, { action: 'product.create', entityType: 'product', entityId: id, after: product });
  return product;
}

export async function updateProduct(ctx: Ctx, id: number, input: UpdateProductInput): Promise<Product> {
  const before = await getProduct(ctx, id);
  await repo.updateProduct(ctx, id, { ...input, updatedAt: ctx.clock.now() });
  const after = await getProduct(ctx, id);
  const { skus: _beforeSkus, ...beforeFields } = before;
  const { skus: _afterSkus, ...afterFields } = after;
  await recordEvent(ctx, { action: 'product.update', entityType: 'product', entityId: id, before: beforeFields, after: afterFields });
  return after;
}

export async function addSku(ctx: Ctx, productId: number, input: SkuInput): Promise<Sku> {
  await getProduct(ctx, productId);
  await assertSkuKeysFree(ctx, [input], () => '');
  const [sku] = await repo.insertSkus(ctx, [skuValues(productId, input, ctx.clock.now())]);
  await recordEvent(ctx, { action: 'sku.create', entityType: 'sku', entityId: sku!.id, after: sku });
  return sku!;
}

export async function getSku(ctx: Ctx, id: number): Promise<Sku> {
  const sku = await repo.skuById(ctx, id);
  if (!sku) throw notFound('sku', id, 'SKU');
  return sku;
}

/**
 * An operator who sets the listing by hand fixes it (pins it) unless they say otherwise, so a SKU
 * they took off sale stays off sale when stock moves, and intake can tell it from a sold-out one
 * by the data alone.
 */
export async function updateSku(ctx: Ctx, id: number, input: UpdateSkuInput): Promise<Sku> {
  const before = await getSku(ctx, id);
  if (input.barcode) await assertSkuKeysFree(ctx, [{ code: before.code, barcode: input.barcode }], () => '', id);
  const pinByHand = input.listingStatus !== undefined && input.listingPinned === undefined ? { listingPinned: true } : {};
  const after = await repo.updateSku(ctx, id, { ...input, ...pinByHand, updatedAt: ctx.clock.now() });
  await recordEvent(ctx, { action: 'sku.update', entityType: 'sku', entityId: id, before, after });
  return after;
}

/** The product's own events and its SKUs' (price changes, automatic delist/relist…), oldest first. */
export async function productEvents(ctx: Ctx, productId: number): Promise<TimelineEvent[]> {
  await getProduct(ctx, productId);
  const skuIds = await repo.skuIdsOfProduct(ctx, productId);
  const timelines = await Promise.all([timeline(ctx, 'product', productId), ...skuIds.map((id) => timeline(ctx, 'sku', id))]);
  return timelines.flat().sort((a, b) => a.id - b.id);
}

const byCode = (refs: SkuRef[]) => new Map(refs.map((r) => [r.code, r]));

export async function findSkusByCodes(ctx: Ctx, codes: string[]): Promise<Map<string, SkuRef>> {
  return byCode(await repo.skuRefsByCodes(ctx, [...new Set(codes)]));
}

/** The shop by code (null when there is none) and the SKUs found by code, read together. */
export async function findShopAndSkus(ctx: Ctx, shopCode: string, skuCodes: string[]): Promise<{ shop: Shop | null; skus: Map<string, SkuRef> }> {
  const { shop, skus } = await repo.shopAndSkuRefs(ctx, shopCode, [...new Set(skuCodes)]);
  return { shop, skus: byCode(skus) };
}

/**
 * Automatic listing (库存为0及时下架): SKUs with nothing sellable are delisted, SKUs with stock are
 * relisted, except those an operator pinned. Each automatic change is audited under the actor
 * whose stock change caused it.
 */
export async function applyAutoListing(ctx: Ctx, sellableBySku: ReadonlyMap<number, number>): Promise<void> {
  const soldOut = [...sellableBySku].filter(([, n]) => n <= 0).map(([id]) => id);
  const inStock = [...sellableBySku].filter(([, n]) => n > 0).map(([id]) => id);
  const changes = [
    ...(await repo.setUnpinnedListing(ctx, soldOut, 'delisted')).map((sku) => ({ sku, action: 'sku.autoDelist', from: 'on_sale', to: 'delisted' })),
    ...(await repo.setUnpinnedListing(ctx, inStock, 'on_sale')).map((sku) => ({ sku, action: 'sku.autoRelist', from: 'delisted', to: 'on_sale' })),
  ];
  for (const { sku, action, from, to } of changes) {
    await recordEvent(ctx, { action, entityType: 'sku', entityId: sku.id, before: { listingStatus: from }, after: { listingStatus: to, sellable: sellableBySku.get(sku.id) } });
  }
}
