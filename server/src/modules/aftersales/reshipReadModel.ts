/**
 * Reships' reads across modules: besides the case's own tables, orders' `orders` and `order_items`
 * (the reissue orders and their lines) and catalog's `skus` and `products` (what a case may send).
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { products, skus } from '../catalog/schema';
import type { OrderStatus } from '../orders';
import { orderItems, orders } from '../orders/schema';
import { RESHIP_TYPES, type CaseType } from './model';
import { aftersalesCaseLines, aftersalesReships } from './schema';

export interface ReshipOption {
  skuId: number;
  skuCode: string;
  productName: string;
  spec: string;
  /** Units that may still be sent of its group: the SKU's case line, or for an exchange its product's. */
  quantity: number;
  group: number;
}

/**
 * The SKUs a case may send again and how many units: for an exchange every SKU of a product the
 * case is about (the buyer swaps size or colour) up to the case's units of that product; otherwise
 * the case's own SKUs up to their units. What reissue orders not cancelled sent already is taken off.
 */
function reshipOptions(ctx: Ctx, caseId: number, byProduct: boolean): Promise<ReshipOption[]> {
  const group = byProduct ? sql`k.product_id` : sql`k.id`;
  return rowsOf<ReshipOption>(
    ctx.db,
    sql`WITH wanted AS (
          SELECT ${group} AS g, sum(l.quantity) AS quantity FROM ${aftersalesCaseLines} AS l JOIN ${skus} AS k ON k.id = l.sku_id WHERE l.case_id = ${caseId} GROUP BY 1
        ), sent AS (
          SELECT ${group} AS g, sum(i.quantity) AS quantity
            FROM ${aftersalesReships} AS r JOIN ${orders} AS o ON o.id = r.order_id AND o.status <> 'cancelled'
            JOIN ${orderItems} AS i ON i.order_id = o.id JOIN ${skus} AS k ON k.id = i.sku_id
           WHERE r.case_id = ${caseId} GROUP BY 1
        )
        SELECT k.id AS "skuId", k.code AS "skuCode", p.name AS "productName", k.spec, w.g::int AS "group", (w.quantity - COALESCE(s.quantity, 0))::int AS quantity
          FROM wanted AS w JOIN ${skus} AS k ON ${group} = w.g JOIN ${products} AS p ON p.id = k.product_id LEFT JOIN sent AS s ON s.g = w.g
         ORDER BY k.product_id, k.id`,
  );
}

export interface ReshipRow {
  orderId: number;
  orderNo: string;
  status: OrderStatus;
  lines: { skuCode: string; productName: string; spec: string; quantity: number }[];
}

/** The case's reissue orders, oldest first, with their lines. */
export function caseReships(ctx: Ctx, caseId: number): Promise<ReshipRow[]> {
  return rowsOf<ReshipRow>(
    ctx.db,
    sql`SELECT o.id::int AS "orderId", o.order_no AS "orderNo", o.status,
               (SELECT json_agg(json_build_object('skuCode', i.sku_code, 'productName', i.product_name, 'spec', i.spec, 'quantity', i.quantity) ORDER BY i.id)
                  FROM ${orderItems} AS i WHERE i.order_id = o.id) AS lines
          FROM ${aftersalesReships} AS r JOIN ${orders} AS o ON o.id = r.order_id
         WHERE r.case_id = ${caseId} ORDER BY o.id`,
  );
}

/** What the case may send now: none for a type that sends nothing or a closed case. */
export function reshipOptionsOf(ctx: Ctx, caseId: number, type: CaseType, status: string): Promise<ReshipOption[]> {
  return RESHIP_TYPES.includes(type) && status !== 'closed' ? reshipOptions(ctx, caseId, type === 'exchange') : Promise.resolve([]);
}
