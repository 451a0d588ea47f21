import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkStockInvariants } from '../src/modules/inventory';
import { makeProduct, makeShop, makeWarehouse, orderInput, receiveStock } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

/**
 * Random histories of what staff and platforms do to stock, each step a burst of requests sent
 * at once through the HTTP API: receipts, supervisor adjustments, orders taken (paid or not, from
 * shops shipping from either warehouse or from none), payments, cancellations and closes, against
 * 3 SKUs in 2 warehouses. A plain model of what the replies said succeeded must match the
 * database exactly; on hand must equal Σ of its movements, reserved Σ of the open reservations,
 * and nothing is ever oversold.
 */

let t: TestApp;
let admin: Client;
let supervisor: Client;
let warehouseStaff: Client;
let cs: Client;
let finance: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  supervisor = await t.signIn(['supervisor']);
  warehouseStaff = await t.signIn(['warehouse']);
  cs = await t.signIn(['cs_presale']);
  finance = await t.signIn(['finance']);
});
afterAll(() => t.close());

const SKUS = 3;
const skuIndex = fc.integer({ min: 0, max: SKUS - 1 });
const warehouseIndex = fc.integer({ min: 0, max: 1 });

const request = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('receive' as const), warehouse: warehouseIndex, sku: skuIndex, quantity: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adjust' as const), warehouse: warehouseIndex, sku: skuIndex, delta: fc.integer({ min: -4, max: 4 }).filter((d) => d !== 0) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      // shops 0 and 1 ship from that warehouse, shop 2 from none
      shop: fc.integer({ min: 0, max: 2 }),
      paid: fc.boolean(),
      lines: fc.array(fc.record({ sku: skuIndex, quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('pay' as const, 'cancel' as const, 'close' as const), pick: fc.nat() }) },
);
type Request = typeof request extends fc.Arbitrary<infer R> ? R : never;

interface Fixture {
  warehouses: { id: number; code: string }[];
  skus: { id: number; code: string; price: number }[];
  shops: { code: string }[];
}

interface OpenOrder {
  total: number;
  warehouseId: number;
  lines: Map<number, number>;
}

/** What the database should hold, built only from the requests whose replies said they succeeded. */
class StockModel {
  onHand = new Map<string, number>();
  reserved = new Map<string, number>();
  openOrders = new Map<number, OpenOrder>();

  private add(map: Map<string, number>, skuId: number, warehouseId: number, delta: number) {
    const key = `${skuId}/${warehouseId}`;
    map.set(key, (map.get(key) ?? 0) + delta);
  }
  changeOnHand(skuId: number, warehouseId: number, delta: number) {
    this.add(this.onHand, skuId, warehouseId, delta);
  }
  reserve(orderId: number, order: OpenOrder) {
    for (const [skuId, q] of order.lines) this.add(this.reserved, skuId, order.warehouseId, q);
    this.openOrders.set(orderId, order);
  }
  release(orderId: number) {
    const order = this.openOrders.get(orderId)!;
    for (const [skuId, q] of order.lines) this.add(this.reserved, skuId, order.warehouseId, -q);
    this.openOrders.delete(orderId);
  }
  /** An open order chosen by `pick`, fixed before the burst is sent. */
  pick(pick: number): number | null {
    const ids = [...this.openOrders.keys()];
    return ids.length ? ids[pick % ids.length]! : null;
  }
}

const OPENING_STOCK = 4;

/** Two warehouses holding OPENING_STOCK of each SKU, and the three shops. */
async function newFixture(model: StockModel): Promise<Fixture> {
  const warehouses = [await makeWarehouse(admin), await makeWarehouse(admin)];
  const product = await makeProduct(admin, Array.from({ length: SKUS }, () => ({ safetyStock: 0 })));
  const skus: Fixture['skus'] = product.skus;
  for (const warehouse of warehouses) {
    await receiveStock(admin, warehouse.code, skus.map((s) => ({ skuCode: s.code, quantity: OPENING_STOCK })));
    for (const sku of skus) model.changeOnHand(sku.id, warehouse.id, OPENING_STOCK);
  }
  const shops = [await makeShop(admin, { defaultWarehouseCode: warehouses[0]!.code }), await makeShop(admin, { defaultWarehouseCode: warehouses[1]!.code }), await makeShop(admin)];
  return { warehouses, skus, shops };
}

/** Every refusal a request may meet in a race, by kind; anything else (a 5xx, a deadlock) fails. */
const ACCEPTED_REFUSALS: Record<Request['kind'], string[]> = {
  receive: [],
  adjust: ['below_reserved', 'negative_stock'],
  order: ['insufficient_stock'],
  pay: ['invalid_transition'],
  cancel: ['invalid_transition'],
  close: ['invalid_transition', 'refund_required', 'not_refunded'],
};

function expectSuccessOrAcceptedRefusal(kind: Request['kind'], res: { status: number; body: any }): boolean {
  if (res.status < 300) return true;
  expect({ kind, status: res.status, code: res.body?.error?.code }).toEqual({ kind, status: 409, code: expect.toBeOneOf(ACCEPTED_REFUSALS[kind]) });
  return false;
}

/** Sends one request and returns what the model must do if it succeeded. */
async function send(fixture: Fixture, model: StockModel, r: Request): Promise<() => void> {
  const none = () => {};
  switch (r.kind) {
    case 'receive': {
      const [warehouse, sku] = [fixture.warehouses[r.warehouse]!, fixture.skus[r.sku]!];
      const res = await warehouseStaff.post('/api/v1/inventory/receipts', { warehouseCode: warehouse.code, lines: [{ skuCode: sku.code, quantity: r.quantity }] });
      return expectSuccessOrAcceptedRefusal(r.kind, res) ? () => model.changeOnHand(sku.id, warehouse.id, r.quantity) : none;
    }
    case 'adjust': {
      const [warehouse, sku] = [fixture.warehouses[r.warehouse]!, fixture.skus[r.sku]!];
      const res = await supervisor.post('/api/v1/inventory/adjustments', { warehouseCode: warehouse.code, skuCode: sku.code, delta: r.delta, reason: '属性测试' });
      return expectSuccessOrAcceptedRefusal(r.kind, res) ? () => model.changeOnHand(sku.id, warehouse.id, r.delta) : none;
    }
    case 'order': {
      const items = r.lines.map((l) => ({ skuCode: fixture.skus[l.sku]!.code, quantity: l.quantity, unitPrice: fixture.skus[l.sku]!.price }));
      const body = orderInput(fixture.shops[r.shop]!.code, [], { items, shippingFee: 0 });
      const total = items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0);
      const res = await cs.post('/api/v1/orders', r.paid ? { ...body, payment: { amount: total, method: 'alipay' } } : body);
      if (!expectSuccessOrAcceptedRefusal(r.kind, res)) return none;
      const lines = new Map<number, number>();
      for (const l of r.lines) lines.set(fixture.skus[l.sku]!.id, (lines.get(fixture.skus[l.sku]!.id) ?? 0) + l.quantity);
      return () => model.reserve(res.body.id, { total, warehouseId: res.body.warehouseId, lines });
    }
    case 'pay':
    case 'cancel':
    case 'close': {
      const orderId = model.pick(r.pick);
      if (orderId === null) return none;
      const order = model.openOrders.get(orderId)!;
      const res =
        r.kind === 'pay'
          ? await finance.post(`/api/v1/orders/${orderId}/payments`, { amount: order.total, method: 'alipay' })
          : await cs.post(`/api/v1/orders/${orderId}/${r.kind}`, { reason: '属性测试' });
      if (!expectSuccessOrAcceptedRefusal(r.kind, res)) return none;
      return r.kind === 'pay' ? none : () => model.release(orderId);
    }
  }
}

async function levelsOf(fixture: Fixture) {
  const { rows } = await t.deps.database.query(
    `SELECT l.sku_id, l.warehouse_id, l.on_hand, l.reserved,
            (SELECT COALESCE(SUM(m.on_hand_delta), 0)::int FROM stock_movements m WHERE m.sku_id = l.sku_id AND m.warehouse_id = l.warehouse_id) AS moved,
            (SELECT COALESCE(SUM(r.quantity - r.consumed_quantity - r.released_quantity), 0)::int FROM stock_reservations r WHERE r.sku_id = l.sku_id AND r.warehouse_id = l.warehouse_id) AS open_reserved
       FROM stock_levels l WHERE l.sku_id = ANY($1::int[])`,
    [fixture.skus.map((s) => s.id)],
  );
  return rows as { sku_id: number; warehouse_id: number; on_hand: number; reserved: number; moved: number; open_reserved: number }[];
}

const burst = fc.array(request, { minLength: 1, maxLength: 6 });

it('keeps stock consistent with the ledger and never oversells, whatever staff and platforms do at once', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(burst, { minLength: 1, maxLength: 8 }), async (bursts) => {
      const model = new StockModel();
      const fixture = await newFixture(model);
      for (const requests of bursts) {
        const effects = await Promise.all(requests.map((r) => send(fixture, model, r)));
        for (const apply of effects) apply();
      }

      for (const l of await levelsOf(fixture)) {
        const key = `${l.sku_id}/${l.warehouse_id}`;
        expect(l.reserved).toBeGreaterThanOrEqual(0);
        expect(l.reserved).toBeLessThanOrEqual(l.on_hand);
        expect(l.on_hand).toBe(l.moved);
        expect(l.reserved).toBe(l.open_reserved);
        expect({ key, onHand: l.on_hand, reserved: l.reserved }).toEqual({ key, onHand: model.onHand.get(key) ?? 0, reserved: model.reserved.get(key) ?? 0 });
      }
      expect(await t.tx((ctx) => checkStockInvariants(ctx))).toEqual([]);
    }),
    { numRuns: 25 },
  );
}, 300_000);
