import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStockInvariants } from '../src/modules/inventory';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePackedParcel, makePaidOrder, orderInput, seedCatalog, uniqueCode, ztoTrackingNo } from './factories';

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

async function weighedParcel(orderOverrides: Record<string, unknown> = {}) {
  const made = await makePackedParcel({ admin, cs, packer }, orderOverrides);
  expectStatus(await packer.post(`/api/v1/parcels/${made.parcel.id}/weigh`, { grams: 800 }), 200);
  return made;
}

const ship = (id: number, carrier: string, trackingNo: string) => packer.post(`/api/v1/parcels/${id}/ship`, { carrier, trackingNo });
const lookup = (scan: string) => packer.get(`/api/v1/parcels/lookup?scan=${encodeURIComponent(scan)}`);
/** What the printed label put on the parcel: the label helper allots it from the waybill pool. */
const labelled = (parcelId: number, trackingNo: string) => t.deps.database.query('UPDATE parcels SET tracking_no = $2 WHERE id = $1', [parcelId, trackingNo]);

const levelOf = async (skuCode: string, warehouseCode: string) =>
  expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${skuCode}&warehouseCode=${warehouseCode}`), 200).items[0] as { onHand: number; reserved: number };
const ledgerOf = async (skuId: number) =>
  (await t.deps.database.query('SELECT reason, on_hand_delta AS "onHand", reserved_delta AS "reserved", ref_id AS "refId", note FROM stock_movements WHERE sku_id = $1 ORDER BY id', [skuId]))
    .rows as { reason: string; onHand: number; reserved: number; refId: string; note: string | null }[];
const parcelEvents = async (parcelId: number) =>
  (await t.deps.database.query(`SELECT action, before, after FROM audit_events WHERE entity_type = 'parcel' AND entity_id = $1 ORDER BY id`, [String(parcelId)])).rows;
const shippedMessages = async (orderId: number) =>
  (
    await t.deps.database.query(
      `SELECT topic, payload FROM outbox WHERE payload->>'orderId' = $1 AND (topic = 'platform.ship' OR payload->>'kind' = 'order_shipped') ORDER BY id`,
      [String(orderId)],
    )
  ).rows as { topic: string; payload: Record<string, unknown> }[];

describe('shipping a weighed parcel', () => {
  it("takes its units off the ledger, ships the order and closes the wave, tells the buyer and the platform, audited", async () => {
    const platformOrderId = uniqueCode('TB');
    const { parcel, order, wave, skus, warehouseCode } = await weighedParcel({ platformOrderId });
    const [a, b] = skus;
    expect(await levelOf(a!.code, warehouseCode)).toMatchObject({ onHand: 10, reserved: 2 });
    const trackingNo = ztoTrackingNo();

    const shipped = expectStatus(await ship(parcel.id, 'ZTO', ` ${trackingNo.slice(0, 4)}-${trackingNo.slice(4)} `), 200);
    expect(shipped).toMatchObject({ status: 'shipped', carrier: 'ZTO', trackingNo, shippedAt: t.clock.now().toISOString() });

    expect(await levelOf(a!.code, warehouseCode)).toMatchObject({ onHand: 8, reserved: 0 });
    expect(await levelOf(b!.code, warehouseCode)).toMatchObject({ onHand: 9, reserved: 0 });
    const ledger = await ledgerOf(a!.id);
    expect(ledger.slice(-1)).toEqual([{ reason: 'shipment', onHand: -2, reserved: -2, refId: String(order.id), note: `包裹 ${parcel.id} 发货` }]);
    expect(ledger.reduce((sum, m) => sum + m.onHand, 0)).toBe(8);
    expect(await t.tx((ctx) => checkStockInvariants(ctx))).toEqual([]);

    expect(expectStatus(await cs.get(`/api/v1/orders/${order.id}`), 200).status).toBe('shipped');
    expect(expectStatus(await cs.get(`/api/v1/waves/${wave.id}`), 200).status).toBe('shipped');

    const messages = await shippedMessages(order.id);
    expect(messages).toEqual([
      {
        topic: 'customer.notify',
        payload: {
          kind: 'order_shipped',
          orderId: order.id,
          orderNo: order.orderNo,
          shopId: order.shopId,
          customerId: order.customerId,
          parcelId: parcel.id,
          carrier: 'ZTO',
          trackingNo,
          message: `您的订单 ${order.orderNo} 已发货：中通快递，运单号 ${trackingNo}`,
        },
      },
      {
        topic: 'platform.ship',
        payload: { orderId: order.id, orderNo: order.orderNo, shopId: order.shopId, platformOrderId, parcelId: parcel.id, carrier: 'ZTO', trackingNo, shippedAt: shipped.shippedAt, orderShipped: true },
      },
    ]);

    const shipEvent = (await parcelEvents(parcel.id)).find((e) => e.action === 'parcel.ship');
    expect(shipEvent).toMatchObject({ before: { status: 'weighed', carrier: 'ZTO', trackingNo: null }, after: { status: 'shipped', carrier: 'ZTO', trackingNo, orderShipped: true } });
    const orderEvents = expectStatus(await admin.get(`/api/v1/orders/${order.id}/events`), 200).items.map((e: { action: string }) => e.action);
    expect(orderEvents).toContain('order.ship');
    const waveEvents = (await t.deps.database.query(`SELECT action FROM audit_events WHERE entity_type = 'wave' AND entity_id = $1 ORDER BY id`, [String(wave.id)])).rows;
    expect(waveEvents.map((e) => e.action)).toEqual(['wave.create', 'wave.shipped']);

    // gone: the door and the scale refuse it, and nothing moves twice
    const again = await ship(parcel.id, 'ZTO', trackingNo);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_shipped', message: `订单 ${order.orderNo} 的包裹已发货（中通快递 ${trackingNo}）` });
    expect((await packer.post(`/api/v1/parcels/${parcel.id}/weigh`, { grams: 800 })).body.error.code).toBe('already_shipped');
    expect(await ledgerOf(a!.id)).toHaveLength(ledger.length);
  });

  it('tells only the buyer for an order entered by hand: there is no platform to write back to', async () => {
    const { parcel, order } = await weighedParcel();
    expectStatus(await ship(parcel.id, 'ZTO', ztoTrackingNo()), 200);
    expect((await shippedMessages(order.id)).map((m) => m.topic)).toEqual(['customer.notify']);
  });

  it('refuses a parcel not weighed yet, saying to weigh first', async () => {
    const { parcel } = await makePackedParcel({ admin, cs, packer });
    const res = await ship(parcel.id, 'ZTO', ztoTrackingNo());
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'not_weighed', details: [{ path: 'status', message: 'packed' }] });
    expect(res.body.error.message).toContain('请先称重再发货');
    expect((await packer.post('/api/v1/parcels/999999/ship', { carrier: 'ZTO', trackingNo: ztoTrackingNo() })).status).toBe(404);
    expect((await cs.post(`/api/v1/parcels/${parcel.id}/ship`, { carrier: 'ZTO', trackingNo: ztoTrackingNo() })).status).toBe(403);
  });

  it("refuses a number not in the carrier's format, for every carrier, naming trackingNo, and moves nothing", async () => {
    const { parcel, skus } = await weighedParcel();
    const bad: Record<string, string> = { SF: 'SF12345', EMS: 'EA12345678CN', YTO: 'YT12345', ZTO: '012345678901', STO: '123123456789', YUNDA: '43123456789', JD: 'JD123', JT: 'JT123' };
    for (const [carrier, trackingNo] of Object.entries(bad)) {
      const res = await ship(parcel.id, carrier, trackingNo);
      expect(res.status, `${carrier} ${trackingNo}`).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'invalid_tracking_no', details: [{ path: 'trackingNo', message: trackingNo }] });
    }
    expect((await ship(parcel.id, 'ZTO', '01234')).body.error.message).toBe('单号 01234 不对：中通快递单号应为12–14 位数字');
    expect((await ship(parcel.id, 'SHUNFENG', 'SF1234567890123')).status).toBe(400);
    expect(expectStatus(await cs.get(`/api/v1/parcels/${parcel.id}`), 200)).toMatchObject({ status: 'weighed', trackingNo: null });
    expect((await ledgerOf(skus[0]!.id)).filter((m) => m.reason === 'shipment')).toEqual([]);
  });

  it("holds the door to the label's number: the same carrier must scan it, a changed carrier takes its own number (audited)", async () => {
    const first = await weighedParcel();
    const label = ztoTrackingNo();
    await labelled(first.parcel.id, label);
    const wrong = await ship(first.parcel.id, 'ZTO', ztoTrackingNo());
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('tracking_mismatch');
    expect(wrong.body.error.message).toMatch(/^扫描的单号与面单不符/);
    expect(expectStatus(await ship(first.parcel.id, 'ZTO', label), 200).trackingNo).toBe(label);

    const changed = await weighedParcel();
    await labelled(changed.parcel.id, ztoTrackingNo());
    const sfNo = `SF${String(Date.now()).slice(-13)}`;
    const shipped = expectStatus(await ship(changed.parcel.id, 'SF', sfNo), 200);
    expect(shipped).toMatchObject({ carrier: 'SF', trackingNo: sfNo });
    const event = (await parcelEvents(changed.parcel.id)).find((e) => e.action === 'parcel.ship');
    expect(event).toMatchObject({ before: { carrier: 'ZTO', trackingNo: expect.stringMatching(/^7\d{11}$/) }, after: { carrier: 'SF', trackingNo: sfNo } });
  });

  it("refuses a number another parcel of the carrier left with", async () => {
    const first = await weighedParcel();
    const trackingNo = ztoTrackingNo();
    expectStatus(await ship(first.parcel.id, 'ZTO', trackingNo), 200);
    const second = await weighedParcel();
    const res = await ship(second.parcel.id, 'ZTO', trackingNo);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'tracking_no_used', message: `中通快递单号 ${trackingNo} 已用于订单 ${first.order.orderNo} 的包裹，请换一张面单`, details: [{ path: 'trackingNo' }] });
  });

  it('answers intercepted for an order cancelled after weighing, and keeps its stock on the shelf', async () => {
    const { parcel, order, skus, warehouseCode } = await weighedParcel();
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '买家不要了' }), 200);
    const res = await ship(parcel.id, 'ZTO', ztoTrackingNo());
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('intercepted');
    expect(await levelOf(skus[0]!.code, warehouseCode)).toMatchObject({ onHand: 10, reserved: 0 });
  });
});

describe('finding a parcel by a scan', () => {
  it("finds it by the label's number (as scanned, any case) or the slip's order number, and opens packing by the label too", async () => {
    const { parcel, order } = await makePackedParcel({ admin, cs, packer });
    const label = ztoTrackingNo();
    await labelled(parcel.id, label);
    expect(expectStatus(await lookup(order.orderNo.toLowerCase()), 200)).toMatchObject({ id: parcel.id, status: 'packed', trackingNo: label });
    expect(expectStatus(await lookup(` ${label.slice(0, 6)} ${label.slice(6)} `), 200).id).toBe(parcel.id);
    expectStatus(await packer.post(`/api/v1/parcels/${parcel.id}/repack`), 200);
    expect(expectStatus(await packer.post('/api/v1/packing/sessions', { scan: label }), 200)).toMatchObject({ id: parcel.id, status: 'packing' });
  });

  it('names an unknown scan and an order not packed yet', async () => {
    const unknown = await lookup('SO00000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details).toEqual([{ path: 'scan', message: 'SO00000000000000' }]);
    expect((await packer.post('/api/v1/packing/sessions', { scan: '773999999999' })).body.error.message).toBe('找不到订单号或快递单号为 773999999999 的订单，请扫描发货单上的条码');
    const catalog = await seedCatalog(admin, { skuCount: 1, stock: 5 });
    const waiting = await makePaidOrder(cs, orderInput(catalog.shop.code, catalog.skus));
    expectStatus(await packer.post('/api/v1/waves', { warehouseCode: catalog.warehouses[0].code, kind: 'single' }), 201);
    const notPacked = await lookup(waiting.orderNo);
    expect(notPacked.status).toBe(409);
    expect(notPacked.body.error).toMatchObject({ code: 'not_packed', message: `订单 ${waiting.orderNo} 还没有打包：请先扫发货单验货` });

    const { order } = await makePackedParcel({ admin, cs, packer });
    const other = await makePackedParcel({ admin, cs, packer });
    expectStatus(await packer.post(`/api/v1/parcels/${other.parcel.id}/repack`), 200);
    expect(expectStatus(await lookup(order.orderNo), 200).status).toBe('packed');
    expect(expectStatus(await lookup(other.order.orderNo), 200).status).toBe('packing');
  });
});
