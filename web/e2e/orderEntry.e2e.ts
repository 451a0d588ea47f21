import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, cellUnder, orderShop, pick, signInAs, startE2E, typeInto, typeOver, type E2E, type Sku } from './harness';

/** An order made by hand through the form, and worked on its own page: remarks, the buyer revealed or blacklisted, payment, cancel. */

let e2e: E2E;
let kit: Awaited<ReturnType<typeof orderShop>>;
/** A SKU for the tests that only need something to sell (each keeps its own orders). */
let mug: Sku;

/** Fills the manual order form as a CS agent types it: shop, buyer, cascaded address, one SKU line. */
async function fillNewOrder(page: Page, sku: Sku, quantity: number) {
  const buyer = kit.newBuyer();
  await page.goto(e2e.baseUrl + '/orders/new');
  await pick(page.getByLabel('店铺', { exact: true }), kit.shop.name);
  await typeInto(page.getByLabel('买家昵称'), buyer.nick);
  await typeInto(page.getByLabel('收货人'), buyer.name);
  await typeInto(page.getByLabel('买家手机'), buyer.phone);
  await pick(page.getByLabel('省', { exact: true }), '浙江省', '浙江');
  await pick(page.getByLabel('市', { exact: true }), '杭州市', '杭州');
  await pick(page.getByLabel('区/县', { exact: true }), '西湖区', '西湖');
  await typeInto(page.getByLabel('详细地址'), '文三路 100 号');
  await typeInto(page.getByLabel('邮编'), '310012');
  await pick(page.getByLabel('商品', { exact: true }), sku.code, sku.code);
  await expect.poll(() => page.getByLabel('单价').inputValue()).toBe('39.00');
  await typeOver(page.getByLabel('数量'), String(quantity));
  await typeOver(page.getByLabel('运费'), '8');
  await typeOver(page.getByLabel('优惠'), '0.5');
}

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

beforeAll(async () => {
  e2e = await startE2E();
  e2e.page.setDefaultTimeout(10_000);
  kit = await orderShop(e2e);
  mug = await kit.newSku(500);
  await signInAs(e2e, 'admin', ADMIN_PASSWORD);
});
afterAll(() => e2e?.close());

describe('manual order entry', () => {
  it('creates an order through the form with live totals, and the stock is reserved', async () => {
    const { page } = e2e;
    const sku = await kit.newSku(20);
    await fillNewOrder(page, sku, 2);
    await expect.poll(() => page.getByTestId('order-total').textContent()).toBe('¥85.50');
    await page.screenshot({ path: '/tmp/sf-new-order.png', fullPage: true });

    await page.getByRole('button', { name: '提交订单' }).click();
    await page.getByText(/订单 SO\S+ 已创建/).waitFor();
    await page.waitForURL(/\/orders\/\d+$/);
    const orderId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByText('待付款', { exact: true }).first().waitFor();

    const order = await e2e.api('GET', `/api/v1/orders/${orderId}`);
    expect(order).toMatchObject({ status: 'pending_payment', itemsTotal: 7800, shippingFee: 800, discount: 50, total: 8550 });
    expect(order.items).toMatchObject([{ skuCode: sku.code, quantity: 2, unitPrice: 3900 }]);
    expect(await kit.level(sku)).toMatchObject({ onHand: 20, reserved: 2, available: 18 });
  });

  it("shows in the SKU picker what the shop's warehouse has, not the sum over warehouses", async () => {
    const { page } = e2e;
    const sku = await kit.newSku(20);
    await e2e.api('POST', '/api/v1/warehouses', { code: 'WH-SOUTH', name: '广州仓' });
    await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: 'WH-SOUTH', lines: [{ skuCode: sku.code, quantity: 13 }] });
    await page.goto(e2e.baseUrl + '/orders/new');
    await pick(page.getByLabel('店铺', { exact: true }), kit.shop.name);
    const field = page.getByLabel('商品', { exact: true });
    await typeInto(field, sku.code);
    const option = page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${sku.code}"]`);
    await expect.poll(() => option.textContent()).toContain('杭州仓可用 20');
    expect(await option.textContent()).not.toContain('33');
  });

  it('shows an order’s reservation on the stock page, with a link from the ledger to the order', async () => {
    const { page } = e2e;
    const sku = await kit.newSku(20);
    const order = await kit.placeOrder(kit.orderBody(sku, { quantity: 2 }));
    await page.goto(`${e2e.baseUrl}/inventory/levels?q=${sku.code}`);
    const row = page.getByRole('row', { name: new RegExp(sku.code) });
    // the lazy page may take longer to render than expect.poll's 1 s under load
    await row.waitFor();
    await expect.poll(async () => (await cellUnder(row, '已占用')).textContent()).toBe('2');
    expect(await (await cellUnder(row, '实物库存')).textContent()).toBe('20');
    expect(await (await cellUnder(row, '可用库存')).textContent()).toContain('18');
    await row.getByRole('button', { name: '流水' }).click();
    const drawer = page.getByRole('dialog');
    // from the page, as cellUnder finds the row's table by it
    const reservation = page.getByRole('row', { name: /订单占用/ });
    await reservation.waitFor();
    // the balance after it, the warehouse, who made it, and the order by its number
    expect(await (await cellUnder(reservation, '结存实物')).textContent()).toBe('20');
    expect(await (await cellUnder(reservation, '结存占用')).textContent()).toBe('2');
    expect(await (await cellUnder(reservation, '仓库')).textContent()).toBe('杭州仓');
    expect(await (await cellUnder(reservation, '操作人')).textContent()).toBe('管理员');
    await drawer.getByRole('link', { name: order.orderNo }).click();
    await page.waitForURL(new RegExp(`/orders/${order.id}$`));
  });

  it('adds a red-flag remark, shown with its flag on the order', async () => {
    const { page } = e2e;
    const order = await kit.placeOrder(kit.orderBody(mug));
    await page.goto(`${e2e.baseUrl}/orders/${order.id}`);
    await pick(page.getByLabel('旗帜'), '红旗 · 发货前核对');
    await typeInto(page.getByLabel('备注内容'), '送赠品一份，发申通');
    await page.getByRole('button', { name: '添加备注' }).click();
    await page.getByText('备注已添加').waitFor();
    await page.getByText(/送赠品一份，发申通/).first().waitFor();
    await page.locator('.ant-tag', { hasText: '红旗 · 发货前核对' }).first().waitFor();

    const detail = await e2e.api('GET', `/api/v1/orders/${order.id}`);
    expect(detail.flag).toBe('red');
    expect(detail.remarks).toMatchObject([{ flag: 'red', content: '送赠品一份，发申通', authorName: '管理员' }]);
    await page.screenshot({ path: '/tmp/sf-order-detail.png', fullPage: true });
  });

  it('shows the buyer masked until revealed', async () => {
    const { page } = e2e;
    const body = kit.orderBody(mug);
    const order = await kit.placeOrder(body);
    await page.goto(`${e2e.baseUrl}/orders/${order.id}`);
    await page.getByText(masked(body.buyer.phone)).waitFor();
    await page.getByRole('button', { name: '查看完整信息' }).click();
    await page.getByText(body.buyer.phone).waitFor();
  });

  it('puts the buyer on the blacklist with a reason', async () => {
    const { page } = e2e;
    const order = await kit.placeOrder(kit.orderBody(mug));
    await page.goto(`${e2e.baseUrl}/orders/${order.id}`);
    await page.getByRole('button', { name: '加入黑名单' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '加入黑名单后' });
    await typeInto(dialog.getByLabel('原因'), '多次恶意退款');
    await dialog.getByRole('button', { name: '加入黑名单' }).click();
    await page.getByText('黑名单买家').waitFor();
    expect((await e2e.api('GET', `/api/v1/customers/${order.customerId}`)).blacklisted).toBe(true);
  });

  it('records a payment; the automatic review holds it (remark, blacklisted buyer) and says why', async () => {
    const { page } = e2e;
    const order = await kit.placeOrder(kit.orderBody(mug));
    await e2e.api('POST', `/api/v1/orders/${order.id}/remarks`, { content: '送赠品一份', flag: 'red' });
    await e2e.api('POST', `/api/v1/customers/${order.customerId}/blacklist`, { blacklisted: true, reason: '多次恶意退款' });
    await page.goto(`${e2e.baseUrl}/orders/${order.id}`);
    await page.getByRole('button', { name: '查看完整信息' }).click();
    await page.getByRole('button', { name: '登记付款' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('付款金额').inputValue()).toBe((order.total / 100).toFixed(2));
    await typeInto(dialog.getByLabel('交易流水号'), '2026112322001');
    await dialog.getByRole('button', { name: '登记付款' }).click();
    await page.getByText('付款已登记').waitFor();
    await page.locator('.ant-alert').getByText('挂起原因').waitFor();
    const paid = await e2e.api('GET', `/api/v1/orders/${order.id}`);
    expect(paid).toMatchObject({ status: 'on_hold', paidAmount: order.total });
    expect(paid.holdReasons.length).toBeGreaterThan(0);
    // the buyer was revealed once; refreshing the page after actions did not reveal (and audit) again
    expect(paid.events.filter((e: { action: string }) => e.action === 'order.pii.reveal')).toHaveLength(1);
    for (const reason of paid.holdReasons) await page.getByText(reason.message).waitFor();
  });

  it('cancels only after a confirmation with a reason, and the stock comes back', async () => {
    const { page } = e2e;
    const sku = await kit.newSku(20);
    const order = await kit.placeOrder(kit.orderBody(sku));
    expect(await kit.level(sku)).toMatchObject({ reserved: 1 });
    await page.goto(`${e2e.baseUrl}/orders/${order.id}`);
    await page.getByRole('button', { name: '取消订单' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('取消后将释放占用的库存').waitFor();
    await typeInto(dialog.getByLabel('取消原因'), '买家不要了');
    await dialog.getByRole('button', { name: '取消订单' }).click();
    await page.getByText('订单已取消').waitFor();
    expect((await e2e.api('GET', `/api/v1/orders/${order.id}`)).status).toBe('cancelled');
    expect(await kit.level(sku)).toMatchObject({ onHand: 20, reserved: 0, available: 20 });
  });
});

describe('order form errors', () => {
  it('refuses more than the stock and marks the line the server names', async () => {
    const { page } = e2e;
    const sku = await kit.newSku(20);
    await fillNewOrder(page, sku, 999);
    await page.getByRole('button', { name: '提交订单' }).click();
    await page.getByText(new RegExp(`商品 ${sku.code} 库存不足`)).first().waitFor();
    await page.locator('.ant-form-item-has-error', { has: page.getByLabel('商品', { exact: true }) }).waitFor();
    expect(page.url()).toMatch(/\/orders\/new$/);
    expect(await kit.level(sku)).toMatchObject({ reserved: 0 });
  });
});

describe('a platform order with an old district and a privacy number', () => {
  it('shows the address as resolved and as the buyer wrote it, and tags the phone', async () => {
    const { page } = e2e;
    const body = kit.orderBody(mug, { paid: true });
    const order = await e2e.api('POST', '/api/v1/orders', {
      ...body,
      buyer: { ...body.buyer, phone: '13800138000-1234' },
      platformOrderId: 'TB-E2E-XIACHENG',
      address: { province: '浙江省', city: '杭州市', district: '下城区', detail: '武林路 1 号' },
      buyerMessage: undefined,
    });
    expect(order.address).toMatchObject({ district: '拱墅区', divisionMatch: 'successor' });
    await page.goto(`${e2e.baseUrl}/orders/${order.id}`);
    await page.getByText('买家填写：浙江省 杭州市 下城区').waitFor();
    await page.getByText(/浙江省 杭州市 拱墅区/).waitFor();
    await page.locator('.ant-tag', { hasText: '已按新区划' }).waitFor();
    await page.locator('.ant-tag', { hasText: '隐私号' }).waitFor();
    await page.screenshot({ path: '/tmp/sf-order-platform-address.png', fullPage: true });
  });
});
