/**
 * The reports' read models. Reports own no tables: they read orders' `unpaid_register` and
 * catalog's `shops` here, and never write them.
 */
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { shops } from '../catalog/schema';
import { unpaidRegister } from '../orders/schema';
import type { UnpaidRegisterFilter } from './model';

const unpaidWhere = (f: UnpaidRegisterFilter) =>
  and(
    f.shopCode ? eq(shops.code, f.shopCode) : undefined,
    f.closedFrom ? gte(unpaidRegister.closedAt, new Date(f.closedFrom)) : undefined,
    f.closedTo ? lt(unpaidRegister.closedAt, new Date(f.closedTo)) : undefined,
  );

export type UnpaidEntryRow = Awaited<ReturnType<typeof unpaidRegisterEntries>>[number];

/**
 * Register entries matching `f`, newest close first, with the shop's time zone for local times;
 * `before` continues after the last entry of a previous batch.
 */
export function unpaidRegisterEntries(ctx: Ctx, f: UnpaidRegisterFilter, window: { limit: number; offset?: number; before?: { closedAt: Date; id: number } }) {
  const before = window.before ? sql`(${unpaidRegister.closedAt}, ${unpaidRegister.id}) < (${window.before.closedAt}, ${window.before.id})` : undefined;
  return ctx.db
    .select({
      id: unpaidRegister.id,
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
    .where(and(unpaidWhere(f), before))
    .orderBy(desc(unpaidRegister.closedAt), desc(unpaidRegister.id))
    .limit(window.limit)
    .offset(window.offset ?? 0);
}

/** Every entry matching `f` in batches of `size`, newest close first (keyset: no entry twice or skipped). */
export async function* unpaidRegisterBatches(ctx: Ctx, f: UnpaidRegisterFilter, size: number): AsyncGenerator<UnpaidEntryRow[]> {
  let before: { closedAt: Date; id: number } | undefined;
  for (;;) {
    const batch = await unpaidRegisterEntries(ctx, f, { limit: size, before });
    if (batch.length > 0) yield batch;
    if (batch.length < size) return;
    const last = batch[batch.length - 1]!;
    before = { closedAt: last.closedAt, id: last.id };
  }
}

/** How many entries match `f` and the Σ of their totals in fen. */
export async function unpaidRegisterTotals(ctx: Ctx, f: UnpaidRegisterFilter): Promise<{ n: number; amount: number }> {
  const [totals] = await ctx.db
    .select({ n: sql<number>`count(*)::int`, amount: sql`coalesce(sum(${unpaidRegister.total}), 0)::bigint`.mapWith(Number) })
    .from(unpaidRegister)
    .innerJoin(shops, eq(shops.id, unpaidRegister.shopId))
    .where(unpaidWhere(f));
  return totals ?? { n: 0, amount: 0 };
}
