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

  it('shows the warehouse its work — to wave, to pack, at the door, promises near and past — and customer service its parcels in trouble', async () => {
    // the day and a half this takes outlasts a session
    t.deps.config.tokenTtlHours = 24 * 7;
    const packer = await t.signIn(['warehouse']);
    const cs = await t.signIn(['cs_aftersale']);
    const { shop, skus, warehouses } = await seedCatalog(admin, { skuCount: 1, stock: 100 });
    const work = async () => expectStatus(await packer.get('/api/v1/workbench'), 200).warehouse;
    const before = await work();
    expect(expectStatus(await cs.get('/api/v1/workbench'), 200)).toMatchObject({ warehouse: null, exceptions: { open: 0, overdue: 0 } });
    expect(expectStatus(await packer.get('/api/v1/workbench'), 200).exceptions).toBeNull();

    const [first] = [await makePaidOrder(cs, orderInput(shop.code, skus)), await makePaidOrder(cs, orderInput(shop.code, skus))];
    expect(await work()).toEqual({ ...before, toWave: before.toWave + 2 });
    // promised 48 h after payment: 43 h on, both are due within the next 6 h
    t.clock.advance(43 * HOUR);
    const waved = expectStatus(await packer.post('/api/v1/waves', { warehouseCode: warehouses[0].code, kind: 'single', maxOrders: 1 }), 201);
    expect(waved.orders[0].orderId).toBe(first.id);
    expect(await work()).toEqual({ ...before, toWave: before.toWave + 1, toPack: before.toPack + 1, promiseSoon: before.promiseSoon + 2 });
    const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: first.orderNo }), 200);
    expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: skus[0]!.code }), 200);
    expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200);
    t.clock.advance(6 * HOUR);
    expect(await work()).toEqual({ ...before, toWave: before.toWave + 1, toShip: before.toShip + 1, promisePast: before.promisePast + 2 });
  });

  it('needs a signed-in user', async () => {
    const res = await t.app.inject({ url: '/api/v1/workbench' });
    expect(res.statusCode).toBe(401);
  });
});
