import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStockInvariants } from '../src/modules/inventory';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePaidOrder, makeProduct, orderInput, receiveStock, seedCatalog } from './factories';

/** 拆单: a packer closes a parcel with part of the lines; the rest ship in a later parcel, and the order ships with the last. */

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
  packer2 = await t.signIn(['warehouse'], 'split-packer-two');
});
afterAll(() => t.close());

let serial = 0;
const ztoNo = () => `79${String(process.pid % 1000).padStart(3, '0')}${String(++serial).padStart(7, '0')}`;

/** An order of 2 × A (300 g) + 1 × B (150 g) paid and taken into a multi-item wave. */
async function wavedOrder() {
  const catalog = await seedCatalog(admin, { skuCount: 1, stock: 0 });
  const n = ++serial;
  const [a, b] = (
    await makeProduct(admin, [
      { barcode: `6932${process.pid % 10000}${n}1`, weightGrams: 300 },
      { barcode: `6932${process.pid % 10000}${n}2`, weightGrams: 150 },
    ])
  ).skus as { id: number; code: string; barcode: string; price: number }[];
  const warehouseCode = catalog.warehouses[0].code as string;
  await receiveStock(admin, warehouseCode, [
    { skuCode: a!.code, quantity: 10 },
    { skuCode: b!.code, quantity: 10 },
  ]);
  const items = [
    { skuCode: a!.code, quantity: 2, unitPrice: a!.price },
    { skuCode: b!.code, quantity: 1, unitPrice: b!.price },
  ];
  const order = await makePaidOrder(cs, orderInput(catalog.shop.code, [a!, b!], { items }));
  expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'multi' }), 201);
  return { order, a: a!, b: b!, warehouseCode };
}

const open = (scan: string) => packer.post('/api/v1/packing/sessions', { scan });
const scan = (id: number, barcode: string) => packer.post(`/api/v1/packing/sessions/${id}/scans`, { barcode });
const split = (client: Client, id: number, reason = 'B 缺货，先发已有的') => client.post(`/api/v1/packing/sessions/${id}/split`, { reason });
const weighAndShip = async (id: number, grams: number) => {
  expectStatus(await packer.post(`/api/v1/parcels/${id}/weigh`, { grams }), 200);
  return expectStatus(await packer.post(`/api/v1/parcels/${id}/ship`, { carrier: 'ZTO', trackingNo: ztoNo() }), 200);
};
const orderStatus = async (id: number) => expectStatus(await cs.get(`/api/v1/orders/${id}`), 200).status as string;
const shipmentsOf = async (skuId: number) =>
  (await t.deps.database.query(`SELECT on_hand_delta AS "onHand", note FROM stock_movements WHERE sku_id = $1 AND reason = 'shipment' ORDER BY id`, [skuId])).rows;

describe('splitting a parcel at 验货 (拆单)', () => {
  it('closes the parcel with what was scanned and its own weight; the rest is the next parcel; the order ships after the second', async () => {
    const { order, a, b, warehouseCode } = await wavedOrder();
    const first = expectStatus(await open(order.orderNo), 200);
    expectStatus(await scan(first.id, a.barcode), 200);

    const closed = expectStatus(await split(packer, first.id), 200);
    expect(closed).toMatchObject({ status: 'packed', complete: true, expectedGrams: 300 + 50 });
    expect(closed.lines.map((l: { skuCode: string; expected: number; scanned: number }) => [l.skuCode, l.expected, l.scanned])).toEqual([[a.code, 1, 1]]);
    const events = (await t.deps.database.query(`SELECT action, after FROM audit_events WHERE entity_type = 'order' AND entity_id = $1 AND action = 'order.split'`, [String(order.id)])).rows;
    expect(events).toEqual([
      {
        action: 'order.split',
        after: {
          parcelId: first.id,
          reason: 'B 缺货，先发已有的',
          packed: [{ orderNo: order.orderNo, lineId: first.lines[0].lineId, skuCode: a.code, units: 1 }],
          left: [
            { orderNo: order.orderNo, lineId: first.lines[0].lineId, skuCode: a.code, units: 1 },
            { orderNo: order.orderNo, lineId: first.lines[1].lineId, skuCode: b.code, units: 1 },
          ],
        },
      },
    ]);

    // the next scan of the slip opens the next box with what is left, while the first waits at the scale
    const second = expectStatus(await open(order.orderNo), 200);
    expect(second.id).not.toBe(first.id);
    expect(second.lines.map((l: { skuCode: string; expected: number }) => [l.skuCode, l.expected])).toEqual([
      [a.code, 1],
      [b.code, 1],
    ]);
    await weighAndShip(first.id, 350);
    expect(await orderStatus(order.id)).toBe('in_fulfillment');
    const level = expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${a.code}&warehouseCode=${warehouseCode}`), 200).items[0];
    expect(level).toMatchObject({ onHand: 9, reserved: 1 });

    expectStatus(await scan(second.id, a.barcode), 200);
    expectStatus(await scan(second.id, b.barcode), 200);
    expect(expectStatus(await packer.post(`/api/v1/packing/sessions/${second.id}/complete`), 200).expectedGrams).toBe(300 + 150 + 50);
    await weighAndShip(second.id, 500);
    expect(await orderStatus(order.id)).toBe('shipped');
    expect(await shipmentsOf(a.id)).toEqual([
      { onHand: -1, note: `包裹 ${first.id} 发货` },
      { onHand: -1, note: `包裹 ${second.id} 发货` },
    ]);
    expect(await shipmentsOf(b.id)).toEqual([{ onHand: -1, note: `包裹 ${second.id} 发货` }]);
    expect((await open(order.orderNo)).body.error.code).toBe('not_in_fulfillment');
    expect(await t.tx((ctx) => checkStockInvariants(ctx))).toEqual([]);
  });

  it('refuses a split with nothing scanned, with everything scanned, without a reason, and of a closed parcel', async () => {
    const { order, a, b } = await wavedOrder();
    const session = expectStatus(await open(order.orderNo), 200);
    expect((await split(packer, session.id)).body.error.code).toBe('nothing_scanned');
    const noReason = await split(packer, session.id, ' ');
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('reason');
    for (const code of [a.barcode, a.barcode, b.barcode]) expectStatus(await scan(session.id, code), 200);
    expect((await split(packer, session.id)).body.error).toMatchObject({ code: 'nothing_left' });
    expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200);
    expect((await split(packer, session.id)).body.error.code).toBe('parcel_closed');
  });

  it('two packers splitting the same box at once close it once', async () => {
    const { order, a } = await wavedOrder();
    const session = expectStatus(await open(order.orderNo), 200);
    expectStatus(await scan(session.id, a.barcode), 200);
    const answers = await Promise.all([split(packer, session.id), split(packer2, session.id)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.body.error.code).toBe('parcel_closed');
    const splits = (await t.deps.database.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'parcel.split' AND entity_id = $1`, [String(session.id)])).rows[0];
    expect(splits).toEqual({ n: 1 });
  });
});
