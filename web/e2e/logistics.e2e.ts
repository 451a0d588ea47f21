import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { focusedId, keyIn, pick, signInAs, startE2E, typeInto, uniqueCode, type E2E } from './harness';

let e2e: E2E;
/** The warehouse's page (it records tracking) and customer service's (it works the exceptions). */
let warehouse: Page;
let service: Page;
const WAREHOUSE = { code: 'WH-LOGI', name: '物流测试仓' };
const SHOP = { code: 'TM-LOGI', name: '物流旗舰店' };
const WORKER = { username: 'tracker1', password: 'tracker-pass-1', displayName: '仓管小王', roles: ['warehouse'] };
const AGENT = { username: 'service1', password: 'service-pass-1', displayName: '售后客服小林', roles: ['cs_aftersale'] };
const MUG = { code: uniqueCode('MUG'), barcode: uniqueCode('6913'), spec: '马克杯 350ml', weightGrams: 300 };
const HOUR = 3_600_000;

interface Shipped {
  id: number;
  orderNo: string;
  trackingNo: string;
}

let serial = 0;
/** An order of one mug taken through a wave, 验货, 称重 and shipped by ZTO through the API: its parcel is on the road. */
async function shippedOrder(): Promise<Shipped> {
  const n = ++serial;
  const order = await e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    buyer: { nick: `logi_buyer_${n}`, name: '韩梅梅', phone: `1384444${String(n).padStart(4, '0')}` },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: `文三路 ${n} 号` },
    items: [{ skuCode: MUG.code, quantity: 1, unitPrice: 3900 }],
    shippingFee: 0,
    payment: { amount: 3900, method: 'alipay' },
  });
  if (order.status !== 'awaiting_fulfillment') await e2e.api('POST', `/api/v1/orders/${order.id}/approve`);
  await e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'single', filter: { shopCode: SHOP.code } });
  const session = await e2e.api('POST', '/api/v1/packing/sessions', { scan: order.orderNo });
  await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/scans`, { barcode: MUG.barcode });
  const parcel = await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/complete`);
  await e2e.api('POST', `/api/v1/parcels/${parcel.id}/weigh`, { grams: parcel.expectedGrams });
  const trackingNo = `77${String(Date.now()).slice(-8)}${String(n).padStart(2, '0')}`;
  await e2e.api('POST', `/api/v1/parcels/${parcel.id}/ship`, { carrier: 'ZTO', trackingNo });
  return { id: order.id, orderNo: order.orderNo, trackingNo };
}

/** `hoursAgo` as an aggregator's export writes it: China local time, no offset. */
const localTime = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR + 8 * HOUR).toISOString().slice(0, 19).replace('T', ' ');
const HEADER = '快递公司,快递单号,时间,状态,描述,地点';
const eventsOf = async (order: Shipped) => (await e2e.api('GET', `/api/v1/orders/${order.id}/parcels`)).items[0].events as { description: string }[];

/** Chooses a CSV file in 导入物流轨迹 as the file dialog would. */
async function importCsv(page: Page, name: string, content: string | Buffer) {
  await page.getByTestId('tracking-import').locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
}

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('POST', '/api/v1/warehouses', { code: WAREHOUSE.code, name: WAREHOUSE.name });
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', { name: '陶瓷杯', category: '家居', priceBand: 'traffic', skus: [{ ...MUG, price: 3900, cost: 1200 }] });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [{ skuCode: MUG.code, quantity: 50 }] });
  await e2e.api('POST', '/api/v1/users', WORKER);
  await e2e.api('POST', '/api/v1/users', AGENT);
  warehouse = await e2e.freshPage();
  warehouse.setDefaultTimeout(10_000);
  await signInAs(e2e, WORKER.username, WORKER.password, warehouse);
  service = await e2e.freshPage();
  service.setDefaultTimeout(10_000);
  await signInAs(e2e, AGENT.username, AGENT.password, service);
});
afterAll(() => e2e?.close());

describe('物流跟踪', () => {
  it('finds a shipped parcel by its number as typed, imports its events from a CSV, and refuses a file with a bad row whole', async () => {
    const order = await shippedOrder();
    await warehouse.goto(`${e2e.baseUrl}/logistics/tracking`);
    await expect.poll(() => focusedId(warehouse)).toBe('tracking-search');
    // typed as it is written on the label, in groups
    await keyIn(warehouse, `${order.trackingNo.slice(0, 4)} ${order.trackingNo.slice(4, 8)}-${order.trackingNo.slice(8)}`);
    const result = warehouse.getByTestId('parcel-timeline');
    await result.getByText('暂无物流轨迹').waitFor();
    await warehouse.getByText(`订单 ${order.orderNo}`).waitFor();
    await result.getByText('中通快递').waitFor();
    await result.getByText('已发货').waitFor();
    expect(await focusedId(warehouse)).toBe('tracking-search');

    // one row with a status no carrier writes: the file is refused, the row named, nothing recorded
    const bad = [HEADER, `中通快递,${order.trackingNo},${localTime(5)},已揽收,快递员已揽件,杭州`, `中通快递,${order.trackingNo},${localTime(2)},飞走了,离开杭州,杭州`].join('\r\n');
    await importCsv(warehouse, '坏文件.csv', bad);
    await warehouse.getByText('坏文件.csv 未导入：有 1 处错误，文件未导入', { exact: false }).waitFor();
    await warehouse.getByText('整份文件未导入，没有记录任何轨迹', { exact: false }).waitFor();
    const problem = warehouse.getByTestId('import-problems').getByRole('row', { name: /第 3 行/ });
    await problem.getByText('状态', { exact: true }).waitFor();
    await problem.getByText('第 3 行「状态」无法识别：飞走了', { exact: false }).waitFor();
    await warehouse.screenshot({ path: '/tmp/logi-import-refused.png' });
    expect(await eventsOf(order)).toEqual([]);
    await result.getByText('暂无物流轨迹').waitFor();

    // the corrected file: both events recorded, the timeline shows them newest first in words
    const good = [HEADER, `中通快递,${order.trackingNo},${localTime(5)},已揽收,快递员已揽件,杭州`, `中通,${order.trackingNo},${localTime(2)},运输中,已到达杭州转运中心,杭州`].join('\r\n');
    await importCsv(warehouse, '物流轨迹.csv', good);
    await warehouse.getByText('已导入 物流轨迹.csv：2 行，1 个包裹，新增 2 条轨迹，重复 0 条').waitFor();
    await result.getByText('已到达杭州转运中心').waitFor();
    await result.getByText('快递员已揽件').waitFor();
    const timeline = await result.locator('.ant-timeline').innerText();
    expect(timeline.indexOf('运输中')).toBeLessThan(timeline.indexOf('已揽收'));
    expect((await eventsOf(order)).map((e) => e.description)).toEqual(['已到达杭州转运中心', '快递员已揽件']);
    await warehouse.screenshot({ path: '/tmp/logi-import-done.png' });
    const shown = await warehouse.locator('main').innerText();
    for (const code of ['ZTO', 'picked_up', 'in_transit', 'shipped']) expect(shown).not.toContain(code);

    // the number searched stays selected: the order number scanned next replaces it and finds the same parcel
    expect(await focusedId(warehouse)).toBe('tracking-search');
    await keyIn(warehouse, order.orderNo);
    await expect.poll(() => new URL(warehouse.url()).searchParams.get('q')).toBe(order.orderNo);
    await result.getByText('已到达杭州转运中心').waitFor();
    expect(await warehouse.locator('#tracking-search').inputValue()).toBe(order.orderNo);
  });

  it('offers a template whose columns the import reads', async () => {
    await warehouse.goto(`${e2e.baseUrl}/logistics/tracking`);
    const [file] = await Promise.all([warehouse.waitForEvent('download'), warehouse.getByRole('button', { name: '下载导入模板' }).click()]);
    expect(file.suggestedFilename()).toBe('物流轨迹导入模板.csv');
    const template = await readFile(await file.path());
    expect(template.toString('utf8')).toContain(HEADER);
    // its sample numbers were never shipped: refused for them alone, every row and column read
    await importCsv(warehouse, '模板.csv', template);
    await warehouse.getByText('模板.csv 未导入：有 2 个单号找不到已发货的包裹', { exact: false }).waitFor();
    expect(await warehouse.getByTestId('import-problems').getByText(/^第 \d+ 行$/).count()).toBe(0);
  });

  it('is for those who record tracking: customer service searches but imports nothing', async () => {
    await service.goto(`${e2e.baseUrl}/logistics/tracking`);
    await expect.poll(() => focusedId(service)).toBe('tracking-search');
    expect(await service.getByText('导入物流轨迹（CSV）').count()).toBe(0);
  });
});

describe('异常件', () => {
  it('queues a damaged parcel for customer service, who records the call and then resolves it', async () => {
    const order = await shippedOrder();
    await e2e.api('POST', '/api/v1/tracking/events', {
      carrier: 'ZTO',
      trackingNo: order.trackingNo,
      events: [{ time: new Date(Date.now() - HOUR).toISOString(), status: 'damaged', description: '外包装破损，已拍照留存', location: '杭州' }],
    });
    await service.goto(`${e2e.baseUrl}/logistics/exceptions`);
    const row = service.getByRole('row', { name: new RegExp(order.orderNo) });
    await row.getByText('破损', { exact: true }).waitFor();
    await row.getByText('待联系').waitFor();
    await row.getByText(`中通快递 ${order.trackingNo}`).waitFor();
    await row.getByText(/^剩余 11小时\d\d分钟$/).waitFor();
    await service.screenshot({ path: '/tmp/logi-exceptions.png' });
    // the filters go to the server: it is new, not one of those nobody called in time
    await pick(service.getByLabel('是否超时'), '超时未联系');
    await service.getByRole('button', { name: /搜\s*索/ }).click();
    await expect.poll(() => new URL(service.url()).searchParams.get('overdue')).toBe('true');
    await expect.poll(() => row.count()).toBe(0);
    await pick(service.getByLabel('是否超时'), '未超时');
    await pick(service.getByLabel('异常类型'), '破损');
    await service.getByRole('button', { name: /搜\s*索/ }).click();
    await row.getByText('待联系').waitFor();

    await row.getByRole('button', { name: '处理' }).click();
    const drawer = service.getByRole('dialog');
    await drawer.getByText(`异常件：订单 ${order.orderNo}`).waitFor();
    await drawer.getByText('破损：外包装破损，已拍照留存').first().waitFor();
    await drawer.getByTestId('parcel-timeline').getByText('外包装破损，已拍照留存').waitFor();
    await drawer.getByTestId('exception-history').getByText('发现物流异常').waitFor();
    await drawer.getByText('先联系买家并记录沟通情况，再填写处理结果').waitFor();

    // what was said is required; then the contact is recorded
    await pick(drawer.getByLabel('联系方式'), '电话');
    await drawer.getByRole('button', { name: '记录联系' }).click();
    await drawer.getByText('必填').waitFor();
    await typeInto(drawer.getByLabel('沟通情况'), '已致电买家，同意补发一个');
    await drawer.getByRole('button', { name: '记录联系' }).click();
    await service.getByText('已记录联系').waitFor();
    const history = drawer.getByTestId('exception-history');
    await history.getByText('联系买家').waitFor();
    await history.getByText('已致电买家，同意补发一个').waitFor();
    await drawer.getByText(`${AGENT.displayName} · 电话`, { exact: false }).waitFor();
    await drawer.getByText('已联系', { exact: true }).waitFor();

    // 处理完毕 asks first, then the exception leaves the queue
    await pick(drawer.getByLabel('处理结果'), '补发');
    await typeInto(drawer.getByLabel('结果说明'), '已补发新杯子');
    await drawer.getByRole('button', { name: '处理完毕' }).click();
    const confirm = service.locator('.ant-popconfirm');
    await confirm.getByText('确认处理完毕？异常件将移出待处理队列，不能再修改。').waitFor();
    await service.screenshot({ path: '/tmp/logi-exception-confirm.png' });
    await confirm.getByRole('button', { name: '处理完毕' }).click();
    await service.getByText('异常件已处理完毕').waitFor();
    await drawer.getByText('已处理：补发').first().waitFor();
    await history.getByText('处理完毕').waitFor();
    await history.getByText('已补发新杯子').waitFor();
    expect(await drawer.getByRole('button', { name: '记录联系' }).count()).toBe(0);
    await service.screenshot({ path: '/tmp/logi-exception-resolved.png' });
    const shown = await drawer.innerText();
    for (const code of ['damaged', 'contacted', 'resolved', 'phone', 'reshipped', 'ZTO', 'logistics_exception']) expect(shown).not.toContain(code);
    const [exception] = (await e2e.api('GET', `/api/v1/logistics/exceptions?orderNo=${order.orderNo}&status=resolved`)).items;
    expect(exception).toMatchObject({ status: 'resolved', contactChannel: 'phone', contactNote: '已致电买家，同意补发一个', outcome: 'reshipped', outcomeNote: '已补发新杯子' });

    await service.keyboard.press('Escape');
    await expect.poll(() => service.getByRole('row', { name: new RegExp(order.orderNo) }).count()).toBe(0);
  });
});
