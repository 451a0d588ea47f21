import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkStockInvariants, consumeForOrder, releaseForOrder, reserveForOrder } from '../src/modules/inventory/index';
import { AppError } from '../src/platform/errors';
import { expectStatus, makeProduct, makeWarehouse } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

/**
 * Random histories of receipts, bursts of concurrent reservations (each order its own
 * transaction), releases, shipments and adjustments against 3 SKUs in 2 warehouses. A plain
 * in-memory model of what succeeded must match the database exactly, and the ledger invariants
 * must hold after every history.
 */

let t: TestApp;
let admin: Client;
let supervisor: Client;
let nextOrderId = 1;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  supervisor = await t.signIn(['supervisor']);
});
afterAll(() => t.close());

const SKUS = 3;
const skuIndex = fc.integer({ min: 0, max: SKUS - 1 });
const warehouseIndex = fc.integer({ min: 0, max: 1 });

const step = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), warehouse: warehouseIndex, sku: skuIndex, quantity: fc.integer({ min: 1, max: 6 }) }),
  fc.record({
    kind: fc.constant('reserve' as const),
    orders: fc.array(
      fc.record({
        preferred: fc.option(warehouseIndex, { nil: null }),
        lines: fc.array(fc.record({ sku: skuIndex, quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('ship' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('adjust' as const), warehouse: warehouseIndex, sku: skuIndex, delta: fc.integer({ min: -4, max: 4 }).filter((d) => d !== 0) }),
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

interface Fixture {
  warehouses: { id: number; code: string }[];
  skus: { id: number; code: string }[];
}

/** What the database should hold, built only from the operations that reported success. */
class StockModel {
  onHand = new Map<string, number>();
  reserved = new Map<string, number>();
  openOrders = new Map<number, { warehouseId: number; lines: Map<number, number> }>();

  private add(map: Map<string, number>, skuId: number, warehouseId: number, delta: number) {
    const key = `${skuId}/${warehouseId}`;
    map.set(key, (map.get(key) ?? 0) + delta);
  }
  receive(skuId: number, warehouseId: number, quantity: number) {
    this.add(this.onHand, skuId, warehouseId, quantity);
  }
  reserve(orderId: number, warehouseId: number, lines: { skuId: number; quantity: number }[]) {
    const bySku = new Map<number, number>();
    for (const l of lines) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + l.quantity);
    for (const [skuId, q] of bySku) this.add(this.reserved, skuId, warehouseId, q);
    this.openOrders.set(orderId, { warehouseId, lines: bySku });
  }
  close(orderId: number, shipped: boolean) {
    const order = this.openOrders.get(orderId)!;
    for (const [skuId, q] of order.lines) {
      this.add(this.reserved, skuId, order.warehouseId, -q);
      if (shipped) this.add(this.onHand, skuId, order.warehouseId, -q);
    }
    this.openOrders.delete(orderId);
  }
  adjust(skuId: number, warehouseId: number, delta: number) {
    this.add(this.onHand, skuId, warehouseId, delta);
  }
}

async function newFixture(): Promise<Fixture> {
  const warehouses = [await makeWarehouse(admin), await makeWarehouse(admin)];
  const product = await makeProduct(admin, Array.from({ length: SKUS }, () => ({ safetyStock: 0 })));
  return { warehouses, skus: product.skus };
}

const pickOpenOrder = (model: StockModel, pick: number) => {
  const ids = [...model.openOrders.keys()];
  return ids.length ? ids[pick % ids.length]! : null;
};

async function apply(fixture: Fixture, model: StockModel, s: Step) {
  const warehouseOf = (i: number) => fixture.warehouses[i]!;
  const skuOf = (i: number) => fixture.skus[i]!;
  switch (s.kind) {
    case 'receive': {
      expectStatus(await admin.post('/api/v1/inventory/receipts', { warehouseCode: warehouseOf(s.warehouse).code, lines: [{ skuCode: skuOf(s.sku).code, quantity: s.quantity }] }), 201);
      model.receive(skuOf(s.sku).id, warehouseOf(s.warehouse).id, s.quantity);
      return;
    }
    case 'reserve': {
      const orders = s.orders.map((o) => ({
        orderId: nextOrderId++,
        preferredWarehouseId: o.preferred === null ? null : warehouseOf(o.preferred).id,
        lines: o.lines.map((l) => ({ skuId: skuOf(l.sku).id, skuCode: skuOf(l.sku).code, quantity: l.quantity })),
      }));
      const outcomes = await Promise.allSettled(orders.map((o) => t.tx((ctx) => reserveForOrder(ctx, o))));
      outcomes.forEach((outcome, i) => {
        const order = orders[i]!;
        if (outcome.status === 'fulfilled') return model.reserve(order.orderId, outcome.value.warehouseId, order.lines);
        // The only acceptable failure is a clean "not enough stock": never a deadlock or a constraint error.
        expect(outcome.reason).toBeInstanceOf(AppError);
        expect((outcome.reason as AppError).code).toBe('insufficient_stock');
      });
      return;
    }
    case 'release':
    case 'ship': {
      const orderId = pickOpenOrder(model, s.pick);
      if (orderId === null) return;
      await t.tx((ctx) => (s.kind === 'ship' ? consumeForOrder(ctx, orderId) : releaseForOrder(ctx, orderId, 'property test')));
      model.close(orderId, s.kind === 'ship');
      return;
    }
    case 'adjust': {
      const res = await supervisor.post('/api/v1/inventory/adjustments', { warehouseCode: warehouseOf(s.warehouse).code, skuCode: skuOf(s.sku).code, delta: s.delta, reason: '属性测试' });
      if (res.status === 201) return model.adjust(skuOf(s.sku).id, warehouseOf(s.warehouse).id, s.delta);
      expect(res.status).toBe(409);
      expect(['below_reserved', 'negative_stock']).toContain(res.body.error.code);
      return;
    }
  }
}

async function levelsOf(fixture: Fixture) {
  const { rows } = await t.deps.database.query('SELECT sku_id, warehouse_id, on_hand, reserved FROM stock_levels WHERE sku_id = ANY($1::int[])', [fixture.skus.map((s) => s.id)]);
  return rows as { sku_id: number; warehouse_id: number; on_hand: number; reserved: number }[];
}

it('keeps stock consistent with the ledger and never oversells, whatever the history', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
      const fixture = await newFixture();
      const model = new StockModel();
      for (const s of steps) await apply(fixture, model, s);

      const levels = await levelsOf(fixture);
      for (const l of levels) {
        const key = `${l.sku_id}/${l.warehouse_id}`;
        expect(l.on_hand).toBeGreaterThanOrEqual(0);
        expect(l.reserved).toBeGreaterThanOrEqual(0);
        expect(l.reserved).toBeLessThanOrEqual(l.on_hand);
        expect(l.on_hand).toBe(model.onHand.get(key) ?? 0);
        expect(l.reserved).toBe(model.reserved.get(key) ?? 0);
      }
      const totalReserved = levels.reduce((sum, l) => sum + l.reserved, 0);
      const totalReceived = steps.reduce((sum, s) => sum + (s.kind === 'receive' ? s.quantity : s.kind === 'adjust' && s.delta > 0 ? s.delta : 0), 0);
      expect(totalReserved).toBeLessThanOrEqual(totalReceived);
      expect(await t.tx((ctx) => checkStockInvariants(ctx))).toEqual([]);
    }),
    { numRuns: 25 },
  );
});
