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

  it('says what it searched for when nothing is found', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/orders');
    await typeInto(page.getByPlaceholder(SEARCH_BOX), '0000');
    await page.keyboard.press('Enter');
    await page.getByText('按 订单号 0000、平台单号 0000、手机尾号 0000、昵称包含“0000” 查找，没有找到订单').waitFor();
    await page.screenshot({ path: '/tmp/sf-order-search-nothing.png', fullPage: true });
  });
});
