import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, cellUnder, orderRow, pick, signInAs, startE2E, typeInto, typeOver, uniqueCode, type E2E } from './harness';

let e2e: E2E;
const WAREHOUSE = 'WH-HZ';
const SHOP = { code: 'TM01', name: '天猫旗舰店' };

interface Sku {
  code: string;
  price: number;
}
/** A SKU for the tests that only need something to sell (each keeps its own orders). */
let mug: Sku;

/** A SKU of its own with `stock` units in 杭州仓, so a test's stock figures are its own. */
async function newSku(stock: number): Promise<Sku> {
  const code = uniqueCode('MUG');
  await e2e.api('POST', '/api/v1/products', {
    name: '陶瓷马克杯',
    category: '家居',
    priceBand: 'traffic',
    skus: [{ code, spec: '白色 350ml', price: 3900, cost: 1200 }],
  });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE, lines: [{ skuCode: code, quantity: stock }] });
  return { code, price: 3900 };
}

let buyers = 0;
/** A new buyer each call, so no rule links one test's orders to another's. */
function newBuyer() {
  const n = ++buyers;
  return { nick: `tb_buyer_${n}`, name: '王芳', phone: `1390000${String(n).padStart(4, '0')}` };
}

/** An order for `quantity` of `sku` from a new buyer; a paid one carries a buyer message, so the automatic review holds it for a person. */
function orderBody(sku: Sku, opts: { paid?: boolean; quantity?: number; shopCode?: string } = {}) {
  const quantity = opts.quantity ?? 1;
  return {
    shopCode: opts.shopCode ?? SHOP.code,
    buyer: newBuyer(),
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号', postalCode: '310012' },
    items: [{ skuCode: sku.code, quantity, unitPrice: sku.price }],
    ...(opts.paid && { buyerMessage: '请周五前发货', payment: { amount: quantity * sku.price, method: 'alipay' } }),
  };
}

type Order = { id: number; orderNo: string; status: string; total: number; customerId: number; buyer: { nick: string; phone: string } };
const placeOrder = (body: object): Promise<Order> => e2e.api('POST', '/api/v1/orders', body);

async function level(sku: Sku) {
  const { items } = await e2e.api('GET', `/api/v1/inventory/levels?skuCode=${sku.code}&warehouseCode=${WAREHOUSE}`);
  return items[0] as { onHand: number; reserved: number; available: number };
}

/** Fills the manual order form as a CS agent types it: shop, buyer, cascaded address, one SKU line. */
async function fillNewOrder(page: Page, sku: Sku, quantity: number) {
  const buyer = newBuyer();
  await page.goto(e2e.baseUrl + '/orders/new');
  await pick(page.getByLabel('店铺', { exact: true }), SHOP.name);
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
  await e2e.api('POST', '/api/v1/warehouses', { code: WAREHOUSE, name: '杭州仓' });
  await e2e.api('POST', '/api/v1/shops', { code: SHOP.code, name: SHOP.name, platform: 'tmall', defaultWarehouseCode: WAREHOUSE });
  mug = await newSku(500);
  await signInAs(e2e, 'admin', ADMIN_PASSWORD);
});
afterAll(() => e2e?.close());

describe('manual order entry', () => {
  it('creates an order through the form with live totals, and the stock is reserved', async () => {
    const { page } = e2e;
    const sku = await newSku(20);
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
    expect(await level(sku)).toMatchObject({ onHand: 20, reserved: 2, available: 18 });
  });

  it("shows in the SKU picker what the shop's warehouse has, not the sum over warehouses", async () => {
    const { page } = e2e;
    const sku = await newSku(20);
    await e2e.api('POST', '/api/v1/warehouses', { code: 'WH-SOUTH', name: '广州仓' });
    await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: 'WH-SOUTH', lines: [{ skuCode: sku.code, quantity: 13 }] });
    await page.goto(e2e.baseUrl + '/orders/new');
    await pick(page.getByLabel('店铺', { exact: true }), SHOP.name);
    const field = page.getByLabel('商品', { exact: true });
    await typeInto(field, sku.code);
    const option = page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${sku.code}"]`);
    await expect.poll(() => option.textContent()).toContain('杭州仓可用 20');
    expect(await option.textContent()).not.toContain('33');
  });

  it('shows an order’s reservation on the stock page, with a link from the ledger to the order', async () => {
    const { page } = e2e;
    const sku = await newSku(20);
    const order = await placeOrder(orderBody(sku, { quantity: 2 }));
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
    const order = await placeOrder(orderBody(mug));
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
    const body = orderBody(mug);
    const order = await placeOrder(body);
    await page.goto(`${e2e.baseUrl}/orders/${order.id}`);
    await page.getByText(masked(body.buyer.phone)).waitFor();
    await page.getByRole('button', { name: '查看完整信息' }).click();
    await page.getByText(body.buyer.phone).waitFor();
  });

  it('puts the buyer on the blacklist with a reason', async () => {
    const { page } = e2e;
    const order = await placeOrder(orderBody(mug));
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
    const order = await placeOrder(orderBody(mug));
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
    const sku = await newSku(20);
    const order = await placeOrder(orderBody(sku));
    expect(await level(sku)).toMatchObject({ reserved: 1 });
    await page.goto(`${e2e.baseUrl}/orders/${order.id}`);
    await page.getByRole('button', { name: '取消订单' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('取消后将释放占用的库存').waitFor();
    await typeInto(dialog.getByLabel('取消原因'), '买家不要了');
    await dialog.getByRole('button', { name: '取消订单' }).click();
    await page.getByText('订单已取消').waitFor();
    expect((await e2e.api('GET', `/api/v1/orders/${order.id}`)).status).toBe('cancelled');
    expect(await level(sku)).toMatchObject({ onHand: 20, reserved: 0, available: 20 });
  });
});

describe('order form errors', () => {
  it('refuses more than the stock and marks the line the server names', async () => {
    const { page } = e2e;
    const sku = await newSku(20);
    await fillNewOrder(page, sku, 999);
    await page.getByRole('button', { name: '提交订单' }).click();
    await page.getByText(new RegExp(`商品 ${sku.code} 库存不足`)).first().waitFor();
    await page.locator('.ant-form-item-has-error', { has: page.getByLabel('商品', { exact: true }) }).waitFor();
    expect(page.url()).toMatch(/\/orders\/new$/);
    expect(await level(sku)).toMatchObject({ reserved: 0 });
  });
});

describe('a platform order with an old district and a privacy number', () => {
  it('shows the address as resolved and as the buyer wrote it, and tags the phone', async () => {
    const { page } = e2e;
    const body = orderBody(mug, { paid: true });
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

describe('review queue', () => {
  it('approves a held order with the keyboard', async () => {
    const first = await placeOrder(orderBody(mug, { paid: true }));
    const second = await placeOrder(orderBody(mug, { paid: true }));
    expect([first.status, second.status]).toEqual(['on_hold', 'on_hold']);

    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/orders/review');
    const rows = page.locator('tbody tr.ant-table-row');
    // by the order number's own cell: another row's reason may name it (the duplicate rule)
    const rowOf = (orderNo: string) => orderRow(page, orderNo);
    await rowOf(first.orderNo).waitFor();
    await rowOf(second.orderNo).waitFor();
    await page.screenshot({ path: '/tmp/sf-review.png' });
    // oldest first, the first row selected
    await expect.poll(() => rows.first().getAttribute('aria-selected')).toBe('true');
    const texts = await rows.allTextContents();
    expect(texts.findIndex((t) => t.includes(first.orderNo))).toBeLessThan(texts.findIndex((t) => t.includes(second.orderNo)));

    // j moves down, k back up
    await rowOf(first.orderNo).click();
    await expect.poll(() => rowOf(first.orderNo).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('j');
    await expect.poll(() => rowOf(second.orderNo).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('k');
    await expect.poll(() => rowOf(first.orderNo).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('j');
    await page.keyboard.press('a');
    await page.getByText(`${second.orderNo} 已审核通过`).waitFor();
    await expect.poll(() => rowOf(second.orderNo).count()).toBe(0);

    expect((await e2e.api('GET', `/api/v1/orders/${second.id}`)).status).toBe('awaiting_fulfillment');
    expect((await e2e.api('GET', `/api/v1/orders/${first.id}`)).status).toBe('on_hold');

    // Enter opens the selected order
    await rowOf(first.orderNo).click();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/orders/${first.id}$`));
    await page.getByText('请周五前发货').first().waitFor();
  });

  it('holds an order with h and a reason; keys typed into the reason are text, not shortcuts', async () => {
    await e2e.api('PUT', '/api/v1/settings', { 'orders.autoReview': false });
    const waiting = await placeOrder({ ...orderBody(mug, { paid: true }), buyerMessage: undefined }).finally(() => e2e.api('PUT', '/api/v1/settings', { 'orders.autoReview': true }));
    expect(waiting.status).toBe('awaiting_review');

    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/orders/review');
    const row = page.locator('tbody tr.ant-table-row', { has: page.getByRole('cell', { name: waiting.orderNo, exact: true }) });
    await row.getByText('待审核').waitFor();
    await row.click();
    await page.keyboard.press('h');
    // keyboard only: the dialog offers the usual reasons, 0 goes to the reason typed, Enter confirms
    await page.getByRole('dialog').getByText('1. 买家要求修改地址').waitFor();
    await page.keyboard.press('0');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), { timeout: 5000 }).toBe('INPUT');
    await page.keyboard.type('ask buyer to check the address');
    expect((await e2e.api('GET', `/api/v1/orders/${waiting.id}`)).status).toBe('awaiting_review');
    await page.keyboard.press('Enter');
    await page.getByText('订单已挂起').waitFor();
    await row.getByText('挂起/异常').waitFor();
    const held = await e2e.api('GET', `/api/v1/orders/${waiting.id}`);
    expect(held).toMatchObject({ status: 'on_hold', holdReasons: [{ rule: 'manual', message: 'ask buyer to check the address' }] });
  });

  it('lists the orders waiting longest for review on the workbench', async () => {
    const { page } = e2e;
    await placeOrder(orderBody(mug, { paid: true }));
    const { items } = await e2e.api('GET', '/api/v1/orders?status=awaiting_review,on_hold&sort=createdAt&pageSize=5');
    await page.goto(e2e.baseUrl + '/');
    const card = page.locator('.ant-card').filter({ hasText: '等得最久的待审订单' });
    for (const order of items) await card.getByRole('link', { name: order.orderNo }).waitFor();
  });
});

describe('order list', () => {
  it('filters by shop and status, keeps them in the address bar, and bulk-approves after confirmation', async () => {
    const { page } = e2e;
    const shop = { code: uniqueCode('TM'), name: `天猫专卖店 ${++buyers}` };
    await e2e.api('POST', '/api/v1/shops', { ...shop, platform: 'tmall', defaultWarehouseCode: WAREHOUSE });
    const held = [await placeOrder(orderBody(mug, { paid: true, shopCode: shop.code })), await placeOrder(orderBody(mug, { paid: true, shopCode: shop.code }))];

    await page.goto(e2e.baseUrl + '/orders');
    // Filters typed before the first page has loaded can be reset by it on a slow machine.
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    await pick(page.getByLabel('店铺', { exact: true }), shop.name);
    await pick(page.getByLabel('订单状态'), '挂起/异常');
    await page.locator('.ant-select-selection-item[title="挂起/异常"]').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'on_hold' && url.searchParams.get('shopCode') === shop.code);
    await page.reload();
    for (const order of held) await page.getByRole('row', { name: new RegExp(order.orderNo) }).waitFor();
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(2);
    await page.screenshot({ path: '/tmp/sf-order-list.png' });

    for (const order of held) await page.getByRole('checkbox', { name: order.orderNo }).check();
    await page.getByRole('button', { name: /批量审核通过/ }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确定审核通过选中的 2 个订单？' });
    // Wait on the reply itself: on a loaded CI machine the 3-second toast alone says too little.
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/orders/bulk-approve'), { timeout: 30_000 }),
      confirm.getByRole('button', { name: '审核通过' }).click(),
    ]);
    expect({ status: reply.status(), body: await reply.json() }).toMatchObject({ status: 200, body: { items: held.map(() => ({ ok: true })) } });
    await page.getByText('已审核通过 2 个订单').waitFor();
    for (const order of held) expect((await e2e.api('GET', `/api/v1/orders/${order.id}`)).status).toBe('awaiting_fulfillment');
  });

  it('finds an order by its number in the search box, kept in the address bar', async () => {
    const { page } = e2e;
    const order = await placeOrder(orderBody(mug));
    await page.goto(`${e2e.baseUrl}/orders?q=${order.orderNo}`);
    await page.getByRole('row', { name: new RegExp(order.orderNo) }).waitFor();
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await page.getByPlaceholder('订单号或尾号 / 平台单号 / 手机号或尾号 / 收货人 / 昵称 / 快递单号').inputValue()).toBe(order.orderNo);
  });

  it('looks a buyer up by phone behind 更多筛选', async () => {
    const { page } = e2e;
    const body = orderBody(mug);
    await placeOrder(body);
    await page.goto(e2e.baseUrl + '/orders');
    await page.getByRole('button', { name: '更多筛选' }).click();
    await typeInto(page.getByLabel('买家手机'), body.buyer.phone);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`phone=${body.buyer.phone}`));
    await page.getByRole('row', { name: new RegExp(body.buyer.nick) }).waitFor();
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);
  });

  it('sorts by a column header, kept in the address bar', async () => {
    const { page } = e2e;
    await placeOrder(orderBody(mug));
    await placeOrder(orderBody(mug));
    await page.goto(e2e.baseUrl + '/orders');
    const header = page.getByRole('columnheader', { name: /下单时间/ });
    await header.click();
    await page.waitForURL(/sort=createdAt/);
    const { items: oldest } = await e2e.api('GET', '/api/v1/orders?sort=createdAt&pageSize=1');
    await expect.poll(() => page.locator('tbody tr.ant-table-row').first().locator('a').textContent()).toBe(oldest[0].orderNo);
    await header.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBeNull();
    const { items: newest } = await e2e.api('GET', '/api/v1/orders?pageSize=1');
    await expect.poll(() => page.locator('tbody tr.ant-table-row').first().locator('a').textContent()).toBe(newest[0].orderNo);
  });
});

describe('unpaid register', () => {
  it('exports the register as an Excel file named for it and the day, holding the order that closed unpaid', async () => {
    const order = await placeOrder(orderBody(mug));
    await e2e.api('POST', `/api/v1/orders/${order.id}/cancel`, { reason: '买家拍错了' });

    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/reports/unpaid');
    await page.getByRole('row', { name: new RegExp(order.orderNo) }).waitFor();
    await page.screenshot({ path: '/tmp/sf-unpaid-register.png' });
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(file.suggestedFilename()).toMatch(/^未付款明细表_\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.getByText(`已导出 ${file.suggestedFilename()}`).waitFor();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await file.path());
    const orderNos = workbook.getWorksheet('未付款明细表')!.getColumn(1).values;
    expect(orderNos).toContain(order.orderNo);
  });
});
