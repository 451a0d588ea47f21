import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStockInvariants, pickBinsOf } from '../src/modules/inventory';
import { expectStatus, makeProduct, makeWarehouse, receiveStock, uniqueCode } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

let t: TestApp;
let admin: Client;
let warehouseStaff: Client;
let cs: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  warehouseStaff = await t.signIn(['warehouse']);
  cs = await t.signIn(['cs_presale']);
});
afterAll(() => t.close());

type Bin = { code: string; walkOrder: number };
const route = (bins: Bin[]) => bins.map((b) => [b.code, b.walkOrder]);
const binsOf = async (warehouseId: number): Promise<Bin[]> => expectStatus(await cs.get(`/api/v1/warehouses/${warehouseId}/bins`), 200).items;

async function levelOf(skuCode: string, warehouseCode: string) {
  return expectStatus(await warehouseStaff.get(`/api/v1/inventory/levels?skuCode=${skuCode}&warehouseCode=${warehouseCode}`), 200).items[0];
}

const setPickBin = (body: { warehouseCode: string; skuCode: string; binCode: string | null }) => warehouseStaff.put('/api/v1/inventory/pick-bins', body);

describe('the picking route', () => {
  it('walks bare codes in list order and keeps a walking order given, returned along the route', async () => {
    const warehouse = await makeWarehouse(admin, { bins: ['C-01', 'A-01', { code: 'B-01', walkOrder: 1 }, 'C-01'] });
    // C-01 takes place 1 and A-01 place 2 by position; B-01 asks for 1, so it shares that place with C-01 and goes first by code.
    expect(route(warehouse.bins)).toEqual([
      ['B-01', 1],
      ['C-01', 1],
      ['A-01', 2],
    ]);
    expect(route(await binsOf(warehouse.id))).toEqual(route(warehouse.bins));
  });

  it('puts added bins after the last one, or where they are told', async () => {
    const warehouse = await makeWarehouse(admin, { bins: ['A-01', 'A-02'] });
    const added = expectStatus(await admin.post(`/api/v1/warehouses/${warehouse.id}/bins`, { codes: ['Z-01', { code: 'A-00', walkOrder: 0 }, 'Y-01'] }), 201);
    expect(route(added.bins)).toEqual([
      ['A-00', 0],
      ['A-01', 1],
      ['A-02', 2],
      ['Z-01', 3],
      ['Y-01', 5],
    ]);
  });

  it('is laid anew from the whole list of bins, audited, and refuses a list that is not every bin once', async () => {
    const warehouse = await makeWarehouse(admin, { bins: ['A-01', 'A-02', 'B-01'] });
    const url = `/api/v1/warehouses/${warehouse.id}/bins/walk-order`;
    const laid = expectStatus(await admin.put(url, { codes: ['B-01', 'A-02', 'A-01'] }), 200);
    expect(route(laid.bins)).toEqual([
      ['B-01', 1],
      ['A-02', 2],
      ['A-01', 3],
    ]);
    expect(route(await binsOf(warehouse.id))).toEqual(route(laid.bins));

    const unknown = expectStatus(await admin.put(url, { codes: ['B-01', 'A-02', 'A-01', 'X-09'] }), 422).error;
    expect(unknown).toMatchObject({ code: 'unknown_bin', details: [{ path: 'codes.3', message: 'X-09' }] });
    const repeated = expectStatus(await admin.put(url, { codes: ['B-01', 'A-02', 'B-01', 'A-01'] }), 422).error;
    expect(repeated).toMatchObject({ code: 'duplicate_bin', details: [{ path: 'codes.2', message: 'B-01' }] });
    const missing = expectStatus(await admin.put(url, { codes: ['A-01', 'B-01'] }), 422).error;
    expect(missing).toMatchObject({ code: 'bins_missing', details: [{ path: 'codes' }] });
    expect(missing.message).toContain('A-02');
    expect((await warehouseStaff.put(url, { codes: ['A-01', 'A-02', 'B-01'] })).status).toBe(403);
    expect(route(await binsOf(warehouse.id))).toEqual(route(laid.bins));

    const events = await t.deps.database.query(`SELECT after FROM audit_events WHERE entity_type = 'warehouse' AND entity_id = $1 AND action = 'warehouse.setWalkingOrder'`, [
      String(warehouse.id),
    ]);
    expect(events.rows).toHaveLength(1);
    expect(route((events.rows[0]!.after as { bins: Bin[] }).bins)).toEqual(route(laid.bins));
  });

  it('names the walking order field when it is not a whole number of zero or more', async () => {
    const res = await admin.post('/api/v1/warehouses', { code: uniqueCode('WH'), name: '坏顺序仓', bins: [{ code: 'A-01', walkOrder: -1 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('bins.0.walkOrder');
  });
});

describe('pick bins', () => {
  it('are set by a receipt naming a bin, kept by one naming none, and read with their place on the route', async () => {
    const warehouse = await makeWarehouse(admin, { bins: ['A-01', 'B-01'] });
    const [sku] = (await makeProduct(admin)).skus;
    await receiveStock(warehouseStaff, warehouse.code, [{ skuCode: sku.code, quantity: 3, binCode: 'B-01' }]);
    expect(await levelOf(sku.code, warehouse.code)).toMatchObject({ onHand: 3, binCode: 'B-01', binWalkOrder: 2 });
    await receiveStock(warehouseStaff, warehouse.code, [{ skuCode: sku.code, quantity: 1 }]);
    expect(await levelOf(sku.code, warehouse.code)).toMatchObject({ onHand: 4, binCode: 'B-01', binWalkOrder: 2 });
    await receiveStock(warehouseStaff, warehouse.code, [{ skuCode: sku.code, quantity: 1, binCode: 'A-01' }]);
    expect(await levelOf(sku.code, warehouse.code)).toMatchObject({ onHand: 5, binCode: 'A-01', binWalkOrder: 1 });
  });

  it('follow the route when it is laid anew', async () => {
    const warehouse = await makeWarehouse(admin, { bins: ['A-01', 'B-01'] });
    const [sku] = (await makeProduct(admin)).skus;
    await receiveStock(warehouseStaff, warehouse.code, [{ skuCode: sku.code, quantity: 1, binCode: 'A-01' }]);
    expectStatus(await admin.put(`/api/v1/warehouses/${warehouse.id}/bins/walk-order`, { codes: ['B-01', 'A-01'] }), 200);
    expect(await levelOf(sku.code, warehouse.code)).toMatchObject({ binCode: 'A-01', binWalkOrder: 2 });
  });

  it('are changed and cleared by warehouse staff, audited, without moving stock', async () => {
    const warehouse = await makeWarehouse(admin, { bins: ['A-01', 'B-01'] });
    const [sku] = (await makeProduct(admin)).skus;
    await receiveStock(warehouseStaff, warehouse.code, [{ skuCode: sku.code, quantity: 2, binCode: 'A-01' }]);
    const moved = expectStatus(await setPickBin({ warehouseCode: warehouse.code, skuCode: sku.code, binCode: 'B-01' }), 200);
    expect(moved).toMatchObject({ skuCode: sku.code, onHand: 2, binCode: 'B-01', binWalkOrder: 2 });
    const cleared = expectStatus(await setPickBin({ warehouseCode: warehouse.code, skuCode: sku.code, binCode: null }), 200);
    expect(cleared).toMatchObject({ onHand: 2, binCode: null, binWalkOrder: null });
    expect((await cs.put('/api/v1/inventory/pick-bins', { warehouseCode: warehouse.code, skuCode: sku.code, binCode: 'A-01' })).status).toBe(403);

    const events = await t.deps.database.query(`SELECT actor_id, before, after FROM audit_events WHERE action = 'inventory.setPickBin' AND entity_id = $1 ORDER BY id`, [String(sku.id)]);
    expect(events.rows.map((e) => [e.actor_id, (e.before as { binCode: string | null }).binCode, (e.after as { binCode: string | null }).binCode])).toEqual([
      [warehouseStaff.userId, 'A-01', 'B-01'],
      [warehouseStaff.userId, 'B-01', null],
    ]);
    const movements = expectStatus(await admin.get(`/api/v1/inventory/movements?skuCode=${sku.code}`), 200);
    expect(movements.total).toBe(1);
  });

  it('may be set before the SKU has stock there', async () => {
    const warehouse = await makeWarehouse(admin, { bins: ['A-01'] });
    const [sku] = (await makeProduct(admin)).skus;
    expect(expectStatus(await setPickBin({ warehouseCode: warehouse.code, skuCode: sku.code, binCode: 'A-01' }), 200)).toMatchObject({ onHand: 0, binCode: 'A-01' });
    expect(await t.tx((ctx) => checkStockInvariants(ctx))).toEqual([]);
  });

  it('refuse a bin of another warehouse, naming the field, and the database refuses it too', async () => {
    const here = await makeWarehouse(admin, { bins: ['A-01'] });
    const there = await makeWarehouse(admin, { bins: ['X-01'] });
    const [sku] = (await makeProduct(admin)).skus;
    const receipt = await warehouseStaff.post('/api/v1/inventory/receipts', { warehouseCode: here.code, lines: [{ skuCode: sku.code, quantity: 1, binCode: 'X-01' }] });
    expect(receipt.status).toBe(422);
    expect(receipt.body.error).toMatchObject({ code: 'unknown_bin', details: [{ path: 'lines.0.binCode', message: 'X-01' }] });
    const set = await setPickBin({ warehouseCode: here.code, skuCode: sku.code, binCode: 'X-01' });
    expect(set.status).toBe(422);
    expect(set.body.error).toMatchObject({ code: 'unknown_bin', details: [{ path: 'binCode', message: 'X-01' }] });
    expect(set.body.error.message).toContain(here.code);
    expect(await levelOf(sku.code, here.code)).toBeUndefined();

    await receiveStock(warehouseStaff, here.code, [{ skuCode: sku.code, quantity: 1, binCode: 'A-01' }]);
    const otherBinId = there.bins[0].id as number;
    await expect(t.deps.database.query('UPDATE stock_levels SET pick_bin_id = $1 WHERE sku_id = $2 AND warehouse_id = $3', [otherBinId, sku.id, here.id])).rejects.toThrow(
      /stock_levels_pick_bin_fk/,
    );
  });

  it('are handed to pick lists in walking order, SKUs without one left out', async () => {
    const warehouse = await makeWarehouse(admin, { bins: ['A-01', 'B-01', 'C-01'] });
    const [first, second, third, unplaced] = (await makeProduct(admin, [{}, {}, {}, {}])).skus;
    await receiveStock(warehouseStaff, warehouse.code, [
      { skuCode: first.code, quantity: 1, binCode: 'C-01' },
      { skuCode: second.code, quantity: 1, binCode: 'A-01' },
      { skuCode: third.code, quantity: 1, binCode: 'B-01' },
      { skuCode: unplaced.code, quantity: 1 },
    ]);
    const bins = await t.tx((ctx) => pickBinsOf(ctx, warehouse.id, [first.id, second.id, third.id, unplaced.id, first.id]));
    expect(bins.map((b) => [b.skuId, b.binCode, b.walkOrder])).toEqual([
      [second.id, 'A-01', 1],
      [third.id, 'B-01', 2],
      [first.id, 'C-01', 3],
    ]);
  });
});

describe('movement reasons', () => {
  it('are declared: the database refuses any other, and the list filter names the field', async () => {
    const warehouse = await makeWarehouse(admin);
    const [sku] = (await makeProduct(admin)).skus;
    const insert = (reason: string) =>
      t.deps.database.query(`INSERT INTO stock_movements (sku_id, warehouse_id, on_hand_delta, reason, at) VALUES ($1, $2, 0, $3, now())`, [sku.id, warehouse.id, reason]);
    await expect(insert('exchange_out')).rejects.toThrow(/stock_movements_reason_declared/);
    await expect(insert('write_off')).resolves.toBeDefined();
    const filter = await admin.get('/api/v1/inventory/movements?reason=lost');
    expect(filter.status).toBe(400);
    expect(filter.body.error.details[0].path).toBe('reason');
  });
});
