import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const shops = pgTable('shops', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** tmall | taobao | jd | douyin | pdd | own | manual */
  platform: text('platform').notNull(),
  /** Reservations try this warehouse first; plain integer to keep catalog free of inventory's tables. */
  defaultWarehouseId: integer('default_warehouse_id'),
  /** 中通 unless the shop says otherwise: the carrier most shops use. */
  defaultCarrier: text('default_carrier').notNull().default('ZTO'),
  timezone: text('timezone').notNull().default('Asia/Shanghai'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const products = pgTable(
  'products',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    /** traffic 引流款 | profit 利润款 | image 形象款 */
    priceBand: text('price_band').notNull(),
    /** standard | custom_made | perishable | digital | periodical | confirmed_at_purchase (model.ts RETURN_POLICIES) */
    returnPolicy: text('return_policy').notNull().default('standard'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('products_return_policy', sql`${t.returnPolicy} IN ('standard', 'custom_made', 'perishable', 'digital', 'periodical', 'confirmed_at_purchase')`)],
);

export const skus = pgTable(
  'skus',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    /** 货号 */
    code: text('code').notNull().unique(),
    barcode: text('barcode').unique(),
    spec: text('spec').notNull().default(''),
    price: integer('price').notNull(),
    cost: integer('cost').notNull().default(0),
    weightGrams: integer('weight_grams').notNull().default(0),
    safetyStock: integer('safety_stock'),
    /** on_sale | delisted */
    listingStatus: text('listing_status').notNull().default('on_sale'),
    /** An operator's choice that automatic delist/relist must not override. */
    listingPinned: boolean('listing_pinned').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('skus_product_idx').on(t.productId),
    check('skus_money_nonneg', sql`${t.price} >= 0 AND ${t.cost} >= 0 AND ${t.weightGrams} >= 0`),
  ],
);
