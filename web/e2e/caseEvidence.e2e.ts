import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellUnder, keyIn, pick, signInAs, startE2E, typeOver, uniqueCode, type E2E } from './harness';

let e2e: E2E;
const WAREHOUSE = { code: 'WH-EV', name: '证据测试仓' };
const SHOP = { code: 'TM-EV', name: '证据旗舰店' };
const CS = { username: 'evidence1', password: 'evidence-pass-1', displayName: '售后客服小周', roles: ['cs_aftersale'] };
const SHIRT = { code: uniqueCode('SHIRT'), barcode: `69${Date.now() % 1e10}1`, spec: '白色 M', weightGrams: 400, price: 9_900 };
const SCARF = { code: uniqueCode('SCARF'), barcode: `69${Date.now() % 1e10}2`, spec: '灰色', weightGrams: 150, price: 12_900 };

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('POST', '/api/v1/warehouses', WAREHOUSE);
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', { name: '纯棉T恤', category: '服装', priceBand: 'profit', skus: [SHIRT, SCARF].map((s) => ({ ...s, cost: 3_000 })) });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [SHIRT, SCARF].map((s) => ({ skuCode: s.code, quantity: 5 })) });
  await e2e.api('POST', '/api/v1/users', CS);
});
afterAll(() => e2e?.close());

describe('售后单的仓库证据', () => {
  it('opens a 错货 case by scanning the barcode the buyer received, and shows the packing scan, the weight, the stock and the verdict', async () => {
    const order = await e2e.api('POST', '/api/v1/orders', {
      shopCode: SHOP.code,
      buyer: { nick: 'ev_buyer_1', name: '钱多多', phone: '13755550101' },
      address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文一路 2 号' },
      items: [{ skuCode: SHIRT.code, quantity: 1, unitPrice: SHIRT.price }],
      shippingFee: 0,
      payment: { amount: SHIRT.price, method: 'alipay' },
    });
    if (order.status !== 'awaiting_fulfillment') await e2e.api('POST', `/api/v1/orders/${order.id}/approve`);
    await e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'single', filter: { shopCode: SHOP.code } });
    const session = await e2e.api('POST', '/api/v1/packing/sessions', { scan: order.orderNo });
    await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/scans`, { barcode: SHIRT.barcode });
    const parcel = await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/complete`);
    await e2e.api('POST', `/api/v1/parcels/${parcel.id}/weigh`, { grams: parcel.expectedGrams - 30 });
    await e2e.api('POST', `/api/v1/parcels/${parcel.id}/ship`, { carrier: 'ZTO', trackingNo: '774000000301' });

    const { page } = e2e;
    page.setDefaultTimeout(10_000);
    await signInAs(e2e, CS.username, CS.password);
    await page.goto(`${e2e.baseUrl}/orders/${order.id}`);
    await page.getByRole('button', { name: /^申\s*请\s*售\s*后$/ }).click();
    const form = page.locator('.ant-modal:visible');
    await pick(form.getByLabel('售后类型'), '错货');
    // the barcode field has the focus: the scanner's code and Enter move on to the reason
    await form.getByLabel('买家收到商品的条码').waitFor();
    await keyIn(page, SCARF.barcode);
    await page.keyboard.type('收到的是围巾，不是T恤');
    await typeOver(form.getByLabel(`${SHIRT.code} 数量`), '1');
    await form.getByLabel('买家有运费险').check();
    await form.locator('.ant-modal-footer button.ant-btn-primary').click();
    await page.getByRole('heading', { name: /^售后单 SH\d+/ }).waitFor();
    const main = page.locator('main');
    await main.locator('.ant-tag', { hasText: '运费险' }).waitFor();
    await main.getByText('收到的是围巾，不是T恤').first().waitFor();

    const panel = page.getByTestId('case-evidence-panel');
    const check = panel.getByTestId('wrong-item-check');
    await check.getByText('结论：我方发错').waitFor();
    await check.getByText(`条码 ${SCARF.barcode} 是 ${SCARF.code}（纯棉T恤 灰色），订单没有买它`, { exact: false }).waitFor();

    // rows are found from the page: cellUnder finds the table holding them
    const scan = page.getByRole('row', { name: new RegExp(SHIRT.barcode) });
    await scan.waitFor();
    expect(await (await cellUnder(scan, '结果')).textContent()).toBe('通过');
    expect(await (await cellUnder(scan, '运单号')).textContent()).toBe('774000000301');
    const weight = panel.getByTestId('parcel-weight');
    expect(await weight.getAttribute('data-off')).toBe('false');
    expect(await weight.innerText()).toMatch(new RegExp(`应重\\s*${parcel.expectedGrams} 克[\\s\\S]*实称\\s*${parcel.expectedGrams - 30} 克[\\s\\S]*差额\\s*-30 克`));
    const stockRow = (code: string) => page.getByRole('row', { name: new RegExp(`${code}.*${WAREHOUSE.code}`) });
    await stockRow(SCARF.code).waitFor();
    expect(await (await cellUnder(stockRow(SHIRT.code), '在库')).textContent()).toBe('4');
    expect(await (await cellUnder(stockRow(SCARF.code), '可用')).textContent()).toBe('5');
  });
});
