import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { eventPerRowSql } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { customers } from './schema';

export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;

export async function findById(ctx: Ctx, id: number): Promise<CustomerRow | undefined> {
  const [row] = await ctx.db.select().from(customers).where(eq(customers.id, id));
  return row;
}

/** Whether this customer, or any customer of the shop with this phone, is on the blacklist. */
export async function anyBlacklisted(ctx: Ctx, shopId: number, customerId: number | null, phoneIndex: string | null): Promise<boolean> {
  const sameCustomer = customerId === null ? undefined : eq(customers.id, customerId);
  const samePhone = phoneIndex === null ? undefined : eq(customers.phoneIndex, phoneIndex);
  if (!sameCustomer && !samePhone) return false;
  const [row] = await ctx.db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.blacklisted, true), or(sameCustomer, samePhone)))
    .limit(1);
  return row !== undefined;
}

/**
 * Holds, until the transaction ends, the right to create the shop's customer for this phone index:
 * buyers without a nick are matched by phone alone, which no unique key guards. The statement that
 * follows takes a newer snapshot, so it sees the customer a concurrent order created meanwhile.
 */
export async function lockPhoneMatch(ctx: Ctx, shopId: number, phoneIndex: string): Promise<void> {
  await ctx.db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`customer:${shopId}:${phoneIndex}`}::text, 0))`);
}

export interface BuyerFields {
  shopId: number;
  nick: string | null;
  nameEnc: string;
  phoneEnc: string;
  /** Null when the phone identifies no one: then it neither matches nor replaces a customer's. */
  phoneIndex: string | null;
  addressEnc: string;
}

/** Which of the order's fields a matched customer takes (the name always). */
export interface Replaces {
  phone: boolean;
  address: boolean;
}

/**
 * The buyer's customer as CTEs of the caller's statement (order intake), ending in
 * `customer (id)`: the shop's customer with this nick, else the first with this phone
 * index, takes the buyer's latest fields (and learns the nick it lacked), recorded as
 * customer.update; with no match a customer is inserted and its customer.create event recorded.
 * Nothing happens unless `onlyIf` holds. `customer` is empty when a concurrent order inserted the
 * same shop + nick first (it has committed by then, so the next statement finds it).
 */
export function matchOrInsertSql(ctx: Ctx, buyer: BuyerFields, replaces: Replaces, onlyIf: SQL): SQL {
  const at = ctx.clock.now().toISOString();
  const { shopId, nick, nameEnc, phoneEnc, phoneIndex, addressEnc } = buyer;
  const sameNick = nick === null ? sql`false` : sql`nick = ${nick}`;
  const samePhone = phoneIndex === null ? sql`false` : sql`phone_index = ${phoneIndex}`;
  const phoneSet = replaces.phone ? sql`, phone_enc = ${phoneEnc}, phone_index = ${phoneIndex}` : sql``;
  const addressSet = replaces.address ? sql`, address_enc = ${addressEnc}` : sql``;
  const replaced = ['name', ...(replaces.phone ? ['phone'] : []), ...(replaces.address ? ['address'] : [])];
  return sql`
    customer_found AS (
      SELECT id FROM ${customers}
      WHERE ${onlyIf} AND shop_id = ${shopId}::int AND (${sameNick} OR ${samePhone})
      ORDER BY coalesce(${sameNick}, false) DESC, id LIMIT 1
    ), customer_updated AS (
      UPDATE ${customers} c SET name_enc = ${nameEnc}${phoneSet}${addressSet},
        nick = coalesce(c.nick, ${nick}::text), updated_at = ${at}::timestamptz
      FROM customer_found WHERE c.id = customer_found.id
      RETURNING c.id
    ), customer_inserted AS (
      INSERT INTO ${customers} (shop_id, nick, name_enc, phone_enc, phone_index, address_enc, created_at, updated_at)
      SELECT ${shopId}::int, ${nick}::text, ${nameEnc}, ${phoneEnc}, ${phoneIndex}, ${addressEnc}, ${at}::timestamptz, ${at}::timestamptz
      WHERE ${onlyIf} AND NOT EXISTS (SELECT 1 FROM customer_found)
      ON CONFLICT DO NOTHING
      RETURNING id
    ), customer_created_event AS (
      ${eventPerRowSql(ctx, { action: 'customer.create', entityType: 'customer', after: { shopId, nick } }, 'customer_inserted', 'id')}
    ), customer_updated_event AS (
      ${eventPerRowSql(ctx, { action: 'customer.update', entityType: 'customer', after: { source: 'order', nick, replaced } }, 'customer_updated', 'id')}
    ), customer AS (
      SELECT * FROM customer_updated UNION ALL SELECT * FROM customer_inserted
    )`;
}

export async function updateCustomer(ctx: Ctx, id: number, patch: Partial<NewCustomer>): Promise<CustomerRow> {
  const [row] = await ctx.db.update(customers).set(patch).where(eq(customers.id, id)).returning();
  return row!;
}
