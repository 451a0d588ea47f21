import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick, signInAs, startE2E, typeInto, typeOver, uniqueCode, type E2E } from './harness';

/** The edits buyers ask for, from the order page: 改地址 (before and in a wave), 改规格, 催付, and each remark's time. */

let e2e: E2E;
let page: Page;
const WAREHOUSE = { code: 'WH-EDIT', name: '改单测试仓' };
const SHOP = { code: 'TM-EDIT', name: '改单旗舰店' };
const CS = { username: 'cs-edit', password: 'cs-edit-pass-1', displayName: '客服小周', roles: ['cs_presale'] };
const M = { code: uniqueCode('TEE-M'), spec: '白色 M', price: 9900, cost: 4000 };
const L = { code: uniqueCode('TEE-L'), spec: '白色 L', price: 9900, cost: 4000 };
const XL = { code: uniqueCode('TEE-XL'), spec: '白色 XL', price: 9900, cost: 4000 };

interface Order {
  id: number;
  orderNo: string;
  status: string;
}

let buyers = 0;
/** An order of one M from a new buyer: paid and approved (waiting for a wave), or left unpaid. */
async function order(paid = true): Promise<Order> {
  const n = ++buyers;
  const made = (await e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    buyer: { nick: `edit_buyer_${n}`, name: '王芳', phone: `1376666${String(n).padStart(4, '0')}` },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: `文三路 ${n} 号`, postalCode: '310012' },
    items: [{ skuCode: M.code, quantity: 1, unitPrice: M.price }],
    ...(paid && { payment: { amount: M.price, method: 'alipay' } }),
  })) as Order;
  if (paid && made.status !== 'awaiting_fulfillment') await e2e.api('POST', `/api/v1/orders/${made.id}/approve`);
  return made;
}

const dialog = () => page.locator('.ant-modal:visible');
const level = async (code: string) => (await e2e.api('GET', `/api/v1/inventory/levels?skuCode=${code}&warehouseCode=${WAREHOUSE.code}`)).items[0] as { reserved: number };

/** Types the new receiver into the 改地址 dialog: 宁波市 鄞州区 in place of the order's 杭州市 西湖区. */
async function typeNewAddress() {
  const d = dialog();
  await typeInto(d.getByLabel('收货人'), '李四');
  await typeInto(d.getByLabel('手机号'), '13800138000');
  await pick(d.getByLabel('市', { exact: true }), '宁波市', '宁波');
  await pick(d.getByLabel('区/县', { exact: true }), '鄞州区', '鄞州');
  await typeInto(d.getByLabel('详细地址'), '中山东路 1 号');
  await typeOver(d.getByLabel('邮编'), '315000');
  await d.getByRole('button', { name: '改地址' }).click();
}

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('POST', '/api/v1/warehouses', WAREHOUSE);
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code, defaultCarrier: 'ZTO' });
  await e2e.api('POST', '/api/v1/products', { name: '纯棉T恤', category: '服装', priceBand: 'profit', skus: [M, L, XL] });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [{ skuCode: M.code, quantity: 10 }, { skuCode: L.code, quantity: 3 }] });
  await e2e.api('POST', '/api/v1/users', CS);
  page = await e2e.freshPage();
  page.setDefaultTimeout(10_000);
  await signInAs(e2e, CS.username, CS.password, page);
});
afterAll(() => e2e?.close());

describe('order edits', () => {
  it('改地址 before the wave: the dialog takes the new receiver from the keyboard, the page and the timeline show it masked', async () => {
    const o = await order();
    await page.goto(`${e2e.baseUrl}/orders/${o.id}`);
    await page.getByRole('button', { name: '改地址' }).click();
    await typeNewAddress();
    await page.getByText('收货地址已修改').waitFor();
    const buyerCard = page.locator('.ant-card', { hasText: '买家与收货地址' });
    await buyerCard.getByText('浙江省 宁波市 鄞州区 中山东****').waitFor();
    await buyerCard.getByText('李*', { exact: true }).waitFor();
    await page.locator('.ant-timeline').getByText('改地址', { exact: true }).waitFor();
    await page.locator('.ant-timeline').getByText(`王* 137****${String(buyers).padStart(4, '0')} 浙江省 杭州市 西湖区 文三路**** → 李* 138****8000 浙江省 宁波市 鄞州区 中山东****`).waitFor();
    const revealed = await e2e.api('GET', `/api/v1/orders/${o.id}?reveal=1`);
    expect(revealed).toMatchObject({ status: 'awaiting_fulfillment', buyer: { name: '李四', phone: '13800138000' }, address: { city: '宁波市', district: '鄞州区', detail: '中山东路 1 号', postalCode: '315000' } });
  });

  it('改地址 in a wave warns that the parcel is intercepted, and the order goes back to waiting for a wave', async () => {
    const o = await order();
    await e2e.api('POST', '/api/v1/waves', { warehouseCode: WAREHOUSE.code, kind: 'single', filter: { shopCode: SHOP.code } });
    await page.goto(`${e2e.baseUrl}/orders/${o.id}`);
    await page.getByRole('button', { name: '改地址' }).click();
    await dialog().getByText('改地址会拦截包裹').waitFor();
    await typeNewAddress();
    await page.getByText('收货地址已修改，包裹已拦截，订单回到待发货').waitFor();
    await page.locator('.ant-timeline').getByText('改地址，退回待发货重新配货').waitFor();
    expect((await e2e.api('GET', `/api/v1/orders/${o.id}`)).status).toBe('awaiting_fulfillment');
  });

  it('改规格 offers the product’s specs with the warehouse’s stock, refuses one too short to choose, and moves the reservation', async () => {
    const o = await order();
    await page.goto(`${e2e.baseUrl}/orders/${o.id}`);
    await page.getByRole('button', { name: '改规格' }).click();
    await dialog().getByText('按原成交价 ¥99.00 计算').waitFor();
    const field = dialog().getByLabel('换成');
    await typeInto(field, 'TEE-XL');
    // XL has nothing in this warehouse: listed, not choosable
    await page.locator(`.ant-select-item-option-disabled[title="${XL.code}"]`).waitFor();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await pick(field, L.code, L.code);
    await dialog().getByRole('button', { name: '改规格' }).click();
    await page.getByText('规格已修改').waitFor();
    await page.getByRole('cell', { name: L.code, exact: true }).waitFor();
    expect(await level(L.code)).toMatchObject({ reserved: 1 });
    await page.locator('.ant-timeline').getByText('改规格', { exact: true }).waitFor();
    await page.locator('.ant-timeline').getByText(`${M.code} 白色 M → ${L.code} 白色 L`).waitFor();
  });

  it('催付 asks first, sends one reminder, and refuses a second within 30 minutes in words', async () => {
    const o = await order(false);
    await page.goto(`${e2e.baseUrl}/orders/${o.id}`);
    await page.getByRole('button', { name: /^催\s?付$/ }).click();
    await page.getByText('给买家发送付款提醒？').waitFor();
    await page.getByRole('tooltip').getByRole('button', { name: /^催\s?付$/ }).click();
    await page.getByText('已发送催付提醒').waitFor();
    await page.locator('.ant-timeline').getByText('催付提醒').waitFor();
    // a second try, as staff would come back to the order later
    await page.reload();
    await page.locator('.ant-timeline').getByText('催付提醒').waitFor();
    await page.getByRole('button', { name: /^催\s?付$/ }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /^催\s?付$/ }).click();
    await page.getByText(/30 分钟内不再重复催付/).waitFor();
  });

  it('shows when each remark was written, to the minute', async () => {
    const o = await order();
    await e2e.api('POST', `/api/v1/orders/${o.id}/remarks`, { content: '买家要求改发 L 码', flag: 'blue' });
    await page.goto(`${e2e.baseUrl}/orders/${o.id}`);
    const remarks = page.locator('.ant-list');
    await remarks.getByText(/买家要求改发 L 码/).waitFor();
    await remarks.getByText(/^写于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).waitFor();
  });
});
