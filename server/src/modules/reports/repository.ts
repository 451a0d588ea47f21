import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { shops } from '../catalog/schema';
import { unpaidRegister } from '../orders/schema';
import type { UnpaidRegisterFilter } from './model';

// Reports are read models: they read other modules' tables and never write them.

const unpaidWhere = (f: UnpaidRegisterFilter) =>
  and(
    f.shopCode ? eq(shops.code, f.shopCode) : undefined,
    f.closedFrom ? gte(unpaidRegister.closedAt, new Date(f.closedFrom)) : undefined,
    f.closedTo ? lt(unpaidRegister.closedAt, new Date(f.closedTo)) : undefined,
  );

export type UnpaidEntryRow = Awaited<ReturnType<typeof unpaidRegisterEntries>>[number];

/** Register entries matching `f`, newest close first, with the shop's time zone for local times. */
export function unpaidRegisterEntries(ctx: Ctx, f: UnpaidRegisterFilter, window: { limit: number; offset: number }) {
  return ctx.db
    .select({
      orderId: unpaidRegister.orderId,
      orderNo: unpaidRegister.orderNo,
      shopCode: shops.code,
      shopName: shops.name,
      shopTimezone: shops.timezone,
      buyerNick: unpaidRegister.buyerNick,
      total: unpaidRegister.total,
      orderCreatedAt: unpaidRegister.orderCreatedAt,
      closedAt: unpaidRegister.closedAt,
      reason: unpaidRegister.reason,
    })
    .from(unpaidRegister)
    .innerJoin(shops, eq(shops.id, unpaidRegister.shopId))
    .where(unpaidWhere(f))
    .orderBy(desc(unpaidRegister.closedAt), desc(unpaidRegister.id))
    .limit(window.limit)
    .offset(window.offset);
}

/** How many entries match `f` and the Σ of their totals in fen. */
export async function unpaidRegisterTotals(ctx: Ctx, f: UnpaidRegisterFilter): Promise<{ n: number; amount: number }> {
  const [totals] = await ctx.db
    .select({ n: sql<number>`count(*)::int`, amount: sql<number>`coalesce(sum(${unpaidRegister.total}), 0)::int` })
    .from(unpaidRegister)
    .innerJoin(shops, eq(shops.id, unpaidRegister.shopId))
    .where(unpaidWhere(f));
  return totals ?? { n: 0, amount: 0 };
}
