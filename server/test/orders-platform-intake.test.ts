import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makeOrder, orderInput, seedCatalog, uniqueCode } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let catalog: Awaited<ReturnType<typeof seedCatalog>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  catalog = await seedCatalog(admin, { skuCount: 1, stock: 500 });
});
afterAll(() => t.close());

/** A platform order that arrives paid, as shop integrations send them. */
function platformOrder(overrides: Record<string, unknown> = {}) {
  const body = orderInput(catalog.shop.code, catalog.skus, { platformOrderId: uniqueCode('TB'), ...overrides });
  return { ...body, payment: { amount: 9900 + 800, method: 'alipay' } };
}

const address = (province: string, city: string, district: string, detail = `人民路 ${uniqueCode('')} 号`) => ({ province, city, district, detail });

const reveal = async (orderId: number) => expectStatus(await cs.get(`/api/v1/orders/${orderId}?reveal=1`), 200);

describe('a platform order is taken as the platform sends it', () => {
  it('maps a revoked district to its successor, shows what the buyer wrote beside it, and approves it', async () => {
    const order = await makeOrder(cs, platformOrder({ address: address('浙江省', '杭州市', '下城区') }));
    expect(order.address).toMatchObject({
      province: '浙江省',
      city: '杭州市',
      district: '拱墅区',
      divisionCode: '330105',
      divisionMatch: 'successor',
      asWritten: { province: '浙江省', city: '杭州市', district: '下城区' },
    });
    expect(order.status).toBe('awaiting_fulfillment');
    expect((await cs.get(`/api/v1/orders/${order.id}`)).body.address.asWritten).toEqual({ province: '浙江省', city: '杭州市', district: '下城区' });
  });

  it.each([
    [['福建省', '三明市', '沙县'], '沙县区'],
    [['广西壮族自治区', '南宁市', '横县'], '横州市'],
    [['安徽省', '芜湖市', '芜湖县'], '湾沚区'],
    [['河南省', '洛阳市', '吉利区'], '孟津区'],
    [['河北省', '邢台市', '邢台县'], '信都区'],
    [['福建省', '三明市', '梅列区'], '三元区'],
  ] as const)('takes %j as %s', async ([province, city, district], successor) => {
    const order = await makeOrder(cs, platformOrder({ address: address(province, city, district) }));
    expect(order.address).toMatchObject({ district: successor, divisionMatch: 'successor', asWritten: { district } });
    expect(order.holdReasons).toEqual([]);
  });

  it('resolves a development zone within its city, keeping the zone as the district', async () => {
    const order = await makeOrder(cs, platformOrder({ address: address('山西省', '长治市', '长治高新技术产业园区') }));
    expect(order.address).toMatchObject({ city: '长治市', district: '山西长治高新技术产业园区', divisionCode: '140471', divisionMatch: 'zone' });
    expect(order.address.asWritten.district).toBe('长治高新技术产业园区');
    expect(order.status).toBe('awaiting_fulfillment');
    const wenzhou = await makeOrder(cs, platformOrder({ address: address('浙江省', '温州市', '温州经济技术开发区') }));
    expect(wenzhou.address).toMatchObject({ city: '温州市', divisionMatch: 'zone' });
  });

  it.each([
    ['香港特别行政区', '九龙', '油尖旺区'],
    ['台湾省', '台北市', '信义区'],
    ['浙江省', '杭州市', ''],
  ])('takes %s %s %s and holds it for review as 地址需核对', async (province, city, district) => {
    const res = await cs.post('/api/v1/orders', platformOrder({ address: address(province, city, district) }));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('on_hold');
    expect(res.body.address).toMatchObject({ divisionMatch: 'unresolved', divisionCode: null, district });
    expect(res.body.holdReasons).toEqual([{ rule: 'address_check', message: expect.stringMatching(/^地址需核对：/) }]);
  });

  it('holds an unresolved address once the order is paid, like every other risk rule', async () => {
    const { payment: _payment, ...unpaid } = platformOrder({ address: address('澳门特别行政区', '澳门半岛', '大堂区') });
    const order = await makeOrder(cs, unpaid);
    expect(order).toMatchObject({ status: 'pending_payment', holdReasons: [] });
    const paid = expectStatus(await admin.post(`/api/v1/orders/${order.id}/payments`, { amount: order.total, method: 'alipay' }), 200);
    expect(paid.status).toBe('on_hold');
    expect(paid.holdReasons.map((r: { rule: string }) => r.rule)).toEqual(['address_check']);
  });

  it('keeps a privacy number with its extension as given, marked, encrypted like any phone', async () => {
    const order = await makeOrder(cs, platformOrder({ buyer: { nick: uniqueCode('nick'), name: '王五', phone: '13800138000-1234' } }));
    expect(order.buyer.phoneKind).toBe('privacy');
    expect(order.status).toBe('awaiting_fulfillment');
    expect((await reveal(order.id)).buyer.phone).toBe('13800138000-1234');
    const { rows } = await t.deps.database.query('SELECT buyer_phone_enc, buyer_phone_index FROM orders WHERE id = $1', [order.id]);
    expect(rows[0]).toMatchObject({ buyer_phone_index: null });
    expect(String(rows[0]!.buyer_phone_enc)).not.toContain('13800138000');
  });

  it.each(['138****8000', '1**********', '##A1B2C3D4##'])('keeps the masked phone %s as given and marked', async (phone) => {
    const order = await makeOrder(cs, platformOrder({ buyer: { nick: uniqueCode('nick'), name: '赵六', phone } }));
    expect(order.buyer.phoneKind).toBe('masked');
    expect((await reveal(order.id)).buyer.phone).toBe(phone);
  });

  it('keeps a masked address as given and marked', async () => {
    const order = await makeOrder(cs, platformOrder({ address: address('江苏省', '南京市', '建邺区', '沙洲街道****') }));
    expect(order.address).toMatchObject({ district: '建邺区', divisionMatch: 'exact', asWritten: null, detailMasked: true });
    expect((await reveal(order.id)).address.detail).toBe('沙洲街道****');
  });
});

describe('masked and privacy data identify no one', () => {
  it('does not hold different buyers sharing a masked phone and a masked address as duplicates', async () => {
    const masked = { name: '张*', phone: '138****8000' };
    const same = address('江苏省', '南京市', '建邺区', '沙洲街道****');
    const first = await makeOrder(cs, platformOrder({ buyer: { nick: uniqueCode('nick'), ...masked }, address: same }));
    const second = await makeOrder(cs, platformOrder({ buyer: { nick: uniqueCode('nick'), ...masked }, address: same }));
    expect(first.status).toBe('awaiting_fulfillment');
    expect(second.status).toBe('awaiting_fulfillment');
    expect(second.customerId).not.toBe(first.customerId);
  });

  it('gives buyers without a nick who share a privacy number customers of their own', async () => {
    const buyer = { name: '李四', phone: '13900139000-8888' };
    const [a, b] = await Promise.all([makeOrder(cs, platformOrder({ buyer })), makeOrder(cs, platformOrder({ buyer }))]);
    expect(a.customerId).not.toBe(b.customerId);
    expect([a.status, b.status]).toEqual(['awaiting_fulfillment', 'awaiting_fulfillment']);
  });

  it("keeps a known buyer's mobile and address on file when their next order comes masked, and the blacklist still holds them", async () => {
    const nick = uniqueCode('nick');
    const first = await makeOrder(cs, platformOrder({ buyer: { nick, name: '钱七', phone: '13700137000' } }));
    expectStatus(await cs.post(`/api/v1/customers/${first.customerId}/blacklist`, { blacklisted: true, reason: '恶意退款' }), 200);
    const masked = await makeOrder(cs, platformOrder({ buyer: { nick, name: '钱七', phone: '137****7000' }, address: address('浙江省', '杭州市', '西湖区', '文三路****') }));
    expect(masked.customerId).toBe(first.customerId);
    expect(masked.status).toBe('on_hold');
    expect(masked.holdReasons.map((r: { rule: string }) => r.rule)).toEqual(['blacklist']);
    const customer = expectStatus(await cs.get(`/api/v1/customers/${first.customerId}?reveal=1`), 200);
    expect(customer.phone).toBe('13700137000');
    expect(customer.address).not.toContain('****');
  });

  it('still holds the same mobile ordering twice as a duplicate', async () => {
    const buyer = { name: '孙八', phone: '13600136000' };
    await makeOrder(cs, platformOrder({ buyer: { nick: uniqueCode('nick'), ...buyer } }));
    const second = await makeOrder(cs, platformOrder({ buyer: { nick: uniqueCode('nick'), ...buyer } }));
    expect(second.holdReasons.map((r: { rule: string }) => r.rule)).toEqual(['duplicate']);
  });
});

describe('manual entry by staff stays strict', () => {
  const manual = (overrides: Record<string, unknown>) => orderInput(catalog.shop.code, catalog.skus, overrides);

  it('refuses a revoked district with 422, naming the field and the successor to pick', async () => {
    const res = await cs.post('/api/v1/orders', manual({ address: address('浙江省', '杭州市', '下城区') }));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'unknown_division', message: '下城区已并入拱墅区，请选择 拱墅区' });
    expect(res.body.error.details).toEqual([{ path: 'address.district', message: '下城区已并入拱墅区，请选择 拱墅区' }]);
  });

  it.each([
    ['address.district', { address: address('浙江省', '温州市', '温州经济技术开发区') }],
    ['address.province', { address: address('香港特别行政区', '九龙', '油尖旺区') }],
    ['address.district', { address: address('浙江省', '杭州市', '') }],
    ['buyer.phone', { buyer: { nick: 'n', name: '张三', phone: '13800138000-1234' } }],
    ['buyer.phone', { buyer: { nick: 'n', name: '张三', phone: '138****8000' } }],
  ])('refuses with 422 naming %s', async (path, overrides) => {
    const res = await cs.post('/api/v1/orders', manual(overrides));
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});
