import pg from 'pg';
import { ADDRESSES, buyer, REMARKS } from '../../server/src/demo/fixtures';
import { createPii } from '../../server/src/platform/pii';
import { nickPieces, searchIndexesOf } from '../../server/src/modules/orders';
import { BENCH_SECRET } from './server';

/**
 * Generates a year of orders straight into a migrated database with set-based SQL
 * (INSERT … SELECT … FROM generate_series), shaped like a real shop's history: seven shops with
 * skewed volume, statuses by age (recent orders still moving, older ones completed or closed),
 * 1–3 lines per order, flags on a few, and buyers that repeat (phones and nicks from a pool).
 */

export const PHONE_POOL = 60_000;
export const NICK_POOL = 90_000;
const NAME_POOL = 500;
const DETAIL_POOL = 500;

/** More shops than the demo, so shop filters see realistic selectivity. */
const EXTRA_SHOPS = [
  { code: 'taobao-outlet', name: '拾光淘宝折扣店', platform: 'taobao' },
  { code: 'pdd-store', name: '拾光拼多多店', platform: 'pdd' },
  { code: 'own-site', name: '拾光官网商城', platform: 'own' },
  { code: 'phone-orders', name: '电话订单', platform: 'manual' },
];

/** The phone and nick generated for pool slot `i`; the bench looks orders up by these. */
export const poolPhone = (i: number) => buyer(i).phone;
export const poolNick = (i: number) => buyer(i).nick;
export const poolName = (i: number) => buyer(i).name;
export { NAME_POOL };

/** The 中通 waybill number of generated order `id`'s parcel (with `parcels`: every shipped, delivered or completed order has one). */
export const poolTrackingNo = (orderId: number) => `7${String(orderId).padStart(11, '0')}`;

export interface GenerateReport {
  orders: number;
  items: number;
  seconds: number;
}

/** Sequence-derived pseudo-random in [0,1) for row g and salt s: stable, with no per-session seed to manage. */
const hashed = (salt: number) => `(((g::bigint * 2654435761 + ${salt} * 40503) % 4294967296) / 4294967296.0)`;

/** `parcels`: also a shipped parcel with a waybill number for every order that left (the search box finds orders by it). */
export async function generateOrders(url: string, count: number, log: (msg: string) => void, opts: { parcels?: boolean } = {}): Promise<GenerateReport> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of EXTRA_SHOPS) {
      await client.query("INSERT INTO shops (code, name, platform, default_warehouse_id) SELECT $1, $2, $3, min(id) FROM warehouses", [s.code, s.name, s.platform]);
    }
    await loadPools(client);
    // Loading without the secondary indexes and building them afterwards is several times faster.
    const indexes = await dropSecondaryIndexes(client, ['orders', 'order_items']);
    const chunk = 250_000;
    for (let from = 1; from <= count; from += chunk) {
      const to = Math.min(count, from + chunk - 1);
      await client.query(insertOrdersSql, [from, to, count]);
      log(`  orders ${to.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}`);
    }
    await client.query(insertItemsSql);
    if (opts.parcels) await client.query(insertParcelsSql);
    log('  items written; building indexes …');
    for (const definition of indexes) await client.query(definition);
    await client.query(`SELECT setval('order_no_seq', $1)`, [count + 1]);
    await client.query('VACUUM ANALYZE orders');
    await client.query('VACUUM ANALYZE order_items');
    if (opts.parcels) await client.query('VACUUM ANALYZE parcels');
    await assertItemsMatchTotals(client);
    const items = Number((await client.query('SELECT count(*) AS n FROM order_items')).rows[0].n);
    return { orders: count, items, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/** Precomputed ciphertexts and blind indexes (the server's secret), and fixture lookup tables. */
async function loadPools(client: pg.Client): Promise<void> {
  const pii = createPii(BENCH_SECRET);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const phones = range(PHONE_POOL).map(poolPhone);
  await client.query(`CREATE TEMP TABLE pool_phone AS SELECT (o - 1)::int AS i, enc, idx, tail_idx FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(enc, idx, tail_idx, o)`, [
    phones.map((p) => pii.encrypt(p)),
    phones.map((p) => pii.blindIndex(p)),
    phones.map((phone) => searchIndexesOf(pii, { nick: null, name: null, phone, phoneKind: 'mobile' }, new Date()).buyerPhoneTailIndex),
  ]);
  const nicks = range(NICK_POOL).map(poolNick);
  await client.query(
    `CREATE TEMP TABLE pool_nick AS SELECT (o - 1)::int AS i, nick, ARRAY(SELECT jsonb_array_elements_text(pieces::jsonb)) AS pieces FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(nick, pieces, o)`,
    [nicks, nicks.map((nick) => JSON.stringify(nickPieces(nick)))],
  );
  await client.query(`CREATE TEMP TABLE pool_name AS SELECT (o - 1)::int AS i, enc, idx FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(enc, idx, o)`, [
    range(NAME_POOL).map((i) => pii.encrypt(poolName(i))),
    range(NAME_POOL).map((i) => searchIndexesOf(pii, { nick: null, name: poolName(i), phone: null, phoneKind: 'mobile' }, new Date()).buyerNameIndex),
  ]);
  await client.query(`CREATE TEMP TABLE pool_detail AS SELECT (o - 1)::int AS i, enc FROM unnest($1::text[]) WITH ORDINALITY AS t(enc, o)`, [
    range(DETAIL_POOL).map((i) => pii.encrypt(`${ADDRESSES[i % ADDRESSES.length]!.street}${i + 1}号`)),
  ]);
  await client.query(
    `CREATE TEMP TABLE pool_address AS SELECT (o - 1)::int AS i, province, city, district, code, postal FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(province, city, district, code, postal, o)`,
    [ADDRESSES.map((a) => a.province), ADDRESSES.map((a) => a.city), ADDRESSES.map((a) => a.district), ADDRESSES.map((a) => a.divisionCode), ADDRESSES.map((a) => a.postalCode)],
  );
  await client.query(`CREATE TEMP TABLE pool_flag AS SELECT (o - 1)::int AS i, flag FROM unnest($1::text[]) WITH ORDINALITY AS t(flag, o)`, [REMARKS.map((r) => r.flag)]);
  await client.query(`CREATE TEMP TABLE pool_sku AS SELECT (row_number() OVER (ORDER BY s.id) - 1)::int AS i, s.id, s.code, s.price, s.spec, p.name FROM skus s JOIN products p ON p.id = s.product_id`);
  // Weighted shops: the flagship sells most, the phone line least.
  await client.query(`CREATE TEMP TABLE pool_shop AS SELECT id, platform, sum(w) OVER (ORDER BY id) - w AS lo, sum(w) OVER (ORDER BY id) AS hi
    FROM (SELECT id, platform, (ARRAY[35, 20, 18, 12, 8, 5, 2])[row_number() OVER (ORDER BY id)] AS w FROM shops) s`);
  await client.query('ANALYZE pool_phone, pool_nick, pool_name, pool_detail, pool_address, pool_flag, pool_sku, pool_shop');
}

async function dropSecondaryIndexes(client: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const r of rows) await client.query(`DROP INDEX ${r.indexname}`);
  return rows.map((r) => r.indexdef);
}

/**
 * Rows $1..$2 of $3: order g is created at now − 365 days × (1 − g/$3) (so ids follow time, as in
 * production), lines are a pure function of g so order_items can be derived from the order id.
 */
const insertOrdersSql = `
WITH base AS (
  SELECT g,
         now() - interval '365 days' * (1 - g::float8 / $3) AS created_at,
         ${hashed(1)} AS r_status, ${hashed(2)} AS r_shop, ${hashed(3)} AS r_flag
  FROM generate_series($1::int, $2::int) AS g
), shaped AS (
  SELECT b.*,
         CASE
           WHEN b.created_at > now() - interval '1 day' THEN
             (ARRAY['pending_payment','pending_payment','awaiting_review','on_hold','awaiting_fulfillment','awaiting_fulfillment','in_fulfillment','cancelled','closed','awaiting_fulfillment'])[1 + floor(b.r_status * 10)::int]
           WHEN b.created_at > now() - interval '4 days' THEN
             (ARRAY['awaiting_fulfillment','in_fulfillment','shipped','shipped','shipped','delivered','cancelled','closed','shipped','on_hold'])[1 + floor(b.r_status * 10)::int]
           WHEN b.created_at > now() - interval '15 days' THEN
             (ARRAY['shipped','delivered','delivered','delivered','completed','completed','completed','closed','cancelled','completed'])[1 + floor(b.r_status * 10)::int]
           ELSE
             (ARRAY['completed','completed','completed','completed','completed','completed','completed','closed','closed','cancelled'])[1 + floor(b.r_status * 10)::int]
         END AS status,
         lines.items_total
  FROM base b
  CROSS JOIN LATERAL (
    SELECT sum(ps.price * (1 + ((b.g + n) % 4 = 0)::int))::int AS items_total
    FROM generate_series(1, CASE WHEN b.g % 10 < 6 THEN 1 WHEN b.g % 10 < 9 THEN 2 ELSE 3 END) AS n
    JOIN pool_sku ps ON ps.i = (b.g * 13 + n * 17) % 40
  ) lines
)
INSERT INTO orders (shop_id, order_no, platform_order_id, status, held_from_status, hold_reasons, review_due_at,
  buyer_nick, buyer_name_enc, buyer_phone_enc, buyer_phone_index, buyer_phone_tail_index, buyer_name_index, buyer_nick_pieces, buyer_ip,
  province, city, district, division_code, address_detail_enc, address_index, postal_code,
  items_total, shipping_fee, discount, total, paid_amount, payment_method, flag, warehouse_id, close_reason,
  created_at, paid_at, approved_at, cancelled_at, closed_at, updated_at)
SELECT shop.id,
       'SO' || to_char(s.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(s.g::text, 7, '0'),
       CASE WHEN shop.platform <> 'manual' THEN (3100000000000000000 + s.g::bigint * 7919)::text END,
       s.status,
       CASE WHEN s.status = 'on_hold' THEN 'awaiting_review' END,
       CASE WHEN s.status = 'on_hold' THEN '[{"rule":"amount","message":"订单金额超过 2000 元"}]'::jsonb ELSE '[]'::jsonb END,
       CASE WHEN s.status IN ('awaiting_review', 'on_hold') THEN s.created_at + interval '2 hours 10 minutes' END,
       nick.nick, name.enc, phone.enc, phone.idx, phone.tail_idx, name.idx,
       -- the order's month among its pieces, as searchMonthOf writes it (m:YYYY-MM, UTC)
       nick.pieces || ARRAY['m:' || to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM')],
       '112.' || (s.g % 250) || '.' || (s.g / 250 % 250) || '.' || (s.g % 7 + 1),
       addr.province, addr.city, addr.district, addr.code, detail.enc, md5(addr.code || detail.i), addr.postal,
       s.items_total, fee.shipping, fee.discount, s.items_total + fee.shipping - fee.discount,
       CASE WHEN s.status IN ('pending_payment', 'cancelled', 'closed') THEN 0 ELSE s.items_total + fee.shipping - fee.discount END,
       (ARRAY['alipay','alipay','wechat','card','cod'])[1 + s.g % 5],
       CASE WHEN s.r_flag < 0.06 THEN (SELECT flag FROM pool_flag WHERE i = s.g % 6) END,
       1,
       CASE WHEN s.status = 'closed' THEN '超时未付款' END,
       s.created_at,
       CASE WHEN s.status NOT IN ('pending_payment', 'cancelled', 'closed') THEN s.created_at + interval '3 minutes' END,
       CASE WHEN s.status NOT IN ('pending_payment', 'awaiting_review', 'on_hold', 'cancelled', 'closed') THEN s.created_at + interval '5 minutes' END,
       CASE WHEN s.status = 'cancelled' THEN s.created_at + interval '20 minutes' END,
       CASE WHEN s.status = 'closed' THEN s.created_at + interval '24 hours' END,
       s.created_at
FROM shaped s
JOIN pool_shop shop ON s.r_shop * 100 >= shop.lo AND s.r_shop * 100 < shop.hi
JOIN pool_phone phone ON phone.i = (s.g::bigint * 7919 % ${PHONE_POOL})::int
JOIN pool_nick nick ON nick.i = (s.g::bigint * 104729 % ${NICK_POOL})::int
JOIN pool_name name ON name.i = s.g % ${NAME_POOL}
JOIN pool_detail detail ON detail.i = s.g % ${DETAIL_POOL}
JOIN pool_address addr ON addr.i = s.g % ${ADDRESSES.length}
CROSS JOIN LATERAL (SELECT CASE WHEN s.items_total >= 9900 THEN 0 ELSE 800 END AS shipping,
                           CASE WHEN s.items_total >= 20000 THEN 2000 ELSE 0 END AS discount) fee
ORDER BY s.g`;

/** Lines follow from the order id, which equals g because the table was empty and filled in g order. */
const insertItemsSql = `
INSERT INTO order_items (order_id, sku_id, sku_code, product_name, spec, quantity, unit_price, line_total, order_created_at, order_total)
SELECT o.id, ps.id, ps.code, ps.name, ps.spec, q.qty, ps.price, q.qty * ps.price, o.created_at, o.total
FROM orders o
CROSS JOIN LATERAL generate_series(1, CASE WHEN o.id % 10 < 6 THEN 1 WHEN o.id % 10 < 9 THEN 2 ELSE 3 END) AS n
JOIN pool_sku ps ON ps.i = (o.id * 13 + n * 17) % 40
CROSS JOIN LATERAL (SELECT 1 + ((o.id + n) % 4 = 0)::int AS qty) q`;

/** One shipped 中通 parcel per order that left, its waybill number poolTrackingNo(order id). */
const insertParcelsSql = `
INSERT INTO parcels (order_id, warehouse_id, status, carrier, tracking_no, opened_at, packed_at, shipped_at)
SELECT o.id, o.warehouse_id, 'shipped', 'ZTO', '7' || lpad(o.id::text, 11, '0'), o.approved_at, o.approved_at, o.approved_at + interval '1 hour'
FROM orders o WHERE o.status IN ('shipped', 'delivered', 'completed')`;

async function assertItemsMatchTotals(client: pg.Client): Promise<void> {
  const { rows } = await client.query(`SELECT count(*) AS n FROM orders o
    WHERE o.items_total <> (SELECT sum(line_total) FROM order_items i WHERE i.order_id = o.id) AND o.id % 97 = 0`);
  if (Number(rows[0].n) !== 0) throw new Error('generated order items do not add up to items_total');
}
