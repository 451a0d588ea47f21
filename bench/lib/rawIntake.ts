import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { divisionCodeOf } from '../../server/src/demo/fixtures';
import { createPii } from '../../server/src/platform/pii';
import type { Attempt } from './load';
import { BENCH_SECRET } from './server';
import type { OrderBody } from './shopData';

/**
 * The raw limit: the rows one API intake writes (customer + its audit event, order with computed
 * fields, items, conditional stock_levels updates, reservations, movements, the order's audit
 * event), written by plain SQL, one transaction per order: through `pg` on a pool of 10, or
 * straight into an embedded PGlite in this process (the ceiling for the API on PGlite).
 * It follows the intake's statements on the happy path (BEGIN, shop and SKUs in one read, then
 * customer, order, lines, reservation and events in one statement of data-modifying CTEs, COMMIT;
 * prepared like the intake's) so the comparison is fair, and does none of the HTTP, auth,
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

/** One transaction's SQL: `name` makes the statement prepared where the driver can (pg; PGlite has no named statements). */
type Query = <R extends Record<string, unknown> = any>(name: string, text: string, values: unknown[]) => Promise<{ rows: R[] }>;

/** Thrown inside a transaction to roll it back and answer with `attempt`. */
class RolledBack extends Error {
  constructor(readonly attempt: Attempt) {
    super(`rolled back: ${attempt.status}`);
  }
}

/** Writes one order the way the intake service does, inside the transaction the caller opened. */
async function writeOrder(query: Query, body: OrderBody, actor: { id: number; name: string }): Promise<Attempt> {
  const now = new Date();
  const catalog = (
    await query<{ shop: Shop; skus: SkuRow[] }>(
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

  const lines = body.items.map((i) => ({ ...i, sku: skus.get(i.skuCode)!, lineTotal: i.quantity * i.unitPrice }));
  const itemsTotal = lines.reduce((sum, l) => sum + l.lineTotal, 0);
  const total = itemsTotal + body.shippingFee - body.discount;
  const needs = [...lines].sort((a, b) => a.sku.id - b.sku.id);
  const values: unknown[] = [];
  const $ = (value: unknown) => `$${values.push(value)}`;
  const [shopId, nick, phone, nameEnc, phoneEnc, addressEnc, at, actorId, actorName] = [
    shop.id, body.buyer.nick, phoneIndex, pii.encrypt(body.buyer.name), pii.encrypt(body.buyer.phone), pii.encrypt(fullAddress), now, actor.id, actor.name,
  ].map($);
  const warehouseId = $(shop.default_warehouse_id);
  // Customer match-or-create with its event, the order and its lines, all lines reserved in the
  // shop's warehouse (levels locked in SKU order, reserved only if every SKU has enough, with the
  // ledger rows per SKU and reservation rows per line) and the order's event: one statement, as the intake writes them.
  const written = (
    await query<{ id: number; order_no: string; reserved: number }>(
      `order-${lines.length}`,
      `WITH found AS (
         SELECT id FROM customers WHERE shop_id = ${shopId} AND (nick = ${nick} OR phone_index = ${phone}) ORDER BY coalesce(nick = ${nick}, false) DESC, id LIMIT 1
       ), updated AS (
         UPDATE customers c SET name_enc = ${nameEnc}, phone_enc = ${phoneEnc}, phone_index = ${phone}, address_enc = ${addressEnc}, nick = coalesce(c.nick, ${nick}), updated_at = ${at}
         FROM found WHERE c.id = found.id RETURNING c.id
       ), inserted AS (
         INSERT INTO customers (shop_id, nick, name_enc, phone_enc, phone_index, address_enc, created_at, updated_at)
         SELECT ${shopId}, ${nick}, ${nameEnc}, ${phoneEnc}, ${phone}, ${addressEnc}, ${at}, ${at} WHERE NOT EXISTS (SELECT 1 FROM found) ON CONFLICT DO NOTHING RETURNING id
       ), customer_event AS (
         INSERT INTO audit_events (at, actor_id, actor_name, action, entity_type, entity_id, after, request_id)
         SELECT ${at}, ${actorId}, ${actorName}, 'customer.create', 'customer', id::text, jsonb_build_object('shopId', ${shopId}::int, 'nick', ${nick}::text), 'raw-limit' FROM inserted
       ), customer AS (
         SELECT id FROM updated UNION ALL SELECT id FROM inserted
       ), o AS (
         INSERT INTO orders (shop_id, order_no, status, customer_id, buyer_nick, buyer_name_enc, buyer_phone_enc, buyer_phone_index,
           province, city, district, division_code, address_detail_enc, address_index, postal_code,
           items_total, shipping_fee, discount, total, payment_method, warehouse_id, created_at, updated_at)
         SELECT ${shopId}, (SELECT ${$(`SO${localDate(now, shop.timezone).replaceAll('-', '')}`)}::text || lpad(n::text, 6, '0') FROM nextval('order_no_seq') AS n), 'pending_payment',
           customer.id, ${nick}, ${nameEnc}, ${phoneEnc}, ${phone}, ${$(body.address.province)}, ${$(body.address.city)}, ${$(body.address.district)},
           ${$(divisionCodeOf(body.address.district))}, ${$(pii.encrypt(body.address.detail))}, ${$(pii.blindIndex(fullAddress))}, ${$(body.address.postalCode)},
           ${$(itemsTotal)}, ${$(body.shippingFee)}, ${$(body.discount)}, ${$(total)}, ${$(body.paymentMethod)}, ${warehouseId}, ${at}, ${at}
         FROM customer
         RETURNING id, order_no, created_at, total
       ), i AS (
         INSERT INTO order_items (order_id, order_created_at, order_total, sku_id, sku_code, product_name, spec, quantity, unit_price, line_total)
         SELECT o.id, o.created_at, o.total, v.* FROM o, unnest(${columns(lines, (l) => [l.sku.id, l.sku.code, l.sku.product_name, l.sku.spec, l.quantity, l.unitPrice, l.lineTotal])
           .map((column, c) => `${$(column)}::${['int', 'text', 'text', 'text', 'int', 'int', 'int'][c]}[]`)
           .join(', ')}) AS v
         RETURNING id, order_id, sku_id, quantity
       ), need AS (
         SELECT t.sku_id, t.quantity, o.id AS order_id FROM unnest(${$(needs.map((n) => n.sku.id))}::int[], ${$(needs.map((n) => n.quantity))}::int[]) AS t(sku_id, quantity), o
       ), locked AS (
         SELECT l.sku_id, l.on_hand - l.reserved >= need.quantity AS enough FROM stock_levels l JOIN need ON need.sku_id = l.sku_id
         WHERE l.warehouse_id = ${warehouseId} AND EXISTS (SELECT 1 FROM warehouses WHERE id = ${warehouseId} AND active) ORDER BY l.sku_id FOR UPDATE OF l
       ), every_sku_enough AS (SELECT count(*) FILTER (WHERE enough) = ${needs.length} AS ok FROM locked),
       reserved AS (
         UPDATE stock_levels l SET reserved = l.reserved + need.quantity, updated_at = ${at} FROM need, every_sku_enough
         WHERE every_sku_enough.ok AND l.sku_id = need.sku_id AND l.warehouse_id = ${warehouseId} AND l.on_hand - l.reserved >= need.quantity
         RETURNING l.sku_id, need.quantity, need.order_id
       ), ledger AS (
         INSERT INTO stock_movements (sku_id, warehouse_id, reserved_delta, reason, ref_type, ref_id, actor_id, at)
         SELECT sku_id, ${warehouseId}, quantity, 'reservation', 'order', order_id::text, ${actorId}, ${at} FROM reserved
       ), reservation AS (
         INSERT INTO stock_reservations (order_id, order_item_id, sku_id, warehouse_id, quantity, created_at)
         SELECT i.order_id, i.id, i.sku_id, ${warehouseId}, i.quantity, ${at} FROM i JOIN reserved ON reserved.sku_id = i.sku_id
       ), order_event AS (
         INSERT INTO audit_events (at, actor_id, actor_name, action, entity_type, entity_id, after, request_id)
         SELECT ${at}, ${actorId}, ${actorName}, 'order.create', 'order', o.id::text,
           jsonb_build_object('orderNo', o.order_no, 'status', 'pending_payment', 'total', o.total, 'items', ${lines.length}), 'raw-limit'
         FROM o WHERE EXISTS (SELECT 1 FROM reserved)
       )
       SELECT o.id, o.order_no, (SELECT count(*) FROM reserved)::int AS reserved FROM o`,
      values,
    )
  ).rows[0]!;
  if (written.reserved !== needs.length) throw new RolledBack({ status: 409, body: { error: { code: 'insufficient_stock' } } });
  return { status: 201, body: { id: written.id, orderNo: written.order_no } };
}

const localDate = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** Rows → one array per column, for `unnest` multi-row inserts. */
function columns<T>(rows: T[], pickRow: (row: T) => unknown[]): unknown[][] {
  const picked = rows.map(pickRow);
  return (picked[0] ?? []).map((_, c) => picked.map((r) => r[c]));
}

export interface RawWriter {
  /** With `tokenHash`, first looks the caller's token up on the same connection, as the API's auth does. */
  write(body: OrderBody, tokenHash?: string): Promise<Attempt>;
  close(): Promise<void>;
}

const ACTOR = { id: 1, name: '管理员' };

/** The API's token check: the signed-in user behind a token hash, unless revoked. */
const TOKEN_LOOKUP = `SELECT u.id, u.roles, u.active, t.expires_at FROM auth_tokens t JOIN users u ON u.id = t.user_id
  WHERE t.token_hash = $1 AND t.revoked_at IS NULL`;

/** The raw limit on server PostgreSQL: a pool of 10, each order its own BEGIN … COMMIT. */
export function rawWriter(url: string): RawWriter {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  let closing = false;
  // After close the scratch database is dropped WITH (FORCE), which may still reach a closing client.
  pool.on('error', (err) => closing || console.error('raw pool error (idle client):', err.message));
  return {
    async write(body, tokenHash) {
      const client = await pool.connect();
      try {
        if (tokenHash !== undefined) {
          const { rows } = await client.query({ name: 'raw-token', text: TOKEN_LOOKUP, values: [tokenHash] });
          if (!rows[0]?.active || rows[0].expires_at <= new Date()) return { status: 401, body: { error: { code: 'unauthorized' } } };
        }
        await client.query('BEGIN');
        const attempt = await writeOrder((name, text, values) => client.query({ name: `raw-${name}`, text, values }), body, ACTOR).catch(async (err: unknown) => {
          await client.query('ROLLBACK');
          if (err instanceof RolledBack) return err.attempt;
          throw err;
        });
        if (attempt.status === 201) await client.query('COMMIT');
        return attempt;
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

/** The raw limit on PGlite, in this process: its transactions run one at a time, as the server's do. */
export async function rawPgliteWriter(dataDir: string): Promise<RawWriter> {
  const db = new PGlite(dataDir, { parsers: { 20: (v: string) => Number(v) } });
  await db.waitReady;
  return {
    write: (body) =>
      db
        .transaction((tx) => writeOrder((_name, text, values) => tx.query(text, values), body, ACTOR))
        .catch((err: unknown) => {
          if (err instanceof RolledBack) return err.attempt;
          throw err;
        }),
    close: () => db.close(),
  };
}
