import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRow, signInAs, startE2E, uniqueCode, type E2E } from './harness';

/** 审单 worked from the keyboard: why each order waits, holds with a preset reason, 撤销 after 审核通过, the cursor kept. */

let e2e: E2E;
/** The reviewer's page: every step below is a key press. */
let desk: Page;
const WAREHOUSE = { code: 'WH-REVIEW', name: '审单测试仓' };
const SHOP = { code: 'TM-REVIEW', name: '审单旗舰店' };
const REVIEWER = { username: 'cs-review', password: 'cs-review-pass-1', displayName: '审单员小周', roles: ['cs_presale'] };
const PRESETS = ['买家要求修改地址', '等买家确认颜色', '赠品缺货'];
const SKU = { code: uniqueCode('TEA'), spec: '龙井 250g', price: 8800 };

interface Order {
  id: number;
  orderNo: string;
  status: string;
}

let buyers = 0;
/** A paid order from a new buyer; with a message, the automatic review holds it for a person. */
async function paidOrder(buyerMessage?: string): Promise<Order> {
  const n = ++buyers;
  return e2e.api('POST', '/api/v1/orders', {
    shopCode: SHOP.code,
    buyer: { nick: `review_buyer_${n}`, name: '周杰', phone: `1375555${String(n).padStart(4, '0')}` },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: `龙井路 ${n} 号` },
    items: [{ skuCode: SKU.code, quantity: 1, unitPrice: SKU.price }],
    ...(buyerMessage && { buyerMessage }),
    payment: { amount: SKU.price, method: 'alipay' },
  });
}

/** An order waiting in 待审核 with no rule fired: automatic review switched off while it is paid. */
async function waitingOrder(): Promise<Order> {
  await e2e.api('PUT', '/api/v1/settings', { 'orders.autoReview': false });
  return paidOrder().finally(() => e2e.api('PUT', '/api/v1/settings', { 'orders.autoReview': true }));
}

const rowOf = (orderNo: string) => orderRow(desk, orderNo);
const isCursor = (orderNo: string) => rowOf(orderNo).getAttribute('aria-selected');
const status = async (order: Order) => (await e2e.api('GET', `/api/v1/orders/${order.id}`)).status as string;

async function openQueue() {
  await desk.goto(e2e.baseUrl + '/orders/review');
  await desk.locator('tbody tr.ant-table-row').first().waitFor();
}

/** Moves the cursor with j (then k) until it is on the order, as the reviewer does. */
async function cursorTo(orderNo: string) {
  await rowOf(orderNo).waitFor();
  for (const key of ['j', 'k']) {
    for (let moves = 0; moves < 50 && (await isCursor(orderNo)) !== 'true'; moves++) await desk.keyboard.press(key);
  }
  expect(await isCursor(orderNo)).toBe('true');
}

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('POST', '/api/v1/warehouses', WAREHOUSE);
  await e2e.api('POST', '/api/v1/shops', { ...SHOP, platform: 'tmall', defaultWarehouseCode: WAREHOUSE.code });
  await e2e.api('POST', '/api/v1/products', { name: '西湖龙井', category: '茶叶', priceBand: 'profit', skus: [{ ...SKU, cost: 3000 }] });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: WAREHOUSE.code, lines: [{ skuCode: SKU.code, quantity: 100 }] });
  await e2e.api('PUT', '/api/v1/settings', { 'orders.holdPresets': PRESETS });
  await e2e.api('POST', '/api/v1/users', REVIEWER);
  desk = await e2e.freshPage();
  desk.setDefaultTimeout(10_000);
  await signInAs(e2e, REVIEWER.username, REVIEWER.password, desk);
});
afterAll(() => e2e?.close());

describe('审单', () => {
  it('shows on each row why it waits: the rules that fired, the buyer message, the newest remark; a green flag says why there is no deadline', async () => {
    const held = await paidOrder('请用礼盒包装，周六前送到');
    expect(held.status).toBe('on_hold');
    await e2e.api('POST', `/api/v1/orders/${held.id}/remarks`, { content: '已电话确认送礼', flag: 'grey' });
    await e2e.api('POST', `/api/v1/orders/${held.id}/remarks`, { content: '发货前核对礼盒', flag: 'red' });
    const fraud = await paidOrder();
    await e2e.api('POST', `/api/v1/orders/${fraud.id}/remarks`, { content: '同一地址多个账号下单', flag: 'green' });

    await openQueue();
    const row = rowOf(held.orderNo);
    await row.getByText('有买家留言，需人工阅读').waitFor();
    await row.getByText('请用礼盒包装，周六前送到').waitFor();
    await row.getByText('发货前核对礼盒').waitFor();
    await row.getByText('红旗').waitFor();
    expect(await row.getByText('已电话确认送礼').count()).toBe(0);

    const green = rowOf(fraud.orderNo);
    await green.getByText('绿旗：疑似虚假或欺诈订单，禁止发货').waitFor();
    await green.getByText(/不计审单时限/).waitFor();
    await desk.screenshot({ path: '/tmp/sf-review-why.png', fullPage: true });
  });

  it('holds with a preset reason by its number and Enter; h on an order already held says so', async () => {
    const waiting = await waitingOrder();
    expect(waiting.status).toBe('awaiting_review');
    await openQueue();
    await cursorTo(waiting.orderNo);
    await desk.keyboard.press('h');
    const dialog = desk.getByRole('dialog');
    await dialog.getByText(`2. ${PRESETS[1]}`).waitFor();
    await expect.poll(() => desk.evaluate(() => document.activeElement?.getAttribute('role')), { timeout: 5000 }).toBe('listbox');
    await desk.keyboard.press('3');
    await desk.keyboard.press('ArrowUp');
    await desk.keyboard.press('Enter');
    await desk.getByText('订单已挂起').waitFor();
    await rowOf(waiting.orderNo).getByText('挂起/异常').waitFor();
    expect(await e2e.api('GET', `/api/v1/orders/${waiting.id}`)).toMatchObject({ status: 'on_hold', holdReasons: [{ rule: 'manual', message: PRESETS[1] }] });

    await rowOf(waiting.orderNo).getByText(PRESETS[1]!).waitFor();
    expect(await isCursor(waiting.orderNo)).toBe('true');
    await desk.keyboard.press('h');
    await desk.getByText(`订单 ${waiting.orderNo} 已经挂起了：${PRESETS[1]}`).waitFor();
    expect(await dialog.isVisible()).toBe(false);
  });

  it('holds with a reason typed after 0, the shortcut letters in it taken as text', async () => {
    const waiting = await waitingOrder();
    await openQueue();
    await cursorTo(waiting.orderNo);
    await desk.keyboard.press('h');
    await desk.getByRole('dialog').getByText(`1. ${PRESETS[0]}`).waitFor();
    await desk.keyboard.press('0');
    await expect.poll(() => desk.evaluate(() => document.activeElement?.tagName), { timeout: 5000 }).toBe('INPUT');
    await desk.keyboard.type('ask buyer: jade or khaki');
    await desk.keyboard.press('Enter');
    await desk.getByText('订单已挂起').waitFor();
    expect((await e2e.api('GET', `/api/v1/orders/${waiting.id}`)).holdReasons).toEqual([{ rule: 'manual', message: 'ask buyer: jade or khaki', heldByRoles: ['cs_presale'] }]);
  });

  it('takes an approval back with 撤销 (u) within seconds: the order is back under the cursor', async () => {
    const held = await paidOrder('发票抬头写公司');
    await openQueue();
    await cursorTo(held.orderNo);
    await desk.keyboard.press('a');
    const toast = desk.locator('.ant-message-notice', { hasText: `${held.orderNo} 已审核通过` });
    await toast.getByRole('button', { name: '撤销 (U)' }).waitFor();
    await expect.poll(() => rowOf(held.orderNo).count()).toBe(0);
    expect(await status(held)).toBe('awaiting_fulfillment');

    await desk.keyboard.press('u');
    await desk.getByText(`已撤销审核，${held.orderNo} 回到审单队列`).waitFor();
    await rowOf(held.orderNo).getByText('挂起/异常').waitFor();
    await expect.poll(() => isCursor(held.orderNo)).toBe('true');
    expect(await status(held)).toBe('on_hold');
    const events: { action: string; actorName: string }[] = (await e2e.api('GET', `/api/v1/orders/${held.id}/events`)).items;
    // the buyer's 订单已确认 was held back for the undo window, so the undo withdrew it
    expect(events.at(-1)).toMatchObject({ action: 'order.undo_approve', actorName: REVIEWER.displayName, after: { noticeWithdrawn: true } });
    await desk.goto(`${e2e.baseUrl}/orders/${held.id}`);
    await desk.getByText('买家的订单确认通知已撤回，买家不会收到').waitFor();
  });

  it('opens an order with Enter and, coming back, finds the cursor on the same row', async () => {
    const [, middle] = [await paidOrder('麻烦快点发'), await paidOrder('要发票'), await paidOrder('不要放发票')];
    await openQueue();
    await cursorTo(middle.orderNo);
    await desk.keyboard.press('Enter');
    await desk.waitForURL(new RegExp(`/orders/${middle.id}$`));
    await desk.getByText('要发票').first().waitFor();
    await desk.goBack();
    await desk.waitForURL(/\/orders\/review\?at=/);
    await rowOf(middle.orderNo).waitFor();
    await expect.poll(() => isCursor(middle.orderNo)).toBe('true');
    // and the keys carry on from there
    await desk.keyboard.press('k');
    await expect.poll(() => isCursor(middle.orderNo)).toBe('false');
  });
});
