import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../src/platform/clock';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makeShippedOrder } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let packer: Client;
let order: { id: number; orderNo: string; items: { skuCode: string }[] };
const cases: Record<string, { id: number; caseNo: string }> = {};

const open = async (name: string, type: string, reason: string) => {
  cases[name] = expectStatus(await cs.post('/api/v1/aftersales/cases', { orderId: order.id, type, reason, ...(type === 'complaint' ? { complaintCategory: 'service' } : { lines: [{ skuCode: order.items[0]!.skuCode, quantity: 1 }] }) }), 201);
};
const report = async (path: string, q: string) => expectStatus(await cs.get(`/api/v1/reports/${path}?${q}`), 200);
const download = (path: string, q: string) => t.app.inject({ method: 'GET', url: `/api/v1/reports/${path}?${q}`, headers: { authorization: `Bearer ${cs.token}` } });

beforeAll(async () => {
  t = await createTestApp();
  t.deps.config.tokenTtlHours = 24 * 365;
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_aftersale']);
  packer = await t.signIn(['warehouse']);
  ({ order } = await makeShippedOrder({ admin, cs, packer }, { skus: [{ price: 5_900 }, { price: 12_900 }] }));
  // Friday 2026-11-20 in Shanghai (ISO week 47)
  await open('A', 'return_refund', '不喜欢');
  await open('B', 'return_refund', '尺码不合适');
  await open('C', 'exchange', ' 不喜欢 ');
  await open('D', 'complaint', '客服态度差');
  expectStatus(await cs.post(`/api/v1/aftersales/cases/${cases.A!.id}/propose`, { solution: 'return', note: '请寄回' }), 200);
  expectStatus(await packer.post(`/api/v1/aftersales/cases/${cases.A!.id}/receive`, { lines: [{ skuCode: order.items[0]!.skuCode, quantity: 1, condition: 'resellable' }] }), 200);
  expectStatus(await cs.post(`/api/v1/aftersales/cases/${cases.A!.id}/refund`, { amount: 5_900, reason: '退货退款' }), 200);
  expectStatus(await cs.post(`/api/v1/aftersales/cases/${cases.B!.id}/close`, { note: '买家撤销' }), 200);
  // a week later (ISO week 48)
  t.clock.advance(7 * DAY);
  await open('E', 'return_refund', '不喜欢');
  expectStatus(await cs.post(`/api/v1/aftersales/cases/${cases.C!.id}/refund`, { amount: 1_000, reason: '补偿运费' }), 200);
}, 120_000);
afterAll(() => t.close());

const caseNos = (items: { caseNo: string }[]) => items.map((i) => i.caseNo);

describe('after-sales registers', () => {
  it('售后登记 lists every case open at some time of the day, until it closes', async () => {
    expect(caseNos((await report('aftersales-register', 'date=2026-11-20')).items)).toEqual(['A', 'B', 'C', 'D'].map((n) => cases[n]!.caseNo));
    const later = await report('aftersales-register', 'date=2026-11-27');
    expect(caseNos(later.items)).toEqual(['A', 'C', 'D', 'E'].map((n) => cases[n]!.caseNo));
    // the complaint was never answered: a week past its deadline
    expect(later.items.find((i: { caseNo: string }) => i.caseNo === cases.D!.caseNo)).toMatchObject({ type: 'complaint', overdue: true, refunded: 0 });
    // each row names its case and order, for the screen's links
    expect(later.items[0]).toMatchObject({ caseId: cases.A!.id, orderId: order.id, solution: 'return', refunded: 5_900, overdue: false });
    expect((await report('aftersales-register', 'date=2026-11-19')).total).toBe(0);
    expect((await report('aftersales-register', 'date=2026-11-27&type=return_refund')).total).toBe(2);
  });

  it('exports 售后登记 as Excel with Chinese columns and money that sums', async () => {
    const res = await download('aftersales-register', 'date=2026-11-20&format=xlsx');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('售后登记')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['售后单号', '登记时间', '订单号', '店铺', '类型', '原因', '状态', '负责人', '处理时限', '是否超时', '方案', '已退款(元)', '完结时间']);
    expect(values(2).slice(0, 8)).toEqual([cases.A!.caseNo, '2026-11-20 10:00', order.orderNo, expect.any(String), '退货退款', '不喜欢', '处理中', expect.any(String)]);
    expect(values(2)[11]).toBe(59);
    expect(values(3)).toContain('已完结');
  });

  it('退货登记表 has a row per SKU the warehouse signed for', async () => {
    const returns = await report('returns', 'from=2026-11-20&to=2026-11-27');
    expect(returns).toMatchObject({ total: 1, items: [{ id: expect.any(Number), caseId: cases.A!.id, caseNo: cases.A!.caseNo, orderId: order.id, orderNo: order.orderNo, skuCode: order.items[0]!.skuCode, quantity: 1, condition: 'resellable' }] });
    expect((await report('returns', 'from=2026-11-21&to=2026-11-27')).total).toBe(0);
  });

  it('退货原因汇总表 ranks return and exchange reasons with their share, by ISO week or by month', async () => {
    expect((await report('return-reasons', 'from=2026-11-01&to=2026-11-30&groupBy=week')).items).toEqual([
      { period: '2026-W47', reason: '不喜欢', cases: 2, periodCases: 3, share: 0.6667 },
      { period: '2026-W47', reason: '尺码不合适', cases: 1, periodCases: 3, share: 0.3333 },
      { period: '2026-W48', reason: '不喜欢', cases: 1, periodCases: 1, share: 1 },
    ]);
    expect((await report('return-reasons', 'from=2026-11-01&to=2026-11-30&groupBy=month')).items).toEqual([
      { period: '2026-11', reason: '不喜欢', cases: 3, periodCases: 4, share: 0.75 },
      { period: '2026-11', reason: '尺码不合适', cases: 1, periodCases: 4, share: 0.25 },
    ]);
    // the range is of shop days: the day before or after a case's leaves it out
    expect((await report('return-reasons', 'from=2026-11-21&to=2026-11-30&groupBy=month')).items).toEqual([{ period: '2026-11', reason: '不喜欢', cases: 1, periodCases: 1, share: 1 }]);
    expect((await report('return-reasons', 'from=2026-11-01&to=2026-11-19&groupBy=month')).items).toEqual([]);
    const csv = await download('return-reasons', 'from=2026-11-01&to=2026-11-30&groupBy=month&format=csv');
    expect(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(csv.body.replace(/^\uFEFF/, '').split(/\r?\n/).slice(0, 3)).toEqual(['月份,退货原因,件数(单),占比', '2026-11,不喜欢,3,75.0%', '2026-11,尺码不合适,1,25.0%']);
  });

  it('每日退款统计 sums each day’s refunds by reason', async () => {
    expect(await report('refunds', 'from=2026-11-20&to=2026-11-27')).toEqual({
      items: [
        { day: '2026-11-20', reason: '退货退款', refunds: 1, amount: 5_900 },
        { day: '2026-11-27', reason: '补偿运费', refunds: 1, amount: 1_000 },
      ],
      total: { refunds: 2, amount: 6_900 },
    });
  });

  it('refuses a range that ends before it starts or spans more than a year', async () => {
    const backwards = await cs.get('/api/v1/reports/refunds?from=2026-11-20&to=2026-11-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details).toEqual([{ path: 'to', message: '结束日期不能早于开始日期' }]);
    expect((await cs.get('/api/v1/reports/returns?from=2025-01-01&to=2026-11-01')).body.error.details).toEqual([{ path: 'to', message: '日期范围最多 366 天' }]);
  });
});
