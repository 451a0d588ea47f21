import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../src/platform/clock';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePaidOrder, orderInput, seedCatalog } from './factories';

/** Complaints (投诉/维权): a category, an apology before a complaint that was ours closes, and the 客诉率 / 解决率 they make. */

let t: TestApp;
let cs: Client;
let supervisor: Client;
let shopName: string;
let orders: { id: number }[];

const complain = (client: Client, body: Record<string, unknown>) => client.post('/api/v1/aftersales/cases', { type: 'complaint', reason: '发货太慢，催了三次', ...body });
const range = 'from=2026-11-20&to=2026-11-20';

beforeAll(async () => {
  t = await createTestApp();
  t.deps.config.tokenTtlHours = 24 * 365;
  const admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_aftersale']);
  supervisor = await t.signIn(['supervisor']);
  const catalog = await seedCatalog(admin);
  shopName = catalog.shop.name;
  // four orders paid on 2026-11-20 in Shanghai
  orders = [];
  for (let i = 0; i < 4; i++) orders.push(await makePaidOrder(cs, orderInput(catalog.shop.code, catalog.skus.slice(0, 1))));
}, 120_000);
afterAll(() => t?.close());

describe('complaints', () => {
  it('are filed under a category, which only complaints have', async () => {
    const none = await complain(cs, { orderId: orders[0]!.id });
    expect(none.status).toBe(400);
    expect(none.body.error.details).toEqual([{ path: 'complaintCategory', message: '请选择投诉类别' }]);
    const wrongType = await cs.post('/api/v1/aftersales/cases', { orderId: orders[0]!.id, type: 'refund_only', reason: '不想要了', complaintCategory: 'service' });
    expect(wrongType.body.error.details).toEqual([{ path: 'complaintCategory', message: '只有投诉有投诉类别' }]);
    const bad = await complain(cs, { orderId: orders[0]!.id, complaintCategory: 'weather' });
    expect(bad.body.error.details).toEqual([{ path: 'complaintCategory', message: '投诉类别不对' }]);

    const opened = expectStatus(await complain(cs, { orderId: orders[0]!.id, complaintCategory: 'shipping_delay' }), 201);
    expect(opened.complaint).toEqual({ category: 'shipping_delay', ours: null, resolved: null, apologizedAt: null });
  });

  it('close saying whether the fault was ours and whether it was resolved; one that was ours only after an apology', async () => {
    const opened = expectStatus(await complain(cs, { orderId: orders[1]!.id, complaintCategory: 'service' }), 201);
    const bare = await cs.post(`/api/v1/aftersales/cases/${opened.id}/close`, {});
    expect(bare.status).toBe(422);
    expect(bare.body.error.details).toEqual([
      { path: 'ours', message: '请选择投诉责任是否在我方' },
      { path: 'resolved', message: '请选择投诉是否已解决' },
    ]);
    const unapologised = await cs.post(`/api/v1/aftersales/cases/${opened.id}/close`, { ours: true, resolved: true });
    expect(unapologised.status).toBe(409);
    expect(unapologised.body.error.code).toBe('apology_required');
    expect((await cs.get(`/api/v1/aftersales/cases/${opened.id}`)).body.status).toBe('open');

    const apologised = expectStatus(await cs.post(`/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'apology', note: '客服回复不及时，已向买家道歉并说明' }), 200);
    expect(apologised.complaint.apologizedAt).toBe(t.clock.now().toISOString());
    const closed = expectStatus(await cs.post(`/api/v1/aftersales/cases/${opened.id}/close`, { ours: true, resolved: true, note: '买家表示满意' }), 200);
    expect(closed).toMatchObject({ status: 'closed', complaint: { category: 'service', ours: true, resolved: true } });
    expect(closed.events.at(-1)).toMatchObject({ action: 'aftersales_case.close', after: { complaintOurs: true, complaintResolved: true } });

    // not ours, not resolved: no apology needed
    const second = expectStatus(await complain(supervisor, { orderId: orders[1]!.id, complaintCategory: 'logistics' }), 201);
    expectStatus(await supervisor.post(`/api/v1/aftersales/cases/${second.id}/close`, { ours: false, resolved: false }), 200);
    // other cases close without these
    const refundOnly = expectStatus(await cs.post('/api/v1/aftersales/cases', { orderId: orders[2]!.id, type: 'refund_only', reason: '拍错了' }), 201);
    expect(expectStatus(await cs.post(`/api/v1/aftersales/cases/${refundOnly.id}/close`, {}), 200).complaint).toBeNull();
  });

  it('make 客诉率 (complaint orders / paid orders) and 解决率 (resolved / complaints) per shop and by category', async () => {
    const stats = expectStatus(await cs.get(`/api/v1/reports/complaints?${range}`), 200);
    const counts = { orders: 4, complaints: 3, complaintOrders: 2, closed: 2, resolved: 1, ours: 1, complaintRate: 0.5, resolutionRate: 0.3333 };
    expect(stats.items).toEqual([{ shopName, ...counts }]);
    expect(stats.total).toEqual(counts);
    expect(stats.byCategory).toEqual([
      { category: 'logistics', complaints: 1, resolved: 0 },
      { category: 'service', complaints: 1, resolved: 1 },
      { category: 'shipping_delay', complaints: 1, resolved: 0 },
    ]);
    // a day with no orders and no complaints divides by nothing
    const empty = expectStatus(await cs.get('/api/v1/reports/complaints?from=2026-11-21&to=2026-11-21'), 200);
    expect(empty).toEqual({ items: [], total: { orders: 0, complaints: 0, complaintOrders: 0, closed: 0, resolved: 0, ours: 0, complaintRate: null, resolutionRate: null }, byCategory: [] });
    t.clock.advance(DAY);
  });

  it('export as Excel with Chinese columns, the total and the categories', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/complaints?${range}&format=xlsx`, headers: { authorization: `Bearer ${cs.token}` } });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === '店铺 / 类别');
    expect(rows[header]).toEqual(['店铺 / 类别', '付款订单数', '投诉数', '被投诉订单数', '客诉率', '已解决', '解决率', '我方责任']);
    expect(rows[header + 1]).toEqual([shopName, 4, 3, 2, '50.00%', 1, '33.33%', 1]);
    expect(rows[header + 2]).toEqual(['合计', 4, 3, 2, '50.00%', 1, '33.33%', 1]);
    expect(rows.slice(header + 3, header + 6).map((r) => r[0])).toEqual(['类别：物流问题', '类别：服务态度', '类别：发货慢']);
  });
});
