import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../src/platform/clock';
import { signBody } from '../src/platform/signature';
import { sweepLogistics } from '../src/modules/logistics';
import { sweepDeliveredOrders } from '../src/modules/orders';
import { anonymous, createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makeShippedOrder } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let packer: Client;

beforeAll(async () => {
  t = await createTestApp();
  // these tests live through days of carrier time: sessions outlast them
  t.deps.config.tokenTtlHours = 24 * 365;
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_aftersale']);
  packer = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

const shippedOrder = () => makeShippedOrder({ admin, cs, packer });

const at = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
const post = (client: Client, trackingNo: string, events: { time: string; status: string; description: string; location?: string }[]) =>
  client.post('/api/v1/tracking/events', { carrier: 'ZTO', trackingNo, events });
const orderOf = async (id: number) => expectStatus(await cs.get(`/api/v1/orders/${id}`), 200);
const exceptionsOf = async (orderNo: string, status = 'active') => expectStatus(await cs.get(`/api/v1/logistics/exceptions?orderNo=${orderNo}&status=${status}`), 200).items;

/** A request signed as a carrier's webhook would sign it, at `seconds` (Unix). */
function signed(body: unknown, seconds = Math.floor(t.clock.now().getTime() / 1000), secret = t.deps.config.trackingSecret!) {
  const text = JSON.stringify(body);
  return anonymous(t.app).request('POST', '/api/v1/tracking/events', text, {
    'content-type': 'application/json',
    'x-shopflow-timestamp': String(seconds),
    'x-shopflow-signature': signBody(secret, String(seconds), text),
  });
}

describe('tracking events', () => {
  it('are kept once each and read back newest first as the parcel\'s timeline', async () => {
    const { order, trackingNo } = await shippedOrder();
    t.clock.advance(21 * HOUR);
    const events = [
      { time: at(-20 * HOUR), status: 'picked_up', description: '快递员已揽收', location: '杭州' },
      { time: at(-12 * HOUR), status: 'in_transit', description: '已发往上海转运中心', location: '杭州' },
    ];
    expect(expectStatus(await post(packer, trackingNo, events), 200)).toMatchObject({ accepted: 2, duplicates: 0 });
    // the aggregator sends the whole history again with one new event
    const more = [...events, { time: at(-HOUR), status: 'out_for_delivery', description: '派送中，快递员 王师傅' }];
    expect(expectStatus(await post(packer, ` ${trackingNo.slice(0, 4)}-${trackingNo.slice(4)} `, more), 200)).toMatchObject({ accepted: 1, duplicates: 2 });

    const [parcel] = expectStatus(await cs.get(`/api/v1/orders/${order.id}/parcels`), 200).items;
    expect(parcel).toMatchObject({ carrier: 'ZTO', trackingNo, status: 'shipped', deliveredAt: null });
    expect(parcel.events.map((e: { status: string }) => e.status)).toEqual(['out_for_delivery', 'in_transit', 'picked_up']);
    expect(parcel.events[2]).toMatchObject({ description: '快递员已揽收', location: '杭州', time: events[0]!.time.replace(/\.\d+Z$/, '.000Z') });
  });

  it('find a parcel with its timeline by its tracking number (as typed) or its order number, for 物流跟踪', async () => {
    const { order, parcelId, trackingNo } = await shippedOrder();
    t.clock.advance(2 * HOUR);
    expectStatus(await post(packer, trackingNo, [{ time: at(-HOUR), status: 'picked_up', description: '快递员已揽收', location: '杭州' }]), 200);
    const byTrackingNo = expectStatus(await cs.get(`/api/v1/tracking/parcels?q=${encodeURIComponent(` ${trackingNo.slice(0, 4)}-${trackingNo.slice(4)} `)}`), 200).items;
    expect(byTrackingNo).toEqual([expect.objectContaining({ id: parcelId, orderId: order.id, orderNo: order.orderNo, carrier: 'ZTO', trackingNo, events: [expect.objectContaining({ status: 'picked_up', location: '杭州' })] })]);
    const byOrderNo = expectStatus(await cs.get(`/api/v1/tracking/parcels?q=${order.orderNo.toLowerCase()}`), 200).items;
    expect(byOrderNo.map((p: { id: number }) => p.id)).toEqual([parcelId]);
    expect(expectStatus(await cs.get('/api/v1/tracking/parcels?q=NOSUCHTHING'), 200).items).toEqual([]);
  });

  it('refuses an unknown tracking number naming it, and a caller without the tracking permission', async () => {
    const refused = expectStatus(await post(packer, '799999999999', [{ time: at(0), status: 'picked_up', description: '已揽收' }]), 422);
    expect(refused.error).toMatchObject({ code: 'unknown_tracking_no', details: [{ path: 'trackingNo' }] });
    expect(refused.error.message).toContain('中通快递');
    const { trackingNo } = await shippedOrder();
    expect((await post(cs, trackingNo, [{ time: at(0), status: 'picked_up', description: '已揽收' }])).status).toBe(403);
    expect((await anonymous(t.app).post('/api/v1/tracking/events', { carrier: 'ZTO', trackingNo, events: [] })).status).toBe(401);
  });

  it('deliver the order when its parcel is delivered, at the carrier\'s time, and start the timers from it', async () => {
    const { order, trackingNo } = await shippedOrder();
    const deliveredAt = at(30 * HOUR);
    t.clock.advance(40 * HOUR);
    expectStatus(await post(packer, trackingNo, [{ time: deliveredAt, status: 'delivered', description: '已签收，签收人：本人' }]), 200);
    const delivered = await orderOf(order.id);
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt: new Date(deliveredAt).toISOString() });

    const notices = async () => {
      const { rows } = await t.deps.database.query(`SELECT payload->>'kind' AS kind FROM outbox WHERE topic = 'customer.notify' AND payload->>'orderId' = $1 ORDER BY id`, [String(order.id)]);
      return rows.map((r) => r.kind);
    };
    const before = await notices();
    const sinceDelivery = () => t.clock.now().getTime() - new Date(deliveredAt).getTime();
    // 40 h after shipping the delivery is 10 h old: nothing is due yet
    await sweepDeliveredOrders(t.deps);
    expect(await notices()).toEqual(before);
    t.clock.advance(3 * DAY - sinceDelivery() - MINUTE);
    await sweepDeliveredOrders(t.deps);
    expect(await notices()).toEqual(before);
    t.clock.advance(2 * MINUTE);
    await sweepDeliveredOrders(t.deps);
    await sweepDeliveredOrders(t.deps);
    expect(await notices()).toEqual([...before, 'confirm_receipt']);
    t.clock.advance(7 * DAY - sinceDelivery() + MINUTE);
    await sweepDeliveredOrders(t.deps);
    expect(await notices()).toEqual([...before, 'confirm_receipt', 'satisfaction_survey']);
    expect((await orderOf(order.id)).status).toBe('delivered');
    t.clock.advance(10 * DAY - sinceDelivery() + MINUTE);
    await sweepDeliveredOrders(t.deps);
    const completed = await orderOf(order.id);
    expect(completed.status).toBe('completed');
    expect(completed.events.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['order.deliver', 'order.follow_up', 'order.complete']));
  });

  it('refuses a batch with an event dated ahead of the clock (beyond 10 minutes of skew) whole, naming the event', async () => {
    const { order, trackingNo } = await shippedOrder();
    t.clock.advance(2 * HOUR);
    const pickedUp = { time: at(-HOUR), status: 'picked_up', description: '快递员已揽收' };
    const refused = expectStatus(await post(packer, trackingNo, [pickedUp, { time: '2062-05-01T10:00:00+08:00', status: 'delivered', description: '已签收' }]), 422);
    expect(refused.error).toMatchObject({ code: 'future_event_time', details: [{ path: 'events.1.time', message: '2062-05-01T10:00:00+08:00' }] });
    expect(expectStatus(await post(packer, trackingNo, [{ time: at(11 * MINUTE), status: 'in_transit', description: '运输中' }]), 422).error.details).toEqual([expect.objectContaining({ path: 'events.0.time' })]);
    // nothing of the refused batches was kept: no timeline, the order not delivered
    expect(expectStatus(await cs.get(`/api/v1/orders/${order.id}/parcels`), 200).items[0].events).toEqual([]);
    expect(await orderOf(order.id)).toMatchObject({ status: 'shipped', deliveredAt: null });
    // a carrier's clock a few minutes fast is tolerated
    expect(expectStatus(await post(packer, trackingNo, [pickedUp, { time: at(9 * MINUTE), status: 'in_transit', description: '运输中' }]), 200)).toMatchObject({ accepted: 2 });
  });
});

describe('the signed tracking webhook', () => {
  it('takes a carrier\'s signed events once, and refuses a replay, a wrong signature and a stale timestamp', async () => {
    const { trackingNo } = await shippedOrder();
    const body = { carrier: 'ZTO', trackingNo, events: [{ time: at(0), status: 'picked_up', description: '已揽收' }] };
    expect(expectStatus(await signed(body), 200)).toMatchObject({ accepted: 1 });
    expect(expectStatus(await signed(body), 409).error.code).toBe('replayed');
    expect(expectStatus(await signed(body, undefined, 'not-the-secret-at-all-000'), 401).error.code).toBe('bad_signature');
    expect(expectStatus(await signed(body, Math.floor(t.clock.now().getTime() / 1000) - 600), 401).error.code).toBe('bad_signature');
    const { rows } = await t.deps.database.query(`SELECT source FROM tracking_events e JOIN parcels p ON p.id = e.parcel_id WHERE p.tracking_no = $1`, [trackingNo]);
    expect(rows.map((r) => r.source)).toEqual(['webhook']);
  });
});

describe('logistics exceptions', () => {
  it('opens one for a parcel not picked up within 24 h, with a 12 h contact deadline, escalated when nobody calls', async () => {
    const { order } = await shippedOrder();
    t.clock.advance(23 * HOUR);
    await sweepLogistics(t.deps);
    expect(await exceptionsOf(order.orderNo)).toEqual([]);
    t.clock.advance(2 * HOUR);
    await sweepLogistics(t.deps);
    await sweepLogistics(t.deps);
    const [raised] = await exceptionsOf(order.orderNo);
    expect(raised).toMatchObject({ kind: 'not_picked_up', status: 'open', escalatedAt: null, contactDueAt: at(12 * HOUR).replace(/\.\d+Z$/, '.000Z') });
    expect(raised.detail).toContain('未揽收');

    const overdueOf = async (overdue: string) => expectStatus(await cs.get(`/api/v1/logistics/exceptions?orderNo=${order.orderNo}&overdue=${overdue}`), 200).items;
    expect([await overdueOf('true'), (await overdueOf('false')).length]).toEqual([[], 1]);
    t.clock.advance(12 * HOUR + MINUTE);
    // past its deadline with nobody having called: overdue at once, escalated by the next sweep
    expect((await overdueOf('true')).map((e: { id: number }) => e.id)).toEqual([raised.id]);
    await sweepLogistics(t.deps);
    const [escalated] = expectStatus(await cs.get(`/api/v1/logistics/exceptions?orderNo=${order.orderNo}&escalated=true`), 200).items;
    expect(escalated.id).toBe(raised.id);

    expect(expectStatus(await cs.post(`/api/v1/logistics/exceptions/${raised.id}/resolve`, { outcome: 'redelivered' }), 409).error.code).toBe('not_contacted');
    const contacted = expectStatus(await cs.post(`/api/v1/logistics/exceptions/${raised.id}/contact`, { channel: 'phone', note: '已致电买家，快递明天上门揽收' }), 200);
    expect(contacted).toMatchObject({ status: 'contacted', contactChannel: 'phone', contactNote: '已致电买家，快递明天上门揽收' });
    // contacted, late but contacted: no longer overdue
    expect([await overdueOf('true'), (await overdueOf('false')).length]).toEqual([[], 1]);
    const resolved = expectStatus(await cs.post(`/api/v1/logistics/exceptions/${raised.id}/resolve`, { outcome: 'redelivered', note: '次日已揽收' }), 200);
    expect(resolved).toMatchObject({ status: 'resolved', outcome: 'redelivered' });
    const history = expectStatus(await cs.get(`/api/v1/logistics/exceptions/${raised.id}/events`), 200).items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['logistics_exception.open', 'logistics_exception.escalate', 'logistics_exception.contact', 'logistics_exception.resolve']);
    expect(history[2].after).toMatchObject({ channel: 'phone', note: '已致电买家，快递明天上门揽收' });
    expect((await cs.get('/api/v1/logistics/exceptions/999999/events')).status).toBe(404);
    expect(await exceptionsOf(order.orderNo)).toEqual([]);
    // handled, and still no news: the next sweep does not raise it again
    await sweepLogistics(t.deps);
    expect(await exceptionsOf(order.orderNo)).toEqual([]);
    expect((await packer.post(`/api/v1/logistics/exceptions/${raised.id}/contact`, { channel: 'phone', note: 'x' })).status).toBe(403);
  });

  it('judges a parcel stale from its events\' times as soon as they arrive, and a sweep later for one gone quiet', async () => {
    const late = await shippedOrder();
    t.clock.advance(5 * DAY);
    // the aggregator's first news is already four days old: stale at once, no sweep needed
    expectStatus(await post(packer, late.trackingNo, [{ time: at(-4 * DAY), status: 'in_transit', description: '到达武汉转运中心' }]), 200);
    expect((await exceptionsOf(late.order.orderNo)).map((e: { kind: string }) => e.kind)).toEqual(['stale']);

    const quiet = await shippedOrder();
    t.clock.advance(HOUR);
    expectStatus(await post(packer, quiet.trackingNo, [{ time: at(0), status: 'picked_up', description: '已揽收' }]), 200);
    t.clock.advance(72 * HOUR - MINUTE);
    await sweepLogistics(t.deps);
    expect(await exceptionsOf(quiet.order.orderNo)).toEqual([]);
    t.clock.advance(2 * MINUTE);
    await sweepLogistics(t.deps);
    const [stale] = await exceptionsOf(quiet.order.orderNo);
    expect(stale).toMatchObject({ kind: 'stale' });
    expect(stale.detail).toContain('已揽收');
  });

  it('opens one for a returned or damaged parcel, with what the carrier said', async () => {
    const { order, trackingNo } = await shippedOrder();
    t.clock.advance(HOUR);
    expectStatus(await post(packer, trackingNo, [{ time: at(0), status: 'damaged', description: '外包装破损，已拍照' }]), 200);
    expect(await exceptionsOf(order.orderNo)).toEqual([expect.objectContaining({ kind: 'damaged', detail: '破损：外包装破损，已拍照' })]);
    expect((await orderOf(order.id)).status).toBe('shipped');
  });
});

describe('the tracking CSV import', () => {
  const header = '快递公司,快递单号,时间,状态,描述,地点';
  /** The time `ms` from now as aggregators write it: China local, no offset. */
  const local = (ms: number) => new Date(t.clock.now().getTime() + ms + 8 * HOUR).toISOString().slice(0, 19).replace('T', ' ');

  it('imports an aggregator\'s export with Chinese columns, carrier names and local times', async () => {
    const { order, trackingNo } = await shippedOrder();
    t.clock.advance(31 * HOUR);
    const csv = ['\ufeff' + header, `中通快递,${trackingNo},${local(-30 * HOUR)},已揽收,快递员已揽件,杭州`, `中通,${trackingNo},${local(-HOUR)},已签收,本人签收,上海`].join('\r\n');
    expect(expectStatus(await packer.post('/api/v1/tracking/imports', { content: csv }), 200)).toMatchObject({ rows: 2, parcels: 1, accepted: 2, duplicates: 0 });
    const delivered = await orderOf(order.id);
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt: at(-HOUR).replace(/\.\d+Z$/, '.000Z') });
  });

  it('refuses a file with bad rows or unknown numbers whole, naming each problem, and imports nothing', async () => {
    const { order, trackingNo } = await shippedOrder();
    const bad = [header, `中通快递,${trackingNo},2026-13-45 10:00,已揽收,已揽件,杭州`, `某某快递,${trackingNo},${local(-HOUR)},飞走了,描述,`].join('\n');
    const refused = expectStatus(await packer.post('/api/v1/tracking/imports', { content: bad }), 422);
    expect(refused.error.code).toBe('invalid_rows');
    expect(refused.error.details.map((d: { path: string }) => d.path)).toEqual(['rows.2.time', 'rows.3.carrier', 'rows.3.status']);
    const unknown = [header, `中通快递,${trackingNo},${local(-HOUR)},已揽收,已揽件,杭州`, `中通快递,788888888888,${local(-HOUR)},已揽收,已揽件,杭州`].join('\n');
    expect(expectStatus(await packer.post('/api/v1/tracking/imports', { content: unknown }), 422).error.code).toBe('unknown_tracking_no');
    expect(expectStatus(await cs.get(`/api/v1/orders/${order.id}/parcels`), 200).items[0].events).toEqual([]);
  });

  it('refuses a file with a row dated ahead of the clock, naming the row\'s time, and imports none of it', async () => {
    const { order, trackingNo } = await shippedOrder();
    t.clock.advance(HOUR);
    const future = [header, `中通快递,${trackingNo},${local(-HOUR)},已揽收,已揽件,杭州`, `中通快递,${trackingNo},2062-05-01 10:00:00,已签收,本人签收,上海`].join('\n');
    const refused = expectStatus(await packer.post('/api/v1/tracking/imports', { content: future }), 422);
    expect(refused.error).toMatchObject({ code: 'invalid_rows', details: [{ path: 'rows.3.time' }] });
    expect(refused.error.details[0].message).toContain('晚于现在');
    expect(expectStatus(await cs.get(`/api/v1/orders/${order.id}/parcels`), 200).items[0].events).toEqual([]);
    expect((await orderOf(order.id)).status).toBe('shipped');
  });
});
