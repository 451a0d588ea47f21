import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, orderRow, orderShop, pick, signInAs, startE2E, typeInto, uniqueCode, type E2E, type Sku } from './harness';

/** Orders in lists: the review queue by keyboard, the order list's filters, search, sort and bulk approval, the unpaid register's export. */

let e2e: E2E;
let kit: Awaited<ReturnType<typeof orderShop>>;
/** A SKU for the tests that only need something to sell (each keeps its own orders). */
let mug: Sku;

beforeAll(async () => {
  e2e = await startE2E();
  e2e.page.setDefaultTimeout(10_000);
  kit = await orderShop(e2e);
  mug = await kit.newSku(500);
  await signInAs(e2e, 'admin', ADMIN_PASSWORD);
});
afterAll(() => e2e?.close());

describe('review queue', () => {
  it('approves a held order with the keyboard', async () => {
    const first = await kit.placeOrder(kit.orderBody(mug, { paid: true }));
    const second = await kit.placeOrder(kit.orderBody(mug, { paid: true }));
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
    const waiting = await kit.placeOrder({ ...kit.orderBody(mug, { paid: true }), buyerMessage: undefined }).finally(() => e2e.api('PUT', '/api/v1/settings', { 'orders.autoReview': true }));
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
    await kit.placeOrder(kit.orderBody(mug, { paid: true }));
    const { items } = await e2e.api('GET', '/api/v1/orders?status=awaiting_review,on_hold&sort=createdAt&pageSize=5');
    await page.goto(e2e.baseUrl + '/');
    const card = page.locator('.ant-card').filter({ hasText: '等得最久的待审订单' });
    for (const order of items) await card.getByRole('link', { name: order.orderNo }).waitFor();
  });
});

describe('order list', () => {
  it('filters by shop and status, keeps them in the address bar, and bulk-approves after confirmation', async () => {
    const { page } = e2e;
    const shop = { code: uniqueCode('TM'), name: uniqueCode('天猫专卖店') };
    await e2e.api('POST', '/api/v1/shops', { ...shop, platform: 'tmall', defaultWarehouseCode: kit.warehouse });
    const held = [await kit.placeOrder(kit.orderBody(mug, { paid: true, shopCode: shop.code })), await kit.placeOrder(kit.orderBody(mug, { paid: true, shopCode: shop.code }))];

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
    const order = await kit.placeOrder(kit.orderBody(mug));
    await page.goto(`${e2e.baseUrl}/orders?q=${order.orderNo}`);
    await page.getByRole('row', { name: new RegExp(order.orderNo) }).waitFor();
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await page.getByPlaceholder('订单号或尾号 / 平台单号 / 手机号或尾号 / 收货人 / 昵称 / 快递单号').inputValue()).toBe(order.orderNo);
  });

  it('looks a buyer up by phone behind 更多筛选', async () => {
    const { page } = e2e;
    const body = kit.orderBody(mug);
    await kit.placeOrder(body);
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
    await kit.placeOrder(kit.orderBody(mug));
    await kit.placeOrder(kit.orderBody(mug));
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
    const order = await kit.placeOrder(kit.orderBody(mug));
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
