import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../src/platform/clock';
import { moduleJobs } from '../src/app';
import { countUnpaidToRemind, sweepUnpaidOrders } from '../src/modules/orders';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makeOrder, makePaidOrder, makeShop, orderInput, seedCatalog } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let finance: Client;
let catalog: Awaited<ReturnType<typeof seedCatalog>>;

/** Fresh sign-ins: a test that moves the clock by hours expires the ones made before it. */
async function signInStaff() {
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  finance = await t.signIn(['finance']);
}

beforeAll(async () => {
  t = await createTestApp();
  await signInStaff();
  catalog = await seedCatalog(admin, { skuCount: 2, stock: 1000 });
});
afterAll(() => t.close());

const input = (overrides: Record<string, unknown> = {}) => orderInput(catalog.shop.code, catalog.skus, overrides);
const list = async (params: string) => expectStatus(await cs.get(`/api/v1/orders?${params}`), 200);
const orderNos = (res: { items: { orderNo: string }[] }) => res.items.map((i) => i.orderNo);

describe('order list', () => {
  // The listed orders live in a shop and on SKUs of their own, so what other tests in this file add,
  // in whatever order they run, never changes a total asserted here.
  let own: Awaited<ReturnType<typeof seedCatalog>>;
  let ownInput: typeof input;
  let paid: any;
  let unpaid: any;
  let onlyFirstSku: any;
  let otherShopOrder: any;

  beforeAll(async () => {
    await signInStaff();
    own = await seedCatalog(admin, { skuCount: 2, stock: 1000 });
    ownInput = (overrides = {}) => orderInput(own.shop.code, own.skus, overrides);
    paid = await makePaidOrder(cs, ownInput({ platformOrderId: 'JD-778899', buyer: { nick: 'list_nick', name: '陈七', phone: '13500001111' } }));
    t.clock.advance(MINUTE);
    unpaid = await makeOrder(cs, ownInput({ buyer: { nick: 'other_nick', name: '陈八', phone: '13500002222' } }));
    t.clock.advance(MINUTE);
    onlyFirstSku = await makeOrder(cs, ownInput({ items: [{ skuCode: own.skus[0]!.code, quantity: 3, unitPrice: 9900 }] }));
    await cs.post(`/api/v1/orders/${onlyFirstSku.id}/remarks`, { content: '先核对再发', flag: 'red' });
    const otherShop = await makeShop(admin, { defaultWarehouseCode: own.warehouses[0].code });
    otherShopOrder = await makeOrder(cs, orderInput(otherShop.code, own.skus));
  });

  const ownShop = () => `shopCode=${own.shop.code}`;

  it('lists newest first with a total and pages', async () => {
    const all = await list(`${ownShop()}&pageSize=2`);
    expect(all).toMatchObject({ total: 3, totalCapped: false });
    expect(orderNos(all)).toEqual([onlyFirstSku.orderNo, unpaid.orderNo]);
    // the last page, not full, still says the whole list's total; a page past the end counts it
    const last = await list(`${ownShop()}&pageSize=2&page=2`);
    expect(orderNos(last)).toEqual([paid.orderNo]);
    expect(last.total).toBe(3);
    expect((await list(`${ownShop()}&pageSize=2&page=5`)).total).toBe(3);
    const listed = [otherShopOrder, onlyFirstSku, unpaid, paid].map((o) => o.orderNo);
    expect(orderNos(await list('pageSize=100')).filter((no) => listed.includes(no))).toEqual(listed);
  });

  it('pages by cursor without gaps or repeats', async () => {
    const first = await list('pageSize=3');
    const second = await list(`pageSize=3&cursor=${first.nextCursor}`);
    expect([...orderNos(first), ...orderNos(second)]).toEqual(orderNos(await list('pageSize=6')));
    expect((await cs.get('/api/v1/orders?cursor=garbage')).status).toBe(400);
  });

  it('sorts by total', async () => {
    const byTotal = await list('sort=-total');
    const totals = byTotal.items.map((i: { total: number }) => i.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('filters by shop, status, flag, SKU and date range', async () => {
    expect(orderNos(await list(`${ownShop()}&status=pending_payment`))).toEqual([onlyFirstSku.orderNo, unpaid.orderNo]);
    expect(orderNos(await list(`${ownShop()}&status=awaiting_fulfillment,on_hold`))).toEqual([paid.orderNo]);
    expect(orderNos(await list(`${ownShop()}&flag=red`))).toEqual([onlyFirstSku.orderNo]);
    expect((await list(`skuCode=${own.skus[1]!.code}`)).total).toBe(3);
    const [from, to] = [unpaid.createdAt, onlyFirstSku.createdAt].map(encodeURIComponent);
    expect(orderNos(await list(`${ownShop()}&createdFrom=${from}&createdTo=${to}`))).toEqual([onlyFirstSku.orderNo, unpaid.orderNo]);
    const skuInRange = await list(`skuCode=${own.skus[0]!.code}&createdFrom=${from}`);
    expect(orderNos(skuInRange)).toEqual([otherShopOrder.orderNo, onlyFirstSku.orderNo, unpaid.orderNo]);
    expect(skuInRange.total).toBe(3);
    expect((await list(`skuCode=${own.skus[1]!.code}&createdTo=${encodeURIComponent(paid.createdAt)}`)).total).toBe(1);
    expect((await list('shopCode=NOPE')).total).toBe(0);
    const bad = await cs.get('/api/v1/orders?status=paid');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('status');
  });

  it('counts an order with two lines of the SKU once, by SKU alone and by SKU and dates', async () => {
    const product = expectStatus(await admin.post('/api/v1/products', { name: '双规格', category: '测试', priceBand: 'traffic', skus: [{ code: 'TWICE-1', price: 500, cost: 100 }] }), 201);
    const sku = product.skus[0];
    expectStatus(await admin.post('/api/v1/inventory/receipts', { warehouseCode: catalog.warehouses[0].code, lines: [{ skuCode: sku.code, quantity: 10 }] }), 201);
    const line = { skuCode: sku.code, quantity: 1, unitPrice: 500 };
    const twice = await makeOrder(cs, input({ items: [line, { ...line, quantity: 2 }] }));
    const once = await makeOrder(cs, input({ items: [line] }));
    expect(await list(`skuCode=${sku.code}`)).toMatchObject({ total: 2, items: [{ id: once.id }, { id: twice.id }] });
    const since = await list(`skuCode=${sku.code}&createdFrom=${encodeURIComponent(twice.createdAt)}`);
    expect(since).toMatchObject({ total: 2, items: [{ id: once.id }, { id: twice.id }] });
    expect((await list(`skuCode=${sku.code}&createdFrom=${encodeURIComponent(twice.createdAt)}&status=pending_payment`)).total).toBe(2);
    expect((await list(`skuCode=${sku.code}&sort=-total`)).items.map((i: { id: number }) => i.id)).toEqual([twice.id, once.id]);
  });

  it('sorts one SKU\'s orders by total and pages them by cursor, each order once', async () => {
    const sku = catalog.skus[0]!;
    const line = (quantity: number) => ({ skuCode: sku.code, quantity, unitPrice: sku.price });
    await makeOrder(cs, input({ items: [line(1), line(4)] }));
    await makeOrder(cs, input({ items: [line(2)] }));
    for (const sort of ['-total', 'total']) {
      const expected = (await list(`skuCode=${sku.code}&sort=${sort}&pageSize=100`)).items.map((i: { id: number; total: number }) => [i.total, i.id]);
      const byTotal = expected.map(([total]: number[]) => total);
      expect(byTotal).toEqual([...byTotal].sort((a, b) => (sort === 'total' ? a - b : b - a)));
      expect(new Set(expected.map(([, id]: number[]) => id)).size).toBe(expected.length);
      const paged: number[][] = [];
      for (let cursor = ''; ; ) {
        const page = await list(`skuCode=${sku.code}&sort=${sort}&pageSize=2${cursor}`);
        paged.push(...page.items.map((i: { id: number; total: number }) => [i.total, i.id]));
        if (!page.nextCursor) break;
        cursor = `&cursor=${page.nextCursor}`;
      }
      expect(paged).toEqual(expected);
    }
  });

  it('keeps each line\'s copy of the order date and total, whoever writes the line', async () => {
    const { rows } = await t.deps.database.query(
      `INSERT INTO order_items (order_id, sku_id, sku_code, product_name, quantity, unit_price, line_total) VALUES ($1, $2, $3, 'x', 1, 0, 0) RETURNING order_created_at, order_total`,
      [paid.id, catalog.skus[0]!.id, catalog.skus[0]!.code],
    );
    expect(new Date(rows[0]!.order_created_at as string).toISOString()).toBe(paid.createdAt);
    expect(rows[0]!.order_total).toBe(paid.total);
    await t.deps.database.query('DELETE FROM order_items WHERE order_id = $1 AND product_name = $2', [paid.id, 'x']);
    const { rows: mismatched } = await t.deps.database.query(
      'SELECT count(*)::int AS n FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.order_created_at <> o.created_at OR i.order_total <> o.total',
    );
    expect(mismatched).toEqual([{ n: 0 }]);
  });

  it('finds an order by phone, nick and order number', async () => {
    expect(orderNos(await list('phone=13500001111'))).toEqual([paid.orderNo]);
    expect(orderNos(await list(`phone=${encodeURIComponent('+86 135-0000-1111')}`))).toEqual([paid.orderNo]);
    expect(orderNos(await list('nick=other_nick'))).toEqual([unpaid.orderNo]);
    expect(orderNos(await list(`orderNo=${unpaid.orderNo}`))).toEqual([unpaid.orderNo]);
  });

  it('keeps a buyer\'s order history by phone from roles that only see the shipping label', async () => {
    const packer = await t.signIn(['warehouse']);
    const byPhone = await packer.get('/api/v1/orders?phone=13500001111');
    expect(byPhone.status).toBe(403);
    expect(byPhone.body.error.details[0].message).toBe('customers.read');
    expect(expectStatus(await packer.get('/api/v1/orders?q=13500001111'), 200).items).toEqual([]);
    expect(orderNos(expectStatus(await packer.get(`/api/v1/orders?q=${paid.orderNo}`), 200))).toEqual([paid.orderNo]);
  });

  it('has one search box for order no, platform order id, phone and nick', async () => {
    for (const q of [paid.orderNo, 'JD-778899', '13500001111', 'list_nick']) {
      expect(orderNos(await list(`q=${encodeURIComponent(q)}`)), q).toEqual([paid.orderNo]);
    }
    expect((await list('q=nobody')).total).toBe(0);
  });
});

describe('unpaid sweep', () => {
  beforeAll(signInStaff);

  it('reminds at 30 min and 12 h, once each, and closes at 24 h into the unpaid register, releasing stock', async () => {
    const order = await makeOrder(cs, input({ buyer: { nick: 'slow_payer', name: '周九', phone: '13900009999' } }));
    const paidMeanwhile = await makeOrder(cs, input());
    const reminders = async () =>
      (await t.deps.database.query(`SELECT payload->>'reminder' AS kind FROM outbox WHERE topic = 'customer.notify' AND payload->>'orderId' = $1 ORDER BY id`, [String(order.id)])).rows.map(
        (r) => r.kind,
      );

    t.clock.advance(29 * MINUTE);
    await sweepUnpaidOrders(t.deps);
    expect(await reminders()).toEqual([]);
    const dueBefore = (await countUnpaidToRemind(t.ctx())).count;

    t.clock.advance(MINUTE);
    expect((await countUnpaidToRemind(t.ctx())).count).toBeGreaterThanOrEqual(dueBefore + 2); // both new orders, 30 min old
    await sweepUnpaidOrders(t.deps);
    await sweepUnpaidOrders(t.deps);
    expect(await reminders()).toEqual(['unpaid_30m']);
    await finance.post(`/api/v1/orders/${paidMeanwhile.id}/payments`, { amount: paidMeanwhile.total, method: 'alipay' });

    t.clock.advance(12 * HOUR - 30 * MINUTE);
    await sweepUnpaidOrders(t.deps);
    t.clock.advance(MINUTE);
    await sweepUnpaidOrders(t.deps);
    expect(await reminders()).toEqual(['unpaid_30m', 'unpaid_12h']);
    const admin2 = await t.signIn(['admin']); // sign-ins expire after 12 h of clock time
    expect(expectStatus(await admin2.get(`/api/v1/orders/${order.id}`), 200).status).toBe('pending_payment');

    t.clock.advance(12 * HOUR - MINUTE);
    const reservedBefore = await reservedOf(admin2, catalog.skus[0]!.code);
    await sweepUnpaidOrders(t.deps);
    const closed = expectStatus(await admin2.get(`/api/v1/orders/${order.id}`), 200);
    expect(closed).toMatchObject({ status: 'closed', closeReason: '超时未付款' });
    expect(await reservedOf(admin2, catalog.skus[0]!.code)).toBeLessThan(reservedBefore);
    const { rows } = await t.deps.database.query(`SELECT order_no, buyer_nick, total, reason FROM unpaid_register WHERE order_id = $1`, [order.id]);
    expect(rows).toEqual([{ order_no: order.orderNo, buyer_nick: 'slow_payer', total: order.total, reason: '超时未付款' }]);
    expect(expectStatus(await admin2.get(`/api/v1/orders/${paidMeanwhile.id}`), 200).status).not.toBe('closed');
    expect(await reminders()).toEqual(['unpaid_30m', 'unpaid_12h']);
  });
});

describe('the unpaid sweep job', () => {
  it('is registered with the app to run every minute', () => {
    expect(moduleJobs).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'orders-unpaid-sweep', cron: '* * * * *' })]));
  });
});

describe('a late unpaid sweep', () => {
  it('sends only the latest reminder that is due, not the ones it missed', async () => {
    await signInStaff();
    const order = await makeOrder(cs, input());
    t.clock.advance(13 * HOUR);
    const result = await sweepUnpaidOrders(t.deps);
    expect(result.reminded).toBeGreaterThanOrEqual(1);
    const { rows } = await t.deps.database.query(`SELECT kind FROM order_reminders WHERE order_id = $1`, [order.id]);
    expect(rows).toEqual([{ kind: 'unpaid_12h' }]);
  });
});

async function reservedOf(client: Client, skuCode: string): Promise<number> {
  const res = expectStatus(await client.get(`/api/v1/inventory/levels?skuCode=${skuCode}`), 200);
  return res.items.reduce((sum: number, l: { reserved: number }) => sum + l.reserved, 0);
}
