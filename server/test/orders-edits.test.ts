import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStockInvariants } from '../src/modules/inventory';
import { MINUTE } from '../src/platform/clock';
import { expectStatus, makeOrder, makePaidOrder, makeProduct, makeShippedOrder, orderInput, receiveStock, seedCatalog } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

/** The edits buyers ask for: 改地址 (before and after the wave), 改规格 with its stock, 催付 by hand. */

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

type Sku = { id: number; code: string; price: number };

/** A shop of its own: SKUs M and L of one product in stock (L short: `lStock`), X of another product, an approved order of 2 × M. */
async function approvedOrder(opts: { lStock?: number } = {}) {
  const catalog = await seedCatalog(admin, { skuCount: 1, stock: 0 });
  const [m, l] = (await makeProduct(admin, [{ spec: '白色 M' }, { spec: '白色 L' }])).skus as Sku[];
  const [x] = (await makeProduct(admin, [{ spec: '黑色 M' }], { name: '卫衣' })).skus as Sku[];
  const [main, backup] = catalog.warehouses as { code: string }[];
  await receiveStock(admin, main!.code, [{ skuCode: m!.code, quantity: 10 }, { skuCode: x!.code, quantity: 10 }, ...(opts.lStock ? [{ skuCode: l!.code, quantity: opts.lStock }] : [])]);
  // L is plentiful in the other warehouse: the order's own warehouse is what counts
  await receiveStock(admin, backup!.code, [{ skuCode: l!.code, quantity: 50 }]);
  const order = await makePaidOrder(cs, orderInput(catalog.shop.code, [], { items: [{ skuCode: m!.code, quantity: 2, unitPrice: m!.price }] }));
  expect(order.status).toBe('awaiting_fulfillment');
  return { order, m: m!, l: l!, x: x!, warehouseCode: main!.code, shop: catalog.shop };
}

const newAddress = { name: '李四', phone: '+86 138-0013-8000', province: '上海市', city: '市辖区', district: '浦东新区', detail: '世纪大道 100 号 8 楼', postalCode: '200120' };
const changeAddress = (id: number, body: Record<string, unknown> = newAddress) => cs.patch(`/api/v1/orders/${id}/address`, body);
const changeSku = (id: number, lineId: number, skuCode: string) => cs.post(`/api/v1/orders/${id}/change-sku`, { lineId, skuCode });

const orderRow = async (id: number) => (await t.deps.database.query(`SELECT * FROM orders WHERE id = $1`, [id])).rows[0] as Record<string, any>;
const events = async (id: number) =>
  (await t.deps.database.query(`SELECT action, before, after FROM audit_events WHERE entity_type = 'order' AND entity_id = $1 ORDER BY id`, [String(id)])).rows as { action: string; before: any; after: any }[];
const level = async (skuCode: string, warehouseCode: string) =>
  (expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${skuCode}&warehouseCode=${warehouseCode}`), 200).items as { onHand: number; reserved: number }[])[0];
/** Everything 改规格 could write: stock, ledger, reservations and the order's lines. */
async function written(orderId: number) {
  const { rows } = await t.deps.database.query(
    `SELECT (SELECT json_agg(l ORDER BY l.sku_id, l.warehouse_id) FROM stock_levels l) AS levels,
            (SELECT count(*) FROM stock_movements)::int AS movements,
            (SELECT json_agg(r ORDER BY r.id) FROM stock_reservations r WHERE r.order_id = $1) AS reservations,
            (SELECT json_agg(i ORDER BY i.id) FROM order_items i WHERE i.order_id = $1) AS items,
            (SELECT count(*) FROM audit_events WHERE entity_type = 'order' AND entity_id = $1::text)::int AS events`,
    [orderId],
  );
  return rows[0];
}

describe('改地址', () => {
  it('before the wave: replaces the receiver, re-encrypted and re-indexed as intake does, audited masked, the remarks kept', async () => {
    const { order } = await approvedOrder();
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/remarks`, { content: '买家要改地址', flag: 'red' }), 201);
    const changed = expectStatus(await changeAddress(order.id), 200);
    expect(changed.status).toBe('awaiting_fulfillment');
    expect(changed.edits).toEqual({ changeAddress: true, changeSku: true, remindPayment: false });
    expect(changed.address).toMatchObject({ province: '上海市', city: '市辖区', district: '浦东新区', divisionCode: '310115', divisionMatch: 'exact', postalCode: '200120' });
    expect(changed.buyer).toMatchObject({ name: '李*', phone: '138****8000', phoneKind: 'mobile' });
    expect(changed.remarks.map((r: { content: string }) => r.content)).toEqual(['买家要改地址']);
    expect(changed.flag).toBe('red');

    const revealed = expectStatus(await cs.get(`/api/v1/orders/${order.id}?reveal=1`), 200);
    expect(revealed.buyer).toMatchObject({ name: '李四', phone: '13800138000' });
    expect(revealed.address.detail).toBe('世纪大道 100 号 8 楼');
    const row = await orderRow(order.id);
    expect(row.buyer_phone_index).toBe(t.deps.pii.blindIndex('13800138000'));
    expect(row.address_index).toBe(t.deps.pii.blindIndex('上海市市辖区浦东新区世纪大道100号8楼'));
    // the phone search finds it by the new number
    const found = expectStatus(await cs.get(`/api/v1/orders?phone=13800138000`), 200).items.map((o: { id: number }) => o.id);
    expect(found).toContain(order.id);
    // and the search box by the new phone's last 4 digits and the new receiver's name
    for (const q of ['8000', '李四']) {
      const searched = expectStatus(await cs.get(`/api/v1/orders?q=${encodeURIComponent(q)}&pageSize=100`), 200).items.map((o: { id: number }) => o.id);
      expect(searched).toContain(order.id);
    }
    const byOldName = expectStatus(await cs.get(`/api/v1/orders?q=${encodeURIComponent('张三')}&pageSize=100`), 200).items.map((o: { id: number }) => o.id);
    expect(byOldName).not.toContain(order.id);

    const audit = (await events(order.id)).find((e) => e.action === 'order.change_address')!;
    expect(audit.before).toMatchObject({ name: '张*', district: '西湖区', postalCode: '310000' });
    expect(audit.after).toMatchObject({ name: '李*', phone: '138****8000', province: '上海市', district: '浦东新区', detail: '世纪大****', intercepted: false });
    const logged = JSON.stringify(audit);
    for (const plain of ['李四', '13800138000', '世纪大道 100 号', '张三', '文三路 ']) expect(logged).not.toContain(plain);
  });

  it('refuses what manual entry refuses, naming the field, and changes nothing', async () => {
    const { order } = await approvedOrder();
    const before = await orderRow(order.id);
    const district = await changeAddress(order.id, { ...newAddress, district: '下城区', city: '杭州市', province: '浙江省' });
    expect(district.status).toBe(422);
    expect(district.body.error).toMatchObject({ code: 'unknown_division', details: [{ path: 'district' }] });
    expect(district.body.error.message).toContain('拱墅区');
    const phone = await changeAddress(order.id, { ...newAddress, phone: '12345' });
    expect(phone.body.error).toMatchObject({ code: 'invalid_phone', details: [{ path: 'phone' }] });
    expect((await changeAddress(order.id, { ...newAddress, name: '' })).status).toBe(400);
    expect(await orderRow(order.id)).toEqual(before);
  });

  it('in a wave (配货中): the parcel is intercepted and the order waits to be waved again with the new address, keeping its stock', async () => {
    const { order, m, warehouseCode } = await approvedOrder();
    expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'multi' }), 201);
    const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: order.orderNo }), 200);
    const held = await level(m.code, warehouseCode);

    const changed = expectStatus(await changeAddress(order.id), 200);
    expect(changed.status).toBe('awaiting_fulfillment');
    expect((await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: m.code })).body.error).toMatchObject({ code: 'intercepted' });
    expect(expectStatus(await packer.get(`/api/v1/parcels/${session.id}`), 200).status).toBe('intercepted');
    expect(await level(m.code, warehouseCode)).toEqual(held);
    const actions = (await events(order.id)).map((e) => e.action);
    expect(actions.slice(-3)).toEqual(['order.readdress', 'order.intercept', 'order.change_address']);
    expect((await events(order.id)).at(-1)!.after.intercepted).toBe(true);

    // waved again, its slip shows the new receiver
    const again = expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'multi' }), 201);
    expect(again.orderCount).toBe(1);
    expect(expectStatus(await cs.get(`/api/v1/orders/${order.id}`), 200).status).toBe('in_fulfillment');
  });

  it('refuses a shipped order and a merged one (409)', async () => {
    const { order: shipped } = await makeShippedOrder({ admin, cs, packer });
    expect((await changeAddress(shipped.id)).body.error).toMatchObject({ code: 'order_shipped' });

    const { shop, m } = await approvedOrder();
    const buyer = orderInput(shop.code, []);
    const pair = [];
    for (let i = 0; i < 2; i++) {
      const made = await makePaidOrder(cs, { ...buyer, items: [{ skuCode: m.code, quantity: 1, unitPrice: m.price }] });
      if (made.status === 'on_hold') expectStatus(await cs.post(`/api/v1/orders/${made.id}/approve`), 200);
      pair.push(made.id as number);
    }
    expectStatus(await cs.post('/api/v1/orders/merge', { orderIds: pair }), 201);
    const merged = await changeAddress(pair[0]!);
    expect(merged.status).toBe(409);
    expect(merged.body.error).toMatchObject({ code: 'order_merged', message: expect.stringContaining('请先取消合单') });
    expect(expectStatus(await cs.get(`/api/v1/orders/${pair[0]}`), 200).edits).toMatchObject({ changeAddress: false, changeSku: true });
  });
});

describe('改规格', () => {
  it('moves the line to another SKU of the product, its stock re-reserved in the same warehouse, the paid price kept', async () => {
    const { order, m, l, warehouseCode } = await approvedOrder({ lStock: 5 });
    const line = order.items[0];
    const changed = expectStatus(await changeSku(order.id, line.id, l.code), 200);
    expect(changed.items).toEqual([expect.objectContaining({ id: line.id, skuCode: l.code, spec: '白色 L', quantity: 2, unitPrice: line.unitPrice, lineTotal: line.lineTotal })]);
    expect(changed.total).toBe(order.total);
    expect(await level(m.code, warehouseCode)).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await level(l.code, warehouseCode)).toMatchObject({ onHand: 5, reserved: 2 });
    const { rows: ledger } = await t.deps.database.query(`SELECT sku_id, reason, reserved_delta FROM stock_movements WHERE ref_type = 'order' AND ref_id = $1 ORDER BY id`, [String(order.id)]);
    expect(ledger.slice(-2)).toEqual([
      { sku_id: m.id, reason: 'release', reserved_delta: -2 },
      { sku_id: l.id, reason: 'reservation', reserved_delta: 2 },
    ]);
    const audit = (await events(order.id)).at(-1)!;
    expect(audit).toMatchObject({ action: 'order.change_sku', before: { skuCode: m.code, spec: '白色 M' }, after: { skuCode: l.code, spec: '白色 L', quantity: 2 } });
    expect(await checkStockInvariants(t.ctx())).toEqual([]);
    // what the dialog offers: the product's specs with the order's warehouse's stock (L's 50 elsewhere do not count)
    const options = expectStatus(await cs.get(`/api/v1/orders/${order.id}/sku-options?lineId=${line.id}`), 200).items;
    expect(options).toEqual([
      { skuCode: m.code, spec: '白色 M', price: m.price, available: 10, onSale: true, current: false },
      { skuCode: l.code, spec: '白色 L', price: l.price, available: 3, onSale: true, current: true },
    ]);
  });

  it('answers 409 insufficient_stock when the order’s warehouse is short, writing nothing', async () => {
    const { order, l } = await approvedOrder({ lStock: 1 });
    const before = await written(order.id);
    const short = await changeSku(order.id, order.items[0].id, l.code);
    expect(short.status).toBe(409);
    expect(short.body.error).toMatchObject({ code: 'insufficient_stock', message: expect.stringContaining('可用 1'), details: [{ path: 'skuCode' }] });
    expect(await written(order.id)).toEqual(before);
  });

  it('gives the last units of the new SKU to one of two orders changing at once, never overselling', async () => {
    const { order, m, l, shop, warehouseCode } = await approvedOrder({ lStock: 2 });
    const other = await makePaidOrder(cs, orderInput(shop.code, [], { items: [{ skuCode: m.code, quantity: 2, unitPrice: m.price }] }));
    const results = await Promise.all([changeSku(order.id, order.items[0].id, l.code), changeSku(other.id, other.items[0].id, l.code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await level(l.code, warehouseCode)).toMatchObject({ onHand: 2, reserved: 2 });
    expect(await level(m.code, warehouseCode)).toMatchObject({ reserved: 2 });
    expect(await checkStockInvariants(t.ctx())).toEqual([]);
  });

  it('refuses another product, the same SKU, an unknown line and an order in its wave', async () => {
    const { order, m, l, x, warehouseCode } = await approvedOrder({ lStock: 5 });
    const lineId = order.items[0].id;
    expect((await changeSku(order.id, lineId, x.code)).body.error).toMatchObject({ code: 'other_product', details: [{ path: 'skuCode' }] });
    expect((await changeSku(order.id, lineId, m.code)).body.error.code).toBe('same_sku');
    expect((await changeSku(order.id, lineId + 999, l.code)).body.error).toMatchObject({ code: 'unknown_line', details: [{ path: 'lineId' }] });
    expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'multi' }), 201);
    const inWave = await changeSku(order.id, lineId, l.code);
    expect(inWave.status).toBe(409);
    expect(inWave.body.error.code).toBe('order_in_wave');
  });
});

describe('催付', () => {
  const reminders = async (orderId: number) =>
    (await t.deps.database.query(`SELECT payload FROM outbox WHERE topic = 'customer.notify' AND payload->>'orderId' = $1 AND payload->>'kind' = 'unpaid_reminder'`, [String(orderId)])).rows;

  it('sends one reminder through the outbox, logged on the order, and refuses another within 30 minutes', async () => {
    const { shop, m } = await approvedOrder();
    const unpaid = await makeOrder(cs, orderInput(shop.code, [m]));
    expect(unpaid.edits.remindPayment).toBe(true);
    const reminded = expectStatus(await cs.post(`/api/v1/orders/${unpaid.id}/remind-payment`), 200);
    expect(reminded.events.at(-1)).toMatchObject({ action: 'order.remind' });
    expect(await reminders(unpaid.id)).toEqual([{ payload: expect.objectContaining({ reminder: 'manual', orderNo: unpaid.orderNo, message: expect.stringContaining('还未付款') }) }]);

    t.clock.advance(29 * MINUTE);
    const again = await cs.post(`/api/v1/orders/${unpaid.id}/remind-payment`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'recently_reminded', message: expect.stringContaining('30 分钟内不再重复催付') });
    expect(await reminders(unpaid.id)).toHaveLength(1);

    t.clock.advance(2 * MINUTE);
    expectStatus(await cs.post(`/api/v1/orders/${unpaid.id}/remind-payment`), 200);
    expect(await reminders(unpaid.id)).toHaveLength(2);
  });

  it('refuses an order that is not waiting for payment', async () => {
    const { order } = await approvedOrder();
    const paid = await cs.post(`/api/v1/orders/${order.id}/remind-payment`);
    expect(paid.status).toBe(409);
    expect(paid.body.error).toMatchObject({ code: 'not_unpaid', message: expect.stringContaining('只有待付款的订单可以催付') });
  });
});
