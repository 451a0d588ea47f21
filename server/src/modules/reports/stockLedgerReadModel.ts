/**
 * The stock ledger as staff read it (库存流水). It reads inventory's `stock_movements` and
 * `warehouses`, catalog's `skus`, orders' `orders` (the order number a movement refers to) and
 * platform's `users` (who made it); it never writes them.
 */
import { and, count, desc, eq, inArray, sql, type AnyColumn } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { users } from '../../platform/schema';
import { skus } from '../catalog/schema';
import { stockMovements, warehouses } from '../inventory/schema';
import { orders } from '../orders/schema';
import type { Movement, MovementListQuery } from './stockLedgerModel';

/**
 * Movements newest first, each with on hand and reserved right after it. The balances are window
 * sums over the whole ledger of the SKU in the warehouse (filtered by SKU and warehouse only), so
 * a reason filter or any page still shows the true balance; one statement per page.
 */
export async function listMovements(ctx: Ctx, q: MovementListQuery) {
  const partition = and(
    q.skuCode ? inArray(stockMovements.skuId, ctx.db.select({ id: skus.id }).from(skus).where(eq(skus.code, q.skuCode))) : undefined,
    q.warehouseCode ? inArray(stockMovements.warehouseId, ctx.db.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.code, q.warehouseCode))) : undefined,
  );
  const runningSum = (column: AnyColumn) =>
    sql<number>`(SUM(${column}) OVER (PARTITION BY ${stockMovements.skuId}, ${stockMovements.warehouseId} ORDER BY ${stockMovements.id}))::int`;
  const ledger = ctx.db
    .select({
      id: stockMovements.id,
      skuId: stockMovements.skuId,
      warehouseId: stockMovements.warehouseId,
      onHandDelta: stockMovements.onHandDelta,
      reservedDelta: stockMovements.reservedDelta,
      reason: stockMovements.reason,
      refType: stockMovements.refType,
      refId: stockMovements.refId,
      note: stockMovements.note,
      actorId: stockMovements.actorId,
      at: stockMovements.at,
      onHandAfter: runningSum(stockMovements.onHandDelta).as('on_hand_after'),
      reservedAfter: runningSum(stockMovements.reservedDelta).as('reserved_after'),
    })
    .from(stockMovements)
    .where(partition)
    .as('ledger');
  const where = q.reason ? eq(ledger.reason, q.reason) : undefined;
  // CASE, so a reference that is not an order id is never cast
  const orderRef = eq(orders.id, sql`CASE WHEN ${ledger.refType} = 'order' AND ${ledger.refId} ~ '^[0-9]{1,18}$' THEN ${ledger.refId}::bigint END`);
  const rows = await ctx.db
    .select({
      id: ledger.id,
      skuId: ledger.skuId,
      skuCode: skus.code,
      warehouseId: ledger.warehouseId,
      warehouseCode: warehouses.code,
      warehouseName: warehouses.name,
      onHandDelta: ledger.onHandDelta,
      reservedDelta: ledger.reservedDelta,
      onHandAfter: ledger.onHandAfter,
      reservedAfter: ledger.reservedAfter,
      reason: ledger.reason,
      refType: ledger.refType,
      refId: ledger.refId,
      orderNo: orders.orderNo,
      note: ledger.note,
      actorId: ledger.actorId,
      actorName: users.displayName,
      at: ledger.at,
    })
    .from(ledger)
    .innerJoin(skus, eq(skus.id, ledger.skuId))
    .innerJoin(warehouses, eq(warehouses.id, ledger.warehouseId))
    .leftJoin(users, eq(users.id, ledger.actorId))
    .leftJoin(orders, orderRef)
    .where(where)
    .orderBy(desc(ledger.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db
    .select({ n: count() })
    .from(stockMovements)
    .where(and(partition, q.reason ? eq(stockMovements.reason, q.reason) : undefined));
  const items: Movement[] = rows.map((r) => ({ ...r, actorName: r.actorName ?? '系统', at: r.at.toISOString() }));
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}
