import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../src/platform/clock';
import { expectStatus, makePaidOrder, makeProduct, orderInput, receiveStock, seedCatalog, ztoTrackingNo } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

/** 待处理包裹: what waits at 验货, 称重 and 发货, each list exactly what the 工作台 counts. */

let t: TestApp;
let admin: Client;
let cs: Client;
let packer: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  packer = await t.signIn(['warehouse'], 'waiting-packer');
});
afterAll(() => t.close());

type Stage = 'to_pack' | 'to_weigh' | 'to_ship';
const STAGES: Stage[] = ['to_pack', 'to_weigh', 'to_ship'];
const COUNTER: Record<Stage, 'toPack' | 'toWeigh' | 'toShip'> = { to_pack: 'toPack', to_weigh: 'toWeigh', to_ship: 'toShip' };

const listOf = async (stage: Stage, params: Record<string, string> = {}) =>
  expectStatus(await packer.get(`/api/v1/parcels?${new URLSearchParams({ stage, pageSize: '200', ...params }).toString()}`), 200);
const orderNosAt = async (stage: Stage) => (await listOf(stage)).items.map((r: { orderNo: string }) => r.orderNo) as string[];
const rowOf = async (stage: Stage, orderNo: string) => (await listOf(stage)).items.find((r: { orderNo: string }) => r.orderNo === orderNo);

/** Every stage: the 工作台's counter, the tabs' count and the list's total (a page of one, so counted) are one number. */
async function expectCountersAgree(): Promise<Record<Stage, number>> {
  const counters = expectStatus(await packer.get('/api/v1/workbench'), 200).warehouse;
  const tabs = expectStatus(await packer.get('/api/v1/parcels/counts'), 200).byStage;
  const totals = {} as Record<Stage, number>;
  for (const stage of STAGES) {
    totals[stage] = (await listOf(stage, { pageSize: '1' })).total;
    expect({ stage, total: totals[stage], tab: tabs[stage] }).toEqual({ stage, total: counters[COUNTER[stage]], tab: counters[COUNTER[stage]] });
  }
  return totals;
}

describe('待处理包裹', () => {
  it('lists at each stage what the 工作台 counts, the longest waiting first, and a parcel moves on as it is packed, weighed and shipped', async () => {
    const { shop, skus, warehouses } = await seedCatalog(admin, { skuCount: 1, stock: 100 });
    const warehouseCode = warehouses[0].code as string;
    const [first, second] = [await makePaidOrder(cs, orderInput(shop.code, skus)), await makePaidOrder(cs, orderInput(shop.code, skus))];
    const before = await expectCountersAgree();

    const early = expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'single', maxOrders: 1 }), 201);
    t.clock.advance(10 * MINUTE);
    const late = expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'single' }), 201);
    expect(early.orders[0].orderId).toBe(first.id);
    expect(await expectCountersAgree()).toEqual({ ...before, to_pack: before.to_pack + 2 });
    const waiting = await orderNosAt('to_pack');
    expect(waiting.indexOf(first.orderNo)).toBeLessThan(waiting.indexOf(second.orderNo));
    expect(await rowOf('to_pack', first.orderNo)).toEqual({
      stage: 'to_pack',
      orderId: first.id,
      orderNo: first.orderNo,
      parcelId: null,
      status: null,
      waveId: early.id,
      waveNo: early.waveNo,
      slot: null,
      carrier: 'ZTO',
      trackingNo: null,
      units: 1,
      expectedGrams: null,
      weighedGrams: null,
      weightVerdict: null,
      packedByName: null,
      packedAt: null,
      weighedByName: null,
      weighedAt: null,
      waitingSince: early.createdAt,
    });
    expect((await rowOf('to_pack', second.orderNo)).waveNo).toBe(late.waveNo);

    // on the packing table it still waits there, its session shown
    const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: first.orderNo }), 200);
    expect(await rowOf('to_pack', first.orderNo)).toMatchObject({ parcelId: session.id, status: 'packing' });
    expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: skus[0]!.code }), 200);
    const packed = expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200);
    expect(await expectCountersAgree()).toEqual({ ...before, to_pack: before.to_pack + 1, to_weigh: before.to_weigh + 1 });
    expect(await orderNosAt('to_pack')).not.toContain(first.orderNo);
    expect(await rowOf('to_weigh', first.orderNo)).toMatchObject({
      stage: 'to_weigh',
      parcelId: packed.id,
      status: 'packed',
      waveNo: early.waveNo,
      units: 1,
      expectedGrams: packed.expectedGrams,
      packedByName: 'waiting-packer',
      packedAt: packed.packedAt,
      waitingSince: packed.packedAt,
    });

    // a weighing that is off leaves it at the scale, marked; one within the tolerance sends it to the door
    expect((await packer.post(`/api/v1/parcels/${packed.id}/weigh`, { grams: packed.expectedGrams * 2 })).body.error.code).toBe('weight_mismatch');
    expect(await rowOf('to_weigh', first.orderNo)).toMatchObject({ weighedGrams: packed.expectedGrams * 2, weightVerdict: 'mismatch' });
    t.clock.advance(MINUTE);
    const weighed = expectStatus(await packer.post(`/api/v1/parcels/${packed.id}/weigh`, { grams: packed.expectedGrams }), 200);
    expect(await expectCountersAgree()).toEqual({ ...before, to_pack: before.to_pack + 1, to_ship: before.to_ship + 1 });
    expect(await orderNosAt('to_weigh')).not.toContain(first.orderNo);
    expect(await rowOf('to_ship', first.orderNo)).toMatchObject({
      parcelId: packed.id,
      status: 'weighed',
      weighedGrams: packed.expectedGrams,
      weightVerdict: 'ok',
      weighedByName: 'waiting-packer',
      weighedAt: weighed.weighedAt,
      waitingSince: weighed.weighedAt,
    });

    // the search box: the order number's tail, at every stage
    const tail = first.orderNo.slice(-6).toLowerCase();
    expect((await listOf('to_ship', { q: tail })).items.map((r: { parcelId: number }) => r.parcelId)).toEqual([packed.id]);
    expect(expectStatus(await packer.get(`/api/v1/parcels/counts?q=${tail}`), 200).byStage).toEqual({ to_pack: 0, to_weigh: 0, to_ship: 1 });
    expect((await listOf('to_pack', { q: second.orderNo })).items.map((r: { orderId: number }) => r.orderId)).toEqual([second.id]);

    expectStatus(await packer.post(`/api/v1/parcels/${packed.id}/ship`, { carrier: 'ZTO', trackingNo: ztoTrackingNo() }), 200);
    expect(await expectCountersAgree()).toEqual({ ...before, to_pack: before.to_pack + 1 });
    expect(await orderNosAt('to_ship')).not.toContain(first.orderNo);
  });

  it('finds a labelled parcel by its tracking number, and counts a merge group done once its one parcel is closed', async () => {
    const { shop, warehouses } = await seedCatalog(admin, { skuCount: 1, stock: 0 });
    const warehouseCode = warehouses[0].code as string;
    const [a, b] = (await makeProduct(admin, [{ weightGrams: 300 }, { weightGrams: 150 }])).skus as { code: string; price: number }[];
    await receiveStock(admin, warehouseCode, [
      { skuCode: a!.code, quantity: 5 },
      { skuCode: b!.code, quantity: 5 },
    ]);
    const buyer = orderInput(shop.code, []);
    const orderOf = async (sku: { code: string; price: number }) => {
      const made = await makePaidOrder(cs, { ...buyer, items: [{ skuCode: sku.code, quantity: 1, unitPrice: sku.price }] });
      if (made.status === 'on_hold') expectStatus(await cs.post(`/api/v1/orders/${made.id}/approve`), 200);
      return made as { id: number; orderNo: string };
    };
    const [x, y] = [await orderOf(a!), await orderOf(b!)];
    expectStatus(await cs.post('/api/v1/orders/merge', { orderIds: [x.id, y.id] }), 201);
    expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'multi' }), 201);
    const before = await expectCountersAgree();
    expect(await orderNosAt('to_pack')).toEqual(expect.arrayContaining([x.orderNo, y.orderNo]));

    const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: y.orderNo }), 200);
    for (const code of [a!.code, b!.code]) expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: code }), 200);
    expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200);
    // both orders ride in the one parcel: neither waits to be packed, the parcel waits once at the scale
    expect(await expectCountersAgree()).toEqual({ ...before, to_pack: before.to_pack - 2, to_weigh: before.to_weigh + 1 });
    expect(await rowOf('to_weigh', x.orderNo)).toMatchObject({ parcelId: session.id, units: 2, slot: 1 });
    expect((await listOf('to_weigh', { q: y.orderNo })).items.map((r: { parcelId: number }) => r.parcelId)).toEqual([session.id]);

    // the label's number, from the carrier's pool, is on the row and finds it, whole or by its end
    const trackingNo = ztoTrackingNo();
    expectStatus(await packer.post('/api/v1/waybills', { carrier: 'ZTO', trackingNos: [trackingNo] }), 201);
    expect((await packer.get(`/api/v1/parcels/${session.id}/label.pdf`)).status).toBe(200);
    expect((await rowOf('to_weigh', x.orderNo)).trackingNo).toBe(trackingNo);
    for (const q of [trackingNo, trackingNo.slice(-5)]) expect((await listOf('to_weigh', { q })).items.map((r: { parcelId: number }) => r.parcelId)).toEqual([session.id]);
    // a dash is no number: dropped from a tracking number it leaves nothing, which ends none
    expect((await listOf('to_weigh', { q: '-' })).total).toBe(0);
  });

  it('counts an order held out of its wave and waved again as waiting in its new wave, not stopped by the old one', async () => {
    const { shop, skus, warehouses } = await seedCatalog(admin, { skuCount: 1, stock: 100 });
    const warehouseCode = warehouses[0].code as string;
    const order = await makePaidOrder(cs, orderInput(shop.code, skus));
    const before = await expectCountersAgree();
    expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'single' }), 201);
    expectStatus(await packer.post(`/api/v1/orders/${order.id}/hold`, { reason: '库位缺货待查' }), 200);
    expect(await expectCountersAgree()).toEqual(before);
    expect(await orderNosAt('to_pack')).not.toContain(order.orderNo);

    expect(expectStatus(await cs.post(`/api/v1/orders/${order.id}/release`), 200).status).toBe('awaiting_fulfillment');
    const again = expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'single' }), 201);
    expect(await expectCountersAgree()).toEqual({ ...before, to_pack: before.to_pack + 1 });
    expect((await rowOf('to_pack', order.orderNo)).waveNo).toBe(again.waveNo);
  });

  it('pages oldest first with the total, and refuses an unknown stage naming it, and a user without fulfillment.read', async () => {
    const { shop, skus, warehouses } = await seedCatalog(admin, { skuCount: 1, stock: 100 });
    for (let i = 0; i < 3; i++) await makePaidOrder(cs, orderInput(shop.code, skus));
    expectStatus(await packer.post('/api/v1/waves', { warehouseCode: warehouses[0].code, kind: 'single' }), 201);
    const all = await listOf('to_pack');
    const pages = [await listOf('to_pack', { pageSize: '2' }), await listOf('to_pack', { pageSize: '2', page: '2' })];
    expect(pages.map((p) => p.total)).toEqual([all.total, all.total]);
    expect([...pages[0].items, ...pages[1].items].map((r: { orderId: number }) => r.orderId)).toEqual(all.items.slice(0, 4).map((r: { orderId: number }) => r.orderId));
    const since = all.items.map((r: { waitingSince: string }) => r.waitingSince);
    expect(since).toEqual([...since].sort());

    const unknown = await packer.get('/api/v1/parcels?stage=to_fly');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.map((d: { path: string }) => d.path)).toContain('stage');
    expect((await packer.get('/api/v1/parcels')).status).toBe(400);
    const nobody = await t.signIn([]);
    expect((await nobody.get('/api/v1/parcels?stage=to_weigh')).status).toBe(403);
    expect((await nobody.get('/api/v1/parcels/counts')).status).toBe(403);
  });
});
