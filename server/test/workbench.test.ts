import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../src/platform/clock';
import { expectStatus, makeOrder, makePaidOrder, makeProduct, makeShippedOrder, orderInput, receiveStock, seedCatalog } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
});
// signed in afresh for each test: another may have moved the clock past a sign-in's 12 h
beforeEach(async () => {
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
    // the counter opens exactly what it counts: unpaid orders created before the first reminder's time, not one just placed
    await makeOrder(cs, orderInput(shop.code, skus));
    const counted = expectStatus(await cs.get('/api/v1/workbench'), 200);
    expect(counted.unpaidToRemind).toBe(1);
    const listed = expectStatus(await cs.get(`/api/v1/orders?status=pending_payment&createdTo=${encodeURIComponent(counted.unpaidCreatedBefore)}`), 200);
    expect(listed.total).toBe(counted.unpaidToRemind);
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
    const desk = async () => expectStatus(await packer.get('/api/v1/workbench'), 200).warehouse;
    const work = async () => {
      const { promiseAsOf: _asOf, promiseSoonUntil: _until, ...counts } = await desk();
      return counts;
    };
    // each promise counter is the count of the order list it opens: the unshipped within its ship-by window
    const expectPromiseListsAgree = async () => {
      const w = await desk();
      const listed = async (shipBy: Record<string, string>) =>
        expectStatus(await packer.get(`/api/v1/orders?${new URLSearchParams({ status: 'awaiting_fulfillment,in_fulfillment', ...shipBy }).toString()}`), 200).total as number;
      expect(await listed({ shipByTo: w.promiseAsOf })).toBe(w.promisePast);
      expect(await listed({ shipByFrom: w.promiseAsOf, shipByTo: w.promiseSoonUntil })).toBe(w.promiseSoon);
    };
    const before = await work();
    expect(expectStatus(await cs.get('/api/v1/workbench'), 200)).toMatchObject({ warehouse: null, exceptions: { open: 0, overdue: 0 } });
    expect(expectStatus(await packer.get('/api/v1/workbench'), 200).exceptions).toBeNull();

    const [first] = [await makePaidOrder(cs, orderInput(shop.code, skus)), await makePaidOrder(cs, orderInput(shop.code, skus))];
    expect(await work()).toEqual({ ...before, toWave: before.toWave + 2 });
    // promised 48 h after payment: 43 h on, both are due within the next 6 h
    t.clock.advance(43 * HOUR);
    const waved = expectStatus(await packer.post('/api/v1/waves', { warehouseCode: warehouses[0].code, kind: 'single', maxOrders: 1 }), 201);
    expect(waved.orders[0].orderId).toBe(first.id);
    expect(await work()).toEqual({ ...before, toWave: before.toWave + 1, toPick: before.toPick + 1, toPack: before.toPack + 1, promiseSoon: before.promiseSoon + 2 });
    await expectPromiseListsAgree();
    const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: first.orderNo }), 200);
    expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: skus[0]!.code }), 200);
    expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200);
    t.clock.advance(6 * HOUR);
    expect(await work()).toEqual({ ...before, toWave: before.toWave + 1, toPick: before.toPick + 1, toWeigh: before.toWeigh + 1, promisePast: before.promisePast + 2 });
    await expectPromiseListsAgree();
  });

  it('shows after-sales their cases: my open ones, the overdue, refunds waiting for a supervisor, returns not refunded 24 h after they arrived — each the count of the list it opens', async () => {
    t.deps.config.tokenTtlHours = 24 * 7;
    // on to the next 10:00 in Shanghai (02:00 UTC): the cases open with 14 h left of their shop day
    const now = t.clock.now().getTime();
    t.clock.advance((((Date.UTC(2026, 0, 1, 2) - now) % (24 * HOUR)) + 24 * HOUR) % (24 * HOUR) || 24 * HOUR);
    // the day and a half this takes outlasts the 12 h sign-in of beforeEach
    admin = await t.signIn(['admin']);
    const cs = await t.signIn(['cs_aftersale']);
    const boss = await t.signIn(['supervisor']);
    const packer = await t.signIn(['warehouse']);
    const counters = async (client: Client) => expectStatus(await client.get('/api/v1/workbench'), 200).aftersales;
    const listTotal = async (query: string) => expectStatus(await cs.get(`/api/v1/aftersales/cases?${query}`), 200).total as number;
    expect(expectStatus(await packer.get('/api/v1/workbench'), 200).aftersales).toBeNull();
    const before = await counters(cs);
    expect(before).toMatchObject({ mineOpen: 0, toApprove: null });
    const bossBefore = await counters(boss);

    // three shipped 99.00 items: one case left alone, one whose return arrives, one refunded beyond the 500 元 authority
    const orders: Awaited<ReturnType<typeof makeShippedOrder>>[] = [];
    for (let i = 0; i < 3; i++) orders.push(await makeShippedOrder({ admin, cs, packer }, { skus: [{ price: 99_000 }] }));
    const open = (o: (typeof orders)[number]) => cs.post('/api/v1/aftersales/cases', { orderId: o.order.id, type: 'quality', reason: '开线', lines: [{ skuCode: o.skus[0]!.code, quantity: 1 }] });
    const [untouched, returned, costly] = [expectStatus(await open(orders[0]!), 201), expectStatus(await open(orders[1]!), 201), expectStatus(await open(orders[2]!), 201)];
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${returned.id}/propose`, { solution: 'return', note: '请寄回' }), 200);
    expectStatus(await packer.post(`/api/v1/aftersales/cases/${returned.id}/receive`, { lines: [{ skuCode: orders[1]!.skus[0]!.code, quantity: 1, condition: 'defective' }] }), 200);
    expect(expectStatus(await cs.post(`/api/v1/aftersales/cases/${costly.id}/refund`, { amount: 60_000, reason: '质量问题' }), 409).error.code).toBe('approval_required');

    expect(await counters(cs)).toEqual({ ...before, mineOpen: 3 });
    expect((await counters(boss)).toApprove).toBe(bossBefore.toApprove + 1);
    expect(await listTotal('mine=true&progress=open')).toBe(3);
    expect(await listTotal('status=awaiting_approval')).toBe(bossBefore.toApprove + 1);

    // 23 h on: the untouched and the costly case are past their same-day deadline; the return, signed for 23 h ago, is not yet due
    t.clock.advance(23 * HOUR);
    const dayOn = await counters(cs);
    expect(dayOn).toEqual({ ...before, mineOpen: 3, overdue: before.overdue + 2 });
    // 24 h after the receipt the return is due and overdue too
    t.clock.advance(HOUR + MINUTE);
    const due = await counters(cs);
    expect(due).toEqual({ ...before, mineOpen: 3, overdue: before.overdue + 3, returnUnrefunded: before.returnUnrefunded + 1 });
    expect(await listTotal('progress=overdue')).toBe(due.overdue);
    expect(await listTotal('progress=return_unrefunded')).toBe(due.returnUnrefunded);
    const unrefunded = expectStatus(await cs.get('/api/v1/aftersales/cases?progress=return_unrefunded&pageSize=100'), 200).items.map((c: { id: number }) => c.id);
    expect(unrefunded).toContain(returned.id);
    expect(unrefunded).not.toContain(untouched.id);

    // refunding the return clears it; closing the untouched case takes it off my open cases
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${returned.id}/refund`, { amount: 30_000, reason: '退货退款' }), 200);
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${untouched.id}/close`, { note: '买家撤销' }), 200);
    expect(await counters(cs)).toEqual({ ...before, mineOpen: 2, overdue: before.overdue + 1 });
  });

  it('is per role: the floor sees its work, finance the payments to confirm, each counter the count of the list it opens', async () => {
    const packer = await t.signIn(['warehouse']);
    const finance = await t.signIn(['finance']);
    const cs = await t.signIn(['cs_presale']);
    const { shop, skus, warehouses } = await seedCatalog(admin, { skuCount: 1, stock: 100 });
    await makeOrder(cs, orderInput(shop.code, skus));
    await makePaidOrder(cs, orderInput(shop.code, skus));
    expectStatus(await packer.post('/api/v1/waves', { warehouseCode: warehouses[0].code, kind: 'single', maxOrders: 1 }), 201);
    const total = async (client: Client, url: string) => expectStatus(await client.get(url), 200).total as number;

    const floor = expectStatus(await packer.get('/api/v1/workbench'), 200);
    expect(floor).toMatchObject({ reviewOverdue: null, unpaidToRemind: null, paymentsToConfirm: null, aftersales: null, exceptions: null });
    expect(floor.warehouse.toPick).toBeGreaterThan(0);
    expect(floor.warehouse.toWave).toBe(await total(packer, '/api/v1/orders?status=awaiting_fulfillment'));
    expect(floor.warehouse.toPick).toBe(await total(packer, '/api/v1/waves?status=picking'));
    expect(floor.warehouse.returnsToReceive).toBe(await total(admin, '/api/v1/aftersales/cases?status=awaiting_return'));
    expect(floor.warehouse.discrepancies).toBe(await total(packer, '/api/v1/inventory/discrepancies?status=open'));

    const money = expectStatus(await finance.get('/api/v1/workbench'), 200);
    expect(money).toMatchObject({ reviewOverdue: null, unpaidToRemind: null, warehouse: null, aftersales: null, exceptions: null });
    expect(money.paymentsToConfirm).toBeGreaterThan(0);
    expect(money.paymentsToConfirm).toBe(await total(finance, '/api/v1/orders?status=pending_payment'));

    const desk = expectStatus(await cs.get('/api/v1/workbench'), 200);
    expect(desk).toMatchObject({ paymentsToConfirm: null, warehouse: null });
    expect(desk.reviewOverdue).not.toBeNull();

    // a supervisor sees everything overdue: reviews, promises, parcels in trouble, cases
    const boss = expectStatus(await (await t.signIn(['supervisor'])).get('/api/v1/workbench'), 200);
    expect(boss.reviewOverdue).not.toBeNull();
    expect(boss.warehouse.promisePast).not.toBeUndefined();
    expect(boss.exceptions.overdue).not.toBeUndefined();
    expect(boss.aftersales.overdue).not.toBeUndefined();
  });

  it('needs a signed-in user', async () => {
    const res = await t.app.inject({ url: '/api/v1/workbench' });
    expect(res.statusCode).toBe(401);
  });
});
