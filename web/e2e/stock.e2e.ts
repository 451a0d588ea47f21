import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, chooseOption, signInAs, startE2E, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  e2e.page.setDefaultTimeout(10_000);
  await e2e.api('POST', '/api/v1/warehouses', { code: 'WH-SH', name: '上海仓', bins: ['A-01'] });
  await signInAs(e2e, 'admin', ADMIN_PASSWORD);
});
afterAll(() => e2e?.close());

describe('catalog', () => {
  it('creates a warehouse with bins, then a shop that ships from it', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/inventory/warehouses');
    await page.getByRole('button', { name: '新建仓库' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('仓库编码').fill('WH-GZ');
    await dialog.getByLabel('仓库名称').fill('广州仓');
    const bins = dialog.getByLabel('库位');
    await bins.fill('B-01');
    await bins.press('Enter');
    await bins.fill('B-02');
    await bins.press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('仓库已创建').waitFor();
    await page.getByRole('row', { name: /WH-GZ/ }).getByText('B-02').waitFor();

    await page.goto(e2e.baseUrl + '/admin/shops');
    await page.getByRole('button', { name: '新建店铺' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('店铺编码').fill('JD01');
    await dialog.getByLabel('店铺名称').fill('京东自营旗舰店');
    await dialog.getByLabel('平台').click();
    await chooseOption(page, '京东');
    await dialog.getByLabel('默认发货仓').click();
    await chooseOption(page, '广州仓');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('店铺已创建').waitFor();
    const row = page.getByRole('row', { name: /JD01/ });
    await row.getByRole('cell', { name: '京东', exact: true }).waitFor();
    await row.getByRole('cell', { name: '广州仓' }).waitFor();

    const { items: warehouses } = await e2e.api('GET', '/api/v1/warehouses?q=WH-GZ');
    expect(warehouses[0].bins.map((b: { code: string }) => b.code).sort()).toEqual(['B-01', 'B-02']);
    const { items: shops } = await e2e.api('GET', '/api/v1/shops?q=JD01');
    expect(shops[0]).toMatchObject({ platform: 'jd', defaultWarehouseId: warehouses[0].id });
  });

  it('creates a product with a SKU, its price typed in yuan and stored in fen', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/catalog/products');
    await page.getByRole('button', { name: '新建商品' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('商品名称').fill('纯棉圆领T恤');
    await dialog.getByLabel('类目').fill('服装');
    await dialog.getByLabel('价格带').click();
    await chooseOption(page, '利润款');
    await dialog.getByLabel('货号').fill('TS-001-W-M');
    await dialog.getByLabel('条码').fill('6901234567892');
    await dialog.getByLabel('规格').fill('白色 M');
    await dialog.getByLabel('售价').fill('59.9');
    await dialog.getByLabel('成本').fill('18.35');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();

    await page.getByText('商品已创建').waitFor();
    await page.getByRole('cell', { name: 'TS-001-W-M', exact: true }).waitFor();
    await page.getByRole('cell', { name: '¥59.90', exact: true }).waitFor();
    await page.getByRole('cell', { name: '利润款', exact: true }).waitFor();
    const { items } = await e2e.api('GET', '/api/v1/products?q=TS-001');
    expect(items[0].skus[0]).toMatchObject({ code: 'TS-001-W-M', price: 5990, cost: 1835 });
  });
});

describe('stock', () => {
  it('receives goods by scanning, and the stock levels and ledger show the change', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/inventory/receipts');
    await page.getByLabel('仓库', { exact: true }).click();
    await chooseOption(page, '上海仓');
    const scan = page.getByLabel('扫描或输入货号/条码');
    await scan.click();
    await scan.fill('6901234567892');
    await scan.press('Enter');
    const quantity = page.getByLabel('数量', { exact: true });
    await expect.poll(() => quantity.isEnabled()).toBe(true);
    await quantity.fill('12');
    await quantity.press('Enter');
    // scanning the same SKU again adds to its line
    await scan.fill('TS-001-W-M');
    await scan.press('Enter');
    await expect.poll(() => quantity.isEnabled()).toBe(true);
    await quantity.fill('3');
    await quantity.press('Enter');
    await expect.poll(() => page.getByLabel('TS-001-W-M 数量').inputValue()).toBe('15');
    await page.getByLabel('采购单号').fill('PO-2026-001');
    await page.getByRole('button', { name: '确认入库' }).click();
    await page.getByText('入库成功，共 15 件').waitFor();

    const levels = await e2e.api('GET', '/api/v1/inventory/levels?skuCode=TS-001-W-M&warehouseCode=WH-SH');
    expect(levels.items[0]).toMatchObject({ onHand: 15, reserved: 0, available: 15 });

    await page.goto(e2e.baseUrl + '/inventory/levels?q=TS-001');
    const row = page.getByRole('row', { name: /TS-001-W-M/ });
    await row.getByRole('cell', { name: '上海仓' }).waitFor();
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('15');
    await row.getByRole('button', { name: '流水' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('TS-001-W-M 库存流水').waitFor();
    await drawer.getByRole('cell', { name: '采购入库' }).waitFor();
    await drawer.getByText('+15').waitFor();
    await drawer.getByRole('cell', { name: 'PO-2026-001' }).waitFor();
    await page.screenshot({ path: '/tmp/sf-movements.png' });
  });

  it('adjusts stock with a reason (supervisor action) and the ledger records it', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/inventory/levels?q=TS-001');
    await page.getByRole('row', { name: /TS-001-W-M/ }).getByRole('button', { name: '库存调整' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('调整数量（正数增加，负数减少）').fill('-2');
    await dialog.getByLabel('调整原因').fill('破损两件');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('库存已调整').waitFor();
    const levels = await e2e.api('GET', '/api/v1/inventory/levels?skuCode=TS-001-W-M&warehouseCode=WH-SH');
    expect(levels.items[0]).toMatchObject({ onHand: 13, available: 13 });
    await expect.poll(() => page.getByRole('row', { name: /TS-001-W-M/ }).getByRole('cell').nth(3).textContent()).toBe('13');
    const movements = await e2e.api('GET', '/api/v1/inventory/movements?skuCode=TS-001-W-M');
    expect(movements.items[0]).toMatchObject({ onHandDelta: -2 });
  });

  it('says so when a scanned code is unknown', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/inventory/receipts');
    const scan = page.getByLabel('扫描或输入货号/条码');
    await scan.fill('NOPE-404');
    await scan.press('Enter');
    await page.getByText('找不到货号或条码为 NOPE-404 的SKU').waitFor();
  });
});

describe('workbench', () => {
  it('counts the SKUs below safety stock and links to them', async () => {
    const { page } = e2e;
    const workbench = await e2e.api('GET', '/api/v1/workbench');
    expect(workbench.lowStock.total).toBe(1);
    await page.goto(e2e.baseUrl + '/');
    const card = page.getByRole('link', { name: '低于安全库存的SKU' });
    await expect.poll(() => card.locator('.ant-statistic-content').textContent()).toBe('1');
    await page.getByRole('cell', { name: 'TS-001-W-M', exact: true }).waitFor();
    await page.screenshot({ path: '/tmp/sf-workbench.png' });
    await card.click();
    await page.waitForURL(/\/inventory\/levels\?lowStock=true/);
    await page.getByRole('row', { name: /TS-001-W-M/ }).waitFor();
  });
});
