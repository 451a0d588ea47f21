import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, cellUnder, pick, signInAs, startE2E, typeInto, typeOver, uniqueCode, type E2E } from './harness';

let e2e: E2E;
/** The warehouse worker's page (the shared page stays the admin's). */
let floor: Page;
const WAREHOUSE = { code: 'WH-WAVE', name: '波次测试仓' };
const SHOP = { code: 'TM-WAVE', name: '波次旗舰店' };
const SKUS = [uniqueCode('CUP'), uniqueCode('LID')];
const WORKER = { username: 'picker1', password: 'picker-pass-1', displayName: '拣货员小林', roles: ['warehouse'] };

let buyers = 0;
/** A paid order of one cup and one lid from a new buyer, with no message and postage paid: the automatic review approves it. */
async function approvedOrder(province = '浙江省', city = '杭州市', district = '西湖区') {
  const n = ++buyers;
  const order = await e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    buyer: { nick: `wave_buyer_${n}`, name: '李雷', phone: `1371111${String(n).padStart(4, '0')}` },
    address: { province, city, district, detail: `人民路 ${n} 号` },
    items: SKUS.map((skuCode) => ({ skuCode, quantity: 1, unitPrice: 2000 })),
    // not 包邮, so a remote address is not held for its postage
    shippingFee: 1000,
    payment: { amount: 5000, method: 'alipay' },
  });
  expect(order.status).toBe('awaiting_fulfillment');
  return order as { id: number; orderNo: string };
}

const dialogOf = (page: Page) => page.getByRole('dialog');

/** Opens 创建波次 and chooses the warehouse, multi-item and the shop as a worker does with the keyboard. */
async function startWave(page: Page) {
  await page.goto(e2e.baseUrl + '/fulfillment/waves');
  await page.getByRole('button', { name: '创建波次' }).click();
  const dialog = dialogOf(page);
  await pick(dialog.getByLabel('仓库'), WAREHOUSE.name, '波次');
  await dialog.getByText('多件', { exact: true }).click();
  await pick(dialog.getByLabel('店铺'), SHOP.name, '波次');
  return dialog;
}

const save = (page: Page) => dialogOf(page).getByRole('button', { name: /保\s*存/ }).click();

beforeAll(async () => {
  e2e = await startE2E();
  e2e.page.setDefaultTimeout(10_000);
  await e2e.api('POST', '/api/v1/warehouses', { code: WAREHOUSE.code, name: WAREHOUSE.name });
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', {
    name: '随行保温杯',
    category: '家居',
    priceBand: 'traffic',
    skus: SKUS.map((code, i) => ({ code, spec: i ? '杯盖' : '杯身 400ml', price: 2000, cost: 800 })),
  });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: SKUS.map((skuCode) => ({ skuCode, quantity: 100 })) });
  await e2e.api('POST', '/api/v1/users', WORKER);
  await signInAs(e2e, 'admin', ADMIN_PASSWORD);
  floor = await e2e.freshPage();
  floor.setDefaultTimeout(10_000);
  await signInAs(e2e, WORKER.username, WORKER.password, floor);
});
afterAll(() => e2e?.close());

describe('waves', () => {
  it('creates a multi-item wave from the dialog and opens it with slots, carriers and the red-flag warning', async () => {
    const plain = await approvedOrder();
    const remote = await approvedOrder('新疆维吾尔自治区', '乌鲁木齐市', '天山区');
    const flagged = await approvedOrder();
    await e2e.api('POST', `/api/v1/orders/${flagged.id}/remarks`, { content: '发货前核对杯盖颜色', flag: 'red' });

    const dialog = await startWave(floor);
    await typeOver(dialog.getByLabel('最多订单数'), '10');
    const before = dayjs().add(30, 'day').format('YYYY-MM-DD HH:mm');
    await typeInto(dialog.getByLabel('承诺发货早于'), before);
    await floor.keyboard.press('Enter');
    await save(floor);

    await floor.getByText(/波次 BC\d+ 已创建，共 3 单/).waitFor();
    await floor.waitForURL(/\/fulfillment\/waves\/\d+$/);
    const waveNo = (await floor.getByTestId('wave-no').textContent())!.replace('波次 ', '');
    expect(waveNo).toMatch(/^BC\d{12,}$/);
    await floor.getByText('多件', { exact: true }).first().waitFor();

    const row = (order: { orderNo: string }) => floor.getByRole('row', { name: new RegExp(order.orderNo) });
    // earliest promise first: the orders were paid one after another
    expect(await Promise.all([plain, remote, flagged].map(async (o) => (await cellUnder(row(o), '格位')).textContent()))).toEqual(['1', '2', '3']);
    expect(await (await cellUnder(row(plain), '快递')).textContent()).toBe('中通快递店铺默认快递');
    expect(await (await cellUnder(row(remote), '快递')).textContent()).toMatch(/^邮政EMS新疆维吾尔自治区属偏远地区/);
    expect(await (await cellUnder(row(flagged), '提示')).textContent()).toBe('红旗：发货前核对');
    expect(await (await cellUnder(row(plain), '提示')).textContent()).toBe('');
    expect(await (await cellUnder(row(plain), '订单状态')).textContent()).toBe('配货中');
    expect(await (await cellUnder(row(plain), '件数')).textContent()).toBe('2');
    await floor.screenshot({ path: '/tmp/sf-wave.png', fullPage: true });
    const shown = await floor.locator('main').innerText();
    for (const code of ['multi', 'ZTO', 'picking', 'red']) expect(shown).not.toContain(code);

    const { items } = await e2e.api('GET', `/api/v1/waves?warehouseCode=${WAREHOUSE.code}`);
    expect(items[0]).toMatchObject({ waveNo, kind: 'multi', orderCount: 3, createdByName: WORKER.displayName, filter: { shopCode: SHOP.code, maxOrders: 10 } });
    expect(dayjs(items[0].filter.shipByBefore).format('YYYY-MM-DD HH:mm')).toBe(before);

    await row(plain).getByRole('link', { name: plain.orderNo }).click();
    await floor.waitForURL(new RegExp(`/orders/${plain.id}$`));
    await floor.getByText('配货中', { exact: true }).first().waitFor();

    await floor.goto(`${e2e.baseUrl}/fulfillment/waves?warehouseCode=${WAREHOUSE.code}`);
    const listed = floor.getByRole('row', { name: new RegExp(waveNo) });
    await listed.waitFor();
    expect(await (await cellUnder(listed, '类型')).textContent()).toBe('多件');
    expect(await (await cellUnder(listed, '仓库')).textContent()).toBe(WAREHOUSE.name);
    expect(await (await cellUnder(listed, '订单数')).textContent()).toBe('3');
    expect(await (await cellUnder(listed, '创建人')).textContent()).toBe(WORKER.displayName);
  });

  it('says in Chinese when no order is left to wave, and names an unknown SKU on its field', async () => {
    const dialog = await startWave(floor);
    await save(floor);
    await floor.getByText('没有符合条件的待发货订单（已审核、未挂起、非绿旗）').waitFor();
    expect(await dialog.isVisible()).toBe(true);

    await typeInto(dialog.getByLabel('货号'), 'NO-SUCH-SKU');
    await save(floor);
    const skuField = dialog.locator('.ant-form-item', { has: floor.getByLabel('货号') });
    await skuField.getByText('货号 NO-SUCH-SKU 不存在').waitFor();
  });

  it('lets customer service see waves but not create them', async () => {
    await e2e.api('POST', '/api/v1/users', { username: 'cs-wave', password: 'cs-wave-pass-1', displayName: '客服小美', roles: ['cs_presale'] });
    const page = await e2e.freshPage();
    await signInAs(e2e, 'cs-wave', 'cs-wave-pass-1', page);
    await page.locator('.ant-layout-sider').getByText('波次').click();
    await page.getByRole('heading', { name: '波次' }).waitFor();
    await page.getByRole('columnheader', { name: '波次号' }).waitFor();
    expect(await page.getByRole('button', { name: '创建波次' }).count()).toBe(0);
  });
});
