import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStockInvariants } from '../src/modules/inventory';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePaidOrder, makeProduct, makeShop, orderInput, receiveStock, seedCatalog, ztoTrackingNo } from './factories';

/** 合单: orders of one buyer to one address merged, waved, packed, weighed and shipped as one parcel. */

let t: TestApp;
let admin: Client;
let cs: Client;
let packer: Client;
let packer2: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  packer = await t.signIn(['warehouse']);
  packer2 = await t.signIn(['warehouse'], 'packer-two');
});
afterAll(() => t.close());

let serial = 0;

type Sku = { id: number; code: string; barcode: string; price: number };

/**
 * A warehouse of its own with SKUs A (300 g) and B (150 g) in stock and C stocked only in the backup
 * warehouse; `order(sku, buyer?)` pays an approved order of one unit for the same buyer and address
 * each time (the duplicate rule holds every one after the first, and customer service approves it).
 */
async function shopWithBuyer() {
  const catalog = await seedCatalog(admin, { skuCount: 1, stock: 0 });
  const n = ++serial;
  const [a, b, c] = (
    await makeProduct(admin, [
      { barcode: `6931${process.pid % 10000}${n}1`, weightGrams: 300 },
      { barcode: `6931${process.pid % 10000}${n}2`, weightGrams: 150 },
      { barcode: `6931${process.pid % 10000}${n}3`, weightGrams: 100 },
    ])
  ).skus as Sku[];
  const [main, backup] = catalog.warehouses as { code: string }[];
  await receiveStock(admin, main!.code, [
    { skuCode: a!.code, quantity: 10 },
    { skuCode: b!.code, quantity: 10 },
  ]);
  await receiveStock(admin, backup!.code, [{ skuCode: c!.code, quantity: 10 }]);
  const buyer = orderInput(catalog.shop.code, []);
  const order = async (sku: Sku, overrides: Record<string, unknown> = {}) => {
    const made = await makePaidOrder(cs, { ...buyer, items: [{ skuCode: sku.code, quantity: 1, unitPrice: sku.price }], ...overrides });
    if (made.status === 'on_hold') expectStatus(await cs.post(`/api/v1/orders/${made.id}/approve`), 200);
    return made as { id: number; orderNo: string };
  };
  return { shop: catalog.shop, buyer, a: a!, b: b!, c: c!, warehouseCode: main!.code, order };
}

const merge = (...orderIds: number[]) => cs.post('/api/v1/orders/merge', { orderIds });
const detail = async (id: number) => expectStatus(await cs.get(`/api/v1/orders/${id}`), 200);
const orderEvents = async (id: number) =>
  (await t.deps.database.query(`SELECT action, after FROM audit_events WHERE entity_type = 'order' AND entity_id = $1 ORDER BY id`, [String(id)])).rows as { action: string; after: any }[];
const shipmentsOf = async (skuId: number) =>
  (await t.deps.database.query(`SELECT on_hand_delta AS "onHand", ref_id AS "refId" FROM stock_movements WHERE sku_id = $1 AND reason = 'shipment' ORDER BY id`, [skuId])).rows;
const open = (client: Client, scan: string) => client.post('/api/v1/packing/sessions', { scan });
const scan = (id: number, barcode: string) => packer.post(`/api/v1/packing/sessions/${id}/scans`, { barcode });

describe('merging orders (合单)', () => {
  it('lists the same buyer’s other approved orders to the same address, and refuses what cannot share a parcel with a clear code', async () => {
    const s = await shopWithBuyer();
    const first = await s.order(s.a);
    const second = await s.order(s.b);
    const elsewhere = await s.order(s.a, { address: { ...s.buyer.address, detail: `${s.buyer.address.detail} 后门` } });
    const otherBuyer = await makePaidOrder(cs, orderInput(s.shop.code, [s.a]));
    const fromBackup = await s.order(s.c);
    const green = await s.order(s.b);
    expectStatus(await cs.post(`/api/v1/orders/${green.id}/remarks`, { content: '疑似刷单', flag: 'green' }), 201);
    const held = await s.order(s.b);
    expectStatus(await cs.post(`/api/v1/orders/${held.id}/hold`, { reason: '买家要改地址' }), 200);
    const otherShop = await makeShop(admin, { defaultWarehouseCode: s.warehouseCode });
    const inOtherShop = await makePaidOrder(cs, { ...s.buyer, shopCode: otherShop.code, items: [{ skuCode: s.a.code, quantity: 1, unitPrice: s.a.price }] });

    const mergeable = expectStatus(await cs.get(`/api/v1/orders/${first.id}/mergeable`), 200);
    expect(mergeable.items.map((o: { orderNo: string }) => o.orderNo)).toEqual([second.orderNo]);
    expect((await detail(first.id)).merge).toEqual({ id: null, orders: [], canMerge: true, canUnmerge: false });

    const refusal = async (other: { id: number }, code: string) => {
      const res = await merge(first.id, other.id);
      expect(res.status, code).toBe(409);
      expect(res.body.error).toMatchObject({ code, details: [{ path: 'orderIds.1' }] });
      return res.body.error.message as string;
    };
    expect(await refusal(otherBuyer, 'different_buyer')).toContain('不是同一个买家');
    expect(await refusal(elsewhere, 'different_address')).toContain('收货地址不同');
    expect(await refusal(fromBackup, 'different_warehouse')).toContain('不在同一个仓库发货');
    expect(await refusal(green, 'order_flagged')).toContain('绿旗');
    expect(await refusal(held, 'order_held')).toContain('挂起中');
    expect(await refusal(inOtherShop, 'different_shop')).toContain('不是同一个店铺');
    expect((await merge(first.id, first.id)).body.error.code).toBe('too_few_orders');
    // a warehouse user sees the order but may not merge it
    expect((await packer.post('/api/v1/orders/merge', { orderIds: [first.id, second.id] })).status).toBe(403);
    expect((await detail(first.id)).merge.id).toBeNull();
  });

  it('merges into one group audited on each order, shows it on the order page, and unmerges before packing', async () => {
    const s = await shopWithBuyer();
    const [x, y, z] = [await s.order(s.a), await s.order(s.b), await s.order(s.b)];
    const group = expectStatus(await merge(x.id, y.id), 201);
    expect(group.orders.map((o: { orderNo: string }) => o.orderNo)).toEqual([x.orderNo, y.orderNo]);
    // a third joins the same group
    expect(expectStatus(await merge(z.id, x.id), 201)).toMatchObject({ id: group.id });
    expect((await detail(x.id)).merge).toEqual({
      id: group.id,
      orders: [
        { id: y.id, orderNo: y.orderNo, status: 'awaiting_fulfillment' },
        { id: z.id, orderNo: z.orderNo, status: 'awaiting_fulfillment' },
      ],
      canMerge: true,
      canUnmerge: true,
    });
    const merged = (await orderEvents(y.id)).filter((e) => e.action === 'order.merge');
    expect(merged).toEqual([{ action: 'order.merge', after: { mergeId: group.id, orderNos: [x.orderNo, y.orderNo] } }]);
    expect((await cs.get(`/api/v1/orders/${x.id}/mergeable`)).body.items).toEqual([]);

    expectStatus(await cs.post(`/api/v1/orders/${z.id}/unmerge`), 200);
    expect((await detail(x.id)).merge.orders.map((o: { orderNo: string }) => o.orderNo)).toEqual([y.orderNo]);
    // the last but one leaves: the group is gone for both
    expectStatus(await cs.post(`/api/v1/orders/${y.id}/unmerge`), 200);
    expect((await detail(x.id)).merge.id).toBeNull();
    expect((await orderEvents(x.id)).at(-1)).toMatchObject({ action: 'order.unmerge', after: { mergeId: null } });
    expect((await cs.post(`/api/v1/orders/${x.id}/unmerge`)).body.error.code).toBe('not_merged');
  });

  it('waves the group whole, packs it as ONE parcel from either slip, weighs and ships it once: every order shipped, a shipment per line', async () => {
    const s = await shopWithBuyer();
    const [x, y] = [await s.order(s.a), await s.order(s.b)];
    expectStatus(await merge(x.id, y.id), 201);
    // two single items merged are one parcel of two: not a single-item wave's
    expect((await packer.post('/api/v1/waves', { warehouseCode: s.warehouseCode, kind: 'single' })).body.error.code).toBe('no_orders_to_wave');
    const wave = expectStatus(await packer.post('/api/v1/waves', { warehouseCode: s.warehouseCode, kind: 'multi', maxOrders: 1 }), 201);
    expect(wave.orders.map((o: { orderNo: string; slot: number }) => [o.orderNo, o.slot])).toEqual([
      [x.orderNo, 1],
      [y.orderNo, 1],
    ]);

    // two packers scan the two slips at once: one session
    const [one, two] = await Promise.all([open(packer, y.orderNo), open(packer2, x.orderNo)]);
    const session = expectStatus(one, 200);
    expect(expectStatus(two, 200).id).toBe(session.id);
    expect(session).toMatchObject({ orderNo: x.orderNo, orderNos: [x.orderNo, y.orderNo], status: 'packing' });
    expect(session.lines.map((l: { orderNo: string; skuCode: string; expected: number }) => [l.orderNo, l.skuCode, l.expected])).toEqual([
      [x.orderNo, s.a.code, 1],
      [y.orderNo, s.b.code, 1],
    ]);
    expect((await cs.post(`/api/v1/orders/${y.id}/unmerge`)).body.error.code).toBe('packing_started');

    expectStatus(await scan(session.id, s.b.barcode), 200);
    expect(expectStatus(await scan(session.id, s.a.barcode), 200).complete).toBe(true);
    const packed = expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200);
    expect(packed.expectedGrams).toBe(300 + 150 + 50);
    expect((await open(packer, y.orderNo)).body.error.code).toBe('already_packed');
    // the scale finds it by either slip
    expect(expectStatus(await packer.get(`/api/v1/parcels/lookup?scan=${y.orderNo}`), 200).id).toBe(session.id);
    expectStatus(await packer.post(`/api/v1/parcels/${session.id}/weigh`, { grams: 500 }), 200);
    const trackingNo = ztoTrackingNo();
    expectStatus(await packer.post(`/api/v1/parcels/${session.id}/ship`, { carrier: 'ZTO', trackingNo }), 200);

    expect((await detail(x.id)).status).toBe('shipped');
    expect((await detail(y.id)).status).toBe('shipped');
    expect(await shipmentsOf(s.a.id)).toEqual([{ onHand: -1, refId: String(x.id) }]);
    expect(await shipmentsOf(s.b.id)).toEqual([{ onHand: -1, refId: String(y.id) }]);
    expect(expectStatus(await packer.get(`/api/v1/waves/${wave.id}`), 200).status).toBe('shipped');
    const told = (await t.deps.database.query(`SELECT payload->>'orderNo' AS "orderNo" FROM outbox WHERE payload->>'parcelId' = $1 AND topic = 'customer.notify' ORDER BY id`, [String(session.id)])).rows;
    expect(told).toEqual([{ orderNo: x.orderNo }, { orderNo: y.orderNo }]);
    expect((await cs.post(`/api/v1/orders/${y.id}/unmerge`)).body.error.code).toBe('cannot_unmerge');
    expect(await t.tx((ctx) => checkStockInvariants(ctx))).toEqual([]);
  });

  it('stops the group’s parcel when one of its orders is cancelled; the others are packed again without it', async () => {
    const s = await shopWithBuyer();
    const [x, y] = [await s.order(s.a), await s.order(s.b)];
    expectStatus(await merge(x.id, y.id), 201);
    expectStatus(await packer.post('/api/v1/waves', { warehouseCode: s.warehouseCode, kind: 'multi' }), 201);
    const session = expectStatus(await open(packer, x.orderNo), 200);
    expectStatus(await scan(session.id, s.a.barcode), 200);
    expectStatus(await scan(session.id, s.b.barcode), 200);

    expectStatus(await cs.post(`/api/v1/orders/${x.id}/cancel`, { reason: '买家不要了' }), 200);
    expect((await scan(session.id, s.a.barcode)).body.error.code).toBe('intercepted');
    expect(expectStatus(await packer.get(`/api/v1/parcels/${session.id}`), 200).status).toBe('intercepted');
    expect((await detail(y.id)).merge.id).toBeNull();

    const again = expectStatus(await open(packer, y.orderNo), 200);
    expect(again.id).not.toBe(session.id);
    expect(again).toMatchObject({ orderNo: y.orderNo, orderNos: [y.orderNo], mergeId: null });
    expect(again.lines.map((l: { skuCode: string }) => l.skuCode)).toEqual([s.b.code]);
    // the cancelled order's item goes back to its bin, the other order's stays on the bench
    const shelving = expectStatus(await packer.post('/api/v1/fulfillment/shelving', { scan: x.orderNo }), 200);
    expect(shelving.lines.map((l: { skuCode: string; quantity: number }) => [l.skuCode, l.quantity])).toEqual([[s.a.code, 1]]);
  });
});
