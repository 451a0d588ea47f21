import ExcelJS from 'exceljs';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePackedParcel, uniqueCode, ztoTrackingNo } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let packer: Client;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Sign-ins last 12 h: everyone signs in again after the clock moved. */
async function signInAt(time: string) {
  t.clock.set(time);
  [admin, cs, packer] = [await t.signIn(['admin']), await t.signIn(['cs_presale']), await t.signIn(['warehouse'])];
}

/** A parcel packed, weighed at 800 g and shipped by ZTO now. */
async function shippedNow() {
  const made = await makePackedParcel({ admin, cs, packer }, { platformOrderId: uniqueCode('TB') });
  expectStatus(await packer.post(`/api/v1/parcels/${made.parcel.id}/weigh`, { grams: 800 }), 200);
  const trackingNo = ztoTrackingNo();
  expectStatus(await packer.post(`/api/v1/parcels/${made.parcel.id}/ship`, { carrier: 'ZTO', trackingNo }), 200);
  const shippedBy = (await t.deps.database.query('SELECT display_name FROM users WHERE id = $1', [packer.userId])).rows[0]!.display_name as string;
  return { ...made, trackingNo, shippedBy };
}

const report = async (query: string) => expectStatus(await cs.get(`/api/v1/reports/shipping?${query}`), 200);
/** The raw reply: the test client decodes only JSON and text. */
const download = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/reports/shipping?${query}`, headers: { authorization: `Bearer ${cs.token}` } });

describe('发货信息报表', () => {
  // 23:30 on 1 December in Shanghai, then 00:30 on the 2nd
  let late: Awaited<ReturnType<typeof shippedNow>>;
  let early: Awaited<ReturnType<typeof shippedNow>>;

  beforeAll(async () => {
    await signInAt('2026-12-01T15:30:00Z');
    late = await shippedNow();
    await signInAt('2026-12-01T16:30:00Z');
    early = await shippedNow();
  });

  it('lists the parcels that left on the shop day, with the receiver masked, the carrier named, units, weight and who shipped', async () => {
    const day = await report(`date=2026-12-02&shopCode=${early.shop.code}`);
    expect(day).toMatchObject({ total: 1, units: 3, page: 1 });
    expect(day.items).toEqual([
      {
        parcelId: early.parcel.id,
        orderId: early.order.id,
        orderNo: early.order.orderNo,
        platformOrderId: early.order.platformOrderId,
        shopCode: early.shop.code,
        shopName: early.shop.name,
        warehouseCode: early.warehouseCode,
        carrier: 'ZTO',
        carrierName: '中通快递',
        trackingNo: early.trackingNo,
        receiver: '张*',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        units: 3,
        weighedGrams: 800,
        shippedAt: '2026-12-01T16:30:00.000Z',
        shippedByName: early.shippedBy,
      },
    ]);
    // the UTC date is the 1st, the shop day the 2nd
    expect((await report(`date=2026-12-01&shopCode=${early.shop.code}`)).total).toBe(0);
    expect((await report(`date=2026-12-01&shopCode=${late.shop.code}`)).items.map((i: { orderNo: string }) => i.orderNo)).toEqual([late.order.orderNo]);
    expect((await report(`date=2026-12-02&shopCode=${late.shop.code}`)).total).toBe(0);
  });

  it('takes the warehouse and carrier filters, and a shop in another time zone has its own day', async () => {
    expect((await report(`date=2026-12-02&warehouseCode=${early.warehouseCode}`)).total).toBe(1);
    expect((await report(`date=2026-12-02&warehouseCode=${late.warehouseCode}`)).total).toBe(0);
    expect((await report(`date=2026-12-02&shopCode=${early.shop.code}&carrier=SF`)).total).toBe(0);
    expect((await report(`date=2026-12-02&shopCode=${early.shop.code}&carrier=ZTO`)).total).toBe(1);
    const shop = await makePackedParcel({ admin, cs, packer }).then((m) => m.shop);
    expectStatus(await admin.patch(`/api/v1/shops/${early.shop.id}`, { timezone: 'UTC' }), 200);
    try {
      expect((await report(`date=2026-12-01&shopCode=${early.shop.code}`)).total).toBe(1);
    } finally {
      expectStatus(await admin.patch(`/api/v1/shops/${early.shop.id}`, { timezone: 'Asia/Shanghai' }), 200);
    }
    // a parcel packed but not shipped is not in it
    expect((await report(`date=2026-12-02&shopCode=${shop.code}`)).total).toBe(0);
  });

  it('exports the day as an Excel file with the columns staff expect and the waybill numbers as text', async () => {
    const res = await download(`date=2026-12-02&shopCode=${early.shop.code}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="shipping-report_2026-12-02.xlsx"; filename*=UTF-8''${encodeURIComponent('发货信息报表_2026-12-02.xlsx')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('发货信息报表')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['发货时间', '订单号', '平台订单号', '店铺', '快递公司', '快递单号', '收货人', '省市区', '件数', '重量(克)', '发货人']);
    expect(values(2)).toEqual([
      '2026-12-02 00:30',
      early.order.orderNo,
      early.order.platformOrderId,
      early.shop.name,
      '中通快递',
      early.trackingNo,
      '张*',
      '浙江省 杭州市 西湖区',
      3,
      800,
      early.shippedBy,
    ]);
    expect(values(4)).toEqual(['合计 1 个包裹']);
  });

  it('exports a UTF-8 CSV with a byte order mark', async () => {
    const res = await download(`date=2026-12-01&shopCode=${late.shop.code}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = res.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFF发货时间,订单号,平台订单号,店铺,快递公司,快递单号,收货人,省市区,件数,重量(克),发货人\r\n')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`2026-12-01 23:30,${late.order.orderNo},${late.order.platformOrderId},${late.shop.name},中通快递,${late.trackingNo},张*,浙江省 杭州市 西湖区,3,800,${late.shippedBy}`);
  });

  it('names a missing or malformed date and an unknown format, and asks for a sign-in', async () => {
    for (const query of ['', 'date=yesterday', 'date=2026-02-30', 'date=1999-12-31']) {
      const res = await cs.get(`/api/v1/reports/shipping?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details[0].path).toBe('date');
    }
    const bad = await cs.get('/api/v1/reports/shipping?date=2026-12-02&format=pdf');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('format');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/reports/shipping?date=2026-12-02&format=csv' })).statusCode).toBe(401);
  });
});
