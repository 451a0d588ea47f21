import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cupAndLid, floorOrders, openFloor, stationChecks, type Floor, type FloorOrder, type FloorSku } from './floor';
import { keyIn, startE2E, type E2E } from './harness';

let e2e: E2E;
/** The sower's page, worked from the keyboard alone once it is open. */
let station: Page;
const { CUP, LID } = cupAndLid('693');
/** A cup lies in A-01, its lid in B-01 (their pick bins set by the receipt). */
const FLOOR: Floor = {
  warehouse: { code: 'WH-SOW', name: '播种测试仓', bins: [{ code: 'A-01', walkOrder: 1 }, { code: 'B-01', walkOrder: 2 }] },
  shop: { code: 'TM-SOW', name: '播种旗舰店' },
  user: { username: 'sower1', password: 'sower-pass-1', displayName: '播种员小李', roles: ['warehouse'] },
  stock: [
    [CUP, 'A-01'],
    [LID, 'B-01'],
  ],
  buyer: { nick: 'sow_buyer', phone: '1375555' },
};
const SCAN_BOX = 'sowing-scan';

interface Wave {
  id: number;
  waveNo: string;
  orders: (FloorOrder & { slot: number })[];
}

const floor = floorOrders(() => e2e, FLOOR);
const order = floor.order;
const wave = (kind: 'multi' | 'single', orders: FloorOrder[]) => floor.wave<Wave>(kind, orders);

/** The wave picked along its route, as 配货 would have confirmed it. */
async function pickAll(waveId: number, picks: [string, FloorSku, number][]) {
  for (const [binCode, sku, quantity] of picks) {
    await e2e.api('POST', `/api/v1/waves/${waveId}/picks`, { binCode });
    await e2e.api('POST', `/api/v1/waves/${waveId}/picks`, { binCode, barcode: sku.barcode, quantity });
  }
}

const { expectFocus, feedback, textOf, expectNoRawCodes } = stationChecks(() => station);
const lit = () => station.getByTestId('sowing-lit');
const refused = () => station.getByTestId('sowing-refused');
const slotCell = (slot: number) => station.getByTestId(`sowing-slot-${slot}`);

/** A slot of the wall as shown: its n/m and state. */
async function slotShows(slot: number, count: string, state: string) {
  await expect.poll(() => slotCell(slot).getByTestId('sowing-slot-count').textContent()).toBe(count);
  await expect.poll(() => slotCell(slot).getByTestId('sowing-slot-state').textContent()).toBe(state);
}

/** Opens the screen from the address bar; from here on only keys. */
async function open() {
  await station.goto(e2e.baseUrl + '/fulfillment/sowing');
  await station.getByText('请扫描波次号', { exact: true }).waitFor();
  await expectFocus(SCAN_BOX);
}

beforeAll(async () => {
  e2e = await startE2E();
  station = await openFloor(e2e, FLOOR);
});
afterAll(() => e2e?.close());

describe('播种 (the sowing wall)', () => {
  it('sows a picked multi-item wave with the keyboard alone: each item lights its slot, a wrong item is refused red, a full slot says 可打包, the wall ends 播种完成', async () => {
    const first = await order([CUP, 1], [LID, 1]);
    const second = await order([LID, 2]);
    const sowing = await wave('multi', [first, second]);
    await pickAll(sowing.id, [
      ['A-01', CUP, 1],
      ['B-01', LID, 3],
    ]);

    await open();
    await keyIn(station, sowing.waveNo);
    await feedback('success', `波次 ${sowing.waveNo}：2 格，还需播 4 件，请扫描商品`).waitFor();
    expect(await textOf('sowing-wave-no')).toBe(sowing.waveNo);
    expect(await textOf('sowing-progress')).toBe('已满 0 / 2 格 · 已播 0 / 4 件');
    await slotShows(1, '0 / 2', '未开始');
    await slotShows(2, '0 / 2', '未开始');
    await expectFocus(SCAN_BOX);

    // the cup goes into slot 1, lit large with its order, item and count
    await keyIn(station, CUP.barcode);
    await expect.poll(() => textOf('sowing-lit-slot')).toBe('1 号格');
    await lit().getByText(first.orderNo, { exact: true }).waitFor();
    await lit().getByText(`不锈钢保温杯 ${CUP.spec}`).waitFor();
    expect(await textOf('sowing-lit-count')).toBe('已播 1 / 应播 1');
    expect(await lit().getByTestId('sowing-slot-state').textContent()).toBe('播种中');
    await slotShows(1, '1 / 2', '播种中');
    await expectFocus(SCAN_BOX);

    // an item of no order of the wave: red with the reason, nothing moves
    await keyIn(station, '6900000000000');
    await refused().getByText('错货', { exact: true }).waitFor();
    await refused().getByText(`波次 ${sowing.waveNo} 的订单里没有 6900000000000，请把商品拿出来`).waitFor();
    await expect(lit().count()).resolves.toBe(0);
    expect(await textOf('sowing-progress')).toBe('已满 0 / 2 格 · 已播 1 / 4 件');
    await slotShows(1, '1 / 2', '播种中');
    await expectFocus(SCAN_BOX);

    // the lid completes slot 1: ready to pack
    await keyIn(station, LID.barcode);
    await station.getByTestId('sowing-ready').getByText('可打包').waitFor();
    expect(await textOf('sowing-lit-slot')).toBe('1 号格');
    expect(await lit().getByTestId('sowing-slot-state').textContent()).toBe('已满');
    expect(await textOf('sowing-progress')).toBe('已满 1 / 2 格 · 已播 2 / 4 件');
    await slotShows(1, '2 / 2', '已满');

    await keyIn(station, LID.code);
    await expect.poll(() => textOf('sowing-lit-slot')).toBe('2 号格');
    expect(await textOf('sowing-lit-count')).toBe('已播 1 / 应播 2');
    await expect(station.getByTestId('sowing-ready').count()).resolves.toBe(0);
    await keyIn(station, LID.barcode);
    await station.getByText('播种完成', { exact: true }).waitFor();
    await station.getByTestId('sowing-ready').waitFor();
    expect(await textOf('sowing-progress')).toBe('已满 2 / 2 格 · 已播 4 / 4 件');
    await slotShows(2, '2 / 2', '已满');
    await expectFocus(SCAN_BOX);
    await expectNoRawCodes(['wrong_item', 'full', 'sowing', 'null', 'undefined']);

    const wall = await e2e.api('GET', `/api/v1/waves/${sowing.id}/sowing`);
    expect(wall.progress).toEqual({ units: 4, sown: 4, slots: 2, full: 2 });

    // the wave's page shows the wall's progress
    await station.goto(`${e2e.baseUrl}/fulfillment/waves/${sowing.id}`);
    await expect.poll(() => textOf('sow-progress')).toBe('已满 2 / 2 格 · 已播 4 / 4 件');
  });

  it('refuses a single-item wave and an unknown number, and an intercepted order\'s item turns the panel red with the 回库 hint', async () => {
    const single = await wave('single', [await order([CUP, 1])]);
    await open();
    await keyIn(station, single.waveNo);
    await feedback('error', `波次 ${single.waveNo} 不是多件波次，没有播种墙`).waitFor();
    await station.getByText('请扫描波次号', { exact: true }).waitFor();
    await keyIn(station, 'BC209901010001');
    await feedback('error', '波次号 BC209901010001 不存在').waitFor();
    await expectFocus(SCAN_BOX);

    const cancelled = await order([CUP, 2]);
    const sowing = await wave('multi', [cancelled]);
    await pickAll(sowing.id, [['A-01', CUP, 2]]);
    await keyIn(station, sowing.waveNo);
    await feedback('success', `波次 ${sowing.waveNo}：1 格，还需播 2 件，请扫描商品`).waitFor();
    await keyIn(station, CUP.barcode);
    await expect.poll(() => textOf('sowing-lit-count')).toBe('已播 1 / 应播 2');

    await e2e.api('POST', `/api/v1/orders/${cancelled.id}/cancel`, { reason: '买家不要了' });
    await keyIn(station, CUP.barcode);
    await refused().getByText('拦截', { exact: true }).waitFor();
    await refused().getByText(`${CUP.code} 只有已拦截的订单 ${cancelled.orderNo}（1 号格）还要：请放到一边，等回库`).waitFor();
    await refused().getByText('订单已拦截：这件放到一边，到「回库」扫描该订单的发货单，放回库位').waitFor();
    await slotShows(1, '1 / 2', '已拦截');
    await expectFocus(SCAN_BOX);
    await expectNoRawCodes(['intercepted', 'not_multi_wave']);
  });
});
