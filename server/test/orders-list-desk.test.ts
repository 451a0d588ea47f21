import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../src/modules/orders';
import { EXPORT_MAX_ROWS } from '../src/platform/exports';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makeOrder, makePaidOrder, orderInput, seedCatalog } from './factories';

/** The order list as a desk: status tabs with counts, the lines column, the export. */

let t: TestApp;
let admin: Client;
let cs: Client;
let catalog: Awaited<ReturnType<typeof seedCatalog>>;
let other: Awaited<ReturnType<typeof seedCatalog>>;
let paid: any;
let unpaid: any;
let flagged: any;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  catalog = await seedCatalog(admin, { skuCount: 2, stock: 1000 });
  other = await seedCatalog(admin, { skuCount: 1, stock: 1000 });
  const [a, b] = catalog.skus;
  paid = await makePaidOrder(cs, orderInput(catalog.shop.code, catalog.skus, { buyer: { nick: 'desk_nick', name: '王小明', phone: '13900001234' } }));
  unpaid = await makeOrder(cs, orderInput(catalog.shop.code, catalog.skus, { items: [{ skuCode: a!.code, quantity: 3, unitPrice: 1000 }] }));
  flagged = await makeOrder(cs, orderInput(catalog.shop.code, catalog.skus, { items: [{ skuCode: b!.code, quantity: 1, unitPrice: 2550 }] }));
  expectStatus(await cs.post(`/api/v1/orders/${flagged.id}/remarks`, { content: '先核对', flag: 'red' }), 201);
  await makePaidOrder(cs, orderInput(other.shop.code, other.skus));
});
afterAll(() => t.close());

const get = async (path: string) => expectStatus(await cs.get(path), 200);
const listTotal = async (params: string) => (await get(`/api/v1/orders?${params}`)).total as number;

describe('status counts', () => {
  it('counts every status under the list\'s filters, each agreeing with the list filtered to it', async () => {
    for (const filter of [`shopCode=${catalog.shop.code}`, `shopCode=${catalog.shop.code}&flag=red`, `skuCode=${catalog.skus[0]!.code}`, 'q=desk_nick', '']) {
      const counts = await get(`/api/v1/orders/counts?${filter}`);
      expect(Object.keys(counts.byStatus).sort()).toEqual([...ORDER_STATUSES].sort());
      for (const status of ORDER_STATUSES) {
        expect({ filter, status, n: counts.byStatus[status] }).toEqual({ filter, status, n: await listTotal(`${filter}&status=${status}`) });
        expect(counts.capped[status]).toBe(false);
      }
      expect({ filter, all: counts.all }).toEqual({ filter, all: { count: await listTotal(filter), capped: false } });
    }
    const own = await get(`/api/v1/orders/counts?shopCode=${catalog.shop.code}`);
    expect(own.byStatus).toMatchObject({ pending_payment: 2, awaiting_fulfillment: 1, shipped: 0 });
    expect((await get(`/api/v1/orders/counts?shopCode=${catalog.shop.code}&flag=red`)).byStatus).toMatchObject({ pending_payment: 1, awaiting_fulfillment: 0 });
  });

  it('ignores no filter it cannot resolve: an unknown shop counts nothing, a bad date is a 400 naming the field', async () => {
    const none = await get('/api/v1/orders/counts?shopCode=NOPE');
    expect(Object.values(none.byStatus).every((n) => n === 0)).toBe(true);
    const bad = await cs.get('/api/v1/orders/counts?createdFrom=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('createdFrom');
  });

  it('stops counting a status at 10000 and says so', async () => {
    const big = await copiesOfOneOrder(10_000);
    const counts = await get(`/api/v1/orders/counts?shopCode=${big.shop.code}`);
    expect(counts.byStatus.pending_payment).toBe(10000);
    expect(counts.capped).toMatchObject({ pending_payment: true, awaiting_review: false });
    await dropCopies(big);
  });

  it('counts a search once over all statuses: the list leaves a full page\'s total to the counts, and past 1000 every status is "at least"', async () => {
    const few = await copiesOfOneOrder(24);
    const nick = (await get(`/api/v1/orders?shopCode=${few.shop.code}&pageSize=1`)).items[0].buyerNick as string;
    const page = await get(`/api/v1/orders?q=${encodeURIComponent(nick)}&shopCode=${few.shop.code}`);
    expect(page).toMatchObject({ total: null, totalCapped: false });
    expect(page.items).toHaveLength(20);
    expect((await get(`/api/v1/orders?q=${encodeURIComponent(nick)}&shopCode=${few.shop.code}&page=2`)).total).toBe(25);
    const counted = await get(`/api/v1/orders/counts?q=${encodeURIComponent(nick)}&shopCode=${few.shop.code}`);
    expect(counted.all).toEqual({ count: 25, capped: false });
    expect(counted.byStatus).toMatchObject({ pending_payment: 25, awaiting_review: 0 });
    expect(Object.values(counted.capped).some(Boolean)).toBe(false);

    await t.deps.database.query(`INSERT INTO orders (order_no, ${await copiedColumns()}) SELECT 'CAP' || g, ${await copiedColumns()} FROM orders, generate_series(100, 1100) AS g WHERE order_no = 'CAP1'`);
    const broad = await get(`/api/v1/orders/counts?q=${encodeURIComponent(nick)}&shopCode=${few.shop.code}`);
    expect(broad.all).toEqual({ count: 1000, capped: true });
    expect(broad.byStatus.pending_payment).toBeGreaterThan(1000 - 1);
    expect(Object.values(broad.capped).every(Boolean)).toBe(true);
    await dropCopies(few);
  });

  it('finds a nick part\'s newest matches through its recent months, and the older ones when those do not fill the page', async () => {
    const big = await copiesOfOneOrder(30);
    const q = `shopCode=${big.shop.code}&q=buyer_`;
    const page = async (n = 1) => (await get(`/api/v1/orders?${q}&page=${n}`)).items.map((o: any) => o.orderNo as string);
    const newestFirst = async () => (await t.deps.database.query(`SELECT order_no FROM orders WHERE shop_id = $1 ORDER BY created_at DESC, id DESC`, [big.shop.id])).rows.map((r: any) => r.order_no);
    const age = (orderNos: string[], days: number) =>
      t.deps.database.query(
        `UPDATE orders SET created_at = $2, buyer_nick_pieces = ARRAY(SELECT p FROM unnest(buyer_nick_pieces) AS p WHERE p !~ '^m:') || ARRAY['m:' || to_char($2::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM')]
          WHERE shop_id = $3 AND order_no = ANY($1)`,
        [orderNos, new Date(t.clock.now().getTime() - days * 86_400_000).toISOString(), big.shop.id],
      );
    const caps = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `CAP${from + i}`);
    // 21 of this month, 10 from 100 days ago: the recent months fill the first page
    await age(caps(1, 10), 100);
    expect(await page()).toEqual((await newestFirst()).slice(0, 20));
    expect(await page(2)).toEqual((await newestFirst()).slice(20));
    // 19 of this month and, older than an older nick match, an order found by its platform id: not before that match
    await age(caps(11, 11), 80);
    await age(caps(12, 12), 120);
    await t.deps.database.query(`UPDATE orders SET platform_order_id = 'buyer_', buyer_nick = 'someone', buyer_nick_pieces = NULL WHERE shop_id = $1 AND order_no = 'CAP12'`, [big.shop.id]);
    const shown = await page();
    expect(shown).toEqual((await newestFirst()).slice(0, 20));
    expect(shown).toContain('CAP11');
    expect(shown).not.toContain('CAP12');
    // 15 of this month: the page goes on with the newest of the older ones
    await age(caps(13, 16), 90);
    expect(await page()).toEqual((await newestFirst()).slice(0, 20));
    await dropCopies(big);
  });

  it('finds a search\'s older matches behind more than 5000 newer orders, newest first', async () => {
    const older = await get(`/api/v1/orders?q=desk_nick`);
    expect(older.items.map((o: any) => o.id)).toEqual([paid.id]);
    const newer = await copiesOfOneOrder(5_001);
    expect((await get(`/api/v1/orders?q=desk_nick`)).items.map((o: any) => o.id)).toEqual([paid.id]);
    expect((await get(`/api/v1/orders?q=${encodeURIComponent('esk_ni')}`)).items.map((o: any) => o.id)).toEqual([paid.id]);
    await dropCopies(newer);
  });
});

/** A shop of its own holding one order and `n` copies of it: only counting is under test, not intake. */
async function copiesOfOneOrder(n: number) {
  const big = await seedCatalog(admin, { skuCount: 1, stock: 10 });
  const seed = await makeOrder(cs, orderInput(big.shop.code, big.skus));
  const columns = await copiedColumns();
  await t.deps.database.query(`INSERT INTO orders (order_no, ${columns}) SELECT 'CAP' || g, ${columns} FROM orders, generate_series(1, $2::int) AS g WHERE id = $1`, [seed.id, n]);
  return big;
}

/** The columns a copy of an order takes from it: all but its ids. */
async function copiedColumns(): Promise<string> {
  const { rows } = await t.deps.database.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'orders' AND column_name NOT IN ('id', 'order_no', 'platform_order_id')`);
  return rows.map((r: any) => `"${r.column_name}"`).join(', ');
}

const dropCopies = (big: { shop: { id: number } }) => t.deps.database.query(`DELETE FROM orders WHERE order_no LIKE 'CAP%' AND shop_id = $1`, [big.shop.id]);

describe('lines column', () => {
  it('lists each order\'s SKU codes and units, and the masked street address', async () => {
    const page = await get(`/api/v1/orders?shopCode=${catalog.shop.code}`);
    const byId = new Map(page.items.map((i: any) => [i.id, i]));
    expect((byId.get(unpaid.id) as any).lines).toEqual([{ skuCode: catalog.skus[0]!.code, quantity: 3 }]);
    expect((byId.get(paid.id) as any).lines.map((l: any) => l.skuCode)).toEqual(paid.items.map((i: any) => i.skuCode));
    expect((byId.get(paid.id) as any).addressDetail).toMatch(/\*\*\*\*$/);
  });
});

describe('export', () => {
  const download = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/orders/export?${query}`, headers: { authorization: `Bearer ${cs.token}` } });

  it('writes the filtered orders to xlsx with Chinese headers, yuan and masked buyers', async () => {
    const res = await download(`shopCode=${catalog.shop.code}&status=pending_payment&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('订单列表_'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('订单列表')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(['订单号', '平台订单号', '店铺', '状态', '买家昵称', '收货人', '手机', '省市区', '详细地址', '商品（货号×数量）', '订单金额（元）', '已付金额（元）', '下单时间', '付款时间']);
    const rows = [2, 3].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    expect(rows.map((r) => r[0])).toEqual([flagged.orderNo, unpaid.orderNo]);
    expect(rows[0]![3]).toBe('待付款');
    expect(rows[0]![9]).toBe(`${catalog.skus[1]!.code}×1`);
    expect(rows[0]![10]).toBe(flagged.total / 100);
    expect(String(rows[1]![6])).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(sheet.getRow(5).getCell(1).value).toBe('合计 2 单');
  });

  it('writes csv with the same filter, and no order of another shop', async () => {
    const res = await download(`shopCode=${catalog.shop.code}&format=csv`);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.rawPayload.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('订单号,平台订单号,店铺,状态')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([flagged.orderNo, unpaid.orderNo, paid.orderNo]);
    expect(lines[1]).toContain(`,${(flagged.total / 100).toFixed(2)},0.00,`);
    expect(res.rawPayload.toString('utf8')).not.toContain('13900001234');
  });

  it('refuses, before writing anything, more orders than one file takes, saying how to narrow it', async () => {
    const big = await copiesOfOneOrder(EXPORT_MAX_ROWS);
    const res = await download(`shopCode=${big.shop.code}&format=xlsx`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'export_too_large', details: [{ path: 'createdFrom' }] });
    expect(res.json().error.message).toContain('缩小范围');
    await dropCopies(big);
  }, 60_000);

  it('refuses an unknown format with a 400 naming it', async () => {
    const res = await download('format=pdf');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('format');
  });
});
