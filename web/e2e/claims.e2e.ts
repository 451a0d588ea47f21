import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellUnder, signInAs, startE2E, typeInto, typeOver, uniqueCode, type E2E } from './harness';

let e2e: E2E;
const WAREHOUSE = { code: 'WH-LP', name: '理赔测试仓' };
const SHOP = { code: 'TM-LP', name: '理赔旗舰店' };
const CS = { username: 'claims1', password: 'claims-pass-1', displayName: '售后客服小周', roles: ['cs_aftersale'] };
/** 800 元 a coat: what the buyer paid is what the claim asks of the carrier. */
const COAT = { code: uniqueCode('COAT'), spec: '羊绒大衣 驼色 M', weightGrams: 1200, price: 80_000 };

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name: new RegExp(`^${[...name].join('\\s*')}$`) });

/** A coat shipped by 中通 through the floor's steps, and a missing-item case about it. */
async function caseOnShippedOrder() {
  const order = await e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    buyer: { nick: 'lp_buyer_1', name: '周芷若', phone: '13755550101' },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '天目山路 8 号' },
    items: [{ skuCode: COAT.code, quantity: 1, unitPrice: COAT.price }],
    shippingFee: 0,
    payment: { amount: COAT.price, method: 'alipay' },
  });
  if (order.status !== 'awaiting_fulfillment') await e2e.api('POST', `/api/v1/orders/${order.id}/approve`);
  await e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'single', filter: { shopCode: SHOP.code } });
  const session = await e2e.api('POST', '/api/v1/packing/sessions', { scan: order.orderNo });
  await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/scans`, { barcode: COAT.code });
  const parcel = await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/complete`);
  await e2e.api('POST', `/api/v1/parcels/${parcel.id}/weigh`, { grams: parcel.expectedGrams });
  await e2e.api('POST', `/api/v1/parcels/${parcel.id}/ship`, { carrier: 'ZTO', trackingNo: '774000000301' });
  return e2e.api('POST', '/api/v1/aftersales/cases', { orderId: order.id, type: 'missing_item', reason: '买家说包裹到了是空的', lines: [{ skuCode: COAT.code, quantity: 1 }] });
}

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('POST', '/api/v1/warehouses', WAREHOUSE);
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', { name: '羊绒大衣', category: '服装', priceBand: 'profit', skus: [{ code: COAT.code, spec: COAT.spec, weightGrams: COAT.weightGrams, price: COAT.price, cost: 30_000 }] });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [{ skuCode: COAT.code, quantity: 5 }] });
  await e2e.api('POST', '/api/v1/users', CS);
});
afterAll(() => e2e?.close());

describe('理赔 (carrier claims)', () => {
  it('opens a claim on the case for what was paid, files it with the carrier and records what it paid', async () => {
    const opened = await caseOnShippedOrder();
    const { page } = e2e;
    page.setDefaultTimeout(10_000);
    await signInAs(e2e, CS.username, CS.password);

    // 发起理赔 on the case page, the amount left to the rules: the 800.00 paid for the coat
    await page.goto(`${e2e.baseUrl}/aftersales/${opened.id}`);
    const panel = page.getByTestId('case-claims');
    await panel.getByText('暂无理赔单').waitFor();
    await page.getByTestId('new-claim').click();
    const dialog = page.locator('.ant-modal:visible');
    await typeInto(dialog.getByLabel('理赔说明'), '中通网点称外箱破损后重新封装');
    await button(dialog, '发起理赔').click();
    await page.getByText('已发起理赔').waitFor();
    // rows are found from the page: cellUnder finds the table holding them
    const row = page.getByRole('row', { name: /运输破损/ });
    await row.waitFor();
    expect(await (await cellUnder(row, '状态')).textContent()).toBe('待提交');
    expect(await (await cellUnder(row, '索赔金额')).textContent()).toBe('¥800.00');
    expect(await (await cellUnder(row, '包裹')).textContent()).toBe('中通快递 774000000301');

    // the 理赔 queue under 售后 shows it; 已提交快递公司 with the carrier's claim number, confirmed
    await page.getByRole('menuitem', { name: '理赔' }).click();
    const queued = page.getByRole('row', { name: new RegExp(opened.caseNo) });
    await queued.waitFor();
    await queued.getByRole('button', { name: '处理' }).click();
    const drawer = page.getByTestId('claim-drawer');
    await drawer.getByText('中通网点称外箱破损后重新封装').first().waitFor();
    await typeInto(drawer.getByLabel('快递公司理赔单号'), 'ZTO-LP-20261120-01');
    await button(drawer, '已提交快递公司').click();
    const confirm = page.locator('.ant-popconfirm:visible');
    await confirm.getByText('确认已向快递公司提交理赔？').waitFor();
    await button(confirm, '已提交快递公司').click();
    await page.getByText('已登记提交').waitFor();
    await drawer.getByText('ZTO-LP-20261120-01').first().waitFor();

    // 登记赔付 starts from the claim; the carrier paid 650.00 of it
    const amount = drawer.getByLabel('赔付金额');
    expect(await amount.inputValue()).toBe('800.00');
    await typeOver(amount, '650');
    await typeInto(drawer.getByLabel('快递公司答复'), '按保价赔付');
    await button(drawer, '登记赔付').click();
    await page.locator('.ant-popconfirm:visible').getByText('确认快递公司已赔付这笔金额？登记后不能修改。').waitFor();
    await button(page.locator('.ant-popconfirm:visible'), '登记赔付').click();
    await page.getByText('已登记赔付').waitFor();
    await drawer.locator('.ant-tag', { hasText: '已赔付' }).waitFor();
    expect(await button(drawer, '登记拒赔').count()).toBe(0);
    const history = await drawer.innerText();
    for (const words of ['发起理赔', '提交快递公司', '快递公司赔付']) expect(history).toContain(words);
    for (const code of ['damage', 'submitted', 'settled', 'ZTO ', 'carrier_claim']) expect(history).not.toContain(code);
    await page.screenshot({ path: '/tmp/claims-settled.png' });
    expect(await (await cellUnder(queued, '已赔付')).textContent()).toBe('¥650.00');
  });
});
