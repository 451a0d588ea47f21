import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** A buyer, matched by shop + nick or by phone. Personal fields are ciphertext (see platform/pii). */
export const customers = pgTable(
  'customers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    shopId: integer('shop_id').notNull(),
    nick: text('nick'),
    nameEnc: text('name_enc'),
    phoneEnc: text('phone_enc'),
    /** HMAC blind index of the normalised phone, for lookup without decrypting. */
    phoneIndex: text('phone_index'),
    addressEnc: text('address_enc'),
    blacklisted: boolean('blacklisted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_shop_nick_uq').on(t.shopId, t.nick).where(sql`nick IS NOT NULL`),
    index('customers_phone_idx').on(t.phoneIndex),
  ],
);
