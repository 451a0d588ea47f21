import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../src/platform/clock';
import { expectStatus, makeOrder, makePaidOrder, makeProduct, orderInput, receiveStock, seedCatalog } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
});
afterAll(() => t.close());

describe('工作台', () => {
  it('shows held orders past their review SLA, unpaid orders to remind and low stock', async () => {
    const cs = await t.signIn(['cs_presale']);
    const { shop, skus, warehouses } = await seedCatalog(admin, { skuCount: 1, stock: 100 });
    const empty = expectStatus(await cs.get('/api/v1/workbench'), 200);
    expect(empty).toMatchObject({ reviewOverdue: 0, unpaidToRemind: 0 });

    const held = await makePaidOrder(cs, orderInput(shop.code, skus, { buyerMessage: '请发顺丰' }));
    expect(held.status).toBe('on_hold');
    await makeOrder(cs, orderInput(shop.code, skus));
    const scarce = await makeProduct(admin, [{ safetyStock: 20 }], { name: '限量帆布包' });
    await receiveStock(admin, warehouses[0].code, [{ skuCode: scarce.skus[0].code, quantity: 5 }]);

    t.clock.advance(31 * MINUTE);
    const early = expectStatus(await cs.get('/api/v1/workbench'), 200);
    expect(early.reviewOverdue).toBe(0);
    expect(early.unpaidToRemind).toBe(1);
    expect(early.lowStock.items.map((i: { skuCode: string }) => i.skuCode)).toContain(scarce.skus[0].code);

    t.clock.advance(2 * HOUR);
    const late = expectStatus(await cs.get('/api/v1/workbench'), 200);
    expect(late.reviewOverdue).toBe(1);
  });

  it('needs a signed-in user', async () => {
    const res = await t.app.inject({ url: '/api/v1/workbench' });
    expect(res.statusCode).toBe(401);
  });
});
