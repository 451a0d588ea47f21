import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../src/platform/clock';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makeOrder, makePaidOrder, makeProduct, makeShop, makeWarehouse, orderInput, receiveStock, seedCatalog } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let packer: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  packer = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

/** A warehouse of its own per test, so what one test waves is never another's. */
async function floor() {
  const catalog = await seedCatalog(admin, { skuCount: 2, stock: 1000 });
  const [a, b] = catalog.skus;
  const warehouseCode = catalog.warehouses[0].code;
  const one = (overrides: Record<string, unknown> = {}) => orderInput(catalog.shop.code, [a!], overrides);
  const two = (overrides: Record<string, unknown> = {}) => orderInput(catalog.shop.code, [a!, b!], overrides);
  return { catalog, warehouseCode, one, two };
}

const wave = (body: Record<string, unknown>) => packer.post('/api/v1/waves', body);
const statusOf = async (id: number) => expectStatus(await cs.get(`/api/v1/orders/${id}`), 200).status;

describe('creating a wave', () => {
  it('takes the warehouse\'s approved multi-item orders, earliest promise first, slots them and moves them to 配货中', async () => {
    const { warehouseCode, two, one } = await floor();
    const later = await makePaidOrder(cs, two());
    const body = two();
    const total = body.items.reduce((sum, i) => sum + i.unitPrice, 0) + body.shippingFee;
    // taken later, but paid an hour earlier on the platform: promised an hour earlier
    const paidAt = new Date(t.clock.now().getTime() - HOUR).toISOString();
    const sooner = await makeOrder(cs, { ...body, payment: { amount: total, method: 'alipay', paidAt } });
    const unpaid = await makeOrder(cs, two());
    const held = await makePaidOrder(cs, two({ buyerMessage: '周末再发' }));
    const single = await makePaidOrder(cs, one());
    expect([later.status, sooner.status, held.status]).toEqual(['awaiting_fulfillment', 'awaiting_fulfillment', 'on_hold']);

    const created = expectStatus(await wave({ warehouseCode, kind: 'multi' }), 201);
    expect(created).toMatchObject({ kind: 'multi', status: 'picking', orderCount: 2, warehouseCode, filter: { maxOrders: 200 } });
    expect(created.waveNo).toMatch(/^BC\d{8}\d{4,}$/);
    expect(created.orders.map((o: { orderId: number; slot: number; status: string }) => [o.orderId, o.slot, o.status])).toEqual([
      [sooner.id, 1, 'in_fulfillment'],
      [later.id, 2, 'in_fulfillment'],
    ]);
    expect([await statusOf(unpaid.id), await statusOf(held.id), await statusOf(single.id)]).toEqual(['pending_payment', 'on_hold', 'awaiting_fulfillment']);
    const events = expectStatus(await admin.get(`/api/v1/orders/${sooner.id}/events`), 200).items.map((e: { action: string }) => e.action);
    expect(events).toContain('order.start_fulfillment');
  });

  it('takes only one-unit orders into a single-item wave, with no sowing-wall slots', async () => {
    const { warehouseCode, one, two } = await floor();
    const single = await makePaidOrder(cs, one());
    const twoUnits = await makePaidOrder(cs, one({ items: [{ ...one().items[0], quantity: 2 }] }));
    await makePaidOrder(cs, two());
    const created = expectStatus(await wave({ warehouseCode, kind: 'single' }), 201);
    expect(created.orders).toEqual([expect.objectContaining({ orderId: single.id, slot: null, units: 1 })]);
    expect(await statusOf(twoUnits.id)).toBe('awaiting_fulfillment');
  });

  it('never takes a green-flagged order, and shows a red flag to the floor', async () => {
    const { warehouseCode, two } = await floor();
    const red = await makePaidOrder(cs, two());
    expectStatus(await cs.post(`/api/v1/orders/${red.id}/remarks`, { content: '发货前核对颜色', flag: 'red' }), 201);
    const green = await makePaidOrder(cs, two());
    expectStatus(await cs.post(`/api/v1/orders/${green.id}/remarks`, { content: '疑似虚假订单', flag: 'green' }), 201);
    const created = expectStatus(await wave({ warehouseCode, kind: 'multi' }), 201);
    expect(created.orders).toEqual([expect.objectContaining({ orderId: red.id, flag: 'red' })]);
    expect(await statusOf(green.id)).toBe('on_hold');
  });

  it('chooses each order\'s carrier and filters by it, by shop, SKU, promise and count', async () => {
    const { catalog, warehouseCode, two } = await floor();
    const asked = await makePaidOrder(cs, two());
    expectStatus(await cs.post(`/api/v1/orders/${asked.id}/remarks`, { content: '小蔡 客户要求发顺丰 2026-11-20', flag: 'grey' }), 201);
    const remote = await makePaidOrder(cs, two({ address: { province: '新疆维吾尔自治区', city: '乌鲁木齐市', district: '天山区', detail: '解放北路 1 号' } }));
    const plain = await makePaidOrder(cs, two());
    const otherShop = await makeShop(admin, { defaultWarehouseCode: warehouseCode, defaultCarrier: 'YTO' });
    const elsewhere = await makePaidOrder(cs, orderInput(otherShop.code, catalog.skus));

    const bySf = expectStatus(await wave({ warehouseCode, kind: 'multi', filter: { carrier: 'SF' } }), 201);
    expect(bySf.orders).toEqual([expect.objectContaining({ orderId: asked.id, carrier: 'SF', carrierReason: '备注/留言指定顺丰速运' })]);
    const byShop = expectStatus(await wave({ warehouseCode, kind: 'multi', filter: { shopCode: otherShop.code } }), 201);
    expect(byShop.orders).toEqual([expect.objectContaining({ orderId: elsewhere.id, carrier: 'YTO', carrierReason: '店铺默认快递' })]);
    const capped = expectStatus(await wave({ warehouseCode, kind: 'multi', maxOrders: 1, filter: { skuCode: catalog.skus[1]!.code } }), 201);
    expect(capped.orders).toEqual([expect.objectContaining({ orderId: remote.id, carrier: 'EMS' })]);
    expect(expectStatus(await wave({ warehouseCode, kind: 'multi', filter: { shipByBefore: new Date(Date.parse(plain.shipBy) - 1).toISOString() } }), 422).error.code).toBe('no_orders_to_wave');
    expect(expectStatus(await wave({ warehouseCode, kind: 'multi', filter: { shipByBefore: new Date(Date.parse(plain.shipBy) + 1).toISOString() } }), 201).orders).toEqual([
      expect.objectContaining({ orderId: plain.id, carrier: 'ZTO' }),
    ]);
  });

  it('refuses an empty wave, an unknown warehouse, shop or SKU, naming the field, and writes nothing', async () => {
    const warehouse = await makeWarehouse(admin);
    const empty = await wave({ warehouseCode: warehouse.code, kind: 'multi' });
    expect(empty.status).toBe(422);
    expect(empty.body.error).toMatchObject({ code: 'no_orders_to_wave', message: '没有符合条件的待发货订单（已审核、未挂起、非绿旗）' });
    for (const [body, path] of [
      [{ warehouseCode: 'NOWHERE', kind: 'multi' }, 'warehouseCode'],
      [{ warehouseCode: warehouse.code, kind: 'multi', filter: { shopCode: 'NOSHOP' } }, 'filter.shopCode'],
      [{ warehouseCode: warehouse.code, kind: 'multi', filter: { skuCode: 'NOSKU' } }, 'filter.skuCode'],
    ] as const) {
      const res = await wave(body);
      expect(res.status).toBe(422);
      expect(res.body.error.details[0].path).toBe(path);
    }
    const bad = await wave({ warehouseCode: warehouse.code, kind: 'batch', maxOrders: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['kind', 'maxOrders']);
    expect(expectStatus(await packer.get(`/api/v1/waves?warehouseCode=${warehouse.code}`), 200).total).toBe(0);
  });

  it('is for the warehouse and supervisors; everyone may look', async () => {
    const { warehouseCode, two } = await floor();
    await makePaidOrder(cs, two());
    expect((await cs.post('/api/v1/waves', { warehouseCode, kind: 'multi' })).status).toBe(403);
    const created = expectStatus(await wave({ warehouseCode, kind: 'multi' }), 201);
    expect(expectStatus(await cs.get(`/api/v1/waves/${created.id}`), 200)).toMatchObject({ id: created.id, orderCount: 1 });
    expect((await cs.get('/api/v1/waves/999999')).status).toBe(404);
  });

  it('never puts an order into two waves created at once', async () => {
    const { warehouseCode, two } = await floor();
    const orders = [];
    for (let i = 0; i < 6; i++) orders.push(await makePaidOrder(cs, two()));
    const replies = await Promise.all([1, 2, 3].map(() => wave({ warehouseCode, kind: 'multi', maxOrders: 4 })));
    const taken = replies.filter((r) => r.status === 201).flatMap((r) => r.body.orders.map((o: { orderId: number }) => o.orderId));
    for (const r of replies) expect([201, 422]).toContain(r.status);
    expect(taken.sort()).toEqual(orders.map((o) => o.id).sort());
  });
});

describe('the wave list', () => {
  it('lists a warehouse\'s waves newest first, with who created them', async () => {
    const { warehouseCode, one, two } = await floor();
    await makePaidOrder(cs, two());
    await makePaidOrder(cs, one());
    const first = expectStatus(await wave({ warehouseCode, kind: 'multi' }), 201);
    const second = expectStatus(await wave({ warehouseCode, kind: 'single' }), 201);
    const list = expectStatus(await cs.get(`/api/v1/waves?warehouseCode=${warehouseCode}`), 200);
    expect(list).toMatchObject({ total: 2, items: [{ id: second.id, kind: 'single' }, { id: first.id, kind: 'multi' }] });
    expect(list.items[0].createdByName).not.toBeNull();
    expect(expectStatus(await cs.get(`/api/v1/waves?warehouseCode=${warehouseCode}&kind=multi`), 200).items.map((w: { id: number }) => w.id)).toEqual([first.id]);
  });
});

describe('the pick list', () => {
  it('totals each SKU along the bin route, with the units each slot gets, leaving out intercepted orders', async () => {
    const warehouse = await makeWarehouse(admin, { bins: [{ code: 'C-01', walkOrder: 1 }, { code: 'A-01', walkOrder: 2 }] });
    const shop = await makeShop(admin, { defaultWarehouseCode: warehouse.code });
    const [a, b, unbinned] = (await makeProduct(admin, [{}, {}, {}])).skus;
    await receiveStock(admin, warehouse.code, [
      { skuCode: a.code, quantity: 50, binCode: 'A-01' },
      { skuCode: b.code, quantity: 50, binCode: 'C-01' },
      { skuCode: unbinned.code, quantity: 50 },
    ]);
    const line = (sku: { code: string; price: number }, quantity: number) => ({ skuCode: sku.code, quantity, unitPrice: sku.price });
    const first = await makePaidOrder(cs, orderInput(shop.code, [], { items: [line(a, 2), line(b, 1)] }));
    const second = await makePaidOrder(cs, orderInput(shop.code, [], { items: [line(a, 1), line(unbinned, 1)] }));
    const cancelled = await makePaidOrder(cs, orderInput(shop.code, [], { items: [line(a, 5), line(b, 5)] }));
    const created = expectStatus(await wave({ warehouseCode: warehouse.code, kind: 'multi' }), 201);
    const slotOf = (id: number) => created.orders.find((o: { orderId: number }) => o.orderId === id).slot;
    expectStatus(await cs.post(`/api/v1/orders/${cancelled.id}/cancel`, { reason: '买家不要了' }), 200);

    const list = expectStatus(await packer.get(`/api/v1/waves/${created.id}/pick-list`), 200);
    expect(list.units).toBe(5);
    expect(list.lines.map((l: { skuCode: string; binCode: string | null; quantity: number }) => [l.skuCode, l.binCode, l.quantity])).toEqual([
      [b.code, 'C-01', 1],
      [a.code, 'A-01', 3],
      [unbinned.code, null, 1],
    ]);
    expect(list.lines[1].slots).toEqual([
      { slot: slotOf(first.id), orderNo: first.orderNo, quantity: 2 },
      { slot: slotOf(second.id), orderNo: second.orderNo, quantity: 1 },
    ]);
    expect((await packer.get('/api/v1/waves/999999/pick-list')).status).toBe(404);
  });
});
