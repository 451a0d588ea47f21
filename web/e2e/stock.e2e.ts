import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, cellUnder, focusedId, keyIn, pick, signInAs, startE2E, typeInto, typeOver, uniqueCode, type E2E } from './harness';

let e2e: E2E;
const WAREHOUSE = { code: 'WH-SH', name: '上海仓' };

/** A T-shirt SKU of its own (code and barcode no other test uses), with `stock` units in 上海仓. */
async function newSku(stock: number, fields: { safetyStock?: number } = {}) {
  const code = uniqueCode('TS');
  const barcode = uniqueCode('69');
  await e2e.api('POST', '/api/v1/products', { name: '纯棉圆领T恤', category: '服装', priceBand: 'profit', skus: [{ code, barcode, spec: '白色 M', price: 5990, ...fields }] });
  if (stock > 0) await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [{ skuCode: code, quantity: stock }] });
  return { code, barcode };
}

const levelOf = async (skuCode: string) => (await e2e.api('GET', `/api/v1/inventory/levels?skuCode=${skuCode}&warehouseCode=${WAREHOUSE.code}`)).items[0];

beforeAll(async () => {
  e2e = await startE2E();
  e2e.page.setDefaultTimeout(10_000);
  await e2e.api('POST', '/api/v1/warehouses', { ...WAREHOUSE, bins: ['A-01'] });
  await signInAs(e2e, 'admin', ADMIN_PASSWORD);
});
afterAll(() => e2e?.close());

describe('catalog', () => {
  it('creates a warehouse with bins, then a shop that ships from it', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/inventory/warehouses');
    await page.getByRole('button', { name: '新建仓库' }).click();
    let dialog = page.getByRole('dialog');
    await typeInto(dialog.getByLabel('仓库编码'), 'WH-GZ');
    await typeInto(dialog.getByLabel('仓库名称'), '广州仓');
    const bins = dialog.getByLabel('库位');
    await typeInto(bins, 'B-01');
    await page.keyboard.press('Enter');
    await typeInto(bins, 'B-02');
    await page.keyboard.press('Enter');
    await typeInto(dialog.getByLabel('包装重量'), '80');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('仓库已创建').waitFor();
    await page.getByRole('row', { name: /WH-GZ/ }).getByText('B-02').waitFor();
    await page.getByRole('row', { name: /WH-GZ/ }).getByRole('cell', { name: '80 克', exact: true }).waitFor();

    await page.goto(e2e.baseUrl + '/admin/shops');
    await page.getByRole('button', { name: '新建店铺' }).click();
    dialog = page.getByRole('dialog');
    await typeInto(dialog.getByLabel('店铺编码'), 'JD01');
    await typeInto(dialog.getByLabel('店铺名称'), '京东自营旗舰店');
    await pick(dialog.getByLabel('平台'), '京东');
    await pick(dialog.getByLabel('默认发货仓'), '广州仓');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('店铺已创建').waitFor();
    const row = page.getByRole('row', { name: /JD01/ });
    await row.getByRole('cell', { name: '京东', exact: true }).waitFor();
    await row.getByRole('cell', { name: '广州仓' }).waitFor();

    const { items: warehouses } = await e2e.api('GET', '/api/v1/warehouses?q=WH-GZ');
    expect(warehouses[0].bins.map((b: { code: string }) => b.code).sort()).toEqual(['B-01', 'B-02']);
    expect(warehouses[0].packagingGrams).toBe(80);
    const { items: shops } = await e2e.api('GET', '/api/v1/shops?q=JD01');
    expect(shops[0]).toMatchObject({ platform: 'jd', defaultWarehouseId: warehouses[0].id });
  });

  it('creates a product with a SKU, its price typed in yuan and stored in fen', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/catalog/products');
    await page.getByRole('button', { name: '新建商品' }).click();
    const dialog = page.getByRole('dialog');
    await typeInto(dialog.getByLabel('商品名称'), '纯棉圆领T恤（新款）');
    await typeInto(dialog.getByLabel('类目'), '服装');
    await pick(dialog.getByLabel('价格带'), '利润款');
    await typeInto(dialog.getByLabel('货号'), 'TS-001-W-M');
    await typeInto(dialog.getByLabel('条码'), '6901234567892');
    await typeInto(dialog.getByLabel('规格'), '白色 M');
    await typeOver(dialog.getByLabel('售价'), '59.9');
    await typeOver(dialog.getByLabel('成本'), '18.35');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();

    await page.getByText('商品已创建').waitFor();
    const skuRow = page.locator('tr.ant-table-row', { hasText: 'TS-001-W-M' });
    await expect.poll(async () => (await cellUnder(skuRow, '售价')).textContent()).toBe('¥59.90');
    const productRow = page.locator('tr.ant-table-row', { hasText: '纯棉圆领T恤（新款）' });
    expect(await (await cellUnder(productRow, '价格带')).textContent()).toBe('利润款');
    const { items } = await e2e.api('GET', '/api/v1/products?q=TS-001');
    expect(items[0].skus[0]).toMatchObject({ code: 'TS-001-W-M', price: 5990, cost: 1835 });
  });
});

describe('stock', () => {
  it('receives goods typed as a scanner types: scan, quantity, Enter, next scan, submit', async () => {
    const { page } = e2e;
    const tshirt = await newSku(0);
    const socks = await newSku(0);
    await page.goto(e2e.baseUrl + '/inventory/receipts');
    await pick(page.getByLabel('仓库', { exact: true }), WAREHOUSE.name);
    // choosing the warehouse hands the focus back to the scan box: every key below goes where the focus is
    await expect.poll(() => focusedId(page)).toBe('receipt-scan');

    // the worker types the quantity straight after the scan, before the lookup has answered: it must
    // land in the quantity, not be appended to the barcode (找不到货号或条码为 …12 的SKU)
    await keyIn(page, tshirt.barcode);
    await keyIn(page, '12');
    await expect.poll(() => page.getByLabel(`${tshirt.code} 数量`).inputValue()).toBe('12');
    await expect.poll(() => focusedId(page)).toBe('receipt-scan');

    // the same SKU scanned again (by its code) adds to its line; this time the worker waits for the screen
    await keyIn(page, tshirt.code);
    await page.getByText(`${tshirt.code} · 纯棉圆领T恤 白色 M`).waitFor();
    expect(await focusedId(page)).toBe('receipt-quantity');
    await keyIn(page, '3');
    await expect.poll(() => page.getByLabel(`${tshirt.code} 数量`).inputValue()).toBe('15');

    // a click on the page (nothing to type in there) leaves the focus in the scan box
    await page.getByRole('heading', { name: '采购入库' }).click();
    await expect.poll(() => focusedId(page)).toBe('receipt-scan');
    // an empty Enter is no scan; then the next SKU, with the quantity left at 1
    await keyIn(page, '');
    await keyIn(page, socks.barcode);
    await page.getByText(`${socks.code} · 纯棉圆领T恤 白色 M`).waitFor();
    await keyIn(page, '');
    await expect.poll(() => page.getByLabel(`${socks.code} 数量`).inputValue()).toBe('1');
    expect(await focusedId(page)).toBe('receipt-scan');
    expect(await page.getByText(/找不到货号或条码为/).count()).toBe(0);

    await page.screenshot({ path: '/tmp/sf-receipt.png' });
    await typeInto(page.getByLabel('采购单号'), 'PO-2026-001');
    await page.getByRole('button', { name: '确认入库' }).click();
    await page.getByText('入库成功，共 16 件').waitFor();
    await expect.poll(() => focusedId(page)).toBe('receipt-scan');

    expect(await levelOf(tshirt.code)).toMatchObject({ onHand: 15, reserved: 0, available: 15 });
    expect(await levelOf(socks.code)).toMatchObject({ onHand: 1, reserved: 0, available: 1 });

    await page.goto(`${e2e.baseUrl}/inventory/levels?q=${tshirt.code}`);
    const row = page.getByRole('row', { name: new RegExp(tshirt.code) });
    await row.getByRole('cell', { name: WAREHOUSE.name }).waitFor();
    expect(await (await cellUnder(row, '实物库存')).textContent()).toBe('15');
    await row.getByRole('button', { name: '流水' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(`${tshirt.code} 库存流水`).waitFor();
    await drawer.getByRole('cell', { name: '采购入库' }).waitFor();
    await drawer.getByText('+15').waitFor();
    await drawer.getByRole('cell', { name: 'PO-2026-001' }).waitFor();
    await page.screenshot({ path: '/tmp/sf-movements.png' });
  });

  it('adjusts stock with a reason (supervisor action) and the ledger records it', async () => {
    const { page } = e2e;
    const sku = await newSku(15);
    await page.goto(`${e2e.baseUrl}/inventory/levels?q=${sku.code}`);
    const row = page.getByRole('row', { name: new RegExp(sku.code) });
    await row.getByRole('button', { name: '库存调整' }).click();
    const dialog = page.getByRole('dialog');
    await typeInto(dialog.getByLabel('调整数量（正数增加，负数减少）'), '-2');
    await typeInto(dialog.getByLabel('调整原因'), '破损两件');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('库存已调整').waitFor();
    expect(await levelOf(sku.code)).toMatchObject({ onHand: 13, available: 13 });
    await expect.poll(async () => (await cellUnder(row, '实物库存')).textContent()).toBe('13');
    const movements = await e2e.api('GET', `/api/v1/inventory/movements?skuCode=${sku.code}`);
    expect(movements.items[0]).toMatchObject({ onHandDelta: -2, note: '破损两件' });
  });

  it('lays the picking route in the order bins are listed, and sets a SKU\'s pick bin by typing its code', async () => {
    const { page } = e2e;
    const warehouse = { code: uniqueCode('WH'), name: '杭州仓' };
    await e2e.api('POST', '/api/v1/warehouses', { ...warehouse, bins: ['A-01', 'A-02', 'A-03'] });
    await page.goto(`${e2e.baseUrl}/inventory/warehouses?q=${warehouse.code}`);
    await page.getByRole('row', { name: new RegExp(warehouse.code) }).getByRole('button', { name: '编辑' }).click();
    const dialog = page.getByRole('dialog');
    // take off the end, then list them again the other way round, and a new bin last
    await dialog.getByLabel('库位').click();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    for (const code of ['A-03', 'A-02', 'B-01']) {
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
    }
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').first().waitFor();
    const route = (await e2e.api('GET', `/api/v1/warehouses?q=${warehouse.code}`)).items[0].bins.map((b: { code: string; walkOrder: number }) => [b.code, b.walkOrder]);
    expect(route).toEqual([
      ['A-01', 1],
      ['A-03', 2],
      ['A-02', 3],
      ['B-01', 4],
    ]);
    const binsCell = await cellUnder(page.getByRole('row', { name: new RegExp(warehouse.code) }), '库位（按拣货顺序）');
    await expect.poll(() => binsCell.textContent()).toBe('1 A-012 A-033 A-024 B-01');

    const sku = await newSku(0);
    await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: warehouse.code, lines: [{ skuCode: sku.code, quantity: 2, binCode: 'A-01' }] });
    await page.goto(`${e2e.baseUrl}/inventory/levels?q=${sku.code}`);
    const row = page.getByRole('row', { name: new RegExp(sku.code) });
    await row.getByRole('cell', { name: warehouse.name }).waitFor();
    expect(await (await cellUnder(row, '拣货库位')).textContent()).toBe('A-01');
    await row.getByRole('button', { name: '设置库位' }).click();
    await typeOver(page.getByRole('dialog').getByLabel('拣货库位'), 'A-03');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('拣货库位已保存').waitFor();
    await expect.poll(async () => (await cellUnder(row, '拣货库位')).textContent()).toBe('A-03');
    expect((await e2e.api('GET', `/api/v1/inventory/levels?skuCode=${sku.code}&warehouseCode=${warehouse.code}`)).items[0]).toMatchObject({ binCode: 'A-03', binWalkOrder: 2 });
  });

  it('says so when a scanned code is unknown, and the next scan replaces it', async () => {
    const { page } = e2e;
    const sku = await newSku(0);
    await page.goto(e2e.baseUrl + '/inventory/receipts');
    // the screen opens with the focus in the scan box
    await page.getByLabel('扫描或输入货号/条码').waitFor();
    await expect.poll(() => focusedId(page)).toBe('receipt-scan');
    await keyIn(page, 'NOPE-404');
    await page.getByText('找不到货号或条码为 NOPE-404 的SKU').waitFor();
    // the focus stays in the scan box with the bad code selected: the next scan types over it
    expect(await focusedId(page)).toBe('receipt-scan');
    await keyIn(page, sku.barcode);
    await page.getByText(`${sku.code} · 纯棉圆领T恤 白色 M`).waitFor();
    // a quantity that is no whole number of pieces is refused where it was typed, selected for the retry
    await keyIn(page, '0');
    await page.getByText('数量须为 1 到 10000000 之间的整数，请重新输入').waitFor();
    expect(await focusedId(page)).toBe('receipt-quantity');
    await keyIn(page, '4');
    await expect.poll(() => page.getByLabel(`${sku.code} 数量`).inputValue()).toBe('4');
    expect(await focusedId(page)).toBe('receipt-scan');
  });
});

describe('workbench', () => {
  it('counts the SKUs below safety stock and links to them', async () => {
    const { page } = e2e;
    // far below its safety stock: the largest shortfall, listed first
    const sku = await newSku(1, { safetyStock: 100_000 });
    const { lowStock } = await e2e.api('GET', '/api/v1/workbench');
    await page.goto(e2e.baseUrl + '/');
    const card = page.getByRole('link', { name: '低于安全库存的SKU' });
    await expect.poll(() => card.locator('.ant-statistic-content').textContent()).toBe(String(lowStock.total));
    await page.getByRole('cell', { name: sku.code, exact: true }).waitFor();
    await page.screenshot({ path: '/tmp/sf-workbench.png' });
    await card.click();
    await page.waitForURL(/\/inventory\/levels\?lowStock=true/);
    await page.getByRole('row', { name: new RegExp(sku.code) }).waitFor();
  });
});
