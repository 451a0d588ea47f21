import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorOf, expectStatus, makeOrder, makePaidOrder, orderInput, seedCatalog } from './factories';
import { anonymous, createTestApp, type Client, type TestApp } from './harness';

/** The requests that once answered 500, each answered as the caller's mistake (4xx naming the field). */
let t: TestApp;
let admin: Client;
let fixture: Awaited<ReturnType<typeof seedCatalog>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  fixture = await seedCatalog(admin);
});
afterAll(() => t.close());


describe('text a PostgreSQL column cannot hold', () => {
  it('refuses a NUL character in a body with a 400 naming the field', async () => {
    const res = await anonymous(t.app).post('/api/v1/auth/login', { username: 'admin\u0000', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unstorable_text');
    expect(res.body.error.details[0].path).toBe('username');
  });

  it('refuses a lone surrogate the same way on both databases, before it reaches the audit log', async () => {
    const order = await makeOrder(admin, orderInput(fixture.shop.code, fixture.skus));
    const res = await admin.post(`/api/v1/orders/${order.id}/cancel`, { reason: 'x\ud800' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('reason');
    expect(expectStatus(await admin.get(`/api/v1/orders/${order.id}`), 200).status).toBe('pending_payment');
  });

  it('refuses a NUL in a query string and names the parameter', async () => {
    for (const url of ['/api/v1/orders?q=%00', '/api/v1/orders?nick=a%00', '/api/v1/users?q=%00', '/api/v1/inventory/levels?q=%00']) {
      const res = await admin.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.message).toContain('查询参数');
    }
  });

  it('refuses a settings document nested deeper than any setting', async () => {
    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    const res = await admin.request('PUT', '/api/v1/settings', deep, { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
  });

  it('bounds every text field: an 8 KB username is refused, not indexed', async () => {
    const res = await anonymous(t.app).post('/api/v1/auth/login', { username: 'u'.repeat(8192), password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('username');
  });
});

describe('values that claim to be what they are not', () => {
  it('refuses crafted list cursors for the sort they are used with', async () => {
    for (const [cursor, sort] of [
      [cursorOf(['abc', 1]), 'total'],
      [cursorOf([1e300, 1]), 'total'],
      [cursorOf([5, 2 ** 40]), '-total'],
      [cursorOf([1, 1]), '-createdAt'],
      [cursorOf(['0000-01-01T00:00:00Z', 1]), '-createdAt'],
    ] as const) {
      const res = await admin.get(`/api/v1/orders?sort=${sort}&cursor=${cursor}`);
      expect(res.status, `${sort} ${cursor}`).toBe(400);
      expect(res.body.error.details[0].path).toBe('cursor');
    }
  });

  it('refuses dates outside the years a business means', async () => {
    expect((await admin.get('/api/v1/orders?createdFrom=0000-01-01T00:00:00Z')).status).toBe(400);
    const order = await makeOrder(admin, orderInput(fixture.shop.code, fixture.skus));
    const res = await admin.post(`/api/v1/orders/${order.id}/payments`, { amount: order.total, method: 'alipay', paidAt: '0000-01-01T00:00:00Z' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('paidAt');
  });

  it('refuses a PATCH that changes nothing', async () => {
    for (const url of [`/api/v1/warehouses/${fixture.warehouses[0]!.id}`, `/api/v1/shops/${fixture.shop.id}`]) {
      const res = await admin.patch(url, {});
      expect(res.status, url).toBe(400);
      expect(res.body.error.message).toContain('至少填写一项');
    }
  });

  it('refuses an Idempotency-Key longer than a key', async () => {
    const res = await admin.post('/api/v1/inventory/adjustments', { warehouseCode: fixture.warehouses[0]!.code, skuCode: fixture.skus[0]!.code, delta: 1, reason: '盘盈' }, { 'idempotency-key': 'k'.repeat(4000) });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('Idempotency-Key');
  });
});

describe('settings', () => {
  it('refuse a value outside the range a shop could mean, naming the setting, and normal work goes on', async () => {
    for (const key of ['orders.reviewSlaMinutes', 'orders.shipPromiseHours', 'orders.unpaidCloseMinutes']) {
      const res = await admin.put('/api/v1/settings', { [key]: 9_007_199_254_740_991 });
      expect(res.status, key).toBe(422);
      expect(res.body.error.details[0].path).toBe(key);
    }
    expect((await admin.put('/api/v1/settings', { 'orders.unpaidReminders': [30, 9_007_199_254_740_991] })).status).toBe(422);
    expect((await admin.put('/api/v1/settings', { 'orders.risk.sameIp': { enabled: true, maxOrders: 3, windowMinutes: 9_007_199_254_740_991 } })).status).toBe(422);
    expect((await admin.put('/api/v1/settings', { 'orders.risk.duplicate': { enabled: true, windowHours: 9_007_199_254_740_991 } })).status).toBe(422);
    await makePaidOrder(admin, orderInput(fixture.shop.code, fixture.skus));
    expect((await admin.get('/api/v1/workbench')).status).toBe(200);
  });
});
