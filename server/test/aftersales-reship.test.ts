import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../src/platform/clock';
import { escalateOverdueCases } from '../src/modules/aftersales';
import { checkStockInvariants } from '../src/modules/inventory';
import { createTestApp, type Client, type TestApp } from './harness';
import { deliverParcel, expectStatus, makePaidOrder, makeShippedOrder, orderInput, shipThroughFulfillment, uniqueCode, uploadFile, type SkuFields } from './factories';

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

type Sku = { id: number; code: string; price: number };

/** A platform order of one T-shirt at 59.00 and one scarf at 129.00, shipped through fulfillment and delivered (5 of each received, 4 left). */
async function deliveredOrder(skus: SkuFields[] = [{ price: 5_900 }, { price: 12_900 }]) {
  const shipped = await makeShippedOrder({ admin, cs, packer }, { skus, order: { platformOrderId: uniqueCode('TB') } });
  await deliverParcel(packer, shipped.trackingNo, new Date(t.clock.now().getTime() - MINUTE).toISOString());
  return { ...shipped, skus: shipped.skus as Sku[] };
}

async function openCase(orderId: number, type: string, lines: { skuCode: string; quantity: number }[]) {
  const photo = type === 'damaged' ? { severity: 'severe', evidence: [{ fileId: expectStatus(await uploadFile(cs), 201).id, note: '外箱压扁' }] } : {};
  const asked = { complaint: { complaintCategory: 'service' }, wrong_item: { reportedBarcode: lines[0]?.skuCode } }[type] ?? {};
  return expectStatus(await cs.post('/api/v1/aftersales/cases', { orderId, type, reason: '买家反馈', lines, ...photo, ...asked }), 201);
}

const reship = (caseId: number, body: Record<string, unknown>) => cs.post(`/api/v1/aftersales/cases/${caseId}/reship`, body);

async function stockOf(skuId: number) {
  const { rows } = await t.deps.database.query(`SELECT on_hand AS "onHand", reserved FROM stock_levels WHERE sku_id = $1`, [skuId]);
  return rows[0] as { onHand: number; reserved: number };
}

async function countRows(sql: string, params: unknown[] = []) {
  const { rows } = await t.deps.database.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return (rows[0] as { n: number }).n;
}

describe('reship (补发) of a missing item', () => {
  it('creates a 0 元 blue-flag reissue order to the source order’s receiver, reserved, straight to 待发货, and answers the case', async () => {
    const source = await deliveredOrder();
    const [, scarf] = source.skus;
    const opened = await openCase(source.order.id, 'missing_item', [{ skuCode: scarf!.code, quantity: 1 }]);
    expect(opened.reshipOptions).toEqual([{ skuCode: scarf!.code, productName: '纯棉T恤', spec: '白色 M', quantity: 1 }]);
    const before = await stockOf(scarf!.id);

    const reshipped = expectStatus(await reship(opened.id, { lines: [{ skuCode: scarf!.code.toLowerCase(), quantity: 1 }], note: '仓库漏发围巾' }), 200);
    expect(reshipped.status).toBe('open');
    expect(reshipped.reships).toEqual([{ orderId: expect.any(Number), orderNo: expect.stringMatching(/^SO\d{8}\d{6,}$/), status: 'awaiting_fulfillment', lines: [{ skuCode: scarf!.code, productName: '纯棉T恤', spec: '白色 M', quantity: 1 }] }]);
    expect(reshipped.reshipOptions).toEqual([{ skuCode: scarf!.code, productName: '纯棉T恤', spec: '白色 M', quantity: 0 }]);
    expect(reshipped.events.at(-1)).toMatchObject({ action: 'aftersales_case.reship', after: { orderNo: reshipped.reships[0].orderNo, lines: [{ skuCode: scarf!.code, quantity: 1 }], note: '仓库漏发围巾' } });
    expect(await stockOf(scarf!.id)).toEqual({ onHand: before.onHand, reserved: before.reserved + 1 });

    const reissue = expectStatus(await admin.get(`/api/v1/orders/${reshipped.reships[0].orderId}?reveal=1`), 200);
    const original = expectStatus(await admin.get(`/api/v1/orders/${source.order.id}?reveal=1`), 200);
    expect(reissue).toMatchObject({
      status: 'awaiting_fulfillment',
      platformOrderId: null,
      shopId: original.shopId,
      customerId: original.customerId,
      warehouseId: original.warehouseId,
      itemsTotal: 0,
      shippingFee: 0,
      total: 0,
      paidAmount: 0,
      flag: 'blue',
      buyer: { nick: original.buyer.nick, name: original.buyer.name, phone: original.buyer.phone },
      address: original.address,
      items: [{ skuCode: scarf!.code, quantity: 1, unitPrice: 0, lineTotal: 0 }],
      remarks: [{ content: `补发：售后单 ${opened.caseNo}`, flag: 'blue' }],
      reissueOf: { id: source.order.id, orderNo: source.order.orderNo, status: 'delivered' },
      reissues: [],
    });
    expect(original.reissues).toEqual([{ id: reissue.id, orderNo: reissue.orderNo, status: 'awaiting_fulfillment' }]);
    expect(original.reissueOf).toBeNull();
    // the personal data copied as stored: the same ciphertexts and blind indexes, never re-encrypted
    const { rows } = await t.deps.database.query(
      `SELECT count(DISTINCT (buyer_name_enc, buyer_phone_enc, buyer_phone_index, address_detail_enc, address_index))::int AS n FROM orders WHERE id IN ($1, $2)`,
      [reissue.id, original.id],
    );
    expect(rows[0]).toEqual({ n: 1 });
    // paid and approved as written, no risk review (the last event is this read's reveal)
    expect(reissue.events.map((e: { action: string }) => e.action)).toEqual(['order.create', 'order.pay', 'order.approve', 'order.pii.reveal']);
    expect(reissue.events[0]).toMatchObject({ after: { reissueOf: source.order.orderNo, caseNo: opened.caseNo, total: 0 } });
    expect(original.events.find((e: { action: string }) => e.action === 'order.reissue')).toMatchObject({ after: { reissueOrderNo: reissue.orderNo, caseNo: opened.caseNo, lines: [{ skuCode: scarf!.code, quantity: 1 }] } });

    // everything the case was about has been sent
    const again = await reship(opened.id, { lines: [{ skuCode: scarf!.code, quantity: 1 }] });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'not_eligible', message: `货号 ${scarf!.code} 已全部补发，不能再补发`, details: [{ path: 'lines.0.quantity' }] });

    // the reship answered the case: past its deadline it is not overdue, and the sweep leaves it
    t.clock.set(new Date(new Date(reshipped.deadline).getTime() + MINUTE));
    expect(await escalateOverdueCases(t.deps)).toBe(0);
    expect(expectStatus(await cs.get(`/api/v1/aftersales/cases/${opened.id}`), 200)).toMatchObject({ overdue: false, escalatedAt: null });
  });

  it('ships through waves, packing, weighing and shipping like any order, taking the stock off, with nothing written back to the platform', async () => {
    const source = await deliveredOrder();
    const [shirt, scarf] = source.skus;
    const opened = await openCase(source.order.id, 'missing_item', [{ skuCode: scarf!.code, quantity: 1 }]);
    const { reships } = expectStatus(await reship(opened.id, { lines: [{ skuCode: scarf!.code, quantity: 1 }] }), 200);
    const before = await stockOf(scarf!.id);

    // a packer scanning the shirt into the reissue parcel is refused: only the scarf goes
    expectStatus(await packer.post('/api/v1/waves', { warehouseCode: source.warehouseCode, kind: 'single' }), 201);
    const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: reships[0].orderNo }), 200);
    expect((await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: shirt!.code })).body.error.code).toBe('wrong_item');
    expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: scarf!.code }), 200);
    const packed = expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200);
    expectStatus(await packer.post(`/api/v1/parcels/${packed.id}/weigh`, { grams: packed.expectedGrams }), 200);
    expectStatus(await packer.post(`/api/v1/parcels/${packed.id}/ship`, { carrier: 'ZTO', trackingNo: `7${String(Date.now()).slice(-11)}` }), 200);

    const shipped = expectStatus(await cs.get(`/api/v1/aftersales/cases/${opened.id}`), 200);
    expect(shipped.reships[0].status).toBe('shipped');
    expect(await stockOf(scarf!.id)).toEqual({ onHand: before.onHand - 1, reserved: before.reserved - 1 });
    const { rows } = await t.deps.database.query(`SELECT reason, on_hand_delta AS delta FROM stock_movements WHERE sku_id = $1 AND ref_type = 'order' AND ref_id = $2 ORDER BY id`, [scarf!.id, String(reships[0].orderId)]);
    expect(rows).toEqual([
      { reason: 'reservation', delta: 0 },
      { reason: 'shipment', delta: -1 },
    ]);
    expect(await countRows(`outbox WHERE topic = 'platform.ship' AND payload->>'orderId' = $1`, [String(reships[0].orderId)])).toBe(0);
    expect(await countRows(`outbox WHERE topic = 'platform.ship' AND payload->>'orderId' = $1`, [String(source.order.id)])).toBe(1);
    expect(await t.tx((ctx) => checkStockInvariants(ctx))).toEqual([]);
  });

  it('refuses with 409 when the warehouse is short, writing nothing', async () => {
    const source = await deliveredOrder();
    const [, scarf] = source.skus;
    const opened = await openCase(source.order.id, 'missing_item', [{ skuCode: scarf!.code, quantity: 1 }]);
    // another buyer's order takes the 4 scarves left
    await makePaidOrder(cs, orderInput(source.shop.code, [scarf!], { items: [{ skuCode: scarf!.code, quantity: 4, unitPrice: scarf!.price }] }));
    const ordersBefore = await countRows('orders');
    const stockBefore = await stockOf(scarf!.id);

    const short = await reship(opened.id, { lines: [{ skuCode: scarf!.code, quantity: 1 }] });
    expect(short.status).toBe(409);
    expect(short.body.error).toMatchObject({ code: 'insufficient_stock', message: `商品 ${scarf!.code} 库存不足（需要 1，可用 0）` });
    expect(await countRows('orders')).toBe(ordersBefore);
    expect(await stockOf(scarf!.id)).toEqual(stockBefore);
    const after = expectStatus(await cs.get(`/api/v1/aftersales/cases/${opened.id}`), 200);
    expect(after).toMatchObject({ reships: [], events: [{ action: 'aftersales_case.open' }] });
    expect(after.events).toHaveLength(1);
  });
});

describe('exchange (换货) replacement', () => {
  it('sends another size of the same product before the return arrives, then receives the return', async () => {
    const source = await deliveredOrder([
      { spec: '白色 M', price: 5_900 },
      { spec: '白色 L', price: 5_900 },
    ]);
    const [medium, large] = source.skus;
    const opened = await openCase(source.order.id, 'exchange', [{ skuCode: medium!.code, quantity: 1 }]);
    // any size or colour of the product, one unit in all
    expect(opened.reshipOptions.map((o: { skuCode: string; quantity: number }) => [o.skuCode, o.quantity])).toEqual([
      [medium!.code, 1],
      [large!.code, 1],
    ]);
    expectStatus(await cs.post(`/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'exchange', note: '换 L 码' }), 200);
    const tooMany = await reship(opened.id, { lines: [{ skuCode: large!.code, quantity: 2 }] });
    expect(tooMany.body.error).toMatchObject({ code: 'not_eligible', message: '商品「纯棉T恤」最多还能补发 1 件' });

    const reshipped = expectStatus(await reship(opened.id, { lines: [{ skuCode: large!.code, quantity: 1 }] }), 200);
    expect(reshipped).toMatchObject({ status: 'awaiting_return', reships: [{ status: 'awaiting_fulfillment', lines: [{ skuCode: large!.code, spec: '白色 L', quantity: 1 }] }] });
    await shipThroughFulfillment(packer, { warehouseCode: source.warehouseCode, orderNo: reshipped.reships[0].orderNo, barcodes: [large!.code] });

    const received = expectStatus(await packer.post(`/api/v1/aftersales/cases/${opened.id}/receive`, { lines: [{ skuCode: medium!.code, quantity: 1, condition: 'resellable' }] }), 200);
    expect(received).toMatchObject({ status: 'open', reships: [{ status: 'shipped' }] });
  });

  it('refuses a SKU of another product', async () => {
    const source = await deliveredOrder();
    const [shirt] = source.skus;
    const other = expectStatus(await admin.post('/api/v1/products', { name: '羊毛围巾', category: '服装', priceBand: 'profit', skus: [{ code: uniqueCode('SKU'), price: 100, cost: 50, weightGrams: 100 }] }), 201);
    const opened = await openCase(source.order.id, 'exchange', [{ skuCode: shirt!.code, quantity: 1 }]);
    const refused = await reship(opened.id, { lines: [{ skuCode: other.skus[0].code, quantity: 1 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'not_eligible', message: `货号 ${other.skus[0].code} 不能补发：只能补发同款商品的其他规格`, details: [{ path: 'lines.0.skuCode' }] });
  });
});

describe('what a reship refuses', () => {
  it('a case type that sends nothing, a closed case, a SKU not on the case, a repeated line', async () => {
    const source = await deliveredOrder();
    const [shirt, scarf] = source.skus;
    const line = [{ skuCode: shirt!.code, quantity: 1 }];

    for (const type of ['return_refund', 'complaint']) {
      const opened = await openCase(source.order.id, type, type === 'complaint' ? [] : line);
      const refused = await reship(opened.id, { lines: line });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('not_eligible');
      expect(refused.body.error.message).toContain('不能补发');
      expect(opened.reshipOptions).toEqual([]);
    }

    const wrong = await openCase(source.order.id, 'wrong_item', line);
    const notOnCase = await reship(wrong.id, { lines: [{ skuCode: scarf!.code, quantity: 1 }] });
    expect(notOnCase.body.error).toMatchObject({ code: 'not_eligible', message: `货号 ${scarf!.code} 不能补发：只能补发售后单里的商品` });
    const repeated = await reship(wrong.id, { lines: [line[0], line[0]] });
    expect(repeated.status).toBe(422);
    expect(repeated.body.error.details).toEqual([{ path: 'lines.1.skuCode', message: `货号 ${shirt!.code} 重复，请合并为一行` }]);
    expect((await reship(wrong.id, { lines: [] })).status).toBe(400);

    expectStatus(await cs.post(`/api/v1/aftersales/cases/${wrong.id}/close`, { note: '买家自行处理' }), 200);
    const closed = await reship(wrong.id, { lines: line });
    expect(closed.status).toBe(409);
    expect(closed.body.error).toMatchObject({ code: 'invalid_transition', message: '售后单当前状态为「已完结」，不能补发' });

    const damaged = await openCase(source.order.id, 'damaged', line);
    expect(expectStatus(await reship(damaged.id, { lines: line }), 200).reships).toHaveLength(1);
  });
});
