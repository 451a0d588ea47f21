import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import { preparedRowsOf } from '../../db/client';
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

/** The shop's customer with this nick, else the first one with this phone: one indexed query. */
export async function findByNickOrPhone(ctx: Ctx, shopId: number, nick: string | null, phoneIndex: string): Promise<CustomerRow | undefined> {
  const samePhone = eq(customers.phoneIndex, phoneIndex);
  const sameNick = nick === null ? undefined : eq(customers.nick, nick);
  const [row] = await ctx.db
    .select()
    .from(customers)
    .where(and(eq(customers.shopId, shopId), sameNick ? or(sameNick, samePhone) : samePhone))
    // coalesce: a customer without a nick (matched by phone) would otherwise sort first, as NULL does in DESC.
    .orderBy(...(sameNick ? [desc(sql`coalesce(${sameNick}, false)`)] : []), asc(customers.id))
    .limit(1);
  return row;
}

export interface BuyerFields {
  shopId: number;
  nick: string | null;
  nameEnc: string;
  phoneEnc: string;
  phoneIndex: string;
  addressEnc: string;
}

/**
 * In one statement: the shop's customer with this nick, else the first with this phone index,
 * takes the buyer's latest fields (and learns the nick it lacked), recorded as customer.update;
 * with no match a customer is inserted and its customer.create event recorded. No row means a concurrent order inserted the
 * same shop + nick first.
 */
export async function updateMatchOrInsert(ctx: Ctx, buyer: BuyerFields, now: Date): Promise<{ id: number; blacklisted: boolean } | undefined> {
  const at = now.toISOString();
  const { shopId, nick, nameEnc, phoneEnc, phoneIndex, addressEnc } = buyer;
  const sameNick = nick === null ? sql`false` : sql`nick = ${nick}`;
  const [row] = await preparedRowsOf<{ id: number; blacklisted: boolean }>(
    ctx.db,
    sql`
      WITH found AS (
        SELECT id FROM ${customers}
        WHERE shop_id = ${shopId}::int AND (${sameNick} OR phone_index = ${phoneIndex})
        ORDER BY coalesce(${sameNick}, false) DESC, id LIMIT 1
      ), updated AS (
        UPDATE ${customers} c SET name_enc = ${nameEnc}, phone_enc = ${phoneEnc}, phone_index = ${phoneIndex}, address_enc = ${addressEnc},
          nick = coalesce(c.nick, ${nick}::text), updated_at = ${at}::timestamptz
        FROM found WHERE c.id = found.id
        RETURNING c.id, c.blacklisted
      ), inserted AS (
        INSERT INTO ${customers} (shop_id, nick, name_enc, phone_enc, phone_index, address_enc, created_at, updated_at)
        SELECT ${shopId}::int, ${nick}::text, ${nameEnc}, ${phoneEnc}, ${phoneIndex}, ${addressEnc}, ${at}::timestamptz, ${at}::timestamptz
        WHERE NOT EXISTS (SELECT 1 FROM found)
        ON CONFLICT DO NOTHING
        RETURNING id, blacklisted
      ), created_event AS (
        ${eventPerRowSql(ctx, { action: 'customer.create', entityType: 'customer', after: { shopId, nick } }, 'inserted', 'id')}
      ), updated_event AS (
        ${eventPerRowSql(ctx, { action: 'customer.update', entityType: 'customer', after: { source: 'order', nick, replaced: ['name', 'phone', 'address'] } }, 'updated', 'id')}
      )
      SELECT * FROM updated UNION ALL SELECT * FROM inserted`,
  );
  return row;
}

export async function updateCustomer(ctx: Ctx, id: number, patch: Partial<NewCustomer>): Promise<CustomerRow> {
  const [row] = await ctx.db.update(customers).set(patch).where(eq(customers.id, id)).returning();
  return row!;
}
