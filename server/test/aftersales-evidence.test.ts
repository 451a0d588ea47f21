import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStockInvariants } from '../src/modules/inventory';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePaidOrder, makeProduct, makeShippedOrder, orderInput, receiveStock, seedCatalog, uniqueCode, ztoTrackingNo } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let supervisor: Client;
let packer: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_aftersale']);
  supervisor = await t.signIn(['supervisor']);
  packer = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

interface Sku {
  id: number;
  code: string;
  barcode: string;
  price: number;
}

/**
 * An order of one shirt (400 g) that went through real fulfillment: at 验货 the packer first
 * scanned a scarf it did not buy (refused), then the shirt; the scale first read too much, then
 * 20 g under the expected weight; shipped by 中通. The scarf is stocked in the same warehouse.
 */
async function shippedWithEvidence() {
  const catalog = await seedCatalog(admin, { skuCount: 1, stock: 0 });
  const warehouseCode = catalog.warehouses[0].code as string;
  const [shirt, scarf] = (await makeProduct(admin, [{ weightGrams: 400, barcode: uniqueCode('69') }, { weightGrams: 150, barcode: uniqueCode('69') }])).skus as Sku[];
  await receiveStock(admin, warehouseCode, [
    { skuCode: shirt!.code, quantity: 5 },
    { skuCode: scarf!.code, quantity: 5 },
  ]);
  const order = await makePaidOrder(cs, orderInput(catalog.shop.code, [shirt!]));
  expectStatus(await packer.post('/api/v1/waves', { warehouseCode, kind: 'single' }), 201);
  const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: order.orderNo }), 200);
  expect((await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: scarf!.barcode })).body.error.code).toBe('wrong_item');
  expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: shirt!.barcode }), 200);
  const packed = expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200);
  expect((await packer.post(`/api/v1/parcels/${packed.id}/weigh`, { grams: packed.expectedGrams * 2 })).body.error.code).toBe('weight_mismatch');
  expectStatus(await packer.post(`/api/v1/parcels/${packed.id}/weigh`, { grams: packed.expectedGrams - 20 }), 200);
  const trackingNo = ztoTrackingNo();
  expectStatus(await packer.post(`/api/v1/parcels/${packed.id}/ship`, { carrier: 'ZTO', trackingNo }), 200);
  return { order, shirt: shirt!, scarf: scarf!, parcelId: packed.id as number, expectedGrams: packed.expectedGrams as number, trackingNo, warehouseCode };
}

const openCase = (body: Record<string, unknown>) => cs.post('/api/v1/aftersales/cases', body);
const caseOf = async (id: number) => expectStatus(await cs.get(`/api/v1/aftersales/cases/${id}`), 200);
const wrongItem = (order: { id: number }, shirt: Sku, reportedBarcode: string) => ({ orderId: order.id, type: 'wrong_item', reason: '收到的不是我买的', lines: [{ skuCode: shirt.code, quantity: 1 }], reportedBarcode });

async function caseLedger(caseNo: string) {
  const { rows } = await t.deps.database.query(
    `SELECT k.code AS "skuCode", m.reason, m.on_hand_delta AS delta FROM stock_movements AS m JOIN skus AS k ON k.id = m.sku_id WHERE m.ref_type = 'aftersales_case' AND m.ref_id = $1 ORDER BY m.id`,
    [caseNo],
  );
  return rows;
}
async function onHand(skuId: number) {
  const { rows } = await t.deps.database.query(`SELECT on_hand AS n FROM stock_levels WHERE sku_id = $1`, [skuId]);
  return (rows[0] as { n: number }).n;
}

describe('the evidence panel', () => {
  it('shows the packing scans, the weighings against the expected weight and the stock of the case’s SKU', async () => {
    const s = await shippedWithEvidence();
    const opened = expectStatus(await openCase({ orderId: s.order.id, type: 'missing_item', reason: '包裹里是空的', lines: [{ skuCode: s.shirt.code, quantity: 1 }] }), 201);
    const found = await caseOf(opened.id);
    expect(found.packingScans).toEqual([
      { parcelId: s.parcelId, trackingNo: s.trackingNo, at: expect.any(String), barcode: s.scarf.barcode, skuCode: null, productName: null, result: 'wrong_item', scannedBy: expect.any(String) },
      { parcelId: s.parcelId, trackingNo: s.trackingNo, at: expect.any(String), barcode: s.shirt.barcode, skuCode: s.shirt.code, productName: '纯棉T恤', result: 'ok', scannedBy: expect.any(String) },
    ]);
    expect(found.weights).toEqual([
      {
        parcelId: s.parcelId,
        carrier: 'ZTO',
        trackingNo: s.trackingNo,
        shippedAt: expect.any(String),
        expectedGrams: s.expectedGrams,
        weighedGrams: s.expectedGrams - 20,
        differenceGrams: -20,
        tolerancePercent: 10,
        verdict: 'ok',
        weighings: [
          expect.objectContaining({ grams: s.expectedGrams * 2, expectedGrams: s.expectedGrams, tolerancePercent: 10, verdict: 'mismatch', reason: null }),
          expect.objectContaining({ grams: s.expectedGrams - 20, verdict: 'ok' }),
        ],
      },
    ]);
    // 5 received, 1 shipped
    expect(found.stock).toEqual([{ skuCode: s.shirt.code, productName: '纯棉T恤', spec: '白色 M', warehouseCode: s.warehouseCode, onHand: 4, reserved: 0, available: 4 }]);
    expect(found.wrongItemCheck).toBeNull();
  });

  it('is empty for an order not shipped yet', async () => {
    const { shop, skus } = await seedCatalog(admin);
    const unshipped = await makePaidOrder(cs, orderInput(shop.code, skus));
    const opened = expectStatus(await openCase({ orderId: unshipped.id, type: 'refund_only', reason: '不想要了' }), 201);
    expect(opened).toMatchObject({ packingScans: [], weights: [], stock: [], wrongItemCheck: null, shippingInsurance: false, reportedBarcode: null });
  });
});

describe('wrong item (错货)', () => {
  it('explains when the barcode is what the order bought, and corrects no stock', async () => {
    const s = await shippedWithEvidence();
    const opened = expectStatus(await openCase(wrongItem(s.order, s.shirt, s.shirt.barcode)), 201);
    expect(opened.wrongItemCheck).toEqual({
      reportedBarcode: s.shirt.barcode,
      sku: { skuCode: s.shirt.code, productName: '纯棉T恤', spec: '白色 M' },
      ordered: true,
      packingScans: 1,
      verdict: 'buyer_error',
      advice: null,
      message: `条码 ${s.shirt.barcode} 是 ${s.shirt.code}（纯棉T恤 白色 M），正是这个订单买的商品，不是发错：请向买家解释（核对规格、颜色）`,
      stockCorrectedAt: null,
    });
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'partial_refund', amount: 500, note: '安抚补偿' }), 200);
    expect(await caseLedger(opened.caseNo)).toEqual([]);
    const unknown = expectStatus(await openCase(wrongItem(s.order, s.shirt, 'NOSUCH123')), 201);
    expect(unknown.wrongItemCheck).toMatchObject({ sku: null, ordered: false, packingScans: 0, verdict: 'unknown_barcode', message: '条码 NOSUCH123 不是本店任何商品的条码或货号，请买家拍下商品条码核对' });
  });

  it('finds it ours when the order did not buy it, and puts what really left on the ledger once', async () => {
    const s = await shippedWithEvidence();
    const opened = expectStatus(await openCase(wrongItem(s.order, s.shirt, s.scarf.code.toLowerCase())), 201);
    expect(opened.wrongItemCheck).toMatchObject({ sku: { skuCode: s.scarf.code }, ordered: false, packingScans: 1, verdict: 'ours' });
    expect(opened.wrongItemCheck.message).toContain('验货时扫到过它 1 次，是我方发错');
    // a 99.00 scarf is worth more than the 12.00 元 of having it sent back: exchange it
    expect(opened.wrongItemCheck).toMatchObject({ advice: 'exchange' });
    expect(opened.wrongItemCheck.message).toContain('它的价值 99.00 元高于退回运费 12.00 元，请买家寄回换货');
    // were the return to cost as much as the scarf, the buyer keeps it
    expectStatus(await admin.put('/api/v1/settings', { 'aftersales.returnShippingCostFen': 9_900 }), 200);
    try {
      const kept = expectStatus(await cs.get(`/api/v1/aftersales/cases/${opened.id}`), 200);
      expect(kept.wrongItemCheck).toMatchObject({ verdict: 'ours', advice: 'keep' });
      expect(kept.wrongItemCheck.message).toContain('它的价值 99.00 元不高于退回运费 99.00 元，可部分退款或让买家留下，并补发漏发的商品');
    } finally {
      expectStatus(await admin.put('/api/v1/settings', { 'aftersales.returnShippingCostFen': 1_200 }), 200);
    }
    // the case's SKU and the one that arrived instead, in the order's warehouse
    expect(opened.stock).toEqual(
      expect.arrayContaining([expect.objectContaining({ skuCode: s.shirt.code, onHand: 4, available: 4 }), expect.objectContaining({ skuCode: s.scarf.code, onHand: 5, available: 5 })]),
    );
    expect(opened.stock).toHaveLength(2);
    // an explanation confirms nothing
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'explain', note: '先核实' }), 200);
    expect(await caseLedger(opened.caseNo)).toEqual([]);

    const exchanged = expectStatus(await cs.post(`/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'exchange', note: '寄回围巾，换发T恤' }), 200);
    expect(exchanged.wrongItemCheck.stockCorrectedAt).toBe(t.clock.now().toISOString());
    // the shirt never left (back on hand), the scarf did (off), one movement each, named by the case
    expect(await caseLedger(opened.caseNo)).toEqual([
      { skuCode: s.shirt.code, reason: 'adjustment', delta: 1 },
      { skuCode: s.scarf.code, reason: 'adjustment', delta: -1 },
    ]);
    expect([await onHand(s.shirt.id), await onHand(s.scarf.id)]).toEqual([5, 4]);
    expect(exchanged.events.map((e: { action: string }) => e.action)).toContain('aftersales_case.correct_stock');

    // the scarf comes back: it, not the shirt, is restocked; the ledger was corrected once only
    expectStatus(await packer.post(`/api/v1/aftersales/cases/${opened.id}/receive`, { lines: [{ skuCode: s.shirt.code, quantity: 1, condition: 'resellable' }] }), 200);
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'reship', note: '补发T恤' }), 200);
    expect([await onHand(s.shirt.id), await onHand(s.scarf.id)]).toEqual([5, 5]);
    expect((await caseLedger(opened.caseNo)).filter((m) => m.reason === 'adjustment')).toHaveLength(2);
    expect(await t.tx((ctx) => checkStockInvariants(ctx))).toEqual([]);
  });

  it('asks the reported barcode for a wrong item only', async () => {
    const s = await shippedWithEvidence();
    const missing = await openCase({ ...wrongItem(s.order, s.shirt, ''), reportedBarcode: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([{ path: 'reportedBarcode', message: '错货请填写买家收到商品的条码' }]);
    const blank = await openCase(wrongItem(s.order, s.shirt, '  '));
    expect(blank.body.error.details).toEqual([{ path: 'reportedBarcode', message: '请填写买家收到商品的条码' }]);
    const elsewhere = await openCase({ orderId: s.order.id, type: 'quality', reason: '起球', lines: [{ skuCode: s.shirt.code, quantity: 1 }], reportedBarcode: s.scarf.barcode });
    expect(elsewhere.body.error.details).toEqual([{ path: 'reportedBarcode', message: '只有错货的售后单填写收到商品的条码' }]);
    expect((await openCase({ ...wrongItem(s.order, s.shirt, 'X'.repeat(65)) })).status).toBe(400);
    expect((await openCase({ ...wrongItem(s.order, s.shirt, s.scarf.barcode), shippingInsurance: 'yes' })).body.error.details[0].path).toBe('shippingInsurance');
  });
});

describe('missing item (少货) direct refund', () => {
  it('refunds up to 30.00 without an offer; more waits until the amount is agreed with the buyer', async () => {
    const { order } = await makeShippedOrder({ admin, cs, packer }, { skus: [{ price: 9_900 }] });
    const line = [{ skuCode: order.items[0].skuCode, quantity: 1 }];
    const small = expectStatus(await openCase({ orderId: order.id, type: 'missing_item', reason: '少了赠品', lines: line }), 201);
    expect(expectStatus(await cs.post(`/api/v1/aftersales/cases/${small.id}/refund`, { amount: 3_000, reason: '少货退款' }), 200).refunded).toBe(3_000);
    const more = await cs.post(`/api/v1/aftersales/cases/${small.id}/refund`, { amount: 1, reason: '再退一分' });
    expect(more.status).toBe(409);
    expect(more.body.error).toMatchObject({ code: 'proposal_required', details: [{ path: 'amount', message: '0' }] });

    const big = expectStatus(await openCase({ orderId: order.id, type: 'missing_item', reason: '少一件', lines: line }), 201);
    const refused = await cs.post(`/api/v1/aftersales/cases/${big.id}/refund`, { amount: 3_001, reason: '少货退款' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'proposal_required',
      message: '少货直接退款最多 30.00 元，这张售后单退款合计将达 30.01 元：请先与买家协商，用「提出方案」记录退款金额后再退款',
    });
    // a supervisor is held to it too, and nothing was kept of the refused refund
    expect((await supervisor.post(`/api/v1/aftersales/cases/${big.id}/refund`, { amount: 3_001, reason: '少货退款' })).body.error.code).toBe('proposal_required');
    expect(await caseOf(big.id)).toMatchObject({ status: 'open', refunded: 0, pendingApproval: null });

    expectStatus(await cs.post(`/api/v1/aftersales/cases/${big.id}/propose`, { solution: 'partial_refund', amount: 3_001, note: '按商品金额协商退款' }), 200);
    const overOffer = await cs.post(`/api/v1/aftersales/cases/${big.id}/refund`, { amount: 3_002, reason: '少货退款' });
    expect(overOffer.body.error).toMatchObject({ code: 'proposal_required', message: '与买家商定的退款是 30.01 元，这张售后单退款合计将达 30.02 元：请先重新提出方案，记录新的金额' });
    expect(expectStatus(await cs.post(`/api/v1/aftersales/cases/${big.id}/refund`, { amount: 3_001, reason: '少货退款' }), 200).refunded).toBe(3_001);
  });

  it('follows the setting aftersales.directRefundLimitFen and leaves other case types alone', async () => {
    const { order } = await makeShippedOrder({ admin, cs, packer }, { skus: [{ price: 9_900 }] });
    const line = [{ skuCode: order.items[0].skuCode, quantity: 1 }];
    expectStatus(await admin.put('/api/v1/settings', { 'aftersales.directRefundLimitFen': 5_000 }), 200);
    try {
      const missing = expectStatus(await openCase({ orderId: order.id, type: 'missing_item', reason: '少一件', lines: line }), 201);
      expectStatus(await cs.post(`/api/v1/aftersales/cases/${missing.id}/refund`, { amount: 5_000, reason: '少货退款' }), 200);
      expect((await cs.post(`/api/v1/aftersales/cases/${missing.id}/refund`, { amount: 1, reason: '少货退款' })).body.error.code).toBe('proposal_required');
    } finally {
      expectStatus(await admin.put('/api/v1/settings', { 'aftersales.directRefundLimitFen': 3_000 }), 200);
    }
    const quality = expectStatus(await openCase({ orderId: order.id, type: 'quality', reason: '开线', lines: line }), 201);
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${quality.id}/refund`, { amount: 4_000, reason: '质量补偿' }), 200);
  });
});

describe('shipping insurance (运费险)', () => {
  it('is recorded on the case and shown in the return register', async () => {
    const { order } = await makeShippedOrder({ admin, cs, packer });
    const line = [{ skuCode: order.items[0].skuCode, quantity: 1 }];
    const insured = expectStatus(await openCase({ orderId: order.id, type: 'quality', reason: '破洞', lines: line, shippingInsurance: true }), 201);
    expect(insured.shippingInsurance).toBe(true);
    expect(insured.events[0].after).toMatchObject({ shippingInsurance: true });
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${insured.id}/propose`, { solution: 'return', note: '运费险寄回' }), 200);
    expectStatus(await packer.post(`/api/v1/aftersales/cases/${insured.id}/receive`, { lines: [{ ...line[0], condition: 'resellable' }] }), 200);

    const day = t.clock.now().toISOString().slice(0, 10);
    const register = expectStatus(await cs.get(`/api/v1/reports/returns?from=${day}&to=${day}&pageSize=100`), 200);
    expect(register.items.find((r: { caseNo: string }) => r.caseNo === insured.caseNo)).toMatchObject({ shippingInsurance: true });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/returns?from=${day}&to=${day}&format=xlsx`, headers: { authorization: `Bearer ${cs.token}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('退货登记表')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.at(-1)).toBe('运费险');
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(2).value === insured.caseNo)!;
    expect(row.getCell(header.length).value).toBe('有');
  });
});
