import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../src/platform/clock';
import { escalateOverdueCases } from '../src/modules/aftersales';
import { createTestApp, type Client, type TestApp } from './harness';
import { deliverParcel, expectStatus, makePaidOrder, makeShippedOrder, orderInput, seedCatalog, uploadFile } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let supervisor: Client;
let packer: Client;

beforeAll(async () => {
  t = await createTestApp();
  // the 7-day window is lived through on the fake clock: sessions outlast it
  t.deps.config.tokenTtlHours = 24 * 365;
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_aftersale']);
  supervisor = await t.signIn(['supervisor']);
  packer = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

const shipped = (opts: Parameters<typeof makeShippedOrder>[1] = {}) => makeShippedOrder({ admin, cs, packer }, opts);
const openCase = (client: Client, body: Record<string, unknown>) => client.post('/api/v1/aftersales/cases', body);
const caseOf = async (id: number) => expectStatus(await cs.get(`/api/v1/aftersales/cases/${id}`), 200);
const lineOf = (order: { items: { skuCode: string }[] }) => [{ skuCode: order.items[0]!.skuCode, quantity: 1 }];
const refusal = (res: { status: number; body: any }) => {
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe('not_eligible');
  return res.body.error.message as string;
};

describe('case SLA', () => {
  it('is due the same shop day; a proposal meets it, a return then waits for the goods', async () => {
    const { order } = await shipped();
    const opened = expectStatus(await openCase(cs, { orderId: order.id, type: 'quality', reason: '起球严重', lines: lineOf(order) }), 201);
    // the fake clock reads 2026-11-20 10:00 in Shanghai
    expect(opened).toMatchObject({ deadline: '2026-11-20T16:00:00.000Z', overdue: false, proposal: null, difficult: false, escalatedAt: null });
    expect((await cs.post(`/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'partial_refund', note: '补偿' })).body.error.details).toEqual([{ path: 'amount', message: '退款方案请填写金额' }]);
    const offered = expectStatus(await cs.post(`/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'return', note: '质量问题退货，运费由我方承担' }), 200);
    expect(offered).toMatchObject({ status: 'awaiting_return', proposal: { solution: 'return', amount: null, note: '质量问题退货，运费由我方承担', at: t.clock.now().toISOString() } });
    expect((await cs.post(`/api/v1/aftersales/cases/${opened.id}/refund`, { amount: 100, reason: '先退一点' })).body.error.code).toBe('invalid_transition');
    expect(offered.events.at(-1)).toMatchObject({ action: 'aftersales_case.propose', after: { solution: 'return', inTime: true } });
  });

  it('gives a difficult case three shop days, and the sweep escalates a case left unanswered past its deadline once', async () => {
    const { order } = await shipped({ skus: [{}, {}] });
    const answered = expectStatus(await openCase(cs, { orderId: order.id, type: 'missing_item', reason: '少一件', lines: lineOf(order) }), 201);
    const forgotten = expectStatus(await openCase(cs, { orderId: order.id, type: 'complaint', complaintCategory: 'service', reason: '客服态度差' }), 201);
    const hard = expectStatus(await openCase(cs, { orderId: order.id, type: 'quality', reason: '多次返修', lines: lineOf(order) }), 201);
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${answered.id}/propose`, { solution: 'reship', note: '补发一件' }), 200);
    const difficult = expectStatus(await cs.post(`/api/v1/aftersales/cases/${hard.id}/escalate`, { note: '买家要求三倍赔偿', difficult: true }), 200);
    // opened 11-20 in Shanghai: due by the end of 11-23 there
    expect(difficult).toMatchObject({ difficult: true, deadline: '2026-11-23T16:00:00.000Z', escalatedAt: t.clock.now().toISOString() });

    t.clock.advance(14 * HOUR + MINUTE); // 11-21 00:01 in Shanghai
    expect(await caseOf(forgotten.id)).toMatchObject({ overdue: true, escalatedAt: null });
    expect(await escalateOverdueCases(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await caseOf(forgotten.id)).toMatchObject({ overdue: true, escalatedAt: t.clock.now().toISOString() });
    expect(await caseOf(answered.id)).toMatchObject({ overdue: false, escalatedAt: null });
    expect((await caseOf(hard.id)).overdue).toBe(false);
    await escalateOverdueCases(t.deps);
    const events = (await caseOf(forgotten.id)).events.map((e: { action: string; actorId: number | null }) => [e.action, e.actorId]);
    expect(events).toEqual([
      ['aftersales_case.open', expect.any(Number)],
      ['aftersales_case.escalate', null],
    ]);
    const queue = expectStatus(await supervisor.get(`/api/v1/aftersales/cases?escalated=true&orderId=${order.id}`), 200);
    expect(queue.items.map((c: { id: number }) => c.id).sort()).toEqual([forgotten.id, hard.id].sort());
    expect(expectStatus(await cs.get(`/api/v1/aftersales/cases?mine=true&orderId=${order.id}`), 200).total).toBe(3);
    expect(expectStatus(await supervisor.get(`/api/v1/aftersales/cases?mine=true&orderId=${order.id}`), 200).total).toBe(0);
    // the queue: open cases by deadline, closed ones after them
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${answered.id}/close`, { note: '已补发' }), 200);
    const all = expectStatus(await cs.get(`/api/v1/aftersales/cases?orderId=${order.id}`), 200).items.map((c: { id: number }) => c.id);
    expect(all).toEqual([forgotten.id, hard.id, answered.id]);
  });
});

describe('eligibility', () => {
  it('takes refund only before shipping and goods cases after, on the lines they name', async () => {
    const { shop, skus } = await seedCatalog(admin);
    const unshipped = await makePaidOrder(cs, orderInput(shop.code, skus));
    const photo = expectStatus(await uploadFile(cs), 201);
    const damagePhoto = [{ fileId: photo.id, note: '外箱破损' }];
    expect(refusal(await openCase(cs, { orderId: unshipped.id, type: 'damaged', severity: 'minor', reason: '破损', lines: lineOf(unshipped), evidence: damagePhoto }))).toBe(`订单 ${unshipped.orderNo} 还未发货，请按仅退款受理`);
    expectStatus(await openCase(cs, { orderId: unshipped.id, type: 'refund_only', reason: '不想要了' }), 201);

    const { order } = await shipped();
    expect(refusal(await openCase(cs, { orderId: order.id, type: 'refund_only', reason: '不想要了' }))).toBe(`订单 ${order.orderNo} 已发货，不能仅退款：请按退货退款、少货、错货或破损受理`);
    expect(refusal(await openCase(cs, { orderId: order.id, type: 'wrong_item', reason: '发错颜色', reportedBarcode: '6901234567892' }))).toBe('请填写售后涉及的商品（货号和数量）');
    const bad = await openCase(cs, { orderId: order.id, type: 'damaged', noReason: true, reason: '压坏', lines: lineOf(order) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'severity', message: '请选择破损程度：轻微或严重' },
        { path: 'noReason', message: '七天无理由只适用于退货退款和换货' },
      ]),
    );
    expectStatus(await openCase(cs, { orderId: order.id, type: 'complaint', complaintCategory: 'logistics', reason: '物流太慢' }), 201);

    // a damage case shows the damage: a photo, not only words or a PDF
    const pdf = expectStatus(await uploadFile(cs, '快递面单.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf'), 201);
    const damage = { orderId: order.id, type: 'damaged', severity: 'severe', reason: '屏幕碎裂', lines: lineOf(order) };
    const noPhoto = await openCase(cs, { ...damage, evidence: [{ note: '买家说碎了' }, { fileId: pdf.id }] });
    expect(noPhoto.status).toBe(422);
    expect(noPhoto.body.error.details).toEqual([{ path: 'evidence', message: '运输破损请上传破损照片' }]);
    expect((await openCase(cs, { ...damage, evidence: [{ fileId: 987654 }, ...damagePhoto] })).body.error.details).toEqual([{ path: 'evidence.0.fileId', message: '文件 987654 不存在，请重新上传' }]);
    const opened = expectStatus(await openCase(cs, { ...damage, evidence: [...damagePhoto, { fileId: pdf.id }, { note: '旺旺：外箱完好，内部碎裂' }] }), 201);
    expect(opened.evidence).toEqual([
      { fileId: photo.id, note: '外箱破损', name: '破损照片.png', contentType: 'image/png' },
      { fileId: pdf.id, note: null, name: '快递面单.pdf', contentType: 'application/pdf' },
      { fileId: null, note: '旺旺：外箱完好，内部碎裂', name: null, contentType: null },
    ]);
  });

  it('counts 七天无理由 from the day after delivery, in the shop’s time zone, and refuses exempt goods', async () => {
    const onTime = await shipped({ skus: [{}, {}] });
    const late = await shipped();
    const fresh = await shipped({ product: { name: '阳澄湖大闸蟹', category: '生鲜', returnPolicy: 'perishable' } });
    const undelivered = await shipped();
    expect(refusal(await openCase(cs, { orderId: undelivered.order.id, type: 'return_refund', noReason: true, reason: '不喜欢', lines: lineOf(undelivered.order) }))).toBe(
      `订单 ${undelivered.order.orderNo} 还未签收，七天无理由从签收次日起算`,
    );

    // signed for at 23:50 on 11-21 in Shanghai (15:50 UTC): the 7 days are 11-22 … 11-28
    t.clock.set('2026-11-22T02:00:00Z');
    for (const o of [onTime, late, fresh]) await deliverParcel(packer, o.trackingNo, '2026-11-21T15:50:00Z');
    expect(refusal(await openCase(cs, { orderId: fresh.order.id, type: 'return_refund', noReason: true, reason: '不想要了', lines: lineOf(fresh.order) }))).toBe(
      `货号 ${fresh.order.items[0].skuCode} 属于鲜活易腐商品，不适用七天无理由退换`,
    );
    expectStatus(await openCase(cs, { orderId: fresh.order.id, type: 'quality', reason: '到货已死', lines: lineOf(fresh.order) }), 201);

    t.clock.set('2026-11-28T15:59:00Z'); // 23:59 on 11-28 in Shanghai: the last minute
    const accepted = expectStatus(await openCase(cs, { orderId: onTime.order.id, type: 'exchange', noReason: true, reason: '换个颜色', lines: lineOf(onTime.order) }), 201);
    expect(accepted).toMatchObject({ noReason: true, overrideReason: null });
    t.clock.advance(2 * MINUTE);
    const message = `订单 ${late.order.orderNo} 于 2026-11-21 签收，七天无理由截至 2026-11-28，已超过 1 天`;
    const lateCase = { orderId: late.order.id, type: 'return_refund', noReason: true, reason: '不喜欢', lines: lineOf(late.order) };
    expect(refusal(await openCase(cs, lateCase))).toBe(message);
    t.clock.advance(3 * DAY);
    expect(refusal(await openCase(cs, lateCase))).toBe(message.replace('1 天', '4 天'));

    // a supervisor may open it anyway, saying why; customer service may not
    const override = { reason: '老客户，破例受理' };
    expect((await openCase(cs, { ...lateCase, override })).status).toBe(403);
    const overridden = expectStatus(await openCase(supervisor, { ...lateCase, override }), 201);
    expect(overridden.overrideReason).toBe('老客户，破例受理');
    expect(overridden.events[0].after).toMatchObject({ refused: message.replace('1 天', '4 天'), override: '老客户，破例受理' });
    // an override on a case the rules take is not recorded as one
    expect(expectStatus(await openCase(supervisor, { orderId: late.order.id, type: 'quality', reason: '开线', lines: lineOf(late.order), override }), 201).overrideReason).toBeNull();
  });
});
