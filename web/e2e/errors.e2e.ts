import type { Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, orderRow, pick, signInAs, startE2E, typeInto, typeOver, type E2E } from './harness';

let e2e: E2E;

function orderBody(nick: string, phone: string, paid: boolean) {
  return {
    shopCode: 'TM01',
    buyer: { nick, name: '王芳', phone },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号' },
    items: [{ skuCode: 'MUG-001', quantity: 1, unitPrice: 3900 }],
    // a buyer message makes the automatic review hold a paid order for a person
    ...(paid && { buyerMessage: '请周五前发货', payment: { amount: 3900, method: 'alipay' } }),
  };
}

let buyers = 0;
/** An unpaid order of its own: on the order list, not in the review queue. */
const listedOrder = (): Promise<{ id: number; orderNo: string }> => e2e.api('POST', '/api/v1/orders', orderBody(`buyer_listed_${++buyers}`, `1390000${String(200 + buyers).padStart(4, '0')}`, false));

const INTERNAL_ERROR = { error: { code: 'internal_error', message: '服务器内部错误，请联系管理员', details: [] } };
const path = (pathname: string | RegExp) => (url: URL) => (typeof pathname === 'string' ? url.pathname === pathname : pathname.test(url.pathname));
const answer500 = (route: Route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify(INTERNAL_ERROR) });

beforeAll(async () => {
  e2e = await startE2E();
  e2e.page.setDefaultTimeout(10_000);
  await e2e.api('POST', '/api/v1/warehouses', { code: 'WH-HZ', name: '杭州仓' });
  await e2e.api('POST', '/api/v1/shops', { code: 'TM01', name: '天猫旗舰店', platform: 'tmall', defaultWarehouseCode: 'WH-HZ' });
  await e2e.api('POST', '/api/v1/products', {
    name: '陶瓷马克杯',
    category: '家居',
    priceBand: 'traffic',
    skus: [{ code: 'MUG-001', spec: '白色 350ml', price: 3900 }],
  });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: 'WH-HZ', lines: [{ skuCode: 'MUG-001', quantity: 50 }] });
  await signInAs(e2e, 'admin', ADMIN_PASSWORD);
});
afterEach(() => e2e.page.unrouteAll({ behavior: 'ignoreErrors' }));
afterAll(() => e2e?.close());

describe('load errors', () => {
  it('shows the server’s message and 重试 when the order list answers 500, never 暂无数据, and recovers', async () => {
    const { page } = e2e;
    const listed = await listedOrder();
    const orderList = path('/api/v1/orders');
    await page.route(orderList, answer500);
    await page.goto(e2e.baseUrl + '/orders');
    await page.getByText('加载失败', { exact: true }).waitFor();
    await page.getByText('服务器内部错误，请联系管理员').waitFor();
    expect(await page.getByText('暂无数据').count()).toBe(0);
    await page.screenshot({ path: '/tmp/sf-list-error.png' });

    await page.unroute(orderList);
    await page.getByRole('button', { name: /重\s*试/ }).click();
    await page.getByRole('row', { name: new RegExp(listed.orderNo) }).waitFor();
    expect(await page.getByText('加载失败', { exact: true }).count()).toBe(0);
  });

  it('says 无法连接服务器 when the stock list gets no answer at all', async () => {
    const { page } = e2e;
    const levels = path('/api/v1/inventory/levels');
    await page.route(levels, (route) => route.abort('connectionrefused'));
    await page.goto(e2e.baseUrl + '/inventory/levels');
    await page.getByText('无法连接服务器，请检查网络后重试').waitFor();
    expect(await page.getByText('暂无数据').count()).toBe(0);

    await page.unroute(levels);
    await page.getByRole('button', { name: /重\s*试/ }).click();
    await page.getByRole('row', { name: /MUG-001/ }).waitFor();
  });

  it('gives the HTTP status when the order page gets an error reply without a body', async () => {
    const { page } = e2e;
    const listed = await listedOrder();
    const detail = path(`/api/v1/orders/${listed.id}`);
    await page.route(detail, (route) => route.fulfill({ status: 502, body: '' }));
    await page.goto(`${e2e.baseUrl}/orders/${listed.id}`);
    await page.getByText('服务器返回错误（HTTP 502）').waitFor();

    await page.unroute(detail);
    await page.getByRole('button', { name: /重\s*试/ }).click();
    await page.getByText(`订单 ${listed.orderNo}`).waitFor();
  });

  it('still reads 暂无数据 for a list that is really empty', async () => {
    const { page } = e2e;
    // a filter, not the search box: a search that finds nothing says what it looked for instead
    await page.goto(e2e.baseUrl + '/orders?orderNo=NO-SUCH-ORDER');
    await page.locator('.ant-empty-description', { hasText: '暂无数据' }).waitFor();
    expect(await page.getByText('加载失败', { exact: true }).count()).toBe(0);
  });

  it('keeps a notice with 重试 when the shops behind a page cannot load', async () => {
    const { page } = e2e;
    const listed = await listedOrder();
    const shops = path('/api/v1/shops');
    await page.route(shops, answer500);
    await page.goto(e2e.baseUrl + '/orders');
    const notice = page.locator('.ant-notification-notice').filter({ hasText: '店铺列表加载失败' });
    await notice.getByText('服务器内部错误，请联系管理员').waitFor();
    await page.getByRole('row', { name: new RegExp(listed.orderNo) }).waitFor();

    await page.unroute(shops);
    await notice.getByRole('button', { name: /重\s*试/ }).click();
    await notice.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: new RegExp(listed.orderNo) }).getByText('天猫旗舰店').waitFor();
  });
});

describe('validation errors', () => {
  it('names the line and the field in words when the server refuses a quantity', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/orders/new');
    await pick(page.getByLabel('店铺', { exact: true }), '天猫旗舰店');
    await typeInto(page.getByLabel('收货人'), '王芳');
    await typeInto(page.getByLabel('买家手机'), '13812345678');
    await pick(page.getByLabel('省', { exact: true }), '浙江省', '浙江');
    await pick(page.getByLabel('市', { exact: true }), '杭州市', '杭州');
    await pick(page.getByLabel('区/县', { exact: true }), '西湖区', '西湖');
    await typeInto(page.getByLabel('详细地址'), '文三路 100 号');
    await pick(page.getByLabel('商品', { exact: true }), 'MUG-001', 'MUG-001');
    await expect.poll(() => page.getByLabel('单价').inputValue()).toBe('39.00');
    // the line starts at 1: select it, type over it, and Enter submits the form
    await typeOver(page.getByLabel('数量'), '200000');
    await page.keyboard.press('Enter');

    await page.locator('.ant-message').getByText('第 1 行数量不能超过 100000').waitFor();
    const quantity = page.locator('.ant-form-item-has-error', { has: page.getByLabel('数量') });
    await quantity.getByText('第 1 行数量不能超过 100000').waitFor();
    await page.screenshot({ path: '/tmp/sf-validation-words.png' });
    expect(await page.getByText(/items\.0|期望 number/).count()).toBe(0);
    expect(page.url()).toMatch(/\/orders\/new$/);
  });
});

describe('review queue keys', () => {
  it('ignores a second a while the approval is on its way, then approves the next order only when asked', async () => {
    const first = await e2e.api('POST', '/api/v1/orders', orderBody('buyer_first', '13900000101', true));
    const second = await e2e.api('POST', '/api/v1/orders', orderBody('buyer_second', '13900000102', true));
    expect([first.status, second.status]).toEqual(['on_hold', 'on_hold']);

    const { page } = e2e;
    // the approval waits at the network until the test lets it through
    let letThrough!: () => void;
    const gate = new Promise<void>((resolve) => (letThrough = resolve));
    await page.route(path(/^\/api\/v1\/orders\/\d+\/approve$/), async (route) => {
      await gate;
      await route.continue();
    });
    await page.goto(e2e.baseUrl + '/orders/review');
    const rowOf = (orderNo: string) => orderRow(page, orderNo);
    await rowOf(second.orderNo).waitFor();
    await rowOf(first.orderNo).click();

    await page.keyboard.press('a');
    await page.keyboard.press('a');
    await page.getByText('上一单还在审核，请稍候').waitFor();
    letThrough();
    await page.getByText(`${first.orderNo} 已审核通过`).waitFor();
    await expect.poll(() => rowOf(second.orderNo).getAttribute('aria-selected')).toBe('true');
    expect((await e2e.api('GET', `/api/v1/orders/${second.id}`)).status).toBe('on_hold');

    // a deliberate a, once the reviewer has had the order in view, approves it
    await page.waitForTimeout(700);
    await page.keyboard.press('a');
    await page.getByText(`${second.orderNo} 已审核通过`).waitFor();
    expect((await e2e.api('GET', `/api/v1/orders/${first.id}`)).status).toBe('awaiting_fulfillment');
    expect((await e2e.api('GET', `/api/v1/orders/${second.id}`)).status).toBe('awaiting_fulfillment');
  });
});
