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
 * It mirrors the services' statements on the happy path (shop, SKUs, customer match, one reserve
 * statement per SKU) so the comparison is fair, and does none of the HTTP, validation, ORM work,
 * savepoint, warehouse write-back or reply read-back.
 */

const pii = createPii(BENCH_SECRET);

interface SkuRow {
  id: number;
  code: string;
  spec: string;
  price: number;
  listing_status: string;
  product_name: string;
}

/** Writes one order the way the intake service does, in one transaction. */
async function writeOrder(client: pg.PoolClient, body: OrderBody, actor: { id: number; name: string }): Promise<Attempt> {
  const now = new Date();
  await client.query('BEGIN');
  try {
    const shop = (await client.query('SELECT id, default_warehouse_id, timezone FROM shops WHERE code = $1', [body.shopCode])).rows[0];
    const skus = new Map(
      (
        await client.query<SkuRow>('SELECT s.id, s.code, s.spec, s.price, s.listing_status, p.name AS product_name FROM skus s JOIN products p ON p.id = s.product_id WHERE s.code = ANY($1)', [
          body.items.map((i) => i.skuCode),
        ])
      ).rows.map((r) => [r.code, r]),
    );
    const fullAddress = `${body.address.province}${body.address.city}${body.address.district}${body.address.detail}`;
    const phoneIndex = pii.blindIndex(body.buyer.phone);

    // Customer match-or-create: one lookup by nick or phone, then insert (+ its audit event).
    await client.query('SELECT id FROM customers WHERE shop_id = $1 AND (nick = $2 OR phone_index = $3) ORDER BY nick = $2 DESC, id LIMIT 1', [
      shop.id,
      body.buyer.nick,
      phoneIndex,
    ]);
    const customer = (
      await client.query(
        `INSERT INTO customers (shop_id, nick, name_enc, phone_enc, phone_index, address_enc, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$7) ON CONFLICT DO NOTHING RETURNING id`,
        [shop.id, body.buyer.nick, pii.encrypt(body.buyer.name), pii.encrypt(body.buyer.phone), phoneIndex, pii.encrypt(fullAddress), now],
      )
    ).rows[0];
    await audit(client, actor, now, 'customer.create', 'customer', customer.id, null, { shopId: shop.id, nick: body.buyer.nick });

    const lines = body.items.map((i) => ({ ...i, sku: skus.get(i.skuCode)!, lineTotal: i.quantity * i.unitPrice }));
    const itemsTotal = lines.reduce((s, l) => s + l.lineTotal, 0);
    const total = itemsTotal + body.shippingFee - body.discount;
    const orderNoPrefix = `SO${localDate(now, shop.timezone).replaceAll('-', '')}`;
    const order = (
      await client.query(
        `INSERT INTO orders (shop_id, order_no, status, customer_id, buyer_nick, buyer_name_enc, buyer_phone_enc, buyer_phone_index,
           province, city, district, division_code, address_detail_enc, address_index, postal_code,
           items_total, shipping_fee, discount, total, payment_method, warehouse_id, created_at, updated_at)
         VALUES ($1, (SELECT $2::text || lpad(n::text, 6, '0') FROM nextval('order_no_seq') AS n), 'pending_payment',
           $3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$21)
         RETURNING id, order_no`,
        [
          shop.id,
          orderNoPrefix,
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
        ],
      )
    ).rows[0];
    await client.query(
      `INSERT INTO order_items (order_id, order_created_at, sku_id, sku_code, product_name, spec, quantity, unit_price, line_total)
       SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::int[])`,
      [order.id, now, ...columns(lines, (l) => [l.sku.id, l.sku.code, l.sku.product_name, l.sku.spec, l.quantity, l.unitPrice, l.lineTotal])],
    );

    // Reserve in the shop's default warehouse: per SKU in id order, one statement that takes the
    // stock only if available and writes its reservation and ledger rows.
    const needs = [...lines].sort((a, b) => a.sku.id - b.sku.id);
    for (const n of needs) {
      const reserved = await client.query(
        `WITH reserved AS (
           UPDATE stock_levels SET reserved = reserved + $3, updated_at = $4
           WHERE sku_id = $1 AND warehouse_id = $2 AND on_hand - reserved >= $3 AND EXISTS (SELECT 1 FROM warehouses WHERE id = $2 AND active)
           RETURNING sku_id, on_hand - reserved AS available
         ), ledger AS (
           INSERT INTO stock_movements (sku_id, warehouse_id, reserved_delta, reason, ref_type, ref_id, actor_id, at)
           SELECT sku_id, $2, $3, 'reservation', 'order', $5, $6, $4 FROM reserved
         ), reservation AS (
           INSERT INTO stock_reservations (order_id, sku_id, warehouse_id, quantity, status, created_at)
           SELECT $7, sku_id, $2, $3, 'open', $4 FROM reserved
         )
         SELECT available FROM reserved`,
        [n.sku.id, shop.default_warehouse_id, n.quantity, now, String(order.id), actor.id, order.id],
      );
      if (reserved.rowCount !== 1) {
        await client.query('ROLLBACK');
        return { status: 409, body: { error: { code: 'insufficient_stock' } } };
      }
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
  return client.query(
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
