import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cupAndLid, floorOrders, openFloor, type Floor, type FloorOrder } from './floor';
import { cellUnder, focusedId, keyIn, orderRow, startE2E, typeInto, uniqueCode, type E2E } from './harness';

/** 待处理包裹: the 工作台's 待验货 / 待称重 / 待发货 open the list of exactly what they count, and a row leads to its station. */

let e2e: E2E;
let page: Page;

const { CUP } = cupAndLid('69313');
const FLOOR: Floor = {
  warehouse: { code: uniqueCode('WH-WAIT'), name: '待处理包裹测试仓', bins: [{ code: 'A-01-01', walkOrder: 1 }] },
  shop: { code: uniqueCode('TM-WAIT'), name: '待处理旗舰店' },
  user: { username: 'waiting1', password: 'waiting-pass-1', displayName: '仓库老吴', roles: ['warehouse'] },
  stock: [[CUP, 'A-01-01']],
  buyer: { nick: 'wait_buyer', phone: '1367777' },
};
const floor = floorOrders(() => e2e, FLOOR);

/** Packs the order's one cup at the packing table (as the floor user's colleague would), returning the parcel. */
async function pack(order: FloorOrder): Promise<{ id: number; expectedGrams: number }> {
  const session = await e2e.api('POST', '/api/v1/packing/sessions', { scan: order.orderNo });
  await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/scans`, { barcode: CUP.barcode });
  return e2e.api('POST', `/api/v1/packing/sessions/${session.id}/complete`);
}

let toPack: FloorOrder;
let toWeigh: FloorOrder;
let toShip: FloorOrder;
let expectedGrams: number;

beforeAll(async () => {
  e2e = await startE2E();
  page = await openFloor(e2e, FLOOR);
  [toShip, toWeigh, toPack] = [await floor.order([CUP, 1]), await floor.order([CUP, 1]), await floor.order([CUP, 1])];
  await floor.wave('single', [toShip, toWeigh, toPack]);
  const weighed = await pack(toShip);
  await e2e.api('POST', `/api/v1/parcels/${weighed.id}/weigh`, { grams: weighed.expectedGrams });
  expectedGrams = (await pack(toWeigh)).expectedGrams;
});
afterAll(() => e2e?.close());

const tab = (name: RegExp) => page.getByRole('tab', { name });

describe('待处理包裹', () => {
  it('opens 待称重 from the 工作台, finds the parcel by its order number, and weighs it from its row with the keyboard', async () => {
    await page.goto(e2e.baseUrl + '/');
    const card = page.getByRole('link', { name: '已打包、待称重的包裹', exact: true });
    expect(Number(await card.locator('.ant-statistic-content-value').textContent())).toBe(1);
    await card.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/fulfillment\/parcels\?stage=to_weigh/);

    // each tab says how many wait there: the 工作台's numbers
    await tab(/^待称重 1$/).waitFor();
    await tab(/^待验货 1$/).waitFor();
    await tab(/^待发货 1$/).waitFor();
    const row = orderRow(page, toWeigh.orderNo);
    await row.waitFor();
    expect(await page.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await (await cellUnder(row, '状态')).textContent()).toBe('已打包');
    expect(await (await cellUnder(row, '应重')).textContent()).toBe(`${expectedGrams} 克`);
    expect(await (await cellUnder(row, '快递')).textContent()).toBe('中通快递');

    // the search box takes the order number's last digits; the tabs count what it finds
    const search = page.getByLabel('订单号 / 快递单号');
    await typeInto(search, toShip.orderNo.slice(-6));
    await page.keyboard.press('Enter');
    await tab(/^待发货 1$/).waitFor();
    await tab(/^待称重 0$/).waitFor();
    await page.locator('.ant-empty-description', { hasText: '暂无数据' }).waitFor();
    await search.press('ControlOrMeta+A');
    await search.press('Backspace');
    await page.keyboard.press('Enter');
    await tab(/^待称重 1$/).waitFor();
    await row.waitFor();

    // from the row to the scale: the station's scan box has the focus, the scale types the weight
    await row.getByRole('button', { name: '去称重' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/fulfillment\/weighing$/);
    await expect.poll(() => focusedId(page)).toBe('weighing-scan');
    await keyIn(page, toWeigh.orderNo);
    await expect.poll(() => focusedId(page)).not.toBe('weighing-scan');
    await keyIn(page, String(expectedGrams));
    await page.locator('.ant-alert-success', { hasText: toWeigh.orderNo }).waitFor();

    // back on the list the parcel has moved on to 待发货
    await page.goBack();
    await tab(/^待称重 0$/).waitFor();
    await tab(/^待发货 2$/).click();
    await page.waitForURL(/stage=to_ship/);
    const weighedRow = orderRow(page, toWeigh.orderNo);
    await weighedRow.waitFor();
    expect(await (await cellUnder(weighedRow, '称重')).textContent()).toBe(`${expectedGrams} 克`);
    expect(await (await cellUnder(weighedRow, '称重人')).textContent()).toBe(FLOOR.user.displayName);
    // the longest waiting first: the parcel weighed before
    expect(await page.locator('tbody tr.ant-table-row').first().textContent()).toContain(toShip.orderNo);
  });

  it('shows 待验货 the wave’s order not yet packed, its wave beside it', async () => {
    await page.goto(e2e.baseUrl + '/');
    await page.getByRole('link', { name: '已进波次、待打包', exact: true }).click();
    await page.waitForURL(/stage=to_pack/);
    const row = orderRow(page, toPack.orderNo);
    await row.waitFor();
    expect(await page.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await (await cellUnder(row, '状态')).textContent()).toBe('待验货');
    expect(await (await cellUnder(row, '波次')).textContent()).toMatch(/^BC/);
    await row.getByRole('button', { name: '去验货' }).waitFor();
  });
});
