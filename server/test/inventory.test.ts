import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStockInvariants, lowStockAlerts } from '../src/modules/inventory';
import { advanceOrder } from '../src/modules/orders';
import { expectStatus, makePaidOrder, makeProduct, makeShop, makeWarehouse, orderInput, receiveStock, seedCatalog, uniqueCode } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

let t: TestApp;
let admin: Client;
let supervisor: Client;
let warehouseStaff: Client;
let cs: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  supervisor = await t.signIn(['supervisor']);
  warehouseStaff = await t.signIn(['warehouse']);
  cs = await t.signIn(['cs_presale']);
});
afterAll(() => t.close());

async function level(skuCode: string, warehouseCode: string) {
  const res = expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${skuCode}&warehouseCode=${warehouseCode}`), 200);
  return res.items[0] as { onHand: number; reserved: number; available: number } | undefined;
}

async function listingOf(productId: number, skuCode: string) {
  const product = expectStatus(await admin.get(`/api/v1/products/${productId}`), 200);
  return product.skus.find((s: { code: string }) => s.code === skuCode) as { listingStatus: string; listingPinned: boolean };
}

type Sku = { id: number; code: string; price: number };
type Line = { skuCode: string; quantity: number; unitPrice: number };
const line = (sku: Sku, quantity: number): Line => ({ skuCode: sku.code, quantity, unitPrice: sku.price });

/** A shop shipping from `warehouse` (its preferred warehouse), or from none. */
const shopFor = (warehouse: { code: string } | null) => makeShop(admin, warehouse ? { defaultWarehouseCode: warehouse.code } : {});

/** Customer service takes an unpaid order for `items` in `shop`: intake reserves its stock. */
const placeOrder = (shop: { code: string }, items: Line[]) => cs.post('/api/v1/orders', orderInput(shop.code, [], { items }));

async function reserve(shop: { code: string }, items: Line[]): Promise<{ id: number; warehouseId: number }> {
  return expectStatus(await placeOrder(shop, items), 201);
}

async function reserveError(shop: { code: string }, items: Line[]): Promise<{ code: string; message: string; details: { path: string; message: string }[] }> {
  return expectStatus(await placeOrder(shop, items), 409).error;
}

const cancel = (orderId: number, reason: string) => cs.post(`/api/v1/orders/${orderId}/cancel`, { reason });

describe('reservation', () => {
  it('takes stock from the preferred warehouse and records it in the ledger', async () => {
    const { shop, warehouses, skus } = await seedCatalog(admin, { stock: 10 });
    const [main] = warehouses;
    const order = await reserve(shop, [line(skus[0]!, 3), line(skus[1]!, 1)]);
    expect(order.warehouseId).toBe(main.id);
    expect(await level(skus[0]!.code, main.code)).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
    const movements = expectStatus(await admin.get(`/api/v1/inventory/movements?skuCode=${skus[0]!.code}`), 200);
    expect(movements.items[0]).toMatchObject({ reason: 'reservation', reservedDelta: 3, onHandDelta: 0, refType: 'order', refId: String(order.id) });
  });

  it('sums repeated lines of the same SKU', async () => {
    const { shop, warehouses, skus } = await seedCatalog(admin, { stock: 5 });
    await reserve(shop, [line(skus[0]!, 2), line(skus[0]!, 2)]);
    expect(await level(skus[0]!.code, warehouses[0].code)).toMatchObject({ reserved: 4 });
    const err = await reserveError(shop, [line(skus[1]!, 1), line(skus[0]!, 1), line(skus[0]!, 1)]);
    expect(err.details).toEqual([{ path: 'items.1.skuCode', message: skus[0]!.code }]);
  });

  it('prefers the preferred warehouse over one that comes first', async () => {
    const { warehouses, skus } = await seedCatalog(admin, { stock: 5 });
    const [main, backup] = warehouses;
    await receiveStock(admin, backup.code, [{ skuCode: skus[0]!.code, quantity: 5 }]);
    expect((await reserve(await shopFor(backup), [line(skus[0]!, 1)])).warehouseId).toBe(backup.id);
    expect(await level(skus[0]!.code, main.code)).toMatchObject({ reserved: 0 });
  });

  it('falls back to another warehouse that can serve every line, undoing the partial reservation', async () => {
    const { shop, warehouses, skus } = await seedCatalog(admin, { stock: 1 });
    const [main, backup] = warehouses;
    await receiveStock(admin, backup.code, [
      { skuCode: skus[0]!.code, quantity: 5 },
      { skuCode: skus[1]!.code, quantity: 5 },
    ]);
    // main has 1 of each: the first SKU fits there but 2 of the second do not, so the whole order goes to backup.
    expect((await reserve(shop, [line(skus[0]!, 1), line(skus[1]!, 2)])).warehouseId).toBe(backup.id);
    expect(await level(skus[0]!.code, main.code)).toMatchObject({ reserved: 0 });
    expect(await level(skus[0]!.code, backup.code)).toMatchObject({ reserved: 1 });
    expect(await level(skus[1]!.code, backup.code)).toMatchObject({ reserved: 2 });
    const mainMovements = expectStatus(await admin.get(`/api/v1/inventory/movements?skuCode=${skus[0]!.code}&warehouseCode=${main.code}&reason=reservation`), 200);
    expect(mainMovements.total).toBe(0);
    expect(await t.tx((ctx) => checkStockInvariants(ctx))).toEqual([]);
  });

  it('does not split an order across warehouses, and names the short line', async () => {
    const { shop, warehouses, skus } = await seedCatalog(admin, { stock: 0 });
    const [main, backup] = warehouses;
    await receiveStock(admin, main.code, [{ skuCode: skus[0]!.code, quantity: 5 }]);
    await receiveStock(admin, backup.code, [{ skuCode: skus[1]!.code, quantity: 5 }]);
    const err = await reserveError(shop, [line(skus[0]!, 1), line(skus[1]!, 1)]);
    expect(err.code).toBe('insufficient_stock');
    expect(err.details).toEqual([{ path: 'items.1.skuCode', message: skus[1]!.code }]);
    expect(err.message).toContain(skus[1]!.code);
    expect(await level(skus[0]!.code, main.code)).toMatchObject({ reserved: 0 });
  });

  it('refuses with insufficient_stock naming every SKU no warehouse has enough of', async () => {
    const { warehouses, skus } = await seedCatalog(admin, { stock: 2 });
    const err = await reserveError(await shopFor(null), [line(skus[1]!, 3), line(skus[0]!, 1)]);
    expect(err.code).toBe('insufficient_stock');
    expect(err.message).toBe(`商品 ${skus[1]!.code} 库存不足（需要 3，可用 2）`);
    expect(err.details).toEqual([{ path: 'items.0.skuCode', message: skus[1]!.code }]);
    expect(await level(skus[0]!.code, warehouses[0].code)).toMatchObject({ reserved: 0 });
  });

  it('serves an order without a preferred warehouse from the first that can', async () => {
    const { warehouses, skus } = await seedCatalog(admin, { stock: 0 });
    await receiveStock(admin, warehouses[1].code, [{ skuCode: skus[0]!.code, quantity: 3 }]);
    expect((await reserve(await shopFor(null), [line(skus[0]!, 3)])).warehouseId).toBe(warehouses[1].id);
  });

  it('skips an inactive warehouse even when it is preferred', async () => {
    const { shop, warehouses, skus } = await seedCatalog(admin, { stock: 5 });
    const [main, backup] = warehouses;
    await receiveStock(admin, backup.code, [{ skuCode: skus[0]!.code, quantity: 5 }]);
    expectStatus(await admin.patch(`/api/v1/warehouses/${main.id}`, { active: false }), 200);
    expect((await reserve(shop, [line(skus[0]!, 1)])).warehouseId).toBe(backup.id);
  });

  it('a cancelled order gives the stock back, once', async () => {
    const { shop, warehouses, skus } = await seedCatalog(admin, { stock: 4 });
    const order = await reserve(shop, [line(skus[0]!, 4)]);
    expectStatus(await cancel(order.id, '买家取消'), 200);
    expectStatus(await cancel(order.id, '买家取消'), 409);
    expect(await level(skus[0]!.code, warehouses[0].code)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    const movements = expectStatus(await admin.get(`/api/v1/inventory/movements?skuCode=${skus[0]!.code}&reason=release`), 200);
    expect(movements.items).toHaveLength(1);
    expect(movements.items[0]).toMatchObject({ reservedDelta: -4, note: '订单取消：买家取消' });
  });

  it('a shipment takes the shipped units out of on hand and reserved', async () => {
    const { shop, warehouses, skus } = await seedCatalog(admin, { stock: 4 });
    const order = await makePaidOrder(cs, orderInput(shop.code, [], { items: [line(skus[0]!, 3)] }));
    expect(order.status).toBe('awaiting_fulfillment');
    await t.tx((ctx) => advanceOrder(ctx, order.id, 'start_fulfillment'));
    await t.tx((ctx) => advanceOrder(ctx, order.id, 'ship'));
    expect(await level(skus[0]!.code, warehouses[0].code)).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
    const movements = expectStatus(await admin.get(`/api/v1/inventory/movements?skuCode=${skus[0]!.code}&reason=shipment`), 200);
    expect(movements.items).toMatchObject([{ onHandDelta: -3, reservedDelta: -3, refId: String(order.id) }]);
    expect(await t.tx((ctx) => checkStockInvariants(ctx))).toEqual([]);
  });
});

describe('automatic listing', () => {
  it('delists a SKU when its last sellable unit is reserved and relists it when stock returns, auditing both', async () => {
    const { shop, skus, product } = await seedCatalog(admin, { stock: 2 });
    const order = await reserve(shop, [line(skus[0]!, 2)]);
    expect((await listingOf(product.id, skus[0]!.code)).listingStatus).toBe('delisted');
    expect((await listingOf(product.id, skus[1]!.code)).listingStatus).toBe('on_sale');
    expectStatus(await cancel(order.id, 'cancelled'), 200);
    expect((await listingOf(product.id, skus[0]!.code)).listingStatus).toBe('on_sale');
    const events = expectStatus(await admin.get(`/api/v1/products/${product.id}/events`), 200);
    const actions = events.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['product.create', 'sku.autoDelist', 'sku.autoRelist']));
  });

  it('keeps a SKU on sale while another warehouse still has it', async () => {
    const { shop, warehouses, skus, product } = await seedCatalog(admin, { stock: 1 });
    await receiveStock(admin, warehouses[1].code, [{ skuCode: skus[0]!.code, quantity: 1 }]);
    await reserve(shop, [line(skus[0]!, 1)]);
    expect((await listingOf(product.id, skus[0]!.code)).listingStatus).toBe('on_sale');
  });

  it('relists on receipt, and leaves a pinned SKU alone', async () => {
    const warehouse = await makeWarehouse(admin);
    const shop = await shopFor(warehouse);
    const product = await makeProduct(admin, [{ listingStatus: 'delisted' }, { listingStatus: 'delisted', listingPinned: true }]);
    const [free, pinned] = product.skus;
    await receiveStock(admin, warehouse.code, [
      { skuCode: free.code, quantity: 3 },
      { skuCode: pinned.code, quantity: 3 },
    ]);
    expect((await listingOf(product.id, free.code)).listingStatus).toBe('on_sale');
    expect((await listingOf(product.id, pinned.code)).listingStatus).toBe('delisted');

    await reserve(shop, [line(free, 3)]);
    expect((await listingOf(product.id, free.code)).listingStatus).toBe('delisted');
    expectStatus(await admin.patch(`/api/v1/skus/${pinned.id}`, { listingStatus: 'on_sale' }), 200);
    await reserve(shop, [line(pinned, 3)]);
    expect((await listingOf(product.id, pinned.code)).listingStatus).toBe('on_sale');
  });
});

describe('receipts', () => {
  it('add stock, create the level on first receipt and write one movement per SKU', async () => {
    const warehouse = await makeWarehouse(admin, { bins: ['A-01-01'] });
    const product = await makeProduct(admin, [{}, {}]);
    const [a, b] = product.skus;
    const res = await warehouseStaff.post('/api/v1/inventory/receipts', {
      warehouseCode: warehouse.code,
      reference: 'PO-2026-001',
      lines: [
        { skuCode: a.code, quantity: 5, binCode: 'A-01-01' },
        { skuCode: b.code, quantity: 2 },
        { skuCode: a.code, quantity: 1 },
      ],
    });
    const body = expectStatus(res, 201);
    expect(body.levels.find((l: { skuCode: string }) => l.skuCode === a.code)).toMatchObject({ onHand: 6, reserved: 0, available: 6, binCode: 'A-01-01', warehouseCode: warehouse.code });
    const movements = expectStatus(await admin.get(`/api/v1/inventory/movements?skuCode=${a.code}`), 200);
    expect(movements.items).toEqual([
      expect.objectContaining({ reason: 'receipt', onHandDelta: 6, refType: 'receipt', refId: 'PO-2026-001', actorId: warehouseStaff.userId, actorName: expect.stringContaining('warehouse') }),
    ]);
  });

  it('name the unknown SKU, bin and warehouse fields', async () => {
    const warehouse = await makeWarehouse(admin);
    const product = await makeProduct(admin);
    const unknownSku = await admin.post('/api/v1/inventory/receipts', {
      warehouseCode: warehouse.code,
      lines: [
        { skuCode: product.skus[0].code, quantity: 1 },
        { skuCode: 'NO-SUCH-SKU', quantity: 1 },
      ],
    });
    expect(unknownSku.status).toBe(422);
    expect(unknownSku.body.error).toMatchObject({ code: 'unknown_sku', details: [{ path: 'lines.1.skuCode', message: 'NO-SUCH-SKU' }] });

    const unknownBin = await admin.post('/api/v1/inventory/receipts', { warehouseCode: warehouse.code, lines: [{ skuCode: product.skus[0].code, quantity: 1, binCode: 'Z-99' }] });
    expect(unknownBin.status).toBe(422);
    expect(unknownBin.body.error.details).toEqual([{ path: 'lines.0.binCode', message: 'Z-99' }]);

    const unknownWarehouse = await admin.post('/api/v1/inventory/receipts', { warehouseCode: 'NOPE', lines: [{ skuCode: product.skus[0].code, quantity: 1 }] });
    expect(unknownWarehouse.status).toBe(422);
    expect(unknownWarehouse.body.error.details).toEqual([{ path: 'warehouseCode', message: 'NOPE' }]);

    const badQuantity = await admin.post('/api/v1/inventory/receipts', { warehouseCode: warehouse.code, lines: [{ skuCode: product.skus[0].code, quantity: 0 }] });
    expect(badQuantity.status).toBe(400);
    expect(badQuantity.body.error.details[0].path).toBe('lines.0.quantity');
  });

  it('are refused to customer service and audited for the warehouse', async () => {
    const warehouse = await makeWarehouse(admin);
    const product = await makeProduct(admin);
    const refused = await cs.post('/api/v1/inventory/receipts', { warehouseCode: warehouse.code, lines: [{ skuCode: product.skus[0].code, quantity: 1 }] });
    expect(refused.status).toBe(403);
    await receiveStock(warehouseStaff, warehouse.code, [{ skuCode: product.skus[0].code, quantity: 7 }]);
    const events = await t.deps.database.query(`SELECT action, actor_id FROM audit_events WHERE entity_type = 'warehouse' AND entity_id = $1 ORDER BY id`, [
      String(warehouse.id),
    ]);
    expect(events.rows.map((r) => [r.action, r.actor_id])).toEqual([
      ['warehouse.create', admin.userId],
      ['inventory.receive', warehouseStaff.userId],
    ]);
  });
});

describe('adjustments', () => {
  it('change on hand with a reason, by delta or by count, and are audited', async () => {
    const { warehouses, skus, product } = await seedCatalog(admin, { stock: 10 });
    const code = warehouses[0].code;
    const byDelta = expectStatus(await supervisor.post('/api/v1/inventory/adjustments', { warehouseCode: code, skuCode: skus[0]!.code, delta: -3, reason: '破损' }), 201);
    expect(byDelta).toMatchObject({ onHand: 7, available: 7 });
    const byCount = expectStatus(await supervisor.post('/api/v1/inventory/adjustments', { warehouseCode: code, skuCode: skus[0]!.code, countedQuantity: 9, reason: '盘点' }), 201);
    expect(byCount).toMatchObject({ onHand: 9 });
    const movements = expectStatus(await admin.get(`/api/v1/inventory/movements?skuCode=${skus[0]!.code}&reason=adjustment`), 200);
    expect(movements.items.map((m: { onHandDelta: number; note: string }) => [m.onHandDelta, m.note])).toEqual([
      [2, '盘点'],
      [-3, '破损'],
    ]);
    const events = expectStatus(await admin.get(`/api/v1/products/${product.id}/events`), 200);
    const adjustEvent = events.items.find((e: { action: string }) => e.action === 'inventory.adjust');
    expect(adjustEvent).toMatchObject({ before: { onHand: 10 }, after: { onHand: 7, reason: '破损' } });
  });

  it('never take on hand below what orders reserved, nor below zero', async () => {
    const { shop, warehouses, skus } = await seedCatalog(admin, { stock: 5 });
    await reserve(shop, [line(skus[0]!, 4)]);
    const belowReserved = await supervisor.post('/api/v1/inventory/adjustments', { warehouseCode: warehouses[0].code, skuCode: skus[0]!.code, delta: -2, reason: '丢失' });
    expect(belowReserved.status).toBe(409);
    expect(belowReserved.body.error).toMatchObject({ code: 'below_reserved', details: [{ path: 'delta' }] });
    const negative = await supervisor.post('/api/v1/inventory/adjustments', { warehouseCode: warehouses[1].code, skuCode: skus[0]!.code, delta: -1, reason: '丢失' });
    expect(negative.status).toBe(409);
    expect(negative.body.error.code).toBe('negative_stock');
    expect(await level(skus[0]!.code, warehouses[0].code)).toMatchObject({ onHand: 5, reserved: 4 });
  });

  it('need a reason and exactly one of delta or countedQuantity, and a supervisor', async () => {
    const { warehouses, skus } = await seedCatalog(admin, { stock: 5 });
    const body = { warehouseCode: warehouses[0].code, skuCode: skus[0]!.code };
    const noReason = await supervisor.post('/api/v1/inventory/adjustments', { ...body, delta: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.map((d: { path: string }) => d.path)).toContain('reason');
    const both = await supervisor.post('/api/v1/inventory/adjustments', { ...body, delta: 1, countedQuantity: 3, reason: 'x' });
    expect(both.status).toBe(400);
    expect((await warehouseStaff.post('/api/v1/inventory/adjustments', { ...body, delta: 1, reason: 'x' })).status).toBe(403);
  });
});

describe('levels, movements and alerts', () => {
  it('list levels with filters and flag low stock against the SKU safety stock or the default', async () => {
    const warehouse = await makeWarehouse(admin);
    const product = await makeProduct(admin, [{ safetyStock: 10 }, { safetyStock: null }, { safetyStock: 0 }], { name: '低库存测试商品' });
    const [own, fallback, none] = product.skus;
    await receiveStock(admin, warehouse.code, [
      { skuCode: own.code, quantity: 8 },
      { skuCode: fallback.code, quantity: 60 },
      { skuCode: none.code, quantity: 1 },
    ]);
    const all = expectStatus(await admin.get(`/api/v1/inventory/levels?warehouseCode=${warehouse.code}`), 200);
    expect(all.total).toBe(3);
    const low = expectStatus(await admin.get(`/api/v1/inventory/levels?warehouseCode=${warehouse.code}&lowStock=true`), 200);
    expect(low.items.map((l: { skuCode: string }) => l.skuCode)).toEqual([own.code]);

    // The default (50) applies to a SKU without its own safety stock.
    await supervisor.post('/api/v1/inventory/adjustments', { warehouseCode: warehouse.code, skuCode: fallback.code, countedQuantity: 49, reason: '盘点' });
    const alerts = await t.tx((ctx) => lowStockAlerts(ctx, 500));
    const mine = alerts.items.filter((a) => a.warehouseId === warehouse.id);
    expect(mine.map((a) => [a.skuCode, a.shortfall])).toEqual([
      [own.code, 2],
      [fallback.code, 1],
    ]);
    const viaApi = expectStatus(await cs.get('/api/v1/inventory/alerts'), 200);
    expect(viaApi.items.some((a: { skuCode: string }) => a.skuCode === own.code)).toBe(true);
    const byName = expectStatus(await admin.get(`/api/v1/inventory/levels?q=${encodeURIComponent('低库存测试')}`), 200);
    expect(byName.total).toBe(3);
  });

  it('paginate movements newest first', async () => {
    const { warehouses, skus } = await seedCatalog(admin, { stock: 1 });
    for (const reason of ['r1', 'r2', 'r3']) {
      expectStatus(await supervisor.post('/api/v1/inventory/adjustments', { warehouseCode: warehouses[0].code, skuCode: skus[0]!.code, delta: 1, reason }), 201);
    }
    const page = expectStatus(await admin.get(`/api/v1/inventory/movements?skuCode=${skus[0]!.code}&pageSize=2&page=1`), 200);
    expect(page).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(page.items.map((m: { note: string | null }) => m.note)).toEqual(['r3', 'r2']);
  });

  it('offer SKUs to pickers with their sellable stock', async () => {
    const { skus } = await seedCatalog(admin, { stock: 7 });
    const res = expectStatus(await cs.get(`/api/v1/skus?q=${skus[0]!.code}`), 200);
    expect(res.items[0]).toMatchObject({ code: skus[0]!.code, available: 7, productName: '纯棉T恤' });
  });
});

describe('warehouses', () => {
  it('are created with bins, refuse duplicate codes, and only admin manages them', async () => {
    const code = uniqueCode('WH');
    const created = expectStatus(await admin.post('/api/v1/warehouses', { code, name: '北京仓', bins: ['A-01', 'A-02', 'A-01'] }), 201);
    expect(created.bins.map((b: { code: string }) => b.code)).toEqual(['A-01', 'A-02']);
    const duplicate = await admin.post('/api/v1/warehouses', { code, name: '又一个' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.details).toEqual([{ path: 'code', message: code }]);
    expect((await supervisor.post('/api/v1/warehouses', { code: uniqueCode('WH'), name: 'x' })).status).toBe(403);

    const withBin = expectStatus(await admin.post(`/api/v1/warehouses/${created.id}/bins`, { codes: ['B-01'] }), 201);
    expect(withBin.bins).toHaveLength(3);
    const binTaken = await admin.post(`/api/v1/warehouses/${created.id}/bins`, { codes: ['C-01', 'A-02'] });
    expect(binTaken.status).toBe(409);
    expect(binTaken.body.error.details).toEqual([{ path: 'codes.1', message: 'A-02' }]);
    expect(expectStatus(await cs.get(`/api/v1/warehouses/${created.id}`), 200).bins).toHaveLength(3);
  });

  it('list with filters', async () => {
    const w = await makeWarehouse(admin, { name: '成都西部仓' });
    const res = expectStatus(await warehouseStaff.get(`/api/v1/warehouses?q=${encodeURIComponent('成都西部')}`), 200);
    expect(res.items.map((x: { code: string }) => x.code)).toEqual([w.code]);
  });
});

describe('stock invariant check', () => {
  it('finds a level that disagrees with its ledger', async () => {
    const { warehouses, skus } = await seedCatalog(admin, { stock: 3 });
    expect(await t.tx((ctx) => checkStockInvariants(ctx))).toEqual([]);
    await t.deps.database.query('UPDATE stock_levels SET on_hand = on_hand + 5 WHERE sku_id = $1 AND warehouse_id = $2', [skus[0]!.id, warehouses[0].id]);
    const problems = await t.tx((ctx) => checkStockInvariants(ctx));
    expect(problems).toEqual([expect.objectContaining({ kind: 'on_hand_vs_ledger', skuId: skus[0]!.id, warehouseId: warehouses[0].id, expected: 3, actual: 8 })]);
    await t.deps.database.query('UPDATE stock_levels SET on_hand = on_hand - 5 WHERE sku_id = $1 AND warehouse_id = $2', [skus[0]!.id, warehouses[0].id]);
  });

  it('finds reserved stock without open reservations', async () => {
    const { shop, skus } = await seedCatalog(admin, { stock: 3 });
    const order = await reserve(shop, [line(skus[0]!, 2)]);
    await t.deps.database.query(`UPDATE stock_reservations SET released_quantity = quantity WHERE order_id = $1`, [order.id]);
    const problems = await t.tx((ctx) => checkStockInvariants(ctx));
    expect(problems.map((p) => p.kind)).toEqual(['reserved_vs_reservations']);
    await t.deps.database.query(`UPDATE stock_reservations SET released_quantity = 0 WHERE order_id = $1`, [order.id]);
  });
});

describe('shops default warehouse', () => {
  it('is used by callers as the preferred warehouse', async () => {
    const warehouse = await makeWarehouse(admin);
    const shop = await makeShop(admin, { defaultWarehouseCode: warehouse.code });
    expect(shop.defaultWarehouseId).toBe(warehouse.id);
  });
});
