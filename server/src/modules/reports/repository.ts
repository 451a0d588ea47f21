import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { shops } from '../catalog/schema';
import { unpaidRegister } from '../orders/schema';
import type { UnpaidRegisterPage, UnpaidRegisterQuery } from './model';

// Reports are read models: they read other modules' tables and never write them.

export async function unpaidRegisterPage(ctx: Ctx, q: UnpaidRegisterQuery): Promise<UnpaidRegisterPage> {
  const where = and(
    q.shopCode ? eq(shops.code, q.shopCode) : undefined,
    q.closedFrom ? gte(unpaidRegister.closedAt, new Date(q.closedFrom)) : undefined,
    q.closedTo ? lt(unpaidRegister.closedAt, new Date(q.closedTo)) : undefined,
  );
  const rows = await ctx.db
    .select({
      orderId: unpaidRegister.orderId,
      orderNo: unpaidRegister.orderNo,
      shopCode: shops.code,
      shopName: shops.name,
      buyerNick: unpaidRegister.buyerNick,
      total: unpaidRegister.total,
      orderCreatedAt: unpaidRegister.orderCreatedAt,
      closedAt: unpaidRegister.closedAt,
      reason: unpaidRegister.reason,
    })
    .from(unpaidRegister)
    .innerJoin(shops, eq(shops.id, unpaidRegister.shopId))
    .where(where)
    .orderBy(desc(unpaidRegister.closedAt), desc(unpaidRegister.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [totals] = await ctx.db
    .select({ n: sql<number>`count(*)::int`, amount: sql<number>`coalesce(sum(${unpaidRegister.total}), 0)::int` })
    .from(unpaidRegister)
    .innerJoin(shops, eq(shops.id, unpaidRegister.shopId))
    .where(where);
  return {
    items: rows.map((r) => ({ ...r, orderCreatedAt: r.orderCreatedAt.toISOString(), closedAt: r.closedAt.toISOString() })),
    total: totals?.n ?? 0,
    amount: totals?.amount ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
