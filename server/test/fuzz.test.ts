import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryFailure } from '../src/platform/delivery/channels';
import { dispatchOutbox } from '../src/platform/delivery/dispatcher';
import { cursorOf, expectStatus, makeOrder, makePackedParcel, makePaidOrder, makeProduct, makeShippedOrder, makeShop, makeWarehouse, orderInput, receiveStock, seedCatalog } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

/**
 * Seeded fuzzing of every write route and every list's query string: valid requests with one part
 * turned odd (wrong types, NUL, lone surrogates, megabyte strings, deep nesting, huge, negative and
 * fractional numbers, extra keys, crafted cursors and ids). No request may get a 5xx, and a
 * refused request must not move stock. Runs on PGlite in `npm test` and on PostgreSQL in `test:pg`.
 */
const SEED = 20_261_202;
const RUNS_PER_WRITE_ROUTE = 60;
const RUNS_PER_LIST_ROUTE = 30;

let t: TestApp;
let admin: Client;
/** Signs out in the logout route's runs; every other route runs as `admin`. */
let throwaway: Client;
let samples: Record<string, { ids: (number | string)[]; body: unknown; as?: () => Client }>;
/** An existing id for each collection (`/api/v1/<collection>/{id}`), for the reads that take one. */
let existingIds: Record<string, number>;

const deepJson = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const MEGABYTE = 'x'.repeat(1 << 20);

/** Leaves that have broken routes before, or could. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('x\u0000', '\u0000', 'x\ud800', '\udc00y', '', ' ', '-1', '1e300', '__proto__', "'; DROP TABLE orders; --", '<img src=x onerror=alert(1)>'),
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-02-30', '2026-11-20T08:00:00+08:00', '长'.repeat(5000), MEGABYTE),
  fc.constantFrom(0, -1, 1.5, -0.0001, 1e300, -1e300, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
  fc.constantFrom(true, false, null, [], {}, [null], { '\u0000': 1 }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** URL-encoded text: a lone surrogate cannot be encoded, so it is sent as the bytes a client would send. */
const encoded = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));

/** Query values for lists, already encoded: the odd leaves as text, raw bad bytes, and cursors and dates that claim to be what they are not. */
const oddQueryValue: fc.Arbitrary<string> = fc.oneof(
  oddValue.map((v) => encoded(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
  fc.constantFrom('%00', 'x%ED%A0%80', '%FF%FE', '%', '%zz', '%C0%80'),
  fc.constantFrom(cursorOf(['abc', 1]), cursorOf([1e300, 1]), cursorOf([1, 2 ** 40]), cursorOf(['0000-01-01T00:00:00Z', 1]), cursorOf({}), 'not-base64!', cursorOf([-5, -5])).map(encoded),
  fc.constantFrom('0000-01-01T00:00:00Z', '2026-11-20T08:00:00Z', '-total', 'total', 'pending_payment,awaiting_review', '7927', 'kiki', '13800138000').map(encoded),
);

type Mutation = { kind: 'leaf'; pick: number; value: unknown } | { kind: 'extra'; key: string; value: unknown } | { kind: 'drop'; pick: number } | { kind: 'whole'; value: unknown } | { kind: 'deep' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('leaf' as const), pick: fc.nat(), value: oddValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra' as const), key: fc.constantFrom('extra', '__proto__', 'constructor', 'x\u0000'), value: oddValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: oddValue }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'deep' as const }) },
);

/** Every [container, key] inside `value`, depth first. */
function slots(value: unknown): [Record<string, unknown> | unknown[], string | number][] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[value as Record<string, unknown>, key] as [Record<string, unknown>, string | number], ...slots(child)]);
}

/** The sample body with one mutation, as the raw JSON text sent. */
function mutate(sample: unknown, m: Mutation): string {
  if (m.kind === 'deep') return deepJson(20_000);
  if (m.kind === 'whole') return JSON.stringify(m.value) ?? 'null';
  const body = structuredClone(sample) as Record<string, unknown>;
  if (m.kind === 'extra') {
    return JSON.stringify(body).replace(/^\{/, `{${JSON.stringify(m.key)}:${JSON.stringify(m.value) ?? 'null'}${Object.keys(body).length ? ',' : ''}`);
  }
  const all = slots(body);
  if (all.length === 0) return JSON.stringify(m.kind === 'leaf' ? m.value : body) ?? 'null';
  const [container, key] = all[m.pick % all.length]!;
  if (m.kind === 'drop') {
    if (Array.isArray(container)) container.splice(Number(key), 1);
    else delete container[key];
  } else {
    (container as Record<string | number, unknown>)[key] = m.value;
  }
  return JSON.stringify(body);
}

const oddId = fc.constantFrom('0', '-1', '2147483648', '99999999999999999999', 'abc', '1.5', '1e3', '%00', '%F0%9F%98%80');
const oddIdempotencyKey = fc.constantFrom(undefined, undefined, undefined, 'k'.repeat(4000), 'a b', 'fuzz-key-1');

async function stockSnapshot() {
  const { rows } = await t.deps.database.query(
    `SELECT (SELECT coalesce(sum(on_hand), 0) FROM stock_levels)::text AS on_hand,
            (SELECT coalesce(sum(reserved), 0) FROM stock_levels)::text AS reserved,
            (SELECT count(*) FROM stock_movements)::text AS movements,
            (SELECT coalesce(sum(quantity - consumed_quantity - released_quantity), 0) FROM stock_reservations)::text AS open_reservations`,
  );
  return rows[0];
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  throwaway = await t.signIn(['warehouse']);
  const target = await t.signIn(['cs_presale']);
  const { shop, warehouses, product, skus } = await seedCatalog(admin, { skuCount: 2, stock: 500 });
  const sku = skus[0]!;
  const unpaid = await makeOrder(admin, orderInput(shop.code, skus));
  const paid = await makePaidOrder(admin, orderInput(shop.code, skus, { buyerMessage: '请发顺丰' }));
  const another = await makePaidOrder(admin, orderInput(shop.code, skus));
  const orderIds = [unpaid.id, paid.id, another.id];
  const customerId = expectStatus(await admin.get(`/api/v1/orders/${paid.id}`), 200).customerId as number;
  const warehouse = warehouses[0]!;
  // the approvals' notices, given up on at once: the retry route has dead letters to take back
  expectStatus(await admin.put('/api/v1/settings', { 'outbox.maxAttempts': 1 }), 200);
  const refusing = { name: 'refusing', topics: 'all' as const, deliver: () => Promise.reject(new DeliveryFailure('接收方拒收')) };
  await dispatchOutbox(t.deps, [refusing]);
  const outboxIds = (await t.deps.database.query('SELECT id FROM outbox ORDER BY id LIMIT 3')).rows.map((r) => Number(r.id));
  const binned = await makeWarehouse(admin, { bins: ['A-01', 'A-02'] });
  // parcels on the scale: one to weigh and ship, one stopped by its weight for the override
  const staff = { admin, cs: admin, packer: admin };
  const [onScale, offWeight] = [(await makePackedParcel(staff)).parcel, (await makePackedParcel(staff)).parcel];
  expect((await admin.post(`/api/v1/parcels/${offWeight.id}/weigh`, { grams: 5000 })).status).toBe(409);
  // a wave of its own for picking: one order short picked (a discrepancy to count, a unit to shelve), the other still to pick
  const floor = await makeWarehouse(admin, { bins: ['P-01', 'P-02'] });
  const floorShop = await makeShop(admin, { defaultWarehouseCode: floor.code });
  const [picked, unpicked] = (await makeProduct(admin, [{ barcode: '690000000071' }, { barcode: '690000000072' }])).skus;
  await receiveStock(admin, floor.code, [
    { skuCode: picked.code, quantity: 50, binCode: 'P-01' },
    { skuCode: unpicked.code, quantity: 50, binCode: 'P-02' },
  ]);
  const line = (s: { code: string; price: number }, quantity: number) => ({ skuCode: s.code, quantity, unitPrice: s.price });
  await makePaidOrder(admin, orderInput(floorShop.code, [], { items: [line(picked, 2), line(unpicked, 1)] }));
  const shortPicked = await makePaidOrder(admin, orderInput(floorShop.code, [], { items: [line(picked, 2)] }));
  const pickWave = expectStatus(await admin.post('/api/v1/waves', { warehouseCode: floor.code, kind: 'multi' }), 201);
  expectStatus(await admin.post(`/api/v1/waves/${pickWave.id}/picks`, { binCode: 'P-01', barcode: picked.barcode, quantity: 3 }), 200);
  const short = expectStatus(await admin.post(`/api/v1/waves/${pickWave.id}/short-picks`, { binCode: 'P-01', skuCode: picked.code, found: 0 }), 200);
  const shelving = expectStatus(await admin.post('/api/v1/fulfillment/shelving', { scan: shortPicked.orderNo }), 200);
  // a single-item wave for the 一单一件 station: one order of one unit
  await makePaidOrder(admin, orderInput(floorShop.code, [], { items: [line(unpicked, 1)] }));
  const singleWave = expectStatus(await admin.post('/api/v1/waves', { warehouseCode: floor.code, kind: 'single' }), 201);
  // an after-sales case on the paid order, and one waiting for a supervisor's approval
  const afterSale = expectStatus(await admin.post('/api/v1/aftersales/cases', { orderId: paid.id, type: 'refund_only', reason: '模糊测试' }), 201);
  const awaiting = expectStatus(await admin.post('/api/v1/aftersales/cases', { orderId: paid.id, type: 'refund_only', reason: '模糊测试' }), 201);
  const aftersaleAgent = await t.signIn(['cs_aftersale']);
  expectStatus(await admin.put('/api/v1/settings', { 'aftersales.refundAuthorityFen': 0 }), 200);
  expect((await aftersaleAgent.post(`/api/v1/aftersales/cases/${awaiting.id}/refund`, { amount: 100, reason: '需审批' })).body.error.code).toBe('approval_required');
  // a shipped order's case with carrier claims: one to submit, one filed with the carrier to settle or reject
  const carried = await makeShippedOrder(staff);
  const claimCase = expectStatus(await admin.post('/api/v1/aftersales/cases', { orderId: carried.order.id, type: 'missing_item', reason: '模糊测试', lines: [{ skuCode: carried.skus[0]!.code, quantity: 1 }] }), 201);
  const openClaim = expectStatus(await admin.post(`/api/v1/aftersales/cases/${claimCase.id}/claim`, { kind: 'damage' }), 201);
  const filedClaim = expectStatus(await admin.post(`/api/v1/aftersales/cases/${claimCase.id}/claim`, { kind: 'shortfall' }), 201);
  expectStatus(await admin.post(`/api/v1/aftersales/claims/${filedClaim.id}/submit`, {}), 200);
  existingIds = { orders: paid.id, customers: customerId, products: product.id, shops: shop.id, warehouses: warehouse.id, users: target.userId, skus: sku.id };
  samples = {
    'POST /api/v1/auth/login': { ids: [], body: { username: 'fuzz-nobody', password: 'not-the-password' } },
    'POST /api/v1/auth/logout': { ids: [], body: {}, as: () => throwaway },
    'POST /api/v1/users': { ids: [], body: { username: 'fuzz.user', password: 'long-enough-1', displayName: '模糊测试', roles: ['warehouse'] } },
    'PATCH /api/v1/users/:id': { ids: [target.userId], body: { displayName: '改名', roles: ['cs_presale'], active: true } },
    'POST /api/v1/users/:id/unlock': { ids: [target.userId], body: {} },
    'PUT /api/v1/settings': { ids: [], body: { 'orders.reviewSlaMinutes': 120, 'orders.risk.sameIp': { enabled: true, maxOrders: 3, windowMinutes: 60 } } },
    'POST /api/v1/shops': { ids: [], body: { code: 'FUZZSHOP', name: '模糊店', platform: 'jd', defaultWarehouseCode: warehouse.code, timezone: 'Asia/Shanghai' } },
    'PATCH /api/v1/shops/:id': { ids: [shop.id], body: { name: '新店名', defaultWarehouseCode: warehouse.code } },
    'POST /api/v1/products': {
      ids: [],
      body: { name: '模糊商品', category: '服装', priceBand: 'profit', skus: [{ code: 'FUZZSKU', barcode: '690000000001', spec: '红 L', price: 100, cost: 50, weightGrams: 10 }] },
    },
    'PATCH /api/v1/products/:id': { ids: [product.id], body: { name: '改名商品', category: '服装' } },
    'POST /api/v1/products/:id/skus': { ids: [product.id], body: { code: 'FUZZSKU2', price: 100, spec: '蓝 M' } },
    'PATCH /api/v1/skus/:id': { ids: [sku.id], body: { price: 9900, safetyStock: 5, listingPinned: false } },
    'POST /api/v1/warehouses': { ids: [], body: { code: 'FUZZWH', name: '模糊仓', bins: ['A-01', { code: 'A-02', walkOrder: 5 }] } },
    'PATCH /api/v1/warehouses/:id': { ids: [warehouse.id], body: { name: '改名仓', active: true, packagingGrams: 120 } },
    'POST /api/v1/warehouses/:id/bins': { ids: [warehouse.id], body: { codes: ['B-01', { code: 'B-02', walkOrder: 3 }] } },
    'PUT /api/v1/warehouses/:id/bins/walk-order': { ids: [binned.id], body: { codes: ['A-02', 'A-01'] } },
    'PUT /api/v1/inventory/pick-bins': { ids: [], body: { warehouseCode: binned.code, skuCode: sku.code, binCode: 'A-01' } },
    'POST /api/v1/inventory/receipts': { ids: [], body: { warehouseCode: warehouse.code, lines: [{ skuCode: sku.code, quantity: 2, binCode: 'A-01' }], reference: 'PO-1', note: '到货' } },
    'POST /api/v1/inventory/adjustments': { ids: [], body: { warehouseCode: warehouse.code, skuCode: sku.code, delta: -1, reason: '破损' } },
    'POST /api/v1/orders': { ids: [], body: orderInput(shop.code, skus, { platformOrderId: 'FUZZ-1', payment: { amount: 20600, method: 'alipay', paidAt: '2026-11-20T08:00:00+08:00' } }) },
    'POST /api/v1/addresses/parse': { ids: [], body: { text: '收货人：张三\n手机号码：+86 138-0013-8000\n所在地区：广西南宁市青秀区\n详细地址：民族大道100号 邮编530022' } },
    'POST /api/v1/orders/:id/payments': { ids: orderIds, body: { amount: unpaid.total, method: 'bank_transfer', transactionNo: 'T-1', paidAt: '2026-11-20T08:00:00Z' } },
    'POST /api/v1/orders/:id/approve': { ids: orderIds, body: {} },
    'POST /api/v1/orders/:id/undo-approve': { ids: orderIds, body: {} },
    'POST /api/v1/orders/bulk-approve': { ids: [], body: { ids: orderIds } },
    'POST /api/v1/orders/:id/hold': { ids: orderIds, body: { reason: '买家要改地址' } },
    'POST /api/v1/orders/:id/release': { ids: orderIds, body: {} },
    'POST /api/v1/orders/:id/cancel': { ids: orderIds, body: { reason: '买家不要了' } },
    'POST /api/v1/orders/:id/close': { ids: orderIds, body: { reason: '重复下单' } },
    'POST /api/v1/orders/:id/remarks': { ids: orderIds, body: { content: '送赠品', flag: 'red', promiseDate: '2026-11-21' } },
    'PATCH /api/v1/orders/:id/address': { ids: orderIds, body: { name: '李四', phone: '13800138000', province: '上海市', city: '市辖区', district: '浦东新区', detail: '世纪大道 100 号', postalCode: '200120' } },
    'POST /api/v1/orders/:id/change-sku': { ids: orderIds, body: { lineId: paid.items[0].id, skuCode: skus[1]!.code } },
    'POST /api/v1/orders/:id/remind-payment': { ids: orderIds, body: {} },
    'POST /api/v1/packing/sessions': { ids: [], body: { scan: paid.orderNo } },
    'POST /api/v1/packing/sessions/:id/scans': { ids: [1, 2], body: { barcode: '690000000001' } },
    'POST /api/v1/packing/sessions/:id/complete': { ids: [1, 2], body: {} },
    'POST /api/v1/packing/sessions/:id/split': { ids: [1, 2], body: { reason: '缺货，其余后发' } },
    'POST /api/v1/orders/merge': { ids: [], body: { orderIds: orderIds.slice(0, 2) } },
    'POST /api/v1/orders/:id/unmerge': { ids: orderIds, body: {} },
    'POST /api/v1/parcels/:id/weigh': { ids: [onScale.id, offWeight.id], body: { grams: 800 } },
    'POST /api/v1/parcels/:id/repack': { ids: [offWeight.id], body: {} },
    'POST /api/v1/parcels/:id/weight-override': { ids: [offWeight.id], body: { reason: '赠品较重，已核对' } },
    'POST /api/v1/parcels/:id/ship': { ids: [onScale.id, offWeight.id], body: { carrier: 'ZTO', trackingNo: '773000000001' } },
    'POST /api/v1/waves/:id/picks': { ids: [pickWave.id], body: { binCode: 'P-01', barcode: picked.barcode, quantity: 1 } },
    'POST /api/v1/waves/:id/singles': { ids: [singleWave.id, pickWave.id], body: { barcode: unpicked.barcode } },
    'POST /api/v1/waves/:id/sowing': { ids: [pickWave.id, singleWave.id], body: { barcode: picked.barcode } },
    'POST /api/v1/waves/:id/short-picks': { ids: [pickWave.id], body: { binCode: 'P-02', skuCode: unpicked.code, found: 0 } },
    'POST /api/v1/fulfillment/shelving': { ids: [], body: { scan: shortPicked.orderNo } },
    'POST /api/v1/fulfillment/shelving/:id/scans': { ids: [shelving.id], body: { binCode: 'P-01', barcode: picked.barcode, quantity: 1 } },
    'POST /api/v1/inventory/discrepancies/:id/count': { ids: [short.discrepancy.id], body: { countedQuantity: 48, note: '实盘' } },
    'POST /api/v1/waves': { ids: [], body: { warehouseCode: warehouse.code, kind: 'multi', maxOrders: 2, filter: { shopCode: shop.code, carrier: 'SF', skuCode: sku.code, shipByBefore: '2026-12-30T00:00:00Z' } } },
    'POST /api/v1/tracking/events': { ids: [], body: { carrier: 'ZTO', trackingNo: '751234567890', events: [{ time: '2026-11-20T08:00:00+08:00', status: 'picked_up', description: '已揽收', location: '杭州' }] } },
    'POST /api/v1/tracking/imports': { ids: [], body: { content: '快递公司,快递单号,时间,状态,描述\n中通,751234567890,2026-11-20 08:00,已揽收,已揽件' } },
    'POST /api/v1/logistics/exceptions/:id/contact': { ids: [1, 2], body: { channel: 'phone', note: '已联系买家' } },
    'POST /api/v1/logistics/exceptions/:id/resolve': { ids: [1, 2], body: { outcome: 'redelivered', note: '已重新派送' } },
    'POST /api/v1/customers/:id/blacklist': { ids: [customerId], body: { blacklisted: true, reason: '恶意差评' } },
    'POST /api/v1/outbox/:id/retry': { ids: outboxIds, body: {} },
    'POST /api/v1/aftersales/cases': { ids: [], body: { orderId: paid.id, type: 'refund_only', reason: '不想要了', lines: [{ skuCode: skus[0]!.code, quantity: 1 }], evidence: [{ note: '聊天截图' }], shippingInsurance: true, override: { reason: '主管受理' } } },
    'POST /api/v1/aftersales/cases/:id/propose': { ids: [afterSale.id, awaiting.id], body: { solution: 'return', note: '请寄回', returnTrackingNo: 'SF1234567890123' } },
    'POST /api/v1/aftersales/cases/:id/receive': { ids: [afterSale.id, awaiting.id], body: { lines: [{ skuCode: skus[0]!.code, quantity: 1, condition: 'resellable' }], buyerReturnShipping: 1000, note: '外包装完好', returnTrackingNo: 'YT1234567890123' } },
    'POST /api/v1/aftersales/cases/:id/escalate': { ids: [afterSale.id, awaiting.id], body: { note: '买家情绪激动', difficult: true } },
    'POST /api/v1/aftersales/cases/:id/refund': { ids: [afterSale.id, awaiting.id], body: { amount: 100, reason: '补偿' } },
    'POST /api/v1/aftersales/cases/:id/approve': { ids: [awaiting.id, afterSale.id], body: { amount: 100 } },
    'POST /api/v1/aftersales/cases/:id/reject': { ids: [awaiting.id], body: { note: '不予退款' } },
    'POST /api/v1/aftersales/cases/:id/close': { ids: [afterSale.id], body: { note: '已处理' } },
    'POST /api/v1/aftersales/cases/:id/reship': { ids: [afterSale.id, awaiting.id], body: { lines: [{ skuCode: skus[0]!.code, quantity: 1 }], note: '补发漏发的商品' } },
    'POST /api/v1/aftersales/cases/:id/claim': { ids: [claimCase.id, afterSale.id], body: { kind: 'damage', amount: 500, note: '外箱破损' } },
    'POST /api/v1/aftersales/claims/:id/submit': { ids: [openClaim.id, filedClaim.id], body: { claimNo: 'ZTO-LP-1', note: '已提交' } },
    'POST /api/v1/aftersales/claims/:id/settle': { ids: [filedClaim.id], body: { amount: 100, note: '按保价赔付' } },
    'POST /api/v1/aftersales/claims/:id/reject': { ids: [filedClaim.id], body: { note: '外包装无破损' } },
    'POST /api/v1/files': { ids: [], body: { file: 'not multipart' } },
    'PUT /api/v1/me/preferences/:key': { ids: ['orders.listColumns'], body: { value: [{ key: 'phone', visible: false }, { key: 'orderNo', visible: true }] } },
    'POST /api/v1/waybills': { ids: [], body: { carrier: 'ZTO', trackingNos: ['700000000001', '7000-0000-0002'] } },
  };
}, 120_000);
afterAll(() => t.close());

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD';

describe('seeded fuzzing', () => {
  it('covers every write route', () => {
    const writes = t.app.declaredRoutes.filter((r) => isWrite(r.method) && r.url.startsWith('/api/v1/')).map((r) => `${r.method} ${r.url}`);
    expect(Object.keys(samples).sort()).toEqual([...new Set(writes)].sort());
  });

  it('never answers a write with a 5xx, and a refused write moves no stock', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const [route, sample] of Object.entries(samples)) {
      const [method, url] = route.split(' ') as [string, string];
      const cases = fc.sample(fc.tuple(mutation, fc.option(oddId, { freq: 4 }), fc.nat(), oddIdempotencyKey), { seed: SEED + route.length, numRuns: RUNS_PER_WRITE_ROUTE });
      for (const [m, badId, pick, key] of cases) {
        const id = badId ?? String(sample.ids[pick % Math.max(sample.ids.length, 1)] ?? 1);
        const payload = mutate(sample.body, m);
        const before = await stockSnapshot();
        const client = sample.as?.() ?? admin;
        const headers = { 'content-type': 'application/json', ...(key && { 'idempotency-key': key }) };
        const path = url.replace(/:(id|key)\b/, id);
        const res = await client.request(method, path, payload, headers);
        sent++;
        const what = `${method} ${path} ${payload.slice(0, 160)}`;
        if (res.status >= 500) failures.push(`${res.status} ${what} → ${JSON.stringify(res.body).slice(0, 200)}`);
        if (res.status >= 400 && JSON.stringify(await stockSnapshot()) !== JSON.stringify(before)) failures.push(`stock moved by a refused request (${res.status}) ${what}`);
      }
    }
    expect(sent).toBe(Object.keys(samples).length * RUNS_PER_WRITE_ROUTE);
    expect(failures).toEqual([]);
  }, 600_000);

  it('never answers a read by an odd id with a 5xx (the printed documents included)', async () => {
    const byId = t.app.declaredRoutes.filter((r) => r.method === 'GET' && r.url.includes(':id')).map((r) => r.url);
    expect(byId).toEqual(expect.arrayContaining(['/api/v1/waves/:id/pick-list.pdf', '/api/v1/waves/:id/packing-slips.pdf', '/api/v1/parcels/:id/label.pdf']));
    const ids = [...fc.sample(oddId, { seed: SEED, numRuns: 20 }), '1', '2', '2147483647'];
    const failures: string[] = [];
    for (const url of byId) {
      for (const id of ids) {
        const res = await admin.get(url.replace(':id', id));
        if (res.status >= 500) failures.push(`${res.status} GET ${url.replace(':id', id)} → ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('never answers a read\'s query string with a 5xx', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> }>();
    const lists = Object.entries(doc.paths).flatMap(([path, ops]) => {
      const names = (ops.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const url = path.replace('{id}', String(existingIds[path.split('/')[3]!] ?? 1));
      return ops.get && names.length > 0 ? [{ url, names }] : [];
    });
    expect(lists.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const { url, names } of lists) {
      const cases = fc.sample(fc.array(fc.tuple(fc.constantFrom(...names), oddQueryValue), { minLength: 1, maxLength: 4 }), { seed: SEED + url.length, numRuns: RUNS_PER_LIST_ROUTE });
      for (const params of cases) {
        const query = params.map(([name, value]) => `${name}=${value}`).join('&');
        const res = await admin.get(`${url}?${query}`);
        if (res.status >= 500) failures.push(`${res.status} GET ${url}?${query.slice(0, 200)} → ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
