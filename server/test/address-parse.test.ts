import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_CORPUS } from '../src/modules/orders/addressParse.corpus';
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
    const samples = ADDRESS_CORPUS.filter((s) => s.expected.district && s.expected.phone && s.expected.name);
    for (const sample of [samples[0]!, samples.find((s) => s.expected.province === '重庆市')!, samples.find((s) => s.expected.city === '省直辖县级行政区划')!]) {
      const parsed = expectStatus(await parse(cs, sample.text), 200);
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
