import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makePaidOrder, makeProduct, makeShop, makeWarehouse, orderInput, receiveStock } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let packer: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  packer = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

interface PdfPage {
  /** The page's text as extracted, pieces joined without spaces. */
  text: string;
  widthMm: number;
  heightMm: number;
}

/** GETs a PDF as `client`: the raw bytes (the harness's client reads replies as text). */
async function getPdf(client: Client, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${client.token}` } });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, error: () => res.json().error };
}

/** Every page's text and size, read back by pdf.js as a viewer or a search would. */
async function pagesOf(bytes: Buffer): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('');
    pages.push({ text: text.replace(/\s+/g, ''), widthMm: ((x1 - x0) * 25.4) / 72, heightMm: ((y1 - y0) * 25.4) / 72 });
  }
  await doc.destroy();
  return pages;
}

async function printedPdf(url: string): Promise<PdfPage[]> {
  const res = await getPdf(packer, url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.bytes.toString()}`);
  expect(res.headers['content-type']).toBe('application/pdf');
  return pagesOf(res.bytes);
}

const textOf = (pages: PdfPage[]) => pages.map((p) => p.text).join('');

const printEvents = async (entityType: string, id: number, action: string) =>
  (await t.deps.database.query('SELECT after FROM audit_events WHERE entity_type = $1 AND entity_id = $2 AND action = $3 ORDER BY id', [entityType, String(id), action])).rows.map(
    (r) => r.after as { printNo: number; reprint: boolean; trackingNo?: string },
  );

let serial = 0;

/**
 * A warehouse whose bins are walked A-01, B-02, C-03, a shop sending by `carrier`, and three SKUs
 * whose pick bins are along that route in the opposite order of their codes (one has no bin).
 */
async function floor(carrier = 'ZTO') {
  const n = ++serial;
  const warehouse = await makeWarehouse(admin, { bins: ['A-01', 'B-02', 'C-03'] });
  const shop = await makeShop(admin, { name: `山茶花${n}号旗舰店`, defaultWarehouseCode: warehouse.code, defaultCarrier: carrier });
  const product = await makeProduct(
    admin,
    [
      { code: `DOC${n}A`, barcode: `69${process.pid % 10000}${n}01`, spec: '白色 M' },
      { code: `DOC${n}B`, barcode: `69${process.pid % 10000}${n}02`, spec: '黑色 L' },
      { code: `DOC${n}C`, barcode: null, spec: '灰色 S' },
    ],
    { name: '山茶花纯棉T恤' },
  );
  const [a, b, c] = product.skus as { id: number; code: string; barcode: string | null; price: number }[];
  await receiveStock(admin, warehouse.code, [
    { skuCode: a!.code, quantity: 100, binCode: 'C-03' },
    { skuCode: b!.code, quantity: 100, binCode: 'A-01' },
    { skuCode: c!.code, quantity: 100 },
  ]);
  const order = (lines: [typeof a, number][], overrides: Record<string, unknown> = {}) =>
    makePaidOrder(cs, orderInput(shop.code, [a!], { items: lines.map(([sku, quantity]) => ({ skuCode: sku!.code, quantity, unitPrice: sku!.price })), ...overrides }));
  const wave = async (kind: 'single' | 'multi') => expectStatus(await packer.post('/api/v1/waves', { warehouseCode: warehouse.code, kind }), 201);
  return { warehouse, shop, skus: { a: a!, b: b!, c: c! }, order, wave };
}

/** Opens the order's packing session, scans every unit and closes the parcel. */
async function packed(orderNo: string): Promise<{ id: number }> {
  const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: orderNo }), 200);
  for (const line of session.lines as { barcode: string | null; skuCode: string; expected: number }[]) {
    for (let i = 0; i < line.expected; i++) expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/scans`, { barcode: line.barcode ?? line.skuCode }), 200);
  }
  return expectStatus(await packer.post(`/api/v1/packing/sessions/${session.id}/complete`), 200);
}

describe('pick list (配货单)', () => {
  it('lists the wave\'s SKUs along the bin route with their totals, barcodes and sowing slots, in extractable Chinese', async () => {
    const { skus, order, wave } = await floor();
    await order([
      [skus.a, 2],
      [skus.c, 1],
    ]);
    await order([
      [skus.a, 1],
      [skus.b, 3],
    ]);
    const created = await wave('multi');

    const res = await getPdf(packer, `/api/v1/waves/${created.id}/pick-list.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${created.waveNo}-pick-list.pdf"`);
    const text = textOf(await pagesOf(res.bytes));
    expect(text).toContain('配货单');
    expect(text).toContain(created.waveNo);
    expect(text).toContain('多件（播种）');
    expect(text).toContain('山茶花纯棉T恤/白色M');
    // B at A-01, then A at C-03, then C with no pick bin
    const at = (s: string) => text.indexOf(s);
    expect(at(skus.b.code)).toBeGreaterThan(0);
    expect(at(skus.b.code)).toBeLessThan(at(skus.a.code));
    expect(at(skus.a.code)).toBeLessThan(at(skus.c.code));
    expect(text).toMatch(new RegExp(`A-01${skus.b.code}.*3${skus.b.barcode}2→3`));
    expect(text).toMatch(new RegExp(`C-03${skus.a.code}.*3${skus.a.barcode}1→22→1`));
    // no barcode: the SKU code is printed as the barcode
    expect(text).toMatch(new RegExp(`未设库位${skus.c.code}.*1${skus.c.code}1→1`));
    expect(text).toContain('订单2单');
    expect(text).toContain('共7件');
  });

  it('records every print and marks a reprint, on paper and in the audit log', async () => {
    const { skus, order, wave } = await floor();
    await order([[skus.a, 1]]);
    const created = await wave('single');
    const once = textOf(await printedPdf(`/api/v1/waves/${created.id}/pick-list.pdf`));
    expect(once).toContain('第1次打印');
    expect(once).not.toContain('补打');
    expect(once).toContain('一单一件');
    const again = textOf(await printedPdf(`/api/v1/waves/${created.id}/pick-list.pdf`));
    expect(again).toContain('第2次打印（补打）');
    expect(await printEvents('wave', created.id, 'wave.print_pick_list')).toEqual([
      expect.objectContaining({ printNo: 1, reprint: false }),
      expect.objectContaining({ printNo: 2, reprint: true }),
    ]);
  });

  it('breaks a long list onto numbered pages, each with the heading and the column heads', async () => {
    const { shop, warehouse, wave } = await floor();
    const product = await makeProduct(admin, Array.from({ length: 40 }, (_, i) => ({ spec: `尺码 ${i + 1}` })), { name: '长袖衬衫' });
    const many = product.skus as { code: string; price: number }[];
    await receiveStock(admin, warehouse.code, many.map((s) => ({ skuCode: s.code, quantity: 5 })));
    await makePaidOrder(cs, orderInput(shop.code, many));
    const created = await wave('multi');
    const pages = await printedPdf(`/api/v1/waves/${created.id}/pick-list.pdf`);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page.text).toContain(created.waveNo);
      expect(page.text).toContain('库位货号商品/规格数量条码格位→件数');
      expect(page.text).toContain(`第${i + 1}/${pages.length}页`);
    });
    expect(pages[1]!.text).toContain('（续）');
    for (const sku of many) expect(textOf(pages)).toContain(sku.code);
  });
});

describe('packing slips (发货单)', () => {
  it('prints one slip per order still in the wave: order barcode, masked receiver, items in 元, message, remarks and the red-flag warning', async () => {
    const { shop, skus, order, wave } = await floor('SF');
    const red = await order([[skus.a, 2]], { buyerMessage: '请尽快发货' });
    // a message holds the order for review; customer service approves it
    expectStatus(await cs.post(`/api/v1/orders/${red.id}/approve`), 200);
    expectStatus(await cs.post(`/api/v1/orders/${red.id}/remarks`, { content: '核对颜色是白色', flag: 'red' }), 201);
    const plain = await order([[skus.b, 2]]);
    const cancelled = await order([
      [skus.a, 1],
      [skus.b, 1],
    ]);
    const created = await wave('multi');
    expectStatus(await cs.post(`/api/v1/orders/${cancelled.id}/cancel`, { reason: '买家不要了' }), 200);

    const res = await getPdf(packer, `/api/v1/waves/${created.id}/packing-slips.pdf`);
    expect(res.headers['content-disposition']).toBe(`inline; filename="${created.waveNo}-packing-slips.pdf"`);
    const pages = await pagesOf(res.bytes);
    expect(pages).toHaveLength(2);
    const [redPage, plainPage] = [pages.find((p) => p.text.includes(red.orderNo))!, pages.find((p) => p.text.includes(plain.orderNo))!];
    expect(textOf(pages)).not.toContain(cancelled.orderNo);

    expect(redPage.text.startsWith('红旗：发货前核对')).toBe(true);
    expect(plainPage.text).not.toContain('红旗：发货前核对');
    expect(redPage.text).toContain('发货单');
    expect(redPage.text).toContain(`店铺${shop.name}`);
    expect(redPage.text).toContain('快递顺丰速运');
    expect(redPage.text).toContain(`${skus.a.code}山茶花纯棉T恤白色M299.00`);
    expect(redPage.text).toContain('买家留言：请尽快发货');
    expect(redPage.text).toMatch(/【红旗】.*·核对颜色是白色·2026-11-20/);
    expect(plainPage.text).toContain('卖家备注：无');

    const detail = expectStatus(await admin.get(`/api/v1/orders/${red.id}`), 200);
    const revealed = expectStatus(await admin.get(`/api/v1/orders/${red.id}?reveal=1`), 200);
    expect(redPage.text).toContain(`收货人${detail.buyer.name}电话${detail.buyer.phone}`);
    expect(detail.buyer.phone).toMatch(/^139\*{4}\d{4}$/);
    expect(redPage.text).toContain(detail.address.detail.replace(/\s+/g, ''));
    expect(redPage.text).not.toContain(revealed.buyer.phone);
    expect(redPage.text).not.toContain(revealed.address.detail.replace(/\s+/g, ''));
    expect(redPage.text).not.toContain(revealed.buyer.name);

    await printedPdf(`/api/v1/waves/${created.id}/packing-slips.pdf`);
    expect((await printEvents('wave', created.id, 'wave.print_packing_slips')).map((e) => e.reprint)).toEqual([false, true]);
  });

  it('refuses a wave whose orders were all intercepted, and unknown waves', async () => {
    const { skus, order, wave } = await floor();
    const only = await order([[skus.a, 1]]);
    const created = await wave('single');
    expectStatus(await cs.post(`/api/v1/orders/${only.id}/cancel`, { reason: '买家不要了' }), 200);
    for (const doc of ['pick-list', 'packing-slips']) {
      const res = await getPdf(packer, `/api/v1/waves/${created.id}/${doc}.pdf`);
      expect(res.status).toBe(409);
      expect(res.error().code).toBe('nothing_to_print');
      const unknown = await getPdf(packer, `/api/v1/waves/2147483000/${doc}.pdf`);
      expect(unknown.status).toBe(404);
      expect((await getPdf(cs, `/api/v1/waves/${created.id}/${doc}.pdf`)).status).toBe(403);
    }
    expect(await printEvents('wave', created.id, 'wave.print_packing_slips')).toEqual([]);
  });
});

/** `count` numbers of the carrier's shape no other test loads. */
function waybillNos(carrier: 'SF' | 'YTO' | 'JT' | 'STO', count: number): string[] {
  const stem = `${process.pid % 1000}`.padStart(3, '0') + String(++serial).padStart(3, '0');
  const shape = { SF: (i: string) => `SF${stem}${i}0000`, YTO: (i: string) => `YT${stem}${i}0000`, JT: (i: string) => `JT${stem}${i}00`, STO: (i: string) => `268${stem}${i}000` };
  return Array.from({ length: count }, (_, i) => shape[carrier](String(i).padStart(3, '0')));
}

const stockOf = async (carrier: string) => (expectStatus(await packer.get('/api/v1/waybills/stock'), 200).items as { carrier: string; available: number; allotted: number }[]).find((s) => s.carrier === carrier)!;

describe('waybill pool (面单号池)', () => {
  it('loads a carrier\'s numbers normalised, leaves out the ones it has and lists them', async () => {
    const nos = waybillNos('STO', 3);
    const before = await stockOf('STO');
    const loaded = expectStatus(await packer.post('/api/v1/waybills', { carrier: 'STO', trackingNos: [nos[0], ` ${nos[1]!.slice(0, 6)}-${nos[1]!.slice(6)} `] }), 201);
    expect(loaded).toEqual({ carrier: 'STO', added: 2, duplicates: [], available: before.available + 2 });
    const again = expectStatus(await packer.post('/api/v1/waybills', { carrier: 'STO', trackingNos: [nos[1], nos[2], nos[2]] }), 201);
    expect(again).toEqual({ carrier: 'STO', added: 1, duplicates: [nos[1], nos[2]], available: before.available + 3 });
    expect(await stockOf('STO')).toMatchObject({ available: before.available + 3, allotted: before.allotted });
    expect((await cs.post('/api/v1/waybills', { carrier: 'STO', trackingNos: nos })).status).toBe(403);
  });

  it('refuses a batch with a number not of the carrier\'s format, naming it', async () => {
    const [good] = waybillNos('SF', 1);
    const before = await stockOf('SF');
    const res = await packer.post('/api/v1/waybills', { carrier: 'SF', trackingNos: [good, 'YT1234567890123', '12'] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_tracking_no');
    expect(res.body.error.message).toBe('第 2 个单号 YT1234567890123 不对：顺丰速运单号应为SF 加 12–15 位数字，或 12 位数字（共 2 个单号不对）');
    expect(res.body.error.details).toEqual([
      { path: 'trackingNos.1', message: 'YT1234567890123' },
      { path: 'trackingNos.2', message: '12' },
    ]);
    expect((await stockOf('SF')).available).toBe(before.available);
  });
});

describe('shipping label (快递单)', () => {
  it('prints a packed parcel at 100 × 150 mm with a number from its carrier\'s pool, the same number on a reprint', async () => {
    const { shop, skus, order, wave } = await floor('YTO');
    const flagged = await order([[skus.a, 1]]);
    expectStatus(await cs.post(`/api/v1/orders/${flagged.id}/remarks`, { content: '发货前核对地址', flag: 'red' }), 201);
    await wave('single');
    const parcel = await packed(flagged.orderNo);
    const nos = waybillNos('YTO', 2);
    expectStatus(await packer.post('/api/v1/waybills', { carrier: 'YTO', trackingNos: nos }), 201);

    const res = await getPdf(packer, `/api/v1/parcels/${parcel.id}/label.pdf`);
    expect(res.status).toBe(200);
    const [page, ...more] = await pagesOf(res.bytes);
    expect(more).toEqual([]);
    expect(page!.widthMm).toBeCloseTo(100, 1);
    expect(page!.heightMm).toBeCloseTo(150, 1);
    const trackingNo = (await printEvents('parcel', parcel.id, 'parcel.print_label'))[0]!.trackingNo!;
    expect(nos).toContain(trackingNo);
    expect(res.headers['content-disposition']).toBe(`inline; filename="${trackingNo}-label.pdf"`);
    expect(page!.text).toContain('圆通速递');
    expect(page!.text).toContain(trackingNo);
    expect(page!.text).toContain('红旗');
    expect(page!.text).toContain(`寄件人${shop.name}`);
    expect(page!.text).toContain(`订单号${flagged.orderNo}`);
    expect(page!.text).toContain('共1件');
    const detail = expectStatus(await admin.get(`/api/v1/orders/${flagged.id}`), 200);
    const revealed = expectStatus(await admin.get(`/api/v1/orders/${flagged.id}?reveal=1`), 200);
    expect(page!.text).toContain(`收件人${detail.buyer.name}${detail.buyer.phone}`);
    // the courier delivers by the full address; the name and phone stay masked
    expect(page!.text).toContain(`浙江省杭州市西湖区${revealed.address.detail.replace(/\s+/g, '')}`);
    expect(page!.text).not.toContain(revealed.buyer.phone);

    const reprint = (await pagesOf((await getPdf(packer, `/api/v1/parcels/${parcel.id}/label.pdf`)).bytes))[0]!;
    expect(reprint.text).toContain(trackingNo);
    expect(reprint.text).toContain('第2次打印（补打）');
    expect(await printEvents('parcel', parcel.id, 'parcel.print_label')).toEqual([
      expect.objectContaining({ trackingNo, printNo: 1, reprint: false }),
      expect.objectContaining({ trackingNo, printNo: 2, reprint: true }),
    ]);
    const stored = await t.deps.database.query('SELECT tracking_no FROM parcels WHERE id = $1', [parcel.id]);
    expect(stored.rows[0]!.tracking_no).toBe(trackingNo);
    expect((await stockOf('YTO')).available).toBeGreaterThanOrEqual(1);
  });

  it('never gives one number to two parcels printed at once', async () => {
    const { skus, order, wave } = await floor('JT');
    const orders = [await order([[skus.a, 1]]), await order([[skus.b, 1]])];
    await wave('single');
    const parcels = [await packed(orders[0]!.orderNo), await packed(orders[1]!.orderNo)];
    const before = await stockOf('JT');
    expectStatus(await packer.post('/api/v1/waybills', { carrier: 'JT', trackingNos: waybillNos('JT', 2) }), 201);
    const prints = await Promise.all(parcels.map((p) => getPdf(packer, `/api/v1/parcels/${p.id}/label.pdf`)));
    expect(prints.map((p) => p.status)).toEqual([200, 200]);
    const numbers = await Promise.all(parcels.map(async (p) => (await printEvents('parcel', p.id, 'parcel.print_label'))[0]!.trackingNo));
    expect(new Set(numbers).size).toBe(2);
    expect(await stockOf('JT')).toEqual(expect.objectContaining({ available: before.available, allotted: before.allotted + 2 }));
  });

  it('answers 409 naming the carrier when its pool is empty, and keeps nothing of the attempt', async () => {
    const { skus, order, wave } = await floor('EMS');
    const only = await order([[skus.a, 1]]);
    await wave('single');
    const parcel = await packed(only.orderNo);
    const stock = await stockOf('EMS');
    expect(stock.available).toBe(0);
    const res = await getPdf(packer, `/api/v1/parcels/${parcel.id}/label.pdf`);
    expect(res.status).toBe(409);
    expect(res.error()).toMatchObject({ code: 'no_waybill_numbers', message: '邮政EMS的面单号用完了，请先导入邮政EMS的面单号再打印快递单', details: [{ path: 'carrier', message: 'EMS' }] });
    expect(await printEvents('parcel', parcel.id, 'parcel.print_label')).toEqual([]);
  });

  it('refuses a parcel still being packed or intercepted, and unknown parcels', async () => {
    const { skus, order, wave } = await floor('ZTO');
    const packing = await order([[skus.a, 1]]);
    const intercepted = await order([[skus.b, 1]]);
    await wave('single');
    const session = expectStatus(await packer.post('/api/v1/packing/sessions', { scan: packing.orderNo }), 200);
    const stopped = await packed(intercepted.orderNo);
    expectStatus(await cs.post(`/api/v1/orders/${intercepted.id}/cancel`, { reason: '买家不要了' }), 200);

    const early = await getPdf(packer, `/api/v1/parcels/${session.id}/label.pdf`);
    expect(early.status).toBe(409);
    expect(early.error().code).toBe('parcel_not_packed');
    const late = await getPdf(packer, `/api/v1/parcels/${stopped.id}/label.pdf`);
    expect(late.status).toBe(409);
    expect(late.error()).toMatchObject({ code: 'intercepted', message: `订单 ${intercepted.orderNo} 已拦截（订单已取消）：不要打包发出，请把商品放回库位` });
    expect((await getPdf(packer, '/api/v1/parcels/2147483000/label.pdf')).status).toBe(404);
    expect((await getPdf(cs, `/api/v1/parcels/${stopped.id}/label.pdf`)).status).toBe(403);
  });
});
