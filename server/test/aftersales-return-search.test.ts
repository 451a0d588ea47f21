import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../src/platform/clock';
import { createTestApp, type Client, type TestApp } from './harness';
import { deliverParcel, expectStatus, makeShippedOrder } from './factories';

/** How the warehouse finds a return parcel's case (`GET …/cases?q=`), the return waybill it records, and the overdue receipts list. */
let t: TestApp;
let cs: Client;
let packer: Client;
let admin: Client;
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  t.deps.config.tokenTtlHours = 24 * 365;
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_aftersale']);
  packer = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

/** A delivered order of one 59.00 shirt from a platform, a return offered to the buyer (with the waybill they told, if any). */
async function awaitedReturn(proposal: Record<string, unknown> = {}) {
  const platformOrderId = `TB${process.pid}${String(++serial).padStart(6, '0')}`;
  const shipped = await makeShippedOrder({ admin, cs, packer }, { skus: [{ price: 5_900 }], order: { platformOrderId } });
  await deliverParcel(packer, shipped.trackingNo, new Date(t.clock.now().getTime() - MINUTE).toISOString());
  const sku = shipped.skus[0]!;
  const opened = expectStatus(await cs.post('/api/v1/aftersales/cases', { orderId: shipped.order.id, type: 'return_refund', noReason: true, reason: '不喜欢', lines: [{ skuCode: sku.code, quantity: 1 }] }), 201);
  const offered = expectStatus(await cs.post(`/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'return', note: '请寄回', ...proposal }), 200);
  return { ...shipped, sku, platformOrderId, case: offered as { id: number; caseNo: string; returnTrackingNo: string | null } };
}

const search = async (q: string, extra = '') => (expectStatus(await packer.get(`/api/v1/aftersales/cases?q=${encodeURIComponent(q)}${extra}`), 200).items as { id: number }[]).map((c) => c.id);

describe('finding a return by what is written on its parcel', () => {
  it('matches the case no, the order no whole or by its last 6+ characters, the platform id and both waybills — nothing else', async () => {
    const r = await awaitedReturn({ returnTrackingNo: 'sf 1234-5678-9012' });
    const other = await awaitedReturn();
    expect(r.case.returnTrackingNo).toBe('SF123456789012');
    const orderNo: string = r.order.orderNo;
    expect(await search(r.case.caseNo.toLowerCase())).toEqual([r.case.id]);
    expect(await search(orderNo.toLowerCase())).toEqual([r.case.id]);
    expect(await search(orderNo.slice(-6))).toEqual([r.case.id]);
    expect(await search(orderNo.slice(-5))).toEqual([]);
    expect(await search(r.platformOrderId)).toEqual([r.case.id]);
    expect(await search('SF123456789012')).toEqual([r.case.id]);
    expect(await search('sf1234 5678 9012')).toEqual([r.case.id]);
    expect(await search(r.trackingNo)).toEqual([r.case.id]);
    expect(await search(other.trackingNo)).toEqual([other.case.id]);
    expect(await search('NO-SUCH-PARCEL')).toEqual([]);
    // filters combine with the search, and the page counts only what matched
    expect(expectStatus(await packer.get(`/api/v1/aftersales/cases?q=${r.trackingNo}&status=awaiting_return`), 200)).toMatchObject({ total: 1 });
    expect(await search(r.trackingNo, '&status=closed')).toEqual([]);
  });

  it('records the waybill the parcel came back with at receipt, normalised, and refuses one that is not a waybill', async () => {
    const r = await awaitedReturn();
    const line = { skuCode: r.sku.code, quantity: 1, condition: 'resellable' };
    const bad = await packer.post(`/api/v1/aftersales/cases/${r.case.id}/receive`, { lines: [line], returnTrackingNo: '退货' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'returnTrackingNo', message: '退货快递单号应为 8–32 位字母或数字' })]);
    const received = expectStatus(await packer.post(`/api/v1/aftersales/cases/${r.case.id}/receive`, { lines: [line], returnTrackingNo: 'yt-1234567890123' }), 200);
    expect(received).toMatchObject({ returnTrackingNo: 'YT1234567890123', status: 'open' });
    expect(received.events.at(-1).after.returnTrackingNo).toBe('YT1234567890123');
    expect(await search('YT1234567890123')).toEqual([r.case.id]);
    // only a return or an exchange waits for a parcel
    const refused = await cs.post(`/api/v1/aftersales/cases/${r.case.id}/propose`, { solution: 'explain', note: '已说明', returnTrackingNo: 'SF123456789013' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({ path: 'returnTrackingNo', message: '只有退货或换货方案有退货快递单号' });
  });

  it('lists returns received 24 h ago and not refunded since as overdue, until a refund answers them', async () => {
    const late = await awaitedReturn();
    const refunded = await awaitedReturn();
    const fresh = await awaitedReturn();
    const receive = (r: Awaited<ReturnType<typeof awaitedReturn>>) => packer.post(`/api/v1/aftersales/cases/${r.case.id}/receive`, { lines: [{ skuCode: r.sku.code, quantity: 1, condition: 'resellable' }] });
    expectStatus(await receive(late), 200);
    expectStatus(await receive(refunded), 200);
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${refunded.case.id}/refund`, { amount: 5_900, reason: '退货退款' }), 200);
    t.clock.advance(24 * HOUR - MINUTE);
    expectStatus(await receive(fresh), 200);
    const ours = [late, refunded, fresh].map((r) => r.case.id);
    const overdue = async () => (await search('', '&progress=return_unrefunded&pageSize=100')).filter((id) => ours.includes(id));
    expect(await overdue()).toEqual([]);
    t.clock.advance(MINUTE);
    expect(await overdue()).toEqual([late.case.id]);
    t.clock.advance(24 * HOUR);
    expect(await overdue()).toEqual([late.case.id, fresh.case.id]);
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${late.case.id}/refund`, { amount: 5_900, reason: '退货退款' }), 200);
    expect(await overdue()).toEqual([fresh.case.id]);
  });
});
