import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepUnpaidOrders } from '../src/modules/orders';
import { HOUR } from '../src/platform/clock';
import { EXPORT_BATCH_ROWS, EXPORT_MAX_ROWS } from '../src/platform/exports';
import { expectStatus, makeOrder, makePaidOrder, makeShop, orderInput, seedCatalog } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
});
afterAll(() => t.close());

describe('未付款明细表', () => {
  it('lists the orders that closed unpaid, with their shop, amount and reason, filtered by shop and date', async () => {
    let cs = await t.signIn(['cs_presale']);
    const { shop, skus, warehouses } = await seedCatalog(admin, { skuCount: 1, stock: 50 });
    const other = await makeShop(admin, { defaultWarehouseCode: warehouses[0].code, platform: 'jd' });
    const unpaid = await makeOrder(cs, orderInput(shop.code, skus, { buyer: { nick: '未付款的买家', name: '王五', phone: '13900001111' } }));
    const elsewhere = await makeOrder(cs, orderInput(other.code, skus));
    await makePaidOrder(cs, orderInput(shop.code, skus));

    t.clock.advance(25 * HOUR);
    // Both shops' entries, and no other test's: the sweep closes them now, a day past whatever ran before.
    const sweptOnly = `closedFrom=${encodeURIComponent(t.clock.now().toISOString())}&closedTo=${encodeURIComponent(new Date(t.clock.now().getTime() + 1).toISOString())}`;
    await sweepUnpaidOrders(t.deps);
    cs = await t.signIn(['cs_presale']); // a day later: sign in again
    admin = await t.signIn(['admin']);

    const all = expectStatus(await cs.get(`/api/v1/reports/unpaid-register?${sweptOnly}`), 200);
    expect(all.items.map((i: { orderNo: string }) => i.orderNo).sort()).toEqual([unpaid.orderNo, elsewhere.orderNo].sort());
    expect(all.amount).toBe(unpaid.total + elsewhere.total);
    const mine = expectStatus(await cs.get(`/api/v1/reports/unpaid-register?shopCode=${shop.code}`), 200);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ orderNo: unpaid.orderNo, shopCode: shop.code, buyerNick: '未付款的买家', total: unpaid.total });
    expect(mine.items[0].reason).toBeTruthy();

    const future = new Date(t.clock.now().getTime() + HOUR).toISOString();
    expect(expectStatus(await cs.get(`/api/v1/reports/unpaid-register?closedFrom=${encodeURIComponent(future)}`), 200).total).toBe(0);
  });

  it('also takes an unpaid order that staff cancelled, with their reason', async () => {
    const cs = await t.signIn(['cs_presale']);
    const { shop, skus } = await seedCatalog(admin, { skuCount: 1, stock: 5 });
    const order = await makeOrder(cs, orderInput(shop.code, skus));
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '买家说不要了' }), 200);
    const page = expectStatus(await cs.get(`/api/v1/reports/unpaid-register?shopCode=${shop.code}`), 200);
    expect(page.items).toEqual([expect.objectContaining({ orderNo: order.orderNo, reason: '买家说不要了' })]);
  });

  it('adds up amounts beyond 21 million yuan (past a 32-bit sum of fen)', async () => {
    const big = await makeShop(admin, { platform: 'tmall' });
    const closedAt = t.clock.now().toISOString();
    await t.deps.database.query(
      `INSERT INTO unpaid_register (order_id, shop_id, order_no, total, order_created_at, closed_at)
       SELECT 70000000 + g, $1, 'BIG' || g, 1500000000, $2, $2 FROM generate_series(1, 2) AS g`,
      [big.id, closedAt],
    );
    expect(expectStatus(await admin.get(`/api/v1/reports/unpaid-register?shopCode=${big.code}`), 200)).toMatchObject({ total: 2, amount: 3_000_000_000 });
  });

  it('names a malformed date filter', async () => {
    const res = await admin.get('/api/v1/reports/unpaid-register?closedFrom=yesterday');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('closedFrom');
  });
});

describe('未付款明细表 export', () => {
  let shop: { code: string; name: string };
  let orders: { orderNo: string; total: number }[];

  /** The raw reply: the test client decodes only JSON and text. */
  const download = (client: Client, query: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/reports/unpaid-register/export?${query}`, headers: { authorization: `Bearer ${client.token}` } });

  beforeAll(async () => {
    t.clock.set('2026-11-30T02:00:00Z'); // 10:00 in Shanghai
    admin = await t.signIn(['admin']); // earlier tokens have expired by then
    const cs = await t.signIn(['cs_presale']);
    const catalog = await seedCatalog(admin, { skuCount: 1, stock: 50 });
    shop = catalog.shop;
    const formula = await makeOrder(cs, orderInput(shop.code, catalog.skus, { buyer: { nick: '=HYPERLINK("x")', name: '赵六', phone: '13900003333' } }));
    const plain = await makeOrder(cs, orderInput(shop.code, catalog.skus, { shippingFee: 5 }));
    for (const order of [formula, plain]) expectStatus(await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '买家拍错了' }), 200);
    orders = [plain, formula];
  });

  it('is an Excel file with a header row, yuan as numbers, local times and a total row', async () => {
    const res = await download(admin, `shopCode=${shop.code}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="unpaid-register_2026-11-30.xlsx"; filename*=UTF-8''${encodeURIComponent('未付款明细表_2026-11-30.xlsx')}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('未付款明细表')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['订单号', '店铺', '买家昵称', '订单金额（元）', '下单时间', '关闭时间', '关闭原因']);
    expect(values(2)).toEqual([orders[0]!.orderNo, shop.name, expect.any(String), orders[0]!.total / 100, '2026-11-30 10:00', '2026-11-30 10:00', '买家拍错了']);
    expect(values(3)[2]).toBe('=HYPERLINK("x")');
    // The filter covers the data; the 合计 row stands apart under a blank row and sums what a filter shows.
    expect(sheet.autoFilter).toBe('A1:G3');
    expect(values(4)).toEqual([]);
    expect(values(5)).toEqual(['合计 2 单', undefined, undefined, { formula: 'SUBTOTAL(109,D2:D3)', result: (orders[0]!.total + orders[1]!.total) / 100 }]);
    expect(sheet.getRow(5).font?.bold).toBe(true);
    expect(sheet.getColumn(4).numFmt).toBe('#,##0.00');
  });

  it('is a UTF-8 CSV with a byte order mark, exact yuan, and formulas shown as text', async () => {
    const res = await download(admin, `shopCode=${shop.code}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = res.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFF订单号,店铺,买家昵称,订单金额（元）,下单时间,关闭时间,关闭原因\r\n')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    expect(lines[1]).toContain(`${orders[0]!.orderNo},${shop.name},`);
    expect(lines[1]).toContain(`,${yuan(orders[0]!.total)},2026-11-30 10:00,2026-11-30 10:00,买家拍错了`);
    expect(lines[2]).toContain(`,"'=HYPERLINK(""x"")",`);
  });

  it('writes every entry once when there are more than one read holds, ties in close time included', async () => {
    const big = await makeShop(admin, { platform: 'pdd' });
    const closedAt = t.clock.now().toISOString();
    await t.deps.database.query(
      `INSERT INTO unpaid_register (order_id, shop_id, order_no, buyer_nick, total, order_created_at, closed_at, reason)
       SELECT 90000000 + g, $1, 'BULK' || lpad(g::text, 5, '0'), 'nick' || g, 100, $2, $2, '超时未付款' FROM generate_series(1, $3::int) AS g`,
      [big.id, closedAt, EXPORT_BATCH_ROWS * 2 + 500],
    );
    const res = await download(admin, `shopCode=${big.code}&format=csv`);
    const lines = res.rawPayload.toString('utf8').trimEnd().split('\r\n').slice(1);
    expect(lines).toHaveLength(EXPORT_BATCH_ROWS * 2 + 500);
    expect(new Set(lines.map((line) => line.split(',')[0])).size).toBe(lines.length);
  });

  it('refuses, before writing anything, more entries than one file takes, naming the date filter', async () => {
    const huge = await makeShop(admin, { platform: 'pdd' });
    const closedAt = t.clock.now().toISOString();
    await t.deps.database.query(
      `INSERT INTO unpaid_register (order_id, shop_id, order_no, total, order_created_at, closed_at)
       SELECT 80000000 + g, $1, 'HUGE' || g, 100, $2, $2 FROM generate_series(1, $3::int) AS g`,
      [huge.id, closedAt, EXPORT_MAX_ROWS + 1],
    );
    const res = await download(admin, `shopCode=${huge.code}&format=xlsx`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'export_too_large', details: [{ path: 'closedFrom' }] });
    await t.deps.database.query('DELETE FROM unpaid_register WHERE shop_id = $1', [huge.id]);
  });

  it('takes the list\'s filters, and refuses an unknown format or a caller not signed in', async () => {
    const future = new Date(t.clock.now().getTime() + HOUR).toISOString();
    const empty = await download(admin, `closedFrom=${encodeURIComponent(future)}&format=csv`);
    expect(empty.rawPayload.toString('utf8').trimEnd().split('\r\n')).toHaveLength(1);
    const bad = await download(admin, 'format=pdf');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('format');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/reports/unpaid-register/export?format=csv' })).statusCode).toBe(401);
  });
});
