import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepUnpaidOrders } from '../src/modules/orders';
import { HOUR } from '../src/platform/clock';
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
    await sweepUnpaidOrders(t.deps);
    cs = await t.signIn(['cs_presale']); // a day later: sign in again
    admin = await t.signIn(['admin']);

    const all = expectStatus(await cs.get('/api/v1/reports/unpaid-register'), 200);
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

  it('names a malformed date filter', async () => {
    const res = await admin.get('/api/v1/reports/unpaid-register?closedFrom=yesterday');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('closedFrom');
  });
});
