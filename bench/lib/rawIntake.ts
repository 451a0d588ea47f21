import pg from 'pg';
import { divisionCodeOf } from '../../server/src/demo/fixtures';
import { createPii } from '../../server/src/platform/pii';
import type { Attempt } from './load';
import { BENCH_SECRET } from './server';
import type { OrderBody } from './shopData';

/**
 * The raw limit: the rows one API intake writes (customer + its audit event, order with computed
 * fields, items, conditional stock_levels updates, reservations, movements, the order's audit
 * event), written by plain SQL through `pg`, one transaction per order, on a pool of 10.
 * It follows the intake's statements on the happy path (shop and SKUs in one read, customer
 * match-or-create with its event in one statement, order and lines in one, all lines reserved in
 * one, prepared like the intake's) so the comparison is fair, and does none of the HTTP, auth,
 * validation or ORM work.
 */

const pii = createPii(BENCH_SECRET);

interface SkuRow {
  id: number;
  code: string;
  spec: string;
  price: number;
  product_name: string;
}

interface Shop {
  id: number;
  default_warehouse_id: number;
  timezone: string;
}

/** A named (prepared) statement: PostgreSQL parses it once per connection, as the intake's statements are. */
function prepared<R extends pg.QueryResultRow = any>(client: pg.PoolClient, name: string, text: string, values: unknown[]) {
  return client.query<R>({ name: `raw-${name}`, text, values });
}

/** Writes one order the way the intake service does, in one transaction. */
async function writeOrder(client: pg.PoolClient, body: OrderBody, actor: { id: number; name: string }): Promise<Attempt> {
  const now = new Date();
  await client.query('BEGIN');
  try {
    const catalog = (
      await prepared<{ shop: Shop; skus: SkuRow[] }>(
        client,
        'catalog',
        `SELECT (SELECT row_to_json(s) FROM (SELECT id, default_warehouse_id, timezone FROM shops WHERE code = $1) s) AS shop,
                (SELECT json_agg(k) FROM (SELECT s.id, s.code, s.spec, s.price, p.name AS product_name FROM skus s JOIN products p ON p.id = s.product_id WHERE s.code = ANY($2)) k) AS skus`,
        [body.shopCode, body.items.map((i) => i.skuCode)],
      )
    ).rows[0]!;
    const shop = catalog.shop;
    const skus = new Map(catalog.skus.map((r) => [r.code, r]));
    const fullAddress = `${body.address.province}${body.address.city}${body.address.district}${body.address.detail}`;
    const phoneIndex = pii.blindIndex(body.buyer.phone);

    // Match or create the shop's customer; a new one gets its customer.create event in the same statement.
    const customer = (
      await prepared(
        client,
        'customer',
        `WITH found AS (
           SELECT id FROM customers WHERE shop_id = $1 AND (nick = $2 OR phone_index = $3) ORDER BY coalesce(nick = $2, false) DESC, id LIMIT 1
         ), updated AS (
           UPDATE customers c SET name_enc = $4, phone_enc = $5, phone_index = $3, address_enc = $6, nick = coalesce(c.nick, $2), updated_at = $7
           FROM found WHERE c.id = found.id RETURNING c.id
         ), inserted AS (
           INSERT INTO customers (shop_id, nick, name_enc, phone_enc, phone_index, address_enc, created_at, updated_at)
           SELECT $1, $2, $4, $5, $3, $6, $7, $7 WHERE NOT EXISTS (SELECT 1 FROM found) ON CONFLICT DO NOTHING RETURNING id
         ), event AS (
           INSERT INTO audit_events (at, actor_id, actor_name, action, entity_type, entity_id, after, request_id)
           SELECT $7, $8, $9, 'customer.create', 'customer', id::text, jsonb_build_object('shopId', $1::int, 'nick', $2::text), 'raw-limit' FROM inserted
         )
         SELECT id FROM updated UNION ALL SELECT id FROM inserted`,
        [shop.id, body.buyer.nick, phoneIndex, pii.encrypt(body.buyer.name), pii.encrypt(body.buyer.phone), pii.encrypt(fullAddress), now, actor.id, actor.name],
      )
    ).rows[0];

    const lines = body.items.map((i) => ({ ...i, sku: skus.get(i.skuCode)!, lineTotal: i.quantity * i.unitPrice }));
    const itemsTotal = lines.reduce((sum, l) => sum + l.lineTotal, 0);
    const total = itemsTotal + body.shippingFee - body.discount;
    const order = (
      await prepared(
        client,
        'order',
        `WITH o AS (
           INSERT INTO orders (shop_id, order_no, status, customer_id, buyer_nick, buyer_name_enc, buyer_phone_enc, buyer_phone_index,
             province, city, district, division_code, address_detail_enc, address_index, postal_code,
             items_total, shipping_fee, discount, total, payment_method, warehouse_id, created_at, updated_at)
           VALUES ($1, (SELECT $2::text || lpad(n::text, 6, '0') FROM nextval('order_no_seq') AS n), 'pending_payment',
             $3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$21)
           RETURNING id, order_no, created_at
         ), i AS (
           INSERT INTO order_items (order_id, order_created_at, sku_id, sku_code, product_name, spec, quantity, unit_price, line_total)
           SELECT o.id, o.created_at, v.* FROM o, unnest($22::int[], $23::text[], $24::text[], $25::text[], $26::int[], $27::int[], $28::int[]) AS v
         )
         SELECT id, order_no FROM o`,
        [
          shop.id,
          `SO${localDate(now, shop.timezone).replaceAll('-', '')}`,
          customer.id,
          body.buyer.nick,
          pii.encrypt(body.buyer.name),
          pii.encrypt(body.buyer.phone),
          phoneIndex,
          body.address.province,
          body.address.city,
          body.address.district,
          divisionCodeOf(body.address.district),
          pii.encrypt(body.address.detail),
          pii.blindIndex(fullAddress),
          body.address.postalCode,
          itemsTotal,
          body.shippingFee,
          body.discount,
          total,
          body.paymentMethod,
          shop.default_warehouse_id,
          now,
          ...columns(lines, (l) => [l.sku.id, l.sku.code, l.sku.product_name, l.sku.spec, l.quantity, l.unitPrice, l.lineTotal]),
        ],
      )
    ).rows[0];

    // All lines in the shop's default warehouse in one statement: lock the levels in SKU order,
    // reserve only if every SKU has enough, and write the ledger and reservation rows.
    const needs = [...lines].sort((a, b) => a.sku.id - b.sku.id);
    const reserved = await prepared(
      client,
      'reserve',
      `WITH need AS (SELECT * FROM unnest($1::int[], $2::int[]) AS t(sku_id, quantity)),
       locked AS (
         SELECT l.sku_id, l.on_hand - l.reserved >= need.quantity AS enough FROM stock_levels l JOIN need ON need.sku_id = l.sku_id
         WHERE l.warehouse_id = $3 AND EXISTS (SELECT 1 FROM warehouses WHERE id = $3 AND active) ORDER BY l.sku_id FOR UPDATE OF l
       ), every_sku_enough AS (SELECT count(*) FILTER (WHERE enough) = cardinality($1::int[]) AS ok FROM locked),
       reserved AS (
         UPDATE stock_levels l SET reserved = l.reserved + need.quantity, updated_at = $4 FROM need, every_sku_enough
         WHERE every_sku_enough.ok AND l.sku_id = need.sku_id AND l.warehouse_id = $3 AND l.on_hand - l.reserved >= need.quantity
         RETURNING l.sku_id, need.quantity
       ), ledger AS (
         INSERT INTO stock_movements (sku_id, warehouse_id, reserved_delta, reason, ref_type, ref_id, actor_id, at)
         SELECT sku_id, $3, quantity, 'reservation', 'order', $5, $6, $4 FROM reserved
       ), reservation AS (
         INSERT INTO stock_reservations (order_id, sku_id, warehouse_id, quantity, status, created_at)
         SELECT $7, sku_id, $3, quantity, 'open', $4 FROM reserved
       )
       SELECT sku_id FROM reserved`,
      [needs.map((n) => n.sku.id), needs.map((n) => n.quantity), shop.default_warehouse_id, now, String(order.id), actor.id, order.id],
    );
    if (reserved.rowCount !== needs.length) {
      await client.query('ROLLBACK');
      return { status: 409, body: { error: { code: 'insufficient_stock' } } };
    }
    await audit(client, actor, now, 'order.create', 'order', order.id, null, { orderNo: order.order_no, status: 'pending_payment', total, items: lines.length });
    await client.query('COMMIT');
    return { status: 201, body: { id: order.id, orderNo: order.order_no } };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

const localDate = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

function audit(client: pg.PoolClient, actor: { id: number; name: string }, at: Date, action: string, entityType: string, entityId: number, before: unknown, after: unknown) {
  return prepared(
    client,
    'audit',
    'INSERT INTO audit_events (at, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
    [at, actor.id, actor.name, action, entityType, String(entityId), before === null ? null : JSON.stringify(before), JSON.stringify(after), 'raw-limit'],
  );
}

/** Rows → one array per column, for `unnest` multi-row inserts. */
function columns<T>(rows: T[], pickRow: (row: T) => unknown[]): unknown[][] {
  const picked = rows.map(pickRow);
  return (picked[0] ?? []).map((_, c) => picked.map((r) => r[c]));
}

export interface RawWriter {
  write(body: OrderBody): Promise<Attempt>;
  close(): Promise<void>;
}

export function rawWriter(url: string): RawWriter {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  let closing = false;
  // After close the scratch database is dropped WITH (FORCE), which may still reach a closing client.
  pool.on('error', (err) => closing || console.error('raw pool error (idle client):', err.message));
  const actor = { id: 1, name: '管理员' };
  return {
    async write(body) {
      const client = await pool.connect();
      try {
        return await writeOrder(client, body, actor);
      } finally {
        client.release();
      }
    },
    close: () => {
      closing = true;
      return pool.end();
    },
  };
}
