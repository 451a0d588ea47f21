import pg from 'pg';

/**
 * Generates a year of after-sales cases straight into a database that holds generated orders
 * (`bulkOrders.ts`), by set-based SQL: one case per picked shipped/delivered/completed order, spread
 * evenly over the orders' year, each opened 2–14 days after its order; types, reasons (a skewed few
 * lead, as in a real shop), owners among the customer-service users, and a status by age (most
 * recent cases still being worked, some old ones still waiting for the buyer's return). Closed
 * cases carry their proposal, refund (`refunds`, through its trigger onto the order) and, for returns
 * and exchanges, the return receipt. Stock is not moved: the benches measure reads, and nothing here
 * runs `check`.
 */

/** Types and the reasons buyers give for them, most frequent first. */
const REASONS: Record<string, string[]> = {
  return_refund: ['尺码不合适', '不喜欢/不想要了', '颜色与图片不符', '质量问题', '商品与描述不符', '买错了/买多了', '材质不满意', '做工粗糙', '到货太晚'],
  exchange: ['尺码偏小，换大一码', '尺码偏大，换小一码', '想换个颜色', '有瑕疵，换新'],
  refund_only: ['少件不补发，直接退款', '拍错了，未发货', '降价补差价'],
  missing_item: ['包裹少件', '缺少赠品', '缺少配件'],
  wrong_item: ['发错颜色', '发错尺码', '发错款式'],
  damaged: ['外包装破损，商品压坏', '杯子碎了', '商品有划痕'],
  quality: ['开线', '起球', '褪色', '拉链坏了', '有异味'],
  complaint: ['物流太慢', '客服回复慢', '包装简陋'],
};

/** Cumulative shares of the types. */
const TYPE_SHARES: [string, number][] = [
  ['return_refund', 0.38],
  ['exchange', 0.5],
  ['refund_only', 0.58],
  ['missing_item', 0.65],
  ['wrong_item', 0.72],
  ['damaged', 0.82],
  ['quality', 0.94],
  ['complaint', 1],
];

export interface CaseMix {
  cases: number;
  notClosed: number;
  byStatus: Record<string, number>;
  refunds: number;
  receipts: number;
  returnCases: number;
  /** Generation time; null for a reused database. */
  seconds: number | null;
}

/** Row g's pseudo-random in [0,1) for salt s, independent across salts (type, reason and owner must not follow each other). */
const hashed = (salt: number) => `(('x' || substr(md5(g::text || ':${salt}'), 1, 8))::bit(32)::bigint / 4294967296.0)`;
const SHOP_DAY_END = (at: string) => `(((${at} AT TIME ZONE s.timezone)::date + 1)::timestamp AT TIME ZONE s.timezone)`;

export async function generateCases(url: string, count: number, ownerIds: number[], receiverId: number, log: (msg: string) => void): Promise<CaseMix> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const reasons = Object.entries(REASONS).flatMap(([type, list]) => list.map((reason, i) => ({ type, i, reason, n: list.length })));
    await client.query(`CREATE TEMP TABLE pool_reason AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(type text, i int, reason text, n int)`, [JSON.stringify(reasons)]);
    await client.query(`CREATE TEMP TABLE pool_type AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(type text, hi float8)`, [JSON.stringify(TYPE_SHARES.map(([type, hi]) => ({ type, hi })))]);
    await client.query(picksSql, [count, ownerIds]);
    log(`  ${count.toLocaleString('en-US')} cases planned; writing …`);
    await client.query(insertCasesSql);
    await client.query(`SELECT setval(pg_get_serial_sequence('aftersales_cases', 'id'), (SELECT max(id) FROM aftersales_cases))`);
    await client.query(`SELECT setval('aftersales_case_no_seq', $1)`, [count + 1]);
    await client.query(insertLinesSql);
    await client.query(insertRefundsSql);
    await client.query(insertRequestsSql);
    await client.query(insertReceiptsSql, [receiverId]);
    log('  lines, refunds and receipts written; analysing …');
    for (const table of ['aftersales_cases', 'aftersales_case_lines', 'refunds', 'refund_requests', 'return_receipts', 'orders']) await client.query(`VACUUM ANALYZE ${table}`);
    return { ...(await mixOf(client)), seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/** What the database holds, for the results. */
export async function caseMix(url: string): Promise<CaseMix> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return { ...(await mixOf(client)), seconds: null };
  } finally {
    await client.end();
  }
}

async function mixOf(client: pg.Client): Promise<Omit<CaseMix, 'seconds'>> {
    const { rows: statuses } = await client.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM aftersales_cases GROUP BY 1 ORDER BY 1');
    const byStatus = Object.fromEntries(statuses.map((r) => [r.status, Number(r.n)]));
    const one = async (text: string) => Number((await client.query<{ n: string }>(text)).rows[0]!.n);
    return {
      cases: await one('SELECT count(*) AS n FROM aftersales_cases'),
      notClosed: await one(`SELECT count(*) AS n FROM aftersales_cases WHERE status <> 'closed'`),
      byStatus,
      refunds: await one('SELECT count(*) AS n FROM refunds'),
      receipts: await one('SELECT count(*) AS n FROM return_receipts'),
      returnCases: await one(`SELECT count(*) AS n FROM aftersales_cases WHERE type IN ('return_refund', 'exchange')`),
    };
}

/**
 * The plan, one row per case g: every k-th order that reached the buyer, the case's type, reason,
 * owner, times and status. Cases not closed: 85 % of the last 2 days', 45 % of the last week's,
 * 10 % of the last two months', 8.5 % of older ones (returns never sent back, long complaints):
 * about a tenth in all.
 */
const picksSql = `
CREATE TEMP TABLE plan AS
WITH eligible AS (
  SELECT o.id, o.created_at, o.paid_amount, row_number() OVER (ORDER BY o.id) AS n, count(*) OVER () AS total
  FROM orders o WHERE o.status IN ('shipped', 'delivered', 'completed') AND o.paid_amount > 0
), picked AS (
  SELECT id AS order_id, created_at, paid_amount, row_number() OVER (ORDER BY id) AS g
  FROM eligible WHERE n % greatest(1, total / $1) = 0
), raw AS (
  SELECT p.*, ${hashed(11)} AS r_type, ${hashed(12)} AS r_reason, ${hashed(13)} AS r_owner, ${hashed(14)} AS r_open,
         ${hashed(15)} AS r_status, ${hashed(16)} AS r_split, ${hashed(17)} AS r_flag
  FROM picked p WHERE g <= $1
), timed AS (
  SELECT r.*, least(now() - interval '1 minute', r.created_at + interval '2 days' + interval '12 days' * r.r_open) AS opened_at
  FROM raw r
)
SELECT t.g, t.order_id, t.paid_amount, t.opened_at, t.r_split, t.r_flag, ty.type, re.reason,
       ($2::int[])[1 + floor(t.r_owner * array_length($2::int[], 1))::int] AS owner_id,
       t.r_status < CASE WHEN now() - t.opened_at < interval '2 days' THEN 0.85
                         WHEN now() - t.opened_at < interval '7 days' THEN 0.45
                         WHEN now() - t.opened_at < interval '60 days' THEN 0.10 ELSE 0.085 END AS not_closed
FROM timed t
JOIN LATERAL (SELECT type FROM pool_type WHERE hi > t.r_type ORDER BY hi LIMIT 1) ty ON true
JOIN pool_reason re ON re.type = ty.type AND re.i = floor(power(t.r_reason, 1.7) * re.n)::int`;

/**
 * Not closed: awaiting_approval 10 % (a refund request waits), awaiting_return 35 % of the returns
 * and exchanges, the rest open (half of them with an offer made). Overdue ones without an offer were
 * escalated by the sweep five minutes past their deadline. 4 % are difficult (three more days).
 */
const insertCasesSql = `
INSERT INTO aftersales_cases (id, case_no, order_id, shop_id, type, status, reason, no_reason, severity, complaint_category, evidence, owner_id, deadline, difficult,
  proposal, proposed_at, escalated_at, received_at, settlement, opened_by, opened_at, closed_at)
OVERRIDING SYSTEM VALUE
SELECT x.g, x.case_no, x.order_id, x.shop_id, x.type, x.status, x.reason, x.no_reason, x.severity,
       CASE WHEN x.type = 'complaint' THEN CASE x.reason WHEN '物流太慢' THEN 'logistics' WHEN '客服回复慢' THEN 'service' ELSE 'other' END END, x.evidence, x.owner_id, x.deadline, x.difficult,
       CASE WHEN x.proposed THEN jsonb_build_object('solution', x.solution, 'amount', CASE WHEN x.solution IN ('refund', 'partial_refund') THEN x.refund_amount END,
                                                    'note', '已与买家沟通', 'at', to_char(x.proposed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END,
       CASE WHEN x.proposed THEN x.proposed_at END,
       CASE WHEN NOT x.proposed AND x.deadline < now() THEN x.deadline + interval '5 minutes' END,
       x.received_at,
       CASE WHEN x.received_at IS NOT NULL THEN jsonb_build_object('goods', x.refund_amount, 'shipping', 0, 'shippingDeducted', 0, 'returnShipping', 0, 'amount', x.refund_amount) END,
       x.owner_id, x.opened_at, x.closed_at
FROM (
  SELECT p.g, p.order_id, o.shop_id, p.type, p.reason, p.owner_id, p.opened_at,
         'SH' || to_char(p.opened_at AT TIME ZONE s.timezone, 'YYYYMMDD') || lpad(p.g::text, 6, '0') AS case_no,
         st.status,
         p.type IN ('return_refund', 'exchange') AND p.r_flag < 0.35 AS no_reason,
         CASE WHEN p.type = 'damaged' THEN CASE WHEN p.r_flag < 0.7 THEN 'minor' ELSE 'severe' END END AS severity,
         CASE WHEN p.type IN ('damaged', 'quality', 'wrong_item') THEN '[{"note":"买家聊天截图与照片说明"}]'::jsonb ELSE '[]'::jsonb END AS evidence,
         p.r_flag > 0.96 AS difficult,
         ${SHOP_DAY_END('p.opened_at')} + CASE WHEN p.r_flag > 0.96 THEN interval '3 days' ELSE interval '0' END AS deadline,
         st.status IN ('closed', 'awaiting_return', 'awaiting_approval') OR p.r_split > 0.775 AS proposed,
         least(now(), p.opened_at + interval '2 hours') AS proposed_at,
         CASE WHEN p.type IN ('return_refund', 'exchange') AND st.status = 'closed' THEN least(now(), p.opened_at + interval '3 days') END AS received_at,
         CASE WHEN st.status = 'closed' THEN least(now(), p.opened_at + interval '3 days 4 hours') END AS closed_at,
         CASE p.type WHEN 'exchange' THEN 'exchange' WHEN 'return_refund' THEN 'return' WHEN 'damaged' THEN 'partial_refund' WHEN 'complaint' THEN 'explain' ELSE 'refund' END AS solution,
         CASE WHEN p.type = 'damaged' THEN greatest(1, round(li.unit_price * 0.1))::int ELSE least(li.unit_price, p.paid_amount) END AS refund_amount
  FROM plan p
  JOIN orders o ON o.id = p.order_id JOIN shops s ON s.id = o.shop_id
  CROSS JOIN LATERAL (SELECT unit_price FROM order_items WHERE order_id = p.order_id ORDER BY id LIMIT 1) li
  CROSS JOIN LATERAL (SELECT CASE WHEN NOT p.not_closed THEN 'closed'
                                  WHEN p.r_split < 0.10 THEN 'awaiting_approval'
                                  WHEN p.r_split < 0.45 AND p.type IN ('return_refund', 'exchange') THEN 'awaiting_return'
                                  ELSE 'open' END AS status) st
) x`;

/** Each case is about one unit of its order's first line. */
const insertLinesSql = `
INSERT INTO aftersales_case_lines (case_id, order_item_id, sku_id, quantity)
SELECT c.id, li.id, li.sku_id, 1
FROM aftersales_cases c CROSS JOIN LATERAL (SELECT id, sku_id FROM order_items WHERE order_id = c.order_id ORDER BY id LIMIT 1) li`;

/** Closed cases that paid money back: the offer's amount, an hour after the offer (a return's after its receipt). */
const insertRefundsSql = `
INSERT INTO refunds (order_id, case_id, amount, reason, method, actor_id, at)
SELECT c.order_id, c.id, (c.proposal->>'amount')::int, c.reason, 'original', c.owner_id,
       least(c.closed_at, coalesce(c.received_at, c.proposed_at) + interval '1 hour')
FROM aftersales_cases c
WHERE c.status = 'closed' AND c.proposal->>'solution' IN ('refund', 'partial_refund')
UNION ALL
SELECT c.order_id, c.id, (c.settlement->>'amount')::int, c.reason, 'original', c.owner_id, least(c.closed_at, c.received_at + interval '1 hour')
FROM aftersales_cases c
WHERE c.status = 'closed' AND c.type = 'return_refund'`;

/** The refund each case awaiting approval asks for: the whole line, beyond customer service's authority in the bench's eyes. */
const insertRequestsSql = `
INSERT INTO refund_requests (case_id, amount, reason, requested_by, requested_at, status)
SELECT c.id, least(i.unit_price, o.paid_amount), c.reason, c.owner_id, c.proposed_at, 'pending'
FROM aftersales_cases c JOIN aftersales_case_lines l ON l.case_id = c.id JOIN order_items i ON i.id = l.order_item_id JOIN orders o ON o.id = c.order_id
WHERE c.status = 'awaiting_approval'`;

/** What came back of each closed return and exchange: 85 % resellable. */
const insertReceiptsSql = `
INSERT INTO return_receipts (case_id, order_item_id, sku_id, warehouse_id, quantity, condition, received_by, received_at)
SELECT c.id, l.order_item_id, l.sku_id, coalesce(o.warehouse_id, 1), l.quantity,
       CASE WHEN ('x' || substr(md5(c.id::text || ':receipt'), 1, 8))::bit(32)::bigint % 100 < 85 THEN 'resellable' ELSE 'defective' END, $1, c.received_at
FROM aftersales_cases c JOIN aftersales_case_lines l ON l.case_id = c.id JOIN orders o ON o.id = c.order_id
WHERE c.received_at IS NOT NULL`;
