import { and, asc, desc, eq, or } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { customers } from './schema';

export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;

export async function findById(ctx: Ctx, id: number): Promise<CustomerRow | undefined> {
  const [row] = await ctx.db.select().from(customers).where(eq(customers.id, id));
  return row;
}

/** The shop's customer with this nick, else the first one with this phone: one indexed query. */
export async function findByNickOrPhone(ctx: Ctx, shopId: number, nick: string | null, phoneIndex: string): Promise<CustomerRow | undefined> {
  const samePhone = eq(customers.phoneIndex, phoneIndex);
  const sameNick = nick === null ? undefined : eq(customers.nick, nick);
  const [row] = await ctx.db
    .select()
    .from(customers)
    .where(and(eq(customers.shopId, shopId), sameNick ? or(sameNick, samePhone) : samePhone))
    .orderBy(...(sameNick ? [desc(sameNick)] : []), asc(customers.id))
    .limit(1);
  return row;
}

/** Inserts unless a concurrent order created the same shop + nick first (then undefined). */
export async function insertCustomer(ctx: Ctx, values: NewCustomer): Promise<CustomerRow | undefined> {
  const [row] = await ctx.db.insert(customers).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateCustomer(ctx: Ctx, id: number, patch: Partial<NewCustomer>): Promise<CustomerRow> {
  const [row] = await ctx.db.update(customers).set(patch).where(eq(customers.id, id)).returning();
  return row!;
}
