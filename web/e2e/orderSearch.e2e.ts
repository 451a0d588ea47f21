import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signInAs, startE2E, typeInto, uniqueCode, type E2E } from './harness';

/** The order list's search box as customer service uses it: a phone's last 4 digits, and a search that finds nothing says what it looked for. */

let e2e: E2E;
const SHOP = { code: 'TM-SEARCH', name: '搜索测试店' };
const SEARCH_BOX = '订单号或尾号 / 平台单号 / 手机号或尾号 / 收货人 / 昵称 / 快递单号';

beforeAll(async () => {
  e2e = await startE2E();
  e2e.page.setDefaultTimeout(10_000);
  await e2e.api('POST', '/api/v1/warehouses', { code: 'WH-SEARCH', name: '搜索测试仓' });
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: 'WH-SEARCH' });
  await signInAs(e2e, 'admin', ADMIN_PASSWORD);
});
afterAll(() => e2e?.close());

async function placeOrder(buyer: { nick: string; name: string; phone: string }): Promise<{ orderNo: string }> {
  const code = uniqueCode('TEE');
  await e2e.api('POST', '/api/v1/products', { name: '纯棉T恤', category: '服装', priceBand: 'traffic', skus: [{ code, spec: '白色 M', price: 5900, cost: 2000 }] });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: 'WH-SEARCH', lines: [{ skuCode: code, quantity: 5 }] });
  return e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    buyer,
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号', postalCode: '310012' },
    items: [{ skuCode: code, quantity: 1, unitPrice: 5900 }],
  });
}

/** `nicks.length` orders of one new product, one per nick. */
async function placeOrders(nicks: string[]): Promise<void> {
  const code = uniqueCode('CUP');
  await e2e.api('POST', '/api/v1/products', { name: '马克杯', category: '家居', priceBand: 'traffic', skus: [{ code, spec: '白色', price: 3900, cost: 1000 }] });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: 'WH-SEARCH', lines: [{ skuCode: code, quantity: nicks.length }] });
  for (const [i, nick] of nicks.entries()) {
    await e2e.api('POST', '/api/v1/orders', {
      shopCode: SHOP.code,
      buyer: { nick, name: '陈晨', phone: `1370000${1000 + i}` },
      address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号', postalCode: '310012' },
      items: [{ skuCode: code, quantity: 1, unitPrice: 3900 }],
    });
  }
}

describe('the order search box', () => {
  it('finds the buyer’s order by the last 4 digits of the phone, typed and Enter', async () => {
    const { page } = e2e;
    const mine = await placeOrder({ nick: '夏天的风', name: '林晓', phone: '13812347927' });
    const other = await placeOrder({ nick: '北岛', name: '周宁', phone: '13900001111' });
    await page.goto(e2e.baseUrl + '/orders');
    await typeInto(page.getByPlaceholder(SEARCH_BOX), '7927');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=7927/);
    await page.getByRole('row', { name: new RegExp(mine.orderNo) }).waitFor();
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await page.getByRole('row', { name: new RegExp(other.orderNo) }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/sf-order-search-tail.png', fullPage: true });
  });

  it('shows a full page of matches with the total its tabs counted, and the rest on the next page', async () => {
    const { page } = e2e;
    await placeOrders(Array.from({ length: 21 }, (_, i) => `风铃小铺${i + 1}`));
    await page.goto(e2e.baseUrl + '/orders');
    await typeInto(page.getByPlaceholder(SEARCH_BOX), '风铃');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=%E9%A3%8E%E9%93%83/);
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(20);
    await expect.poll(() => page.getByRole('tab', { name: /^全部/ }).textContent()).toBe('全部 21');
    await expect.poll(() => page.getByRole('tab', { name: /^待付款/ }).textContent()).toBe('待付款 21');
    await page.getByText('共 21 条').waitFor();
    await page.locator('.ant-pagination-item-2').click();
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);
  });

  it('says what it searched for when nothing is found', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/orders');
    await typeInto(page.getByPlaceholder(SEARCH_BOX), '0000');
    await page.keyboard.press('Enter');
    await page.getByText('按 订单号 0000、平台单号 0000、手机尾号 0000、昵称“0000” 查找，没有找到订单').waitFor();
    await page.screenshot({ path: '/tmp/sf-order-search-nothing.png', fullPage: true });
  });
});
