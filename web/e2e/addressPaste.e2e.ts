import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, pick, signInAs, startE2E, typeInto, uniqueCode, type E2E } from './harness';

let e2e: E2E;
const WAREHOUSE = 'WH-NN';
const SHOP = { code: 'TM-PASTE', name: '粘贴测试店' };
let skuCode: string;

beforeAll(async () => {
  e2e = await startE2E();
  e2e.page.setDefaultTimeout(10_000);
  await e2e.api('POST', '/api/v1/warehouses', { code: WAREHOUSE, name: '南宁仓' });
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE });
  skuCode = uniqueCode('TEA');
  await e2e.api('POST', '/api/v1/products', { name: '六堡茶', category: '食品', priceBand: 'profit', skus: [{ code: skuCode, spec: '250g', price: 8800, cost: 3000 }] });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE, lines: [{ skuCode, quantity: 10 }] });
  await signInAs(e2e, 'admin', ADMIN_PASSWORD);
});
afterAll(() => e2e?.close());

/** What a select shows as chosen. */
const chosen = (label: string) => e2e.page.locator('.ant-select', { has: e2e.page.getByLabel(label, { exact: true }) }).textContent();

describe('智能识别 on 手工建单', () => {
  it('fills the receiver from a pasted chat message, keeps what it did not find, says so, and the order has that address', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/orders/new');
    await pick(page.getByLabel('店铺', { exact: true }), SHOP.name);
    // typed before the paste, and not in it: left as it was
    await typeInto(page.getByLabel('邮编'), '530022');
    await typeInto(page.getByLabel('智能识别'), '亲，地址是\n广西南宁市青秀区民族大道100号\n覃梅 +86 137-0771-0000\n谢谢');
    await page.keyboard.press('Control+Enter');

    await page.getByRole('status').getByText('未识别：邮编').waitFor();
    expect(await page.getByLabel('收货人').inputValue()).toBe('覃梅');
    expect(await page.getByLabel('买家手机').inputValue()).toBe('13707710000');
    expect(await chosen('省')).toBe('广西壮族自治区');
    expect(await chosen('市')).toBe('南宁市');
    expect(await chosen('区/县')).toBe('青秀区');
    expect(await page.getByLabel('详细地址').inputValue()).toBe('民族大道100号');
    expect(await page.getByLabel('邮编').inputValue()).toBe('530022');
    await page.screenshot({ path: '/tmp/sf-address-paste.png', fullPage: true });

    await pick(page.getByLabel('商品', { exact: true }), skuCode, skuCode);
    await page.getByRole('button', { name: '提交订单' }).click();
    await page.waitForURL(/\/orders\/\d+$/);
    const orderId = Number(new URL(page.url()).pathname.split('/').pop());
    const order = await e2e.api('GET', `/api/v1/orders/${orderId}?reveal=1`);
    expect(order.buyer).toMatchObject({ name: '覃梅', phone: '13707710000' });
    expect(order.address).toMatchObject({ province: '广西壮族自治区', city: '南宁市', district: '青秀区', detail: '民族大道100号', postalCode: '530022', divisionMatch: 'exact' });
  });
});
