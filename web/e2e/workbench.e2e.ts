import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startE2E, uniqueCode, type E2E } from './harness';

let e2e: E2E;

const WAREHOUSE = { code: 'WH-WB', name: '工作台测试仓' };
const SHOP = { code: 'TM-WB', name: '工作台旗舰店' };
const PACKER = { username: 'floor1', password: 'floor-pass-1', displayName: '仓库老周', roles: ['warehouse'] };
const FINANCE = { username: 'money1', password: 'money-pass-1', displayName: '会计小钱', roles: ['finance'] };
const CUP = { code: uniqueCode('CUP'), price: 3_900 };

/** An order for one cup, paid (and approved, so it waits for a wave) or not. */
async function order(n: number, paid: boolean) {
  const made = await e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    buyer: { nick: `wb_buyer_${n}`, name: '钱多多', phone: `1365555${String(n).padStart(4, '0')}` },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: `文一路 ${n} 号` },
    items: [{ skuCode: CUP.code, quantity: 1, unitPrice: CUP.price }],
    shippingFee: 0,
    ...(paid && { payment: { amount: CUP.price, method: 'alipay' } }),
  });
  if (paid && made.status !== 'awaiting_fulfillment') await e2e.api('POST', `/api/v1/orders/${made.id}/approve`);
}

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('POST', '/api/v1/warehouses', WAREHOUSE);
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', { name: '保温杯', category: '家居', priceBand: 'profit', skus: [{ code: CUP.code, spec: '500ml 白', weightGrams: 300, price: CUP.price, cost: 1_000 }] });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [{ skuCode: CUP.code, quantity: 50 }] });
  await e2e.api('POST', '/api/v1/users', PACKER);
  await e2e.api('POST', '/api/v1/users', FINANCE);
  for (let n = 1; n <= 3; n++) await order(n, true);
  for (let n = 4; n <= 5; n++) await order(n, false);
  await e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'single', maxOrders: 1 });
  // a second wave whose picker finds the cup's shelf empty: a discrepancy to count, its order back to review
  const short = await e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'single', maxOrders: 1 });
  await e2e.api('POST', `/api/v1/waves/${short.id}/short-picks`, { skuCode: CUP.code, found: 0 });
});
afterAll(() => e2e?.close());

/** The counter card titled `title` on the 工作台, and the number it shows. */
async function counter(page: E2E['page'], title: string): Promise<number> {
  const card = page.getByRole('link', { name: title, exact: true });
  await card.waitFor();
  return Number(await card.locator('.ant-statistic-content-value').textContent());
}

describe('工作台 by role', () => {
  it("shows the warehouse its floor's work, each card opening the list it counts", async () => {
    const page = await e2e.freshPage();
    page.setDefaultTimeout(10_000);
    await signInAs(e2e, PACKER.username, PACKER.password, page);
    expect(await counter(page, '待生成波次的订单')).toBe(1);
    expect(await counter(page, '拣货中的波次')).toBe(1);
    expect(await counter(page, '待盘点的库存差异')).toBe(1);
    await page.getByRole('link', { name: '已称重、待发货的包裹', exact: true }).waitFor();
    await page.getByRole('link', { name: '等待买家寄回、待签收的退货', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: '待确认收款的订单' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '待我审批的退款' }).count()).toBe(0);

    await page.getByRole('link', { name: '拣货中的波次', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/fulfillment\/waves\?status=picking/);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(1);

    await page.goBack();
    await page.getByRole('link', { name: '待盘点的库存差异', exact: true }).click();
    await page.waitForURL(/\/inventory\/discrepancies\?status=open/);
    const row = page.getByRole('row', { name: new RegExp(CUP.code) });
    await row.waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(1);
    await row.getByText('待盘点').waitFor();
  });

  it('shows finance the payments to confirm and not the floor', async () => {
    const page = await e2e.freshPage();
    page.setDefaultTimeout(10_000);
    await signInAs(e2e, FINANCE.username, FINANCE.password, page);
    expect(await counter(page, '待确认收款的订单')).toBe(2);
    expect(await page.getByRole('link', { name: '待生成波次的订单' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '超时未处理的挂起/待审订单' }).count()).toBe(0);

    await page.getByRole('link', { name: '待确认收款的订单', exact: true }).click();
    await page.waitForURL(/\/orders\?status=pending_payment/);
    // the list shows exactly the orders counted
    await page.locator('.ant-table-row').nth(1).waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(2);
  });
});
