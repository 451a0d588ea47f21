import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makeOrder, makePaidOrder, makeShippedOrder, orderInput, seedCatalog, uploadFile } from './factories';

let t: TestApp;
let admin: Client;
let presale: Client;
let aftersale: Client;
let supervisor: Client;
let packer: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  presale = await t.signIn(['cs_presale']);
  aftersale = await t.signIn(['cs_aftersale']);
  supervisor = await t.signIn(['supervisor']);
  packer = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

/** A paid order of one unit of each of two SKUs (plus 8 元 shipping), in a shop of its own. */
async function paidOrder() {
  const { shop, skus } = await seedCatalog(admin);
  const order = await makePaidOrder(presale, orderInput(shop.code, skus));
  return { order: order as { id: number; orderNo: string; total: number }, skus };
}

const openCase = (client: Client, body: Record<string, unknown>) => client.post('/api/v1/aftersales/cases', body);
const refund = (client: Client, caseId: number, amount: number, reason = '协商退款') => client.post(`/api/v1/aftersales/cases/${caseId}/refund`, { amount, reason });
const refundsOf = async (orderId: number) => expectStatus(await aftersale.get(`/api/v1/orders/${orderId}/refunds`), 200);

describe('after-sales cases', () => {
  it('opens a case on the lines it names, numbered for the shop day and due at its end, audited', async () => {
    const { order, skus } = await makeShippedOrder({ admin, cs: presale, packer }, { skus: [{}, {}] });
    const opened = expectStatus(await openCase(aftersale, { orderId: order.id, type: 'missing_item', reason: '买家说少了一件', lines: [{ skuCode: skus[1]!.code.toLowerCase(), quantity: 1 }], evidence: [{ note: '旺旺截图：只收到一件' }] }), 201);
    // the fake clock reads 2026-11-20 10:00 in Shanghai: a solution is due by midnight there
    expect(opened).toMatchObject({ orderNo: order.orderNo, type: 'missing_item', status: 'open', deadline: '2026-11-20T16:00:00.000Z', refunded: 0, pendingApproval: null, evidence: [{ note: '旺旺截图：只收到一件' }] });
    expect(opened.caseNo).toMatch(/^SH20261120\d{4,}$/);
    expect(opened.lines).toEqual([expect.objectContaining({ skuCode: skus[1]!.code, quantity: 1 })]);
    expect(opened.events.map((e: { action: string }) => e.action)).toEqual(['aftersales_case.open']);
    expect(expectStatus(await aftersale.get(`/api/v1/aftersales/cases?orderId=${order.id}`), 200).items.map((c: { id: number }) => c.id)).toEqual([opened.id]);
  });

  it('refuses lines the order does not have, more units than bought, and an unpaid order', async () => {
    const { order, skus } = await paidOrder();
    const wrong = await openCase(aftersale, { orderId: order.id, type: 'refund_only', reason: '不要了', lines: [{ skuCode: 'NOPE-1', quantity: 1 }, { skuCode: skus[0]!.code, quantity: 2 }] });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details).toEqual([
      { path: 'lines.0.skuCode', message: `订单 ${order.orderNo} 没有货号 NOPE-1 的商品` },
      { path: 'lines.1.quantity', message: `货号 ${skus[0]!.code} 只买了 1 件` },
    ]);
    const { shop, skus: other } = await seedCatalog(admin);
    const unpaid = await makeOrder(presale, orderInput(shop.code, other));
    const refused = await openCase(aftersale, { orderId: unpaid.id, type: 'refund_only', reason: '不要了' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'not_eligible', message: `订单 ${unpaid.orderNo} 还未付款，不能申请售后` });
    expect((await openCase(presale, { orderId: order.id, type: 'refund_only', reason: '不要了' })).status).toBe(403);
  });
});

describe('refunds', () => {
  it('pays a refund within customer service authority into the ledger, the order, its history and the outbox', async () => {
    const { order } = await makeShippedOrder({ admin, cs: presale, packer });
    const photo = expectStatus(await uploadFile(aftersale), 201);
    const damage = { type: 'damaged', severity: 'minor', reason: '外箱压坏，商品轻微划痕', lines: [{ skuCode: order.items[0].skuCode, quantity: 1 }], evidence: [{ fileId: photo.id, note: '买家照片' }] };
    const opened = expectStatus(await openCase(aftersale, { orderId: order.id, ...damage }), 201);
    // minor damage: the rules suggest 10 % of the 99.00 paid for the damaged unit
    expect(opened.suggestedRefund).toBe(990);
    const paid = expectStatus(await refund(aftersale, opened.id, 1234, '轻微破损补偿 10%'), 200);
    expect(paid).toMatchObject({ status: 'open', refunded: 1234 });
    const ledger = await refundsOf(order.id);
    expect(ledger).toMatchObject({ paid: order.total, refunded: 1234, items: [{ caseId: opened.id, caseNo: opened.caseNo, amount: 1234, reason: '轻微破损补偿 10%', method: 'original', approvedBy: null }] });
    expect(expectStatus(await admin.get(`/api/v1/orders/${order.id}`), 200).refundedAmount).toBe(1234);
    const orderEvents = expectStatus(await admin.get(`/api/v1/orders/${order.id}/events`), 200).items.map((e: { action: string }) => e.action);
    expect(orderEvents).toContain('order.refund');
    const { rows } = await t.deps.database.query(`SELECT payload FROM outbox WHERE topic = 'order.refunded' AND payload->>'orderId' = $1`, [String(order.id)]);
    expect(rows.map((r) => r.payload)).toEqual([expect.objectContaining({ caseId: opened.id, amount: 1234, refundId: ledger.items[0].id })]);
  });

  it('asks a supervisor beyond 500 元 a case: kept waiting, approved for the amount the supervisor sets', async () => {
    const { order, skus } = await makeShippedOrder({ admin, cs: presale, packer }, { skus: [{ price: 90_000 }] });
    const opened = expectStatus(await openCase(aftersale, { orderId: order.id, type: 'quality', reason: '开机无反应', lines: [{ skuCode: skus[0]!.code, quantity: 1 }] }), 201);
    expectStatus(await refund(aftersale, opened.id, 30_000), 200);
    // 300 元 refunded, 200 元 more reaches the 500 元 authority exactly; one fen more does not
    const asked = await refund(aftersale, opened.id, 20_001, '质量问题全额退款');
    expect(asked.status).toBe(409);
    expect(asked.body.error).toMatchObject({ code: 'approval_required', message: `售后单 ${opened.caseNo} 已退 300.00 元，再退 200.01 元超过客服权限 500.00 元，已提交主管审批` });
    const waiting = expectStatus(await aftersale.get(`/api/v1/aftersales/cases/${opened.id}`), 200);
    expect(waiting).toMatchObject({ status: 'awaiting_approval', refunded: 30_000, pendingApproval: { amount: 20_001, reason: '质量问题全额退款' } });
    expect((await refundsOf(order.id)).refunded).toBe(30_000);
    expect((await refund(aftersale, opened.id, 100)).body.error.code).toBe('invalid_transition');
    expect((await aftersale.post(`/api/v1/aftersales/cases/${opened.id}/approve`, { amount: 20_001 })).status).toBe(403);

    const approved = expectStatus(await supervisor.post(`/api/v1/aftersales/cases/${opened.id}/approve`, { amount: 20_000 }), 200);
    expect(approved).toMatchObject({ status: 'open', refunded: 50_000, pendingApproval: null });
    expect((await refundsOf(order.id)).items.map((r: { amount: number; approvedBy: string | null }) => [r.amount, r.approvedBy !== null])).toEqual([
      [30_000, false],
      [20_000, true],
    ]);
    expect(approved.events.map((e: { action: string }) => e.action).slice(-3)).toEqual(['aftersales_case.request_approval', 'aftersales_case.refund', 'aftersales_case.approve']);
    // within what is left of the authority nothing is asked; a supervisor is never asked
    expect((await refund(aftersale, opened.id, 1)).body.error.code).toBe('approval_required');
    expectStatus(await supervisor.post(`/api/v1/aftersales/cases/${opened.id}/reject`, { note: '已足额补偿' }), 200);
    expect(expectStatus(await refund(supervisor, opened.id, 10_000), 200).refunded).toBe(60_000);
  });

  it('never refunds more than was paid, said in yuan, and a closed case takes no refund', async () => {
    const { order } = await paidOrder();
    const opened = expectStatus(await openCase(supervisor, { orderId: order.id, type: 'refund_only', reason: '未发货，买家不要了' }), 201);
    expectStatus(await refund(supervisor, opened.id, order.total - 100), 200);
    const over = await refund(supervisor, opened.id, 101);
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'refund_exceeds_paid', details: [{ path: 'amount', message: '100' }] });
    expect(over.body.error.message).toBe(`退款 1.01 元超过订单还可退的 1.00 元（已付 ${(order.total / 100).toFixed(2)} 元，已退 ${((order.total - 100) / 100).toFixed(2)} 元）`);
    expectStatus(await supervisor.post(`/api/v1/aftersales/cases/${opened.id}/close`, { note: '已退款' }), 200);
    expect((await refund(supervisor, opened.id, 1)).body.error.code).toBe('invalid_transition');
  });

  it('lets concurrent refunds of one order pay no more than was paid, and the database refuses any writer that tries', async () => {
    const { order } = await paidOrder();
    const cases = await Promise.all([1, 2, 3].map(async () => expectStatus(await openCase(supervisor, { orderId: order.id, type: 'refund_only', reason: '重复退款测试' }), 201)));
    const share = Math.floor(order.total * 0.4);
    const attempts = await Promise.all(cases.flatMap((c) => [refund(supervisor, c.id, share), refund(supervisor, c.id, share)]));
    expect(attempts.filter((r) => r.status === 200)).toHaveLength(2);
    expect(attempts.filter((r) => r.status !== 200).map((r) => r.body.error.code)).toEqual(Array(4).fill('refund_exceeds_paid'));
    expect((await refundsOf(order.id)).refunded).toBe(2 * share);

    const sql = (text: string) => t.deps.database.query(text).then(
      () => 'written',
      (err: { code?: string; cause?: { code?: string } }) => err.code ?? err.cause?.code,
    );
    expect(await sql(`INSERT INTO refunds (order_id, case_id, amount, reason, method, at) VALUES (${order.id}, ${cases[0]!.id}, ${order.total}, '绕过服务', 'original', now())`)).toBe('23514');
    expect(await sql(`UPDATE refunds SET amount = 1 WHERE order_id = ${order.id}`)).toBe('23001');
    expect(await sql(`DELETE FROM refunds WHERE order_id = ${order.id}`)).toBe('23001');
    expect((await refundsOf(order.id)).refunded).toBe(2 * share);
  });
});
