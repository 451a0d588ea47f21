import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePackedParcel } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let packer: Client;
let supervisor: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  packer = await t.signIn(['warehouse']);
  supervisor = await t.signIn(['supervisor']);
});
afterAll(() => t.close());

/** 2 × 300 g + 150 g + 50 g of packaging. */
const EXPECTED = 800;

const packed = () => makePackedParcel({ admin, cs, packer });
const weigh = (id: number, grams: unknown, as = packer) => as.post(`/api/v1/parcels/${id}/weigh`, { grams });
const weighings = async (parcelId: number) =>
  (await t.deps.database.query('SELECT grams, expected_grams AS expected, verdict, reason, actor_id AS "actorId" FROM parcel_weighings WHERE parcel_id = $1 ORDER BY id', [parcelId])).rows;
const scanCount = async (parcelId: number) => Number((await t.deps.database.query('SELECT count(*) AS n FROM pack_scans WHERE parcel_id = $1', [parcelId])).rows[0]!.n);
const eventsOf = async (parcelId: number) =>
  (await t.deps.database.query(`SELECT action, before, after FROM audit_events WHERE entity_type = 'parcel' AND entity_id = $1 ORDER BY id`, [String(parcelId)])).rows as {
    action: string;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  }[];

describe('weighing', () => {
  it('passes a parcel exactly 10 % off its expected weight, either way', async () => {
    const heavy = await packed();
    expect(heavy.parcel.expectedGrams).toBe(EXPECTED);
    const passed = expectStatus(await weigh(heavy.parcel.id, 880), 200);
    expect(passed).toMatchObject({ status: 'weighed', weighedGrams: 880, weightVerdict: 'ok', weighedAt: t.clock.now().toISOString() });
    const light = await packed();
    expect(expectStatus(await weigh(light.parcel.id, 720), 200).status).toBe('weighed');
    expect(await weighings(light.parcel.id)).toEqual([{ grams: 720, expected: EXPECTED, verdict: 'ok', reason: null, actorId: packer.userId }]);
  });

  it('stops a parcel one gram beyond the tolerance and keeps the weighing: still packed, marked, and not shippable until weighed right', async () => {
    const { parcel } = await packed();
    const over = await weigh(parcel.id, 881);
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({
      code: 'weight_mismatch',
      message: '重量不符：应为 800 克，实际 881 克，重了 81 克（10.1%），超出允许的 10%（±80 克）。请检查是否多装了商品，再称一次或重新打包',
      details: [
        { path: 'grams', message: '881' },
        { path: 'expectedGrams', message: '800' },
      ],
    });
    expect(expectStatus(await cs.get(`/api/v1/parcels/${parcel.id}`), 200)).toMatchObject({ status: 'packed', weighedGrams: 881, weightVerdict: 'mismatch' });
    const ship = await packer.post(`/api/v1/parcels/${parcel.id}/ship`, { carrier: 'ZTO', trackingNo: '773000000001' });
    expect(ship.status).toBe(409);
    expect(ship.body.error.code).toBe('not_weighed');
    expect(ship.body.error.message).toContain('称重不符还未通过');

    const under = await weigh(parcel.id, 719);
    expect(under.body.error.message).toContain('轻了 81 克');
    expect(under.body.error.message).toContain('少装');
    expect(expectStatus(await weigh(parcel.id, 801), 200)).toMatchObject({ status: 'weighed', weighedGrams: 801, weightVerdict: 'ok' });
    expect((await weighings(parcel.id)).map((w) => [w.grams, w.verdict])).toEqual([
      [881, 'mismatch'],
      [719, 'mismatch'],
      [801, 'ok'],
    ]);
    const weighEvents = (await eventsOf(parcel.id)).filter((e) => e.action === 'parcel.weigh');
    expect(weighEvents[0]!.after).toMatchObject({ status: 'packed', grams: 881, expectedGrams: 800, differencePercent: 10.1, tolerancePercent: 10, verdict: 'mismatch' });
    // weighed again at the door, now off: it is stopped again
    expect((await weigh(parcel.id, 1000)).body.error.code).toBe('weight_mismatch');
    expect(expectStatus(await cs.get(`/api/v1/parcels/${parcel.id}`), 200).status).toBe('packed');
  });

  it('takes the tolerance the shop set', async () => {
    const { parcel } = await packed();
    expectStatus(await admin.put('/api/v1/settings', { 'fulfillment.weightTolerancePercent': 5 }), 200);
    try {
      expect((await weigh(parcel.id, 841)).body.error.message).toContain('超出允许的 5%（±40 克）');
      expect(expectStatus(await weigh(parcel.id, 840), 200).status).toBe('weighed');
      expect((await admin.put('/api/v1/settings', { 'fulfillment.weightTolerancePercent': 0 })).status).toBe(422);
    } finally {
      expectStatus(await admin.put('/api/v1/settings', { 'fulfillment.weightTolerancePercent': 10 }), 200);
    }
  });

  it('refuses a parcel still being packed and a weight that is no whole number of grams up to 100 kg', async () => {
    const { parcel } = await packed();
    for (const grams of [0, -5, 12.5, 100_001, '800']) expect((await weigh(parcel.id, grams)).status).toBe(400);
    expectStatus(await packer.post(`/api/v1/parcels/${parcel.id}/repack`), 200);
    const early = await weigh(parcel.id, 800);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_packed');
    expect((await weigh(999_999, 800)).status).toBe(404);
    expect((await weigh(parcel.id, 800, cs)).status).toBe(403);
    expect(await weighings(parcel.id)).toEqual([]);
  });
});

describe('after a weight mismatch', () => {
  it('repacks: the parcel is packing again, every line to scan afresh, its scans and weighings kept; closed again it weighs anew', async () => {
    const { parcel, order, skus } = await packed();
    expect((await weigh(parcel.id, 500)).body.error.code).toBe('weight_mismatch');
    const scansBefore = await scanCount(parcel.id);

    const repacked = expectStatus(await packer.post(`/api/v1/parcels/${parcel.id}/repack`), 200);
    expect(repacked).toMatchObject({ status: 'packing', complete: false, expectedGrams: null, weighedGrams: null, weightVerdict: null });
    expect(repacked.lines.map((l: { scanned: number }) => l.scanned)).toEqual([0, 0]);
    // the slip opens the same parcel again
    const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: order.orderNo }), 200);
    expect(session.id).toBe(parcel.id);
    for (const sku of [skus[0], skus[0], skus[1]]) expectStatus(await packer.post(`/api/v1/packing/sessions/${parcel.id}/scans`, { barcode: sku!.code }), 200);
    expectStatus(await packer.post(`/api/v1/packing/sessions/${parcel.id}/complete`), 200);
    expect(expectStatus(await weigh(parcel.id, 790), 200).status).toBe('weighed');

    expect(await scanCount(parcel.id)).toBe(scansBefore + 3);
    expect((await weighings(parcel.id)).map((w) => w.verdict)).toEqual(['mismatch', 'ok']);
    const repack = (await eventsOf(parcel.id)).find((e) => e.action === 'parcel.repack')!;
    expect(repack).toMatchObject({ before: { status: 'packed', weighedGrams: 500, weightVerdict: 'mismatch', expectedGrams: 800 }, after: { status: 'packing' } });
  });

  it('lets a supervisor override with a reason, audited with the weights; a warehouse worker may not', async () => {
    const { parcel } = await packed();
    expect((await weigh(parcel.id, 1000)).body.error.code).toBe('weight_mismatch');
    const refused = await packer.post(`/api/v1/parcels/${parcel.id}/weight-override`, { reason: '赠品较重' });
    expect(refused.status).toBe(403);
    expect((await supervisor.post(`/api/v1/parcels/${parcel.id}/weight-override`, { reason: '  ' })).status).toBe(400);

    const overridden = expectStatus(await supervisor.post(`/api/v1/parcels/${parcel.id}/weight-override`, { reason: '赠品较重，已核对' }), 200);
    expect(overridden).toMatchObject({ status: 'weighed', weighedGrams: 1000, weightVerdict: 'override' });
    expect((await weighings(parcel.id)).slice(-1)).toEqual([{ grams: 1000, expected: 800, verdict: 'override', reason: '赠品较重，已核对', actorId: supervisor.userId }]);
    const event = (await eventsOf(parcel.id)).find((e) => e.action === 'parcel.weight_override')!;
    expect(event).toMatchObject({
      before: { status: 'packed', weightVerdict: 'mismatch' },
      after: { status: 'weighed', reason: '赠品较重，已核对', grams: 1000, expectedGrams: 800, differenceGrams: 200, differencePercent: 25 },
    });
    // nothing left to let go
    const again = await supervisor.post(`/api/v1/parcels/${parcel.id}/weight-override`, { reason: '再次放行' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('no_weight_mismatch');
  });

  it('refuses an override of a parcel never weighed', async () => {
    const { parcel } = await packed();
    const res = await supervisor.post(`/api/v1/parcels/${parcel.id}/weight-override`, { reason: '没称' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'no_weight_mismatch', details: [{ path: 'weightVerdict', message: 'null' }] });
  });
});

describe('an order cancelled after packing', () => {
  it('answers intercepted at the scale, at the door and for an override, and weighs nothing', async () => {
    const { parcel, order } = await packed();
    expect((await weigh(parcel.id, 2000)).status).toBe(409);
    expectStatus(await cs.post(`/api/v1/orders/${order.id}/cancel`, { reason: '买家不要了' }), 200);
    const before = await weighings(parcel.id);

    for (const res of [
      await weigh(parcel.id, 800),
      await t.app.inject({ method: 'GET', url: `/api/v1/parcels/lookup?scan=${order.orderNo}`, headers: { authorization: `Bearer ${packer.token}` } }).then((r) => ({ status: r.statusCode, body: r.json() })),
      await packer.post(`/api/v1/parcels/${parcel.id}/ship`, { carrier: 'ZTO', trackingNo: '773000000002' }),
      await supervisor.post(`/api/v1/parcels/${parcel.id}/weight-override`, { reason: '放行' }),
      await packer.post(`/api/v1/parcels/${parcel.id}/repack`),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'intercepted', message: `订单 ${order.orderNo} 已拦截（订单已取消）：不要打包发出，请把商品放回库位` });
    }
    expect(await weighings(parcel.id)).toEqual(before);
  });
});
