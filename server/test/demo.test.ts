import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoAlreadySeeded, seedDemo, type DemoSummary } from '../src/demo/seed';
import { DEMO_USERS } from '../src/demo/staff';
import { checkStockInvariants } from '../src/modules/inventory';
import { ORDER_STATUSES } from '../src/modules/orders';
import { createTestApp, type TestApp } from './harness';

describe('demo seed (npm run demo)', () => {
  let t: TestApp;
  let summary: DemoSummary;

  beforeAll(async () => {
    t = await createTestApp();
    summary = await seedDemo(t.deps, { orders: 40 });
  }, 180_000);
  afterAll(() => t.close());

  it('creates the shop: 3 shops, 2 warehouses, 40 SKUs, the requested number of orders', () => {
    expect(summary.shops).toBe(3);
    expect(summary.warehouses).toBe(2);
    expect(summary.skus).toBe(40);
    expect(Object.values(summary.ordersByStatus).reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('has orders in every state, from unpaid to completed', () => {
    for (const status of ORDER_STATUSES) {
      expect(summary.ordersByStatus[status], status).toBeGreaterThan(0);
    }
  });

  it('shows held orders with the rules that fired, and flagged remarks', async () => {
    const admin = await t.signIn(['admin']);
    const held = await admin.get('/api/v1/orders?status=on_hold&pageSize=50');
    const detail = await admin.get(`/api/v1/orders/${held.body.items[0].id}`);
    expect(detail.body.holdReasons.length).toBeGreaterThan(0);
    const flagged = await admin.get('/api/v1/orders?flag=green');
    expect(flagged.body.total).toBeGreaterThan(0);
  });

  it('lets every demo user sign in with the shared password', async () => {
    for (const u of DEMO_USERS) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: summary.password } });
      expect(res.statusCode, u.username).toBe(200);
    }
  });

  it('keeps the stock ledger consistent', async () => {
    expect(await checkStockInvariants(t.ctx())).toEqual([]);
  });

  it('refuses to seed the same database twice', async () => {
    await expect(seedDemo(t.deps, { orders: 20 })).rejects.toBeInstanceOf(DemoAlreadySeeded);
  });
});
