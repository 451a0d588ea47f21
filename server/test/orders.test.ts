import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makeOrder, makePaidOrder, makeProduct, makeShop, orderInput, receiveStock, seedCatalog } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let finance: Client;
let catalog: Awaited<ReturnType<typeof seedCatalog>>;
let shopCode: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  finance = await t.signIn(['finance']);
  catalog = await seedCatalog(admin, { skuCount: 2, stock: 100 });
  shopCode = catalog.shop.code;
});
afterAll(() => t.close());

const input = (overrides: Record<string, unknown> = {}) => orderInput(shopCode, catalog.skus, overrides);

async function reservedOf(skuCode: string): Promise<number> {
  const res = expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${skuCode}`), 200);
  return res.items.reduce((sum: number, l: { reserved: number }) => sum + l.reserved, 0);
}

async function eventCount(entityType: string, entityId: number): Promise<number> {
  const { rows } = await t.deps.database.query('SELECT count(*)::int AS n FROM audit_events WHERE entity_type = $1 AND entity_id = $2', [entityType, String(entityId)]);
  return Number(rows[0]!.n);
}

const errorPaths = (res: { body: any }) => res.body.error.details.map((d: { path: string }) => d.path);

describe('creating an order', () => {
  it('answers 201 with the order number, status and total in fen, and reserves the stock', async () => {
    const before = await reservedOf(catalog.skus[0]!.code);
    const res = await cs.post('/api/v1/orders', input({ items: [{ skuCode: catalog.skus[0]!.code, quantity: 2, unitPrice: 9900 }], shippingFee: 800, discount: 1000 }));
    expect(res.status).toBe(201);
    expect(res.body.orderNo).toMatch(/^SO20261120\d{6,}$/);
    expect(res.body).toMatchObject({ status: 'pending_payment', itemsTotal: 19800, total: 19600, shopCode });
    expect(res.body.items).toEqual([expect.objectContaining({ skuCode: catalog.skus[0]!.code, quantity: 2, lineTotal: 19800, productName: '纯棉T恤' })]);
    expect(res.body.address).toMatchObject({ province: '浙江省', city: '杭州市', district: '西湖区', divisionCode: '330106' });
    expect(await reservedOf(catalog.skus[0]!.code)).toBe(before + 2);
  });

  it('takes an order with many lines, reserving each', async () => {
    const product = await makeProduct(admin, Array.from({ length: 7 }, () => ({ price: 100 })));
    await receiveStock(admin, catalog.warehouses[0].code, product.skus.map((s: { code: string }) => ({ skuCode: s.code, quantity: 5 })));
    const items = product.skus.map((s: { code: string }, i: number) => ({ skuCode: s.code, quantity: 1 + (i % 2), unitPrice: 100 }));
    const order = await makeOrder(cs, input({ items }));
    expect(order.items).toHaveLength(7);
    for (const item of items) expect(await reservedOf(item.skuCode)).toBe(item.quantity);
  });

  it('pads the order number sequence to six digits and lets it grow past them', async () => {
    await t.deps.database.query(`SELECT setval('order_no_seq', 1234566)`);
    const order = await makeOrder(cs, input());
    expect(order.orderNo).toBe('SO202611201234567');
  });

  it('stores the canonical division for the spellings buyers use', async () => {
    const order = await makeOrder(cs, input({ address: { province: '北京', city: '北京市', district: '朝阳', detail: '建国路 1 号' } }));
    expect(order.address).toMatchObject({ province: '北京市', city: '市辖区', district: '朝阳区', divisionCode: '110105' });
  });

  it('returns the existing order (200) when the shop sends the same platform order id again, reserving nothing more', async () => {
    const body = input({ platformOrderId: 'TB-1001' });
    const first = await makeOrder(cs, body);
    const reserved = await reservedOf(catalog.skus[1]!.code);
    const again = await cs.post('/api/v1/orders', body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.id);
    expect(again.body.orderNo).toBe(first.orderNo);
    expect(await reservedOf(catalog.skus[1]!.code)).toBe(reserved);
  });

  it('leaves the buyer untouched when a platform order is replayed, and answers it even after its SKU went off sale', async () => {
    const product = await makeProduct(admin, [{ price: 100 }]);
    const sku = product.skus[0];
    await receiveStock(admin, catalog.warehouses[0].code, [{ skuCode: sku.code, quantity: 5 }]);
    const body = input({ platformOrderId: 'JD-2002', items: [{ skuCode: sku.code, quantity: 1, unitPrice: 100 }] });
    const first = await makeOrder(cs, body);
    const customerEvents = () => eventCount('customer', first.customerId);
    const before = await customerEvents();
    expectStatus(await admin.patch(`/api/v1/skus/${sku.id}`, { listingStatus: 'delisted' }), 200);
    const again = await cs.post('/api/v1/orders', body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.id);
    expect(await customerEvents()).toBe(before);
  });

  it("reserves in another warehouse when the shop's own cannot serve the order, and records which", async () => {
    const product = await makeProduct(admin, [{ price: 100 }]);
    const backup = catalog.warehouses[1];
    await receiveStock(admin, backup.code, [{ skuCode: product.skus[0].code, quantity: 3 }]);
    const order = await makeOrder(cs, input({ items: [{ skuCode: product.skus[0].code, quantity: 2, unitPrice: 100 }] }));
    expect(order.warehouseId).toBe(backup.id);
    const events = expectStatus(await cs.get(`/api/v1/orders/${order.id}/events`), 200);
    const created = events.items.filter((e: { action: string }) => e.action === 'order.create');
    expect(created).toEqual([expect.objectContaining({ after: expect.objectContaining({ orderNo: order.orderNo, warehouseId: backup.id }) })]);
    const level = expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${product.skus[0].code}&warehouseCode=${backup.code}`), 200).items[0];
    expect(level).toMatchObject({ onHand: 3, reserved: 2 });
  });

  it("serves two shops at once from each other's warehouse when neither's own can (their deadlock is retried)", async () => {
    const [main, backup] = catalog.warehouses;
    const otherShop = await makeShop(admin, { defaultWarehouseCode: backup.code });
    for (let round = 0; round < 3; round++) {
      const [x, y, z] = (await makeProduct(admin, [{ price: 100 }, { price: 100 }, { price: 100 }])).skus;
      await receiveStock(admin, main.code, [{ skuCode: x.code, quantity: 1 }, { skuCode: z.code, quantity: 1 }]);
      await receiveStock(admin, backup.code, [{ skuCode: x.code, quantity: 1 }, { skuCode: y.code, quantity: 1 }]);
      const line = (sku: { code: string }) => ({ skuCode: sku.code, quantity: 1, unitPrice: 100 });
      // Each shop's own warehouse lacks one of the two SKUs; the other warehouse has both.
      const [own, other] = await Promise.all([
        cs.post('/api/v1/orders', input({ items: [line(x), line(y)] })),
        cs.post('/api/v1/orders', orderInput(otherShop.code, [], { items: [line(x), line(z)] })),
      ]);
      expect([own.status, other.status]).toEqual([201, 201]);
      expect([own.body.warehouseId, other.body.warehouseId]).toEqual([backup.id, main.id]);
    }
  });

  it('makes one customer of a new buyer whose first orders arrive at once', async () => {
    const body = input();
    const replies = await Promise.all(Array.from({ length: 4 }, () => cs.post('/api/v1/orders', { ...body })));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(replies.map((r) => r.body.customerId)).size).toBe(1);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(4);
  });

  it('creates one order when the same platform order arrives several times at once', async () => {
    const body = input({ platformOrderId: 'DY-5550001' });
    const reserved = await reservedOf(catalog.skus[1]!.code);
    const replies = await Promise.all(Array.from({ length: 5 }, () => cs.post('/api/v1/orders', body)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(await reservedOf(catalog.skus[1]!.code)).toBe(reserved + 1);
  });

  it('answers every delivery of a platform order while a new buyer\'s first orders race, and audits the buyer once per order', async () => {
    const product = await makeProduct(admin, [{ price: 100 }]);
    const sku = product.skus[0];
    await receiveStock(admin, catalog.warehouses[0].code, [{ skuCode: sku.code, quantity: 100 }]);
    const items = [{ skuCode: sku.code, quantity: 1, unitPrice: 100 }];
    for (let round = 0; round < 10; round++) {
      const a = input({ platformOrderId: `RACE-A-${round}`, items });
      const b = { ...input({ platformOrderId: `RACE-B-${round}`, items }), buyer: a.buyer };
      const replies = await Promise.all([cs.post('/api/v1/orders', a), cs.post('/api/v1/orders', b), cs.post('/api/v1/orders', b), cs.post('/api/v1/orders', b)]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 201, 201]);
      expect(new Set(replies.map((r) => r.body.id)).size).toBe(2);
      expect(new Set(replies.map((r) => r.body.customerId)).size).toBe(1);
      // customer.create for the first order, customer.update for the second; the replays write nothing.
      expect(await eventCount('customer', replies[0].body.customerId)).toBe(2);
    }
  });

  it('makes one customer of a buyer without a nick whose first orders arrive at once', async () => {
    const { nick: _nick, ...buyer } = input().buyer;
    const replies = await Promise.all(Array.from({ length: 5 }, () => cs.post('/api/v1/orders', { ...input(), buyer })));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(replies.map((r) => r.body.customerId)).size).toBe(1);
  });

  it('honours Idempotency-Key: the repeat gets the first reply and creates nothing', async () => {
    const body = input();
    const first = await cs.post('/api/v1/orders', body, { 'idempotency-key': 'order-abc' });
    const repeat = await cs.post('/api/v1/orders', body, { 'idempotency-key': 'order-abc' });
    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(repeat.body.id).toBe(first.body.id);
    const list = await cs.get(`/api/v1/orders?nick=${body.buyer.nick}`);
    expect(list.body.total).toBe(1);
  });

  it('refuses with 409 insufficient_stock naming the SKU line, and keeps nothing of the order', async () => {
    const product = await makeProduct(admin, [{ price: 5000 }]);
    const scarce = product.skus[0];
    await receiveStock(admin, catalog.warehouses[0].code, [{ skuCode: scarce.code, quantity: 1 }]);
    const body = input({ items: [{ skuCode: catalog.skus[0]!.code, quantity: 1, unitPrice: 9900 }, { skuCode: scarce.code, quantity: 3, unitPrice: 5000 }] });
    const res = await cs.post('/api/v1/orders', body);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('insufficient_stock');
    expect(errorPaths(res)).toContain('items.1.skuCode');
    expect((await cs.get(`/api/v1/orders?nick=${body.buyer.nick}`)).body.total).toBe(0);
  });

  it('answers insufficient_stock (not "delisted") once a SKU has sold out and delisted itself', async () => {
    const product = await makeProduct(admin, [{ price: 3000 }]);
    const sku = product.skus[0];
    await receiveStock(admin, catalog.warehouses[0].code, [{ skuCode: sku.code, quantity: 1 }]);
    const line = { skuCode: sku.code, quantity: 1, unitPrice: 3000 };
    await makeOrder(cs, input({ items: [line] }));
    const productNow = expectStatus(await admin.get(`/api/v1/products/${product.id}`), 200);
    expect(productNow.skus[0].listingStatus).toBe('delisted');
    const res = await cs.post('/api/v1/orders', input({ items: [line] }));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('insufficient_stock');
    expect(errorPaths(res)).toContain('items.0.skuCode');
  });

  it('refuses buyers of a sold-out SKU before writing anything: no order number is used up', async () => {
    const product = await makeProduct(admin, [{ price: 3000 }]);
    const sku = product.skus[0];
    await receiveStock(admin, catalog.warehouses[0].code, [{ skuCode: sku.code, quantity: 1 }]);
    const line = { skuCode: sku.code, quantity: 1, unitPrice: 3000 };
    const sold = await makeOrder(cs, input({ items: [line] }));
    for (let i = 0; i < 3; i++) expect((await cs.post('/api/v1/orders', input({ items: [line] }))).status).toBe(409);
    const next = await makeOrder(cs, input());
    expect(Number(next.orderNo.slice(-6))).toBe(Number(sold.orderNo.slice(-6)) + 1);
  });

  it.each([
    ['buyer.phone', { buyer: { nick: 'bad_phone', name: '李四', phone: '0571-88888888' } }],
    ['address.province', { address: { province: '火星', city: '杭州市', district: '西湖区', detail: '1 号' } }],
    ['address.city', { address: { province: '浙江省', city: '苏州市', district: '姑苏区', detail: '1 号' } }],
    ['address.district', { address: { province: '浙江省', city: '杭州市', district: '浦东新区', detail: '1 号' } }],
    ['address.postalCode', { address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '1 号', postalCode: '3100' } }],
    ['items.0.skuCode', { items: [{ skuCode: 'NO-SUCH-SKU', quantity: 1, unitPrice: 100 }] }],
    ['total', { total: 1 }],
    ['discount', { discount: 999_999 }],
    ['shopCode', { shopCode: 'NO-SUCH-SHOP' }],
  ])('refuses with 422 naming %s', async (path, overrides) => {
    const res = await cs.post('/api/v1/orders', input(overrides));
    expect(res.status).toBe(422);
    expect(errorPaths(res)).toContain(path);
    expect(res.body.error.message).not.toBe('');
  });

  it('refuses a delisted SKU', async () => {
    const product = await makeProduct(admin, [{ price: 100, listingStatus: 'delisted', listingPinned: true }]);
    const res = await cs.post('/api/v1/orders', input({ items: [{ skuCode: product.skus[0].code, quantity: 1, unitPrice: 100 }] }));
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'items.0.skuCode' })]);
  });

  it('takes an order for a SKU that follows stock once stock is there, even if its listing has not caught up', async () => {
    const product = await makeProduct(admin, [{ price: 100 }]);
    const sku = product.skus[0];
    await receiveStock(admin, catalog.warehouses[0].code, [{ skuCode: sku.code, quantity: 10 }]);
    // the state an order meets when it read the SKU sold out just before a receipt committed
    expectStatus(await admin.patch(`/api/v1/skus/${sku.id}`, { listingStatus: 'delisted', listingPinned: false }), 200);
    expectStatus(await cs.post('/api/v1/orders', input({ items: [{ skuCode: sku.code, quantity: 1, unitPrice: 100 }] })), 201);
    const level = expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${sku.code}`), 200).items[0];
    expect(level).toMatchObject({ onHand: 10, reserved: 1 });
  });

  it('refuses a SKU an operator took off sale while it still has stock, reserving nothing', async () => {
    const product = await makeProduct(admin, [{ price: 100 }]);
    const sku = product.skus[0];
    await receiveStock(admin, catalog.warehouses[0].code, [{ skuCode: sku.code, quantity: 10 }]);
    expectStatus(await admin.patch(`/api/v1/skus/${sku.id}`, { listingStatus: 'delisted' }), 200);
    const res = await cs.post('/api/v1/orders', input({ items: [{ skuCode: sku.code, quantity: 1, unitPrice: 100 }] }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('sku_not_on_sale');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'items.0.skuCode' })]);
    const level = expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${sku.code}`), 200).items[0];
    expect(level).toMatchObject({ onHand: 10, reserved: 0 });
  });

  it('refuses a malformed body with 400 naming the field', async () => {
    const res = await cs.post('/api/v1/orders', input({ items: [{ skuCode: catalog.skus[0]!.code, quantity: 0, unitPrice: 100 }] }));
    expect(res.status).toBe(400);
    expect(errorPaths(res)).toContain('items.0.quantity');
  });

  it('accepts an order that arrives paid and reviews it at once', async () => {
    const body = input();
    const total = 9900 + 9900 + 800;
    const order = await makeOrder(cs, { ...body, payment: { amount: total, method: 'alipay', transactionNo: 'ALI-1', paidAt: '2026-11-20T01:55:00Z' } });
    expect(order).toMatchObject({ status: 'awaiting_fulfillment', paidAmount: total, paidAt: '2026-11-20T01:55:00.000Z', shipBy: '2026-11-22T01:55:00.000Z' });
    expect(order.payments).toEqual([expect.objectContaining({ amount: total, transactionNo: 'ALI-1' })]);
  });

  it('sends cash-on-delivery orders straight to review', async () => {
    const order = await makeOrder(cs, input({ paymentMethod: 'cod' }));
    expect(order.status).toBe('awaiting_fulfillment');
    expect(order.paidAmount).toBe(0);
    expect(new Date(order.shipBy).getTime() - new Date(order.createdAt).getTime()).toBe(48 * 3_600_000);
  });
});

describe('payment and automatic review', () => {
  it('approves a clean order once fully paid and tells the buyer when it ships', async () => {
    const order = await makeOrder(cs, input());
    expect(order.shipBy).toBeNull();
    const part = await finance.post(`/api/v1/orders/${order.id}/payments`, { amount: 1000, method: 'alipay' });
    expect(part.body).toMatchObject({ status: 'pending_payment', paidAmount: 1000, shipBy: null });
    const paid = await finance.post(`/api/v1/orders/${order.id}/payments`, { amount: order.total - 1000, method: 'alipay' });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'awaiting_fulfillment', paidAmount: order.total, holdReasons: [] });
    expect(paid.body.approvedAt).not.toBeNull();
    expect(new Date(paid.body.shipBy).getTime() - new Date(paid.body.paidAt).getTime()).toBe(48 * 3_600_000);
    const { rows } = await t.deps.database.query(`SELECT payload FROM outbox WHERE topic = 'customer.notify' AND payload->>'orderId' = $1`, [String(order.id)]);
    expect(rows).toHaveLength(1);
    expect((rows[0]!.payload as { message: string }).message).toContain('2026-11-22 10:00 前发货');
  });

  it('refuses an over-payment with 422 and a payment on a paid order with 409', async () => {
    const order = await makeOrder(cs, input());
    const over = await finance.post(`/api/v1/orders/${order.id}/payments`, { amount: order.total + 1, method: 'alipay' });
    expect(over.status).toBe(422);
    expect(errorPaths(over)).toContain('amount');
    await finance.post(`/api/v1/orders/${order.id}/payments`, { amount: order.total, method: 'alipay' });
    const again = await finance.post(`/api/v1/orders/${order.id}/payments`, { amount: 1, method: 'alipay' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
  });

  const heldBy = (order: { status: string; holdReasons: { rule: string }[] }) => {
    expect(order.status).toBe('on_hold');
    return order.holdReasons.map((r) => r.rule);
  };

  it('holds the third order from one buyer IP within an hour, reading the IP the platform reported', async () => {
    const ip = '198.51.100.23';
    expect((await makePaidOrder(cs, input({ buyerIp: ip }))).status).toBe('awaiting_fulfillment');
    expect((await makePaidOrder(cs, input({ buyerIp: ip }))).status).toBe('awaiting_fulfillment');
    // Every request here comes from the same caller address; only buyerIp counts.
    expect((await makePaidOrder(cs, input({ buyerIp: '198.51.100.99' }))).status).toBe('awaiting_fulfillment');
    const third = await makePaidOrder(cs, input({ buyerIp: ip }));
    expect(heldBy(third)).toEqual(['same_ip']);
    // The reason names the IP as staff may see it; the full address only with the reveal permission.
    expect(third.holdReasons[0].message).toContain('198.51.*.*');
    expect(third.holdReasons[0].message).not.toContain(ip);
    expect(third.buyer.ip).toBe('198.51.*.*');
    const revealed = expectStatus(await cs.request('GET', `/api/v1/orders/${third.id}?reveal=1`, undefined, { 'idempotency-key': 'reveal-1' }), 200);
    expect(revealed.buyer.ip).toBe(ip);
    // A revealed reply is never kept for replay: it would sit in the database in clear text.
    const { rows } = await t.deps.database.query(`SELECT 1 FROM idempotency_keys WHERE key = 'reveal-1'`);
    expect(rows).toEqual([]);
    expect(third.reviewDueAt).toBe('2026-11-20T04:00:00.000Z');
    expect(third.reviewOverdue).toBe(false);
  });

  it('holds a second unshipped order to the same phone and names the order to merge with', async () => {
    const first = await makeOrder(cs, input());
    const second = await makePaidOrder(cs, input({ buyer: { nick: 'another_nick', name: '张三', phone: (await revealPhone(first.id)) } }));
    expect(heldBy(second)).toEqual(['duplicate']);
    expect(second.holdReasons[0].message).toContain(first.orderNo);
  });

  it('holds a second order to the same address typed differently', async () => {
    const first = await makeOrder(cs, input({ address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '天目山路 88 号' } }));
    const second = await makePaidOrder(cs, input({ address: { province: '浙江', city: '杭州', district: '西湖区', detail: '天目山路８８号' } }));
    expect(heldBy(second)).toEqual(['duplicate']);
    expect(second.holdReasons[0].message).toContain(first.orderNo);
  });

  it('holds an address with a sensitive word', async () => {
    const order = await makePaidOrder(cs, input({ address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文二路 5 号市场监督管理局' } }));
    expect(heldBy(order)).toEqual(['sensitive_words']);
    const countyNamedLikeAWord = { province: '湖北省', city: '荆州市', district: '公安县', detail: '斗湖堤镇 1 号' };
    expect((await makePaidOrder(cs, input({ address: countyNamedLikeAWord }))).status).toBe('awaiting_fulfillment');
  });

  it('holds free shipping to a remote area, but not paid shipping', async () => {
    const remote = { province: '新疆', city: '乌鲁木齐市', district: '天山区', detail: '解放路 1 号' };
    expect(heldBy(await makePaidOrder(cs, input({ address: remote, shippingFee: 0 })))).toEqual(['remote_area']);
    expect((await makePaidOrder(cs, input({ address: { ...remote, detail: '解放路 2 号' }, shippingFee: 2000 }))).status).toBe('awaiting_fulfillment');
  });

  it('holds an order above the amount threshold', async () => {
    const order = await makePaidOrder(cs, input({ items: [{ skuCode: catalog.skus[0]!.code, quantity: 60, unitPrice: 9900 }] }));
    expect(heldBy(order)).toEqual(['amount']);
  });

  it('holds an order from a blacklisted buyer', async () => {
    const first = await makeOrder(cs, input());
    expectStatus(await cs.post(`/api/v1/customers/${first.customerId}/blacklist`, { blacklisted: true, reason: '恶意退款' }), 200);
    await cs.post(`/api/v1/orders/${first.id}/cancel`, { reason: '测试' });
    const nick = first.buyer.nick;
    const again = await makePaidOrder(cs, input({ buyer: { nick, name: '张三', phone: '13600000001' } }));
    expect(again.customerId).toBe(first.customerId);
    expect(heldBy(again)).toEqual(['blacklist']);
  });

  it('holds an order with a buyer message or a remark for a person to read', async () => {
    expect(heldBy(await makePaidOrder(cs, input({ buyerMessage: '请发顺丰，周末不在家' })))).toEqual(['message']);
    const order = await makeOrder(cs, input());
    await cs.post(`/api/v1/orders/${order.id}/remarks`, { content: '送赠品一份', flag: 'grey' });
    const paid = expectStatus(await finance.post(`/api/v1/orders/${order.id}/payments`, { amount: order.total, method: 'wechat' }), 200);
    expect(heldBy(paid)).toEqual(['message']);
  });

  it('leaves every paid order for a person when automatic review is off', async () => {
    expectStatus(await admin.put('/api/v1/settings', { 'orders.autoReview': false }), 200);
    try {
      const order = await makePaidOrder(cs, input());
      expect(order.status).toBe('awaiting_review');
      expect(order.reviewDueAt).toBe('2026-11-20T04:00:00.000Z');
    } finally {
      expectStatus(await admin.put('/api/v1/settings', { 'orders.autoReview': true }), 200);
    }
  });

  it('lets each rule be switched off', async () => {
    expectStatus(await admin.put('/api/v1/settings', { 'orders.risk.message': { enabled: false } }), 200);
    try {
      expect((await makePaidOrder(cs, input({ buyerMessage: '谢谢' }))).status).toBe('awaiting_fulfillment');
    } finally {
      expectStatus(await admin.put('/api/v1/settings', { 'orders.risk.message': { enabled: true } }), 200);
    }
  });
});

async function revealPhone(orderId: number): Promise<string> {
  return expectStatus(await cs.get(`/api/v1/orders/${orderId}?reveal=1`), 200).buyer.phone;
}
