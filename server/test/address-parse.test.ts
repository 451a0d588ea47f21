import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, orderInput, seedCatalog } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

let t: TestApp;
let cs: Client;
let catalog: Awaited<ReturnType<typeof seedCatalog>>;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  catalog = await seedCatalog(admin, { skuCount: 1, stock: 100 });
});
afterAll(() => t.close());

const parse = (client: Client, text: unknown) => client.post('/api/v1/addresses/parse', { text });

describe('POST /api/v1/addresses/parse (智能识别)', () => {
  it('answers every field, null where the text did not show it', async () => {
    const body = expectStatus(await parse(cs, '亲，地址是广西南宁市青秀区民族大道100号 张三 +86 138-0013-8000 谢谢'), 200);
    expect(body).toEqual({ name: '张三', phone: '13800138000', province: '广西壮族自治区', city: '南宁市', district: '青秀区', detail: '民族大道100号', postalCode: null });
  });

  it('gives what intake accepts: a parsed sample submitted as it stands makes an order with that address', async () => {
    // a province's district, a municipality's county, a county-level city the province runs itself
    const pasted = ['张伟 13812345678 浙江杭州西湖区文三路478号', '邓超 13983334444 重庆市巫山县高唐街道广东路8号', '湖北仙桃市沔阳大道18号 胡蝶 13797700000 邮编433000'];
    for (const text of pasted) {
      const parsed = expectStatus(await parse(cs, text), 200);
      expect(parsed.district).not.toBeNull();
      const { name, phone, postalCode, ...address } = parsed;
      const order = expectStatus(
        await cs.post('/api/v1/orders', orderInput(catalog.shop.code, catalog.skus, { buyer: { name, phone }, address: { ...address, ...(postalCode && { postalCode }) } })),
        201,
      );
      expect(order.address).toMatchObject({ province: parsed.province, city: parsed.city, district: parsed.district, divisionMatch: 'exact', asWritten: null });
    }
  });

  it('refuses empty and overlong text with a 400 naming the field', async () => {
    const empty = expectStatus(await parse(cs, '   '), 400);
    expect(empty.error.details).toEqual([expect.objectContaining({ path: 'text', message: expect.stringContaining('请粘贴') })]);
    const long = expectStatus(await parse(cs, `浙江省杭州市西湖区${'文'.repeat(500)}`), 400);
    expect(long.error.message).toContain('最多 500 字');
    expect(expectStatus(await parse(cs, 42), 400).error.code).toBe('validation_error');
  });

  it('is for those who take orders: warehouse staff are refused', async () => {
    const warehouse = await t.signIn(['warehouse']);
    expect((await parse(warehouse, '张三 13800138000 浙江省杭州市西湖区文三路1号')).status).toBe(403);
  });
});
