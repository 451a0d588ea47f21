import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../src/platform/clock';
import { createTestApp, type Client, type TestApp } from './harness';
import { deliverParcel, expectStatus, makePaidOrder, makeShippedOrder, orderInput, seedCatalog, uploadFile } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let packer: Client;
let photo: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  t.deps.config.tokenTtlHours = 24 * 365;
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_aftersale']);
  packer = await t.signIn(['warehouse']);
  photo = expectStatus(await uploadFile(cs), 201);
});
afterAll(() => t.close());

type Sku = { id: number; code: string; price: number };

/**
 * A delivered order shipped by 中通: a T-shirt at 59.00, a scarf at 129.00 (and a cap at 39.00 when
 * `cap`), 10.00 off the order, 8.00 shipping.
 */
async function deliveredOrder(cap = false) {
  const shipped = await makeShippedOrder({ admin, cs, packer }, { skus: [{ price: 5_900 }, { price: 12_900 }, ...(cap ? [{ price: 3_900 }] : [])], order: { discount: 1_000 } });
  await deliverParcel(packer, shipped.trackingNo, new Date(t.clock.now().getTime() - MINUTE).toISOString());
  return { ...shipped, skus: shipped.skus as Sku[] };
}

const openCase = (body: Record<string, unknown>) => cs.post('/api/v1/aftersales/cases', body);
const caseOf = async (id: number) => expectStatus(await cs.get(`/api/v1/aftersales/cases/${id}`), 200);
const claimOn = (caseId: number, body: Record<string, unknown>, client = cs) => client.post(`/api/v1/aftersales/cases/${caseId}/claim`, body);
const claimMove = (id: number, move: 'submit' | 'settle' | 'reject', body: Record<string, unknown>, client = cs) => client.post(`/api/v1/aftersales/claims/${id}/${move}`, body);
const claimList = async (query: string) => expectStatus(await cs.get(`/api/v1/aftersales/claims?pageSize=200&${query}`), 200);

/** A damage case on the scarf, of the given severity. */
async function damageCase(order: { id: number }, scarf: Sku, severity: 'minor' | 'severe') {
  return expectStatus(await openCase({ orderId: order.id, type: 'damaged', severity, reason: '围巾被压坏', lines: [{ skuCode: scarf.code, quantity: 1 }], evidence: [{ fileId: photo.id }] }), 201);
}

/** A quality case on every line of the order, a return offered to the buyer. */
async function awaitedReturn(order: { id: number }, skus: Sku[]) {
  const opened = expectStatus(await openCase({ orderId: order.id, type: 'quality', reason: '做工差', lines: skus.map((s) => ({ skuCode: s.code, quantity: 1 })) }), 201);
  expectStatus(await cs.post(`/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'return', note: '请寄回' }), 200);
  return opened.id as number;
}
const receive = (caseId: number, skus: Sku[]) => packer.post(`/api/v1/aftersales/cases/${caseId}/receive`, { lines: skus.map((s) => ({ skuCode: s.code, quantity: 1, condition: 'resellable' })) });

describe('carrier claims (理赔)', () => {
  it('opens a damage claim with a severe damage case, for what the buyer paid for the units, once', async () => {
    const { order, skus, trackingNo } = await deliveredOrder();
    const scarf = skus[1]!;
    const severe = await damageCase(order, scarf, 'severe');
    // the scarf bore 1 000 × 12 900 / 18 800 = 686 of the discount: 12 214 paid
    expect(severe.claims).toEqual([
      expect.objectContaining({ caseNo: severe.caseNo, orderNo: order.orderNo, kind: 'damage', status: 'open', claimed: 12_214, recovered: null, carrier: 'ZTO', trackingNo, automatic: true, lines: [{ skuCode: scarf.code, quantity: 1 }] }),
    ]);
    expect(severe.events.map((e: { action: string }) => e.action)).toEqual(['aftersales_case.open', 'aftersales_case.claim']);
    const claim = expectStatus(await cs.get(`/api/v1/aftersales/claims/${severe.claims[0].id}`), 200);
    expect(claim.events).toEqual([expect.objectContaining({ action: 'carrier_claim.open', after: expect.objectContaining({ claimed: 12_214, automatic: true }) })]);

    // a minor damage is the shop's 10 % gesture, no claim
    expect((await damageCase(order, scarf, 'minor')).claims).toEqual([]);

    // one undecided claim of a kind per case: a second by hand waits for the first's answer
    const twice = await claimOn(severe.id, { kind: 'damage' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'claim_open', message: `售后单 ${severe.caseNo} 已有一张未结的运输破损理赔单` });
    expectStatus(await claimMove(claim.id, 'submit', {}), 200);
    expectStatus(await claimMove(claim.id, 'reject', { note: '外包装无破损，拒赔' }), 200);
    const again = expectStatus(await claimOn(severe.id, { kind: 'damage', amount: 8_000, note: '补充开箱视频后再次申请' }), 201);
    expect(again).toMatchObject({ status: 'open', claimed: 8_000, automatic: false, note: '补充开箱视频后再次申请', openedBy: expect.any(String) });
    // the case shows its claims, the one still waiting for the carrier first
    expect((await caseOf(severe.id)).claims.map((c: { id: number; status: string }) => [c.id, c.status])).toEqual([
      [again.id, 'open'],
      [claim.id, 'rejected'],
    ]);
  });

  it('opens a shortfall claim when a return comes back short of what the buyer said they sent, once, and none for a whole return', async () => {
    const whole = await deliveredOrder();
    const complete = await awaitedReturn(whole.order, whole.skus);
    expect(expectStatus(await receive(complete, whole.skus), 200).claims).toEqual([]);

    const { order, skus } = await deliveredOrder(true);
    const [shirt, scarf, cap] = skus as [Sku, Sku, Sku];
    const caseId = await awaitedReturn(order, skus);
    const short = expectStatus(await receive(caseId, [shirt]), 200);
    // missing: the scarf (12 900 less 568 of the 1 000 off 22 700 = 12 332) and the cap (3 900 − 172 = 3 728)
    expect(short.claims).toEqual([expect.objectContaining({ kind: 'shortfall', status: 'open', claimed: 16_060, automatic: true, lines: [{ skuCode: scarf.code, quantity: 1 }, { skuCode: cap.code, quantity: 1 }] })]);
    expect(short.events.at(-1)).toMatchObject({ action: 'aftersales_case.claim', after: { kind: 'shortfall', claimed: 16_060 } });

    // the buyer sends the scarf later; the cap is still missing, and the claim already opened stands alone
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${caseId}/propose`, { solution: 'return', note: '请寄回其余货品' }), 200);
    const later = expectStatus(await receive(caseId, [scarf]), 200);
    expect(later.claims.map((c: { id: number; claimed: number }) => [c.id, c.claimed])).toEqual([[short.claims[0].id, 16_060]]);
  });

  it('moves open → submitted → settled by the table, recovering at most what was claimed', async () => {
    const { order, skus } = await deliveredOrder();
    const claim = (await damageCase(order, skus[1]!, 'severe')).claims[0];
    const early = await claimMove(claim.id, 'settle', { amount: 100 });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'invalid_transition', message: '理赔单当前状态为「待提交」，不能登记赔付' });

    t.clock.advance(HOUR);
    const submitted = expectStatus(await claimMove(claim.id, 'submit', { claimNo: 'ZTO-LP-2026-0001', note: '已在网点提交' }), 200);
    expect(submitted).toMatchObject({ status: 'submitted', carrierClaimNo: 'ZTO-LP-2026-0001', submittedAt: t.clock.now().toISOString() });
    expect((await claimMove(claim.id, 'submit', {})).body.error.code).toBe('invalid_transition');

    const over = await claimMove(claim.id, 'settle', { amount: 12_215 });
    expect(over.status).toBe(422);
    expect(over.body.error.details).toEqual([{ path: 'amount', message: '赔付金额不能超过索赔金额 122.14 元' }]);
    const settled = expectStatus(await claimMove(claim.id, 'settle', { amount: 10_000, note: '按保价赔付' }), 200);
    expect(settled).toMatchObject({ status: 'settled', claimed: 12_214, recovered: 10_000, outcomeNote: '按保价赔付', decidedAt: t.clock.now().toISOString() });
    expect(settled.events.map((e: { action: string }) => e.action)).toEqual(['carrier_claim.open', 'carrier_claim.submit', 'carrier_claim.settle']);
    const final = await claimMove(claim.id, 'reject', { note: '晚了' });
    expect(final.status).toBe(409);
    expect(final.body.error.message).toBe('理赔单当前状态为「已赔付」，不能登记拒赔');
  });

  it('lists undecided claims first, oldest first, by status, carrier, kind and the shop day they opened', async () => {
    const { order, skus } = await deliveredOrder();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      t.clock.advance(MINUTE);
      ids.push((await damageCase(order, skus[i % 2]!, 'severe')).claims[0].id);
    }
    expectStatus(await claimMove(ids[0]!, 'submit', {}), 200);
    expectStatus(await claimMove(ids[0]!, 'settle', { amount: 1_000 }), 200);
    const mine = (items: { id: number }[]) => items.map((c) => c.id).filter((id) => ids.includes(id));
    expect(mine((await claimList('')).items)).toEqual([ids[1], ids[2], ids[0]]);
    expect(mine((await claimList('status=settled')).items)).toEqual([ids[0]]);
    expect(mine((await claimList('carrier=ZTO&kind=damage&status=open')).items)).toEqual([ids[1], ids[2]]);
    expect(mine((await claimList('carrier=SF')).items)).toEqual([]);
    expect(mine((await claimList('kind=shortfall')).items)).toEqual([]);
    // the fake clock is 2026-11-20 in Shanghai
    const today = (await claimList('from=2026-11-20&to=2026-11-20')).items;
    expect(mine(today)).toEqual([ids[1], ids[2], ids[0]]);
    expect((await claimList('from=2026-11-21')).items).toEqual([]);
    const page = expectStatus(await cs.get('/api/v1/aftersales/claims?pageSize=1&page=2'), 200);
    expect(page).toMatchObject({ page: 2, pageSize: 1, total: (await claimList('')).total });
    expect(page.items).toHaveLength(1);
  });

  it('refuses bad input in words, a case nothing was shipped for, and staff without after-sales rights', async () => {
    const { order, skus } = await deliveredOrder();
    const damage = await damageCase(order, skus[1]!, 'minor');
    const whole = await awaitedReturn(order, skus);
    expectStatus(await receive(whole, skus), 200);
    const bad = await claimOn(damage.id, { kind: 'lost', amount: 1.5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'kind', message: '理赔类型为 damage（运输破损）或 shortfall（退货短少）' },
        { path: 'amount', message: '索赔金额必须是整数（分）' },
      ]),
    );
    // a return that came back whole: nothing short to put a value on, so the amount is asked for
    const nothingShort = await claimOn(whole, { kind: 'shortfall' });
    expect(nothingShort.status).toBe(422);
    expect(nothingShort.body.error.details).toEqual([{ path: 'amount', message: '请填写索赔金额' }]);
    const byHand = expectStatus(await claimOn(damage.id, { kind: 'damage' }), 201);
    expect(byHand).toMatchObject({ claimed: 12_214, automatic: false });

    expect((await claimMove(byHand.id, 'reject', {})).body.error.details).toEqual([{ path: 'note', message: '请填写拒赔原因' }]);
    expectStatus(await claimMove(byHand.id, 'submit', {}), 200);
    expect((await claimMove(byHand.id, 'settle', { amount: 0 })).body.error.details).toEqual([{ path: 'amount', message: '赔付金额必须大于 0' }]);
    expect((await claimMove(byHand.id, 'settle', { amount: 100 }, packer)).status).toBe(403);
    expect((await claimOn(damage.id, { kind: 'damage' }, packer)).status).toBe(403);
    expect((await claimMove(987_654, 'submit', {})).status).toBe(404);
    expect((await claimOn(987_654, { kind: 'damage' })).status).toBe(404);
    expect((await cs.get('/api/v1/aftersales/claims?status=lost')).status).toBe(400);

    const { shop, skus: other } = await seedCatalog(admin);
    const unshipped = await makePaidOrder(cs, orderInput(shop.code, other));
    const refundOnly = expectStatus(await openCase({ orderId: unshipped.id, type: 'refund_only', reason: '不要了' }), 201);
    const noParcel = await claimOn(refundOnly.id, { kind: 'damage', amount: 500 });
    expect(noParcel.status).toBe(409);
    expect(noParcel.body.error).toMatchObject({ code: 'not_shipped', message: `售后单 ${refundOnly.caseNo} 的货品没有发出的包裹，无法向快递公司理赔` });
  });
});
