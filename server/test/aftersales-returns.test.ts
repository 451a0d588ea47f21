import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../src/platform/clock';
import { escalateOverdueCases } from '../src/modules/aftersales';
import { checkStockInvariants } from '../src/modules/inventory';
import { createTestApp, type Client, type TestApp } from './harness';
import { deliverParcel, expectStatus, makeShippedOrder } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let packer: Client;

beforeAll(async () => {
  t = await createTestApp();
  t.deps.config.tokenTtlHours = 24 * 365;
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_aftersale']);
  packer = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

/** A delivered order of one T-shirt at 59.00 and one scarf at 129.00 (8.00 shipping), a return of both offered to the buyer. */
async function awaitedReturn(noReason: boolean) {
  const shipped = await makeShippedOrder({ admin, cs, packer }, { skus: [{ price: 5_900 }, { price: 12_900 }] });
  await deliverParcel(packer, shipped.trackingNo, new Date(t.clock.now().getTime() - MINUTE).toISOString());
  const [shirt, scarf] = shipped.skus as { id: number; code: string }[];
  const lines = [shirt!, scarf!].map((s) => ({ skuCode: s.code, quantity: 1 }));
  const opened = expectStatus(await cs.post('/api/v1/aftersales/cases', { orderId: shipped.order.id, type: noReason ? 'return_refund' : 'quality', noReason, reason: noReason ? '不喜欢' : '围巾脱线', lines }), 201);
  expectStatus(await cs.post(`/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'return', note: '请寄回' }), 200);
  return { ...shipped, shirt: shirt!, scarf: scarf!, caseId: opened.id as number };
}

const receive = (client: Client, caseId: number, body: Record<string, unknown>) => client.post(`/api/v1/aftersales/cases/${caseId}/receive`, body);

async function ledgerOf(skuId: number, caseNo: string) {
  const { rows } = await t.deps.database.query(`SELECT reason, on_hand_delta AS delta FROM stock_movements WHERE sku_id = $1 AND ref_type = 'aftersales_case' AND ref_id = $2 ORDER BY id`, [skuId, caseNo]);
  return rows;
}
async function onHand(skuId: number) {
  const { rows } = await t.deps.database.query(`SELECT on_hand AS n FROM stock_levels WHERE sku_id = $1`, [skuId]);
  return (rows[0] as { n: number }).n;
}

describe('return receipt (退货签收)', () => {
  it('restocks what can be sold again, writes off the defective, and owes the goods paid — shipping kept on a 七天无理由 return', async () => {
    const r = await awaitedReturn(true);
    const [shirtBefore, scarfBefore] = [await onHand(r.shirt.id), await onHand(r.scarf.id)];
    const received = expectStatus(
      await receive(packer, r.caseId, {
        lines: [
          { skuCode: r.shirt.code.toLowerCase(), quantity: 1, condition: 'resellable' },
          { skuCode: r.scarf.code, quantity: 1, condition: 'defective' },
        ],
        buyerReturnShipping: 1_200,
        note: '围巾有污渍',
      }),
      200,
    );
    expect(received).toMatchObject({
      status: 'open',
      receivedAt: t.clock.now().toISOString(),
      deadline: new Date(t.clock.now().getTime() + 24 * HOUR).toISOString(),
      overdue: false,
      settlement: { goods: 18_800, shipping: 800, shippingDeducted: 800, returnShipping: 0, amount: 18_800 },
    });
    expect(received.lines.map((l: { received: number }) => l.received)).toEqual([1, 1]);
    expect(await onHand(r.shirt.id)).toBe(shirtBefore + 1);
    expect(await onHand(r.scarf.id)).toBe(scarfBefore);
    expect(await ledgerOf(r.shirt.id, received.caseNo)).toEqual([{ reason: 'return_restock', delta: 1 }]);
    expect(await ledgerOf(r.scarf.id, received.caseNo)).toEqual([
      { reason: 'return_restock', delta: 1 },
      { reason: 'defective', delta: -1 },
    ]);
    expect(received.events.at(-1)).toMatchObject({ action: 'aftersales_case.receive', after: { missing: [], note: '围巾有污渍' } });
    expect(await t.tx((ctx) => checkStockInvariants(ctx))).toEqual([]);

    // nothing more is expected back; the refund is due within 24 h and answers the case
    expect((await receive(packer, r.caseId, { lines: [{ skuCode: r.shirt.code, quantity: 1, condition: 'resellable' }] })).body.error.code).toBe('invalid_transition');
    const refunded = expectStatus(await cs.post(`/api/v1/aftersales/cases/${r.caseId}/refund`, { amount: received.settlement.amount, reason: '退货退款' }), 200);
    expect(refunded).toMatchObject({ refunded: 18_800, overdue: false });
    t.clock.advance(25 * HOUR);
    expect((await cs.get(`/api/v1/aftersales/cases/${r.caseId}`)).body.overdue).toBe(false);
  });

  it('refunds the buyer’s advance return shipping when the fault was ours, counts a part return, and escalates one left unsettled past 24 h', async () => {
    const r = await awaitedReturn(false);
    const received = expectStatus(await receive(packer, r.caseId, { lines: [{ skuCode: r.scarf.code, quantity: 1, condition: 'defective' }], buyerReturnShipping: 1_200 }), 200);
    expect(received.settlement).toEqual({ goods: 12_900, shipping: 0, shippingDeducted: 0, returnShipping: 1_200, amount: 14_100 });
    expect(received.events.find((e: { action: string }) => e.action === 'aftersales_case.receive').after.missing).toEqual([{ skuCode: r.shirt.code, quantity: 1 }]);
    t.clock.advance(24 * HOUR + MINUTE);
    expect(expectStatus(await cs.get(`/api/v1/aftersales/cases/${r.caseId}`), 200).overdue).toBe(true);
    await escalateOverdueCases(t.deps);
    expect(expectStatus(await cs.get(`/api/v1/aftersales/cases/${r.caseId}`), 200).escalatedAt).toBe(t.clock.now().toISOString());
  });

  it('takes only what the case expects back, from the warehouse, and nothing of a refused receipt', async () => {
    const r = await awaitedReturn(true);
    const before = [await onHand(r.shirt.id), await onHand(r.scarf.id)];
    const wrong = await receive(packer, r.caseId, {
      lines: [
        { skuCode: 'NOT-IN-CASE', quantity: 1, condition: 'resellable' },
        { skuCode: r.shirt.code, quantity: 1, condition: 'resellable' },
        { skuCode: r.shirt.code, quantity: 1, condition: 'defective' },
      ],
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details).toEqual([
      { path: 'lines.0.skuCode', message: '货号 NOT-IN-CASE 不在这张售后单里，请单独登记后联系客服' },
      { path: 'lines.2.quantity', message: `货号 ${r.shirt.code} 还应退回 1 件，收到的多了` },
    ]);
    expect((await receive(packer, r.caseId, { lines: [{ skuCode: r.shirt.code, quantity: 1, condition: 'broken' }] })).status).toBe(400);
    expect((await receive(cs, r.caseId, { lines: [{ skuCode: r.shirt.code, quantity: 1, condition: 'resellable' }] })).status).toBe(403);
    expect([await onHand(r.shirt.id), await onHand(r.scarf.id)]).toEqual(before);
    expect(expectStatus(await cs.get(`/api/v1/aftersales/cases/${r.caseId}`), 200)).toMatchObject({ status: 'awaiting_return', receivedAt: null, settlement: null });
  });
});
