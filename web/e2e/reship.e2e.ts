import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellUnder, pick, signInAs, startE2E, typeInto, typeOver, uniqueCode, type E2E } from './harness';

let e2e: E2E;
const WAREHOUSE = { code: 'WH-RS', name: '补发测试仓' };
const SHOP = { code: 'TM-RS', name: '补发旗舰店' };
const CS = { username: 'reship1', password: 'reship-pass-1', displayName: '售后客服小周', roles: ['cs_aftersale'] };
/** One shirt in two sizes: the buyer got M and wants L. */
const M = { code: uniqueCode('TEE-M'), spec: '白色 M', weightGrams: 250, price: 5_900 };
const L = { code: uniqueCode('TEE-L'), spec: '白色 L', weightGrams: 260, price: 5_900 };

const dialog = (page: Page) => page.locator('.ant-modal:visible');
const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name: new RegExp(`^${[...name].join('\\s*')}$`) });

/** A shirt in M ordered, paid, waved, packed, weighed and shipped by 中通, then an exchange for L offered (the case waits for the M back). */
async function exchangeAwaitingReturn() {
  const order = await e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    buyer: { nick: 'rs_buyer', name: '李雷', phone: '13755550101' },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 9 号' },
    items: [{ skuCode: M.code, quantity: 1, unitPrice: M.price }],
    shippingFee: 0,
    payment: { amount: M.price, method: 'alipay' },
  });
  if (order.status !== 'awaiting_fulfillment') await e2e.api('POST', `/api/v1/orders/${order.id}/approve`);
  await e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'single' });
  const session = await e2e.api('POST', '/api/v1/packing/sessions', { scan: order.orderNo });
  await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/scans`, { barcode: M.code });
  const parcel = await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/complete`);
  await e2e.api('POST', `/api/v1/parcels/${parcel.id}/weigh`, { grams: parcel.expectedGrams });
  await e2e.api('POST', `/api/v1/parcels/${parcel.id}/ship`, { carrier: 'ZTO', trackingNo: '774000000301' });
  const opened = await e2e.api('POST', '/api/v1/aftersales/cases', { orderId: order.id, type: 'exchange', reason: 'M 码偏小', lines: [{ skuCode: M.code, quantity: 1 }] });
  await e2e.api('POST', `/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'exchange', note: '换 L 码，先发新的' });
  return { order, caseId: opened.id as number, caseNo: opened.caseNo as string };
}

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('POST', '/api/v1/warehouses', WAREHOUSE);
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', { name: '纯棉T恤', category: '服装', priceBand: 'profit', skus: [M, L].map((s) => ({ ...s, cost: 2_000 })) });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [M, L].map((s) => ({ skuCode: s.code, quantity: 5 })) });
  await e2e.api('POST', '/api/v1/users', CS);
});
afterAll(() => e2e?.close());

describe('补发 (reship)', () => {
  it('sends an exchange’s other size as a 0 元 补发单 after a confirmation, listed on the case and linked from both orders', async () => {
    const { order, caseId, caseNo } = await exchangeAwaitingReturn();
    const { page } = e2e;
    page.setDefaultTimeout(10_000);
    await signInAs(e2e, CS.username, CS.password);
    await page.goto(`${e2e.baseUrl}/aftersales/${caseId}`);
    const main = page.locator('main');
    await main.locator('.ant-tag', { hasText: '待买家退回' }).waitFor();

    // the picker offers every size of the shirt; L is picked and one unit sent
    await button(main, '补发').click();
    const form = dialog(page);
    await form.getByText('换货可补发同款商品的任一规格').waitFor();
    await pick(form.getByLabel('补发商品 1'), `${L.code} 纯棉T恤 白色 L（最多 1 件）`, L.code);
    await typeOver(form.getByLabel('补发数量 1'), '1');
    await typeInto(form.getByLabel('补发说明'), '先发 L 码');
    await button(form, '补发').click();

    // the confirmation names what leaves the warehouse; Enter takes its focused 补发
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText(`${L.code} × 1`).waitFor();
    await page.keyboard.press('Enter');
    const done = page.locator('.ant-message-success', { hasText: /已生成补发单 SO\d+/ });
    await done.waitFor();
    const reissueNo = (await done.textContent())!.match(/SO\d+/)![0];

    // the case lists it, still waiting for the M to come back
    const row = page.getByRole('row', { name: new RegExp(reissueNo) });
    await row.waitFor();
    expect(await (await cellUnder(row, '订单状态')).textContent()).toBe('待发货');
    expect(await (await cellUnder(row, '补发商品')).textContent()).toBe(`${L.code} 纯棉T恤 白色 L × 1`);
    await main.locator('.ant-tag', { hasText: '待买家退回' }).waitFor();
    expect(await button(main, '补发').count()).toBe(0);

    // the 补发单: free, blue-flagged for the case, linked to the order it reissues
    await row.getByRole('link', { name: reissueNo }).click();
    await page.getByRole('heading', { name: `订单 ${reissueNo}` }).waitFor();
    await main.locator('.ant-tag', { hasText: '补发单' }).waitFor();
    await main.getByText(`补发：售后单 ${caseNo}`).waitFor();
    await main.getByRole('link', { name: order.orderNo }).click();
    await page.getByRole('heading', { name: `订单 ${order.orderNo}` }).waitFor();
    await main.getByRole('link', { name: reissueNo }).waitFor();
  });
});
