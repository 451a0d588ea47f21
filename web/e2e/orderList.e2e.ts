import ExcelJS from 'exceljs';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick, signInAs, startE2E, uniqueCode, type E2E } from './harness';

/** The order list as a desk: status tabs with counts, the items column, column settings, export. */

let e2e: E2E;
const WAREHOUSE = 'WH-LIST';
const SHOP = { code: 'TM-LIST', name: '列表旗舰店' };
const OTHER = { code: 'JD-LIST', name: '京东专营店' };
const CS = { username: 'listdesk', password: 'list-desk-pass-1', displayName: '客服小周', roles: ['cs_presale'] };
const SKUS = [uniqueCode('TEE'), uniqueCode('CAP'), uniqueCode('SOCK')];
type Order = { id: number; orderNo: string };
const unpaid: Order[] = [];

let buyers = 0;
function order(shopCode: string, items: { skuCode: string; quantity: number }[], paid = false) {
  const n = ++buyers;
  const lines = items.map((i) => ({ ...i, unitPrice: 5000 }));
  const total = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  return e2e.api('POST', '/api/v1/orders', {
    shopCode,
    buyer: { nick: `list_buyer_${n}`, name: '周晓梅', phone: `1371234${String(n).padStart(4, '0')}` },
    address: { province: '内蒙古自治区', city: '呼伦贝尔市', district: '鄂温克族自治旗', detail: '巴彦托海镇伊敏河大街 1088 号' },
    items: lines,
    ...(paid && { payment: { amount: total, method: 'alipay' } }),
  }) as Promise<Order>;
}

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('POST', '/api/v1/warehouses', { code: WAREHOUSE, name: '列表测试仓' });
  for (const shop of [SHOP, OTHER]) await e2e.api('POST', '/api/v1/shops', { ...shop, platform: 'tmall', defaultWarehouseCode: WAREHOUSE });
  await e2e.api('POST', '/api/v1/products', { name: '纯棉T恤', category: '服装', priceBand: 'traffic', skus: SKUS.map((code) => ({ code, price: 5000, cost: 2000 })) });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE, lines: SKUS.map((skuCode) => ({ skuCode, quantity: 100 })) });
  await e2e.api('POST', '/api/v1/users', CS);
  unpaid.push(await order(SHOP.code, [{ skuCode: SKUS[0]!, quantity: 2 }]));
  unpaid.push(await order(SHOP.code, SKUS.map((skuCode) => ({ skuCode, quantity: 1 }))));
  await order(SHOP.code, [{ skuCode: SKUS[1]!, quantity: 1 }], true);
  await order(OTHER.code, [{ skuCode: SKUS[0]!, quantity: 1 }]);
  e2e.page.setDefaultTimeout(10_000);
  await signInAs(e2e, CS.username, CS.password);
});
afterAll(() => e2e?.close());

const tab = (name: string) => e2e.page.getByRole('tab', { name: new RegExp(`^${name}`) });
const headers = () => e2e.page.locator('.ant-table-thead th').allTextContents();

/** The cell's text fits its box: nothing cut off behind an ellipsis, nothing off the right of the screen. */
async function shownWhole(cell: Locator): Promise<boolean> {
  return cell.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= window.innerWidth);
}

describe('order list desk', () => {
  it('shows each status with its count under the other filters, and a tab filters the list', async () => {
    const { page } = e2e;
    await page.getByRole('menuitem', { name: '订单列表' }).click();
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    await expect.poll(() => tab('待付款').textContent()).toBe('待付款 3');
    await pick(page.getByLabel('店铺', { exact: true }), SHOP.name);
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.waitForURL((url) => url.searchParams.get('shopCode') === SHOP.code);
    await expect.poll(() => tab('待付款').textContent()).toBe('待付款 2');
    await expect.poll(() => tab('全部').textContent()).toBe('全部 3');
    await tab('待付款').click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'pending_payment' && url.searchParams.get('shopCode') === SHOP.code);
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(2);
    for (const o of unpaid) await page.getByRole('row', { name: new RegExp(o.orderNo) }).waitFor();
    await expect.poll(() => tab('待付款').getAttribute('aria-selected')).toBe('true');
  });

  it('lists the items as 货号 × 数量, the rest in a tooltip, and shows phone and address whole at 1440 px', async () => {
    const { page } = e2e;
    const many = page.getByRole('row', { name: new RegExp(unpaid[1]!.orderNo) });
    await many.getByText(`${SKUS[0]} × 1，${SKUS[1]} × 1 等 3 种`).hover();
    await page.getByRole('tooltip').getByText(`${SKUS[0]} × 1，${SKUS[1]} × 1，${SKUS[2]} × 1`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(unpaid[0]!.orderNo) });
    await row.getByText(`${SKUS[0]} × 2`).waitFor();
    const phone = row.getByText(/^137\*{4}\d{4}$/);
    const address = row.getByText(/^内蒙古自治区 呼伦贝尔市 鄂温克族自治旗 巴彦托/);
    expect(await shownWhole(phone)).toBe(true);
    expect(await shownWhole(address)).toBe(true);
    // every default column fits at 1440 px: the table does not scroll sideways
    expect(await page.locator('.ant-table-content').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: '/tmp/sf-order-list-desk.png' });
  });

  it('exports the filtered orders as the list shows them', async () => {
    const { page } = e2e;
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(file.suggestedFilename()).toMatch(/^订单列表_\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.getByText(`已导出 ${file.suggestedFilename()}`).waitFor();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await file.path());
    const sheet = workbook.getWorksheet('订单列表')!;
    const orderNos: unknown[] = [];
    sheet.eachRow((r, n) => {
      if (n > 1 && r.getCell(1).text.startsWith('SO')) orderNos.push(r.getCell(1).text);
    });
    expect(orderNos.sort()).toEqual(unpaid.map((o) => o.orderNo).sort());
    expect(sheet.getRow(2).getCell(4).value).toBe('待付款');
    expect(sheet.getRow(2).getCell(7).text).toMatch(/^137\*{4}\d{4}$/);
  });

  it('hides a column from 列设置 and keeps it hidden after a reload', async () => {
    const { page } = e2e;
    expect(await headers()).toContain('手机');
    await page.getByRole('button', { name: /列设置/ }).click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByRole('checkbox', { name: '手机' }).click();
    await dialog.getByRole('button', { name: '下移 订单号' }).click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('列设置已保存').waitFor();
    await expect.poll(headers).not.toContain('手机');
    await page.reload();
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    const after = await headers();
    expect(after).not.toContain('手机');
    expect(after.indexOf('店铺')).toBeLessThan(after.indexOf('订单号'));
  });
});
