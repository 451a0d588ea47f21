import { z } from 'zod';
import { booleanQuery, codeText as code, lookupCode, pageQuery, patchBody, searchText } from '../../platform/model';

export const PLATFORMS = ['tmall', 'taobao', 'jd', 'douyin', 'pdd', 'own', 'manual'] as const;
export const PRICE_BANDS = ['traffic', 'profit', 'image'] as const;
export const LISTING_STATUSES = ['on_sale', 'delisted'] as const;
/**
 * Whether a product takes 七天无理由 returns (REFERENCE.md): `standard` does; the law always exempts
 * made-to-order, perishable, digital/unsealed audio-video and periodical goods; `confirmed_at_purchase`
 * covers goods the buyer confirmed at purchase as not returnable (unsealing affects safety or health,
 * value lost once activated or tried, sold as near expiry or flawed).
 */
export const RETURN_POLICY_LABELS = {
  standard: '支持七天无理由',
  custom_made: '定制商品',
  perishable: '鲜活易腐商品',
  digital: '数字化商品或已拆封的音像制品、软件',
  periodical: '报纸、期刊',
  confirmed_at_purchase: '购买时已确认不适用七天无理由的商品',
} as const;
export type ReturnPolicy = keyof typeof RETURN_POLICY_LABELS;
export const RETURN_POLICIES = Object.keys(RETURN_POLICY_LABELS) as [ReturnPolicy, ...ReturnPolicy[]];
/** The carriers ShopFlow ships with (their tracking-number formats are fulfillment's). */
export const CARRIERS = ['SF', 'EMS', 'YTO', 'ZTO', 'STO', 'YUNDA', 'JD', 'JT'] as const;
export type Carrier = (typeof CARRIERS)[number];
export const carrierSchema = z.enum(CARRIERS);

export const platformSchema = z.enum(PLATFORMS);
export const priceBandSchema = z.enum(PRICE_BANDS);
export const listingStatusSchema = z.enum(LISTING_STATUSES);
export const returnPolicySchema = z.enum(RETURN_POLICIES, { error: '七天无理由设置不对' });
export type ListingStatus = z.infer<typeof listingStatusSchema>;

const name = (what: string, max = 100) => z.string().trim().min(1, `请填写${what}`).max(max);
const fen = (what: string) => z.number().int(`${what}以分为单位，必须是整数`).min(0, `${what}不能为负数`).max(2_000_000_000);

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// ---- shops ----

export const shopSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  platform: platformSchema,
  defaultWarehouseId: z.number().int().nullable(),
  /** Parcels go by it unless the buyer asked for another or the address is remote. */
  defaultCarrier: carrierSchema,
  timezone: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Shop = z.infer<typeof shopSchema>;

const timezone = z.string().max(64).refine(isTimeZone, '不是有效的时区（例如 Asia/Shanghai）');

export const createShopBody = z.object({
  code: code('店铺编码'),
  name: name('店铺名称'),
  platform: platformSchema,
  defaultWarehouseCode: lookupCode.min(1).nullable().optional(),
  defaultCarrier: carrierSchema.optional(),
  timezone: timezone.optional(),
});
export type CreateShopInput = z.infer<typeof createShopBody>;

export const updateShopBody = patchBody({
  name: name('店铺名称').optional(),
  platform: platformSchema.optional(),
  defaultWarehouseCode: lookupCode.min(1).nullable().optional(),
  defaultCarrier: carrierSchema.optional(),
  timezone: timezone.optional(),
  active: z.boolean().optional(),
});
export type UpdateShopInput = z.infer<typeof updateShopBody>;

export const shopListQuery = z.object({
  q: searchText.optional(),
  platform: platformSchema.optional(),
  active: booleanQuery.optional(),
  ...pageQuery,
});
export type ShopListQuery = z.infer<typeof shopListQuery>;

export const shopListReply = z.object({ items: z.array(shopSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// ---- products and SKUs ----

export const skuSchema = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  code: z.string(),
  barcode: z.string().nullable(),
  spec: z.string(),
  price: z.number().int(),
  cost: z.number().int(),
  weightGrams: z.number().int(),
  safetyStock: z.number().int().nullable(),
  listingStatus: listingStatusSchema,
  listingPinned: z.boolean(),
});
export type Sku = z.infer<typeof skuSchema>;

/** What other modules (orders) need to know about a SKU. */
export interface SkuRef {
  id: number;
  code: string;
  barcode: string | null;
  productId: number;
  productName: string;
  spec: string;
  price: number;
  cost: number;
  weightGrams: number;
  listingStatus: ListingStatus;
  /** false: the listing follows stock (delisted = sold out); true: an operator fixed it. */
  listingPinned: boolean;
}

export const productSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  category: z.string(),
  priceBand: priceBandSchema,
  returnPolicy: returnPolicySchema,
  skus: z.array(skuSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;

export const skuInput = z.object({
  code: code('货号'),
  barcode: z
    .string()
    .trim()
    .max(64, '条码最多 64 位')
    .regex(/^[A-Za-z0-9-]{1,64}$/, '条码为 1–64 位字母或数字')
    .nullable()
    .optional(),
  spec: z.string().trim().max(100).default(''),
  price: fen('售价'),
  cost: fen('成本').default(0),
  weightGrams: z.number().int('重量以克为单位，必须是整数').min(0, '重量不能为负数').max(1_000_000).default(0),
  safetyStock: z.number().int().min(0, '安全库存不能为负数').max(10_000_000).nullable().optional(),
  listingStatus: listingStatusSchema.default('on_sale'),
  listingPinned: z.boolean().default(false),
});
export type SkuInput = z.infer<typeof skuInput>;

export const createProductBody = z.object({
  name: name('商品名称', 200),
  category: name('类目', 50),
  priceBand: priceBandSchema,
  returnPolicy: returnPolicySchema.default('standard'),
  skus: z.array(skuInput).min(1, '至少需要一个 SKU').max(200),
});
export type CreateProductInput = z.infer<typeof createProductBody>;

export const updateProductBody = patchBody({
  name: name('商品名称', 200).optional(),
  category: name('类目', 50).optional(),
  priceBand: priceBandSchema.optional(),
  returnPolicy: returnPolicySchema.optional(),
});
export type UpdateProductInput = z.infer<typeof updateProductBody>;

export const updateSkuBody = patchBody({
  barcode: skuInput.shape.barcode,
  spec: z.string().trim().max(100).optional(),
  price: fen('售价').optional(),
  cost: fen('成本').optional(),
  weightGrams: z.number().int().min(0, '重量不能为负数').max(1_000_000).optional(),
  safetyStock: z.number().int().min(0, '安全库存不能为负数').max(10_000_000).nullable().optional(),
  listingStatus: listingStatusSchema.optional(),
  listingPinned: z.boolean().optional(),
});
export type UpdateSkuInput = z.infer<typeof updateSkuBody>;

export const productListQuery = z.object({
  q: searchText.optional(),
  category: searchText.optional(),
  priceBand: priceBandSchema.optional(),
  listingStatus: listingStatusSchema.optional(),
  ...pageQuery,
});
export type ProductListQuery = z.infer<typeof productListQuery>;

export const productListReply = z.object({ items: z.array(productSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const skuIdParams = z.object({ id: z.coerce.number().int().positive() });
