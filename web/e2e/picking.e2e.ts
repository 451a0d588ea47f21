import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cupAndLid, floorOrders, openFloor, stationChecks, type Floor, type FloorOrder } from './floor';
import { keyIn, startE2E, type E2E } from './harness';

let e2e: E2E;
/** The picker's page, worked from the keyboard alone once it is open. */
let station: Page;
const { CUP, LID } = cupAndLid('692');
/** A route through C-01, then A-01; Z-99 is a bin of the warehouse no SKU of these waves lies in. A cup lies in C-01, its lid in A-01. */
const FLOOR: Floor = {
  warehouse: { code: 'WH-PICK', name: '配货测试仓', bins: [{ code: 'C-01', walkOrder: 1 }, { code: 'A-01', walkOrder: 2 }, { code: 'Z-99', walkOrder: 3 }] },
  shop: { code: 'TM-PICK', name: '配货旗舰店' },
  user: { username: 'picker1', password: 'picker-pass-1', displayName: '配货员小王', roles: ['warehouse'] },
  stock: [
    [CUP, 'C-01'],
    [LID, 'A-01'],
  ],
  buyer: { nick: 'pick_buyer', phone: '1374444' },
};
const SCAN_BOX = 'picking-scan';

interface Wave {
  id: number;
  waveNo: string;
  orders: FloorOrder[];
}

const floor = floorOrders(() => e2e, FLOOR);
/** An approved order of these SKU quantities (two units at least: a multi-item wave takes it). */
const order = floor.order;
/** A multi-item wave of the shop's approved orders. */
const wave = (orders: FloorOrder[]) => floor.wave<Wave>('multi', orders);

const { expectFocus, feedback, textOf, expectNoRawCodes } = stationChecks(() => station);

/** Opens a screen from the address bar; from here on only keys. */
async function open(path: string, waiting: string, scanBox: string) {
  await station.goto(e2e.baseUrl + path);
  await station.getByText(waiting, { exact: true }).waitFor();
  await expectFocus(scanBox);
}

beforeAll(async () => {
  e2e = await startE2E();
  station = await openFloor(e2e, FLOOR);
});
afterAll(() => e2e?.close());

describe('配货 (pick confirmation)', () => {
  it('picks a wave along its route with the keyboard alone, bin first then items, refusing a wrong item in red', async () => {
    const first = await order([CUP, 1], [LID, 2]);
    const second = await order([LID, 2]);
    const picking = await wave([first, second]);

    await open('/fulfillment/picking', '请扫描波次号', SCAN_BOX);
    await keyIn(station, picking.waveNo);
    await feedback('success', `波次 ${picking.waveNo}：还需拣 5 件，请到库位 C-01 扫描库位`).waitFor();
    expect(await textOf('picking-progress')).toBe('已拣 0 / 5 件');
    expect(await textOf('round-stop-bin')).toBe('C-01');
    await station.getByText('按 F8：报缺货（库位里的货不够）').waitFor();
    await expectFocus(SCAN_BOX);

    await keyIn(station, 'C-01');
    await feedback('success', `库位 C-01：请拣 ${CUP.code} 1 件`).waitFor();
    await station.getByTestId('round-stop').getByText('应拣 1 / 已拣 0').waitFor();

    // the lid is not taken here: red, in the server's words, the focus kept for the next scan
    await keyIn(station, LID.barcode);
    await feedback('error', `${LID.barcode} 不是库位 C-01要拣的商品（这里拣 ${CUP.code}），请放回`).waitFor();
    await expectFocus(SCAN_BOX);
    expect(await textOf('picking-progress')).toBe('已拣 0 / 5 件');

    await keyIn(station, CUP.barcode);
    await feedback('success', `${CUP.code} 不锈钢保温杯：应拣 1 / 已拣 1；本库位拣完，请到库位 A-01 扫描库位`).waitFor();
    expect(await textOf('picking-progress')).toBe('已拣 1 / 5 件');

    // a scanner may send the bin in lower case
    await keyIn(station, 'a-01');
    await feedback('success', `库位 A-01：请拣 ${LID.code} 4 件`).waitFor();
    expect(await textOf('round-stop-bin')).toBe('A-01');
    await keyIn(station, LID.barcode);
    await keyIn(station, LID.code);
    await feedback('success', `${LID.code} 不锈钢保温杯：应拣 4 / 已拣 2`).waitFor();
    await keyIn(station, LID.barcode);
    await keyIn(station, LID.barcode);
    await feedback('success', `波次 ${picking.waveNo} 配货完成`).waitFor();
    await station.getByText('配货完成', { exact: true }).waitFor();
    expect(await textOf('picking-progress')).toBe('已拣 5 / 5 件');
    await expectFocus(SCAN_BOX);
    await expectNoRawCodes(['picking', 'picked', 'wrong_item', 'null']);

    const list = await e2e.api('GET', `/api/v1/waves/${picking.id}/pick-list`);
    expect(list).toMatchObject({ units: 5, picked: 5, wave: { status: 'picked' } });

    // the wave picked, the next scan chooses the next wave: the same one says it is picked
    await keyIn(station, picking.waveNo);
    await feedback('success', `波次 ${picking.waveNo} 已拣完，不用再配货`).waitFor();
  });

  it('reports a bin found short with F8: a dialog asks what is really there, then confirms, and the last order goes back to review', async () => {
    const stays = await order([LID, 2]);
    const leaves = await order([LID, 2]);
    const picking = await wave([stays, leaves]);

    await open('/fulfillment/picking', '请扫描波次号', SCAN_BOX);
    await keyIn(station, picking.waveNo);
    await feedback('success', `波次 ${picking.waveNo}：还需拣 4 件，请到库位 A-01 扫描库位`).waitFor();
    // location first: no short pick before the bin is scanned
    await station.keyboard.press('F8');
    await feedback('error', '请先扫描库位，再按 F8 报缺货').waitFor();
    await expectFocus(SCAN_BOX);

    await keyIn(station, 'A-01');
    await keyIn(station, LID.barcode);
    await feedback('success', `${LID.code} 不锈钢保温杯：应拣 4 / 已拣 1`).waitFor();

    // only one more lid in the bin: three were needed
    await station.keyboard.press('F8');
    const dialog = station.getByRole('dialog');
    await dialog.getByText('报缺货：库位 A-01').waitFor();
    await dialog.getByText(`${LID.code} 不锈钢保温杯 ${LID.spec}：还需拣 3 件`).waitFor();
    await expectFocus('short-pick-found');
    await keyIn(station, '1');
    await dialog.getByText('确认：库位 A-01的 ' + `${LID.code} 还需拣 3 件，只找到 1 件。将记录库存差异，拣不齐的订单退回审单。`).waitFor();
    await station.keyboard.press('Enter');
    await feedback('success', `已报缺货：${LID.code} 应有 3 件，实有 1 件，已记录库存差异；退回审单的订单：${leaves.orderNo}`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expectFocus(SCAN_BOX);
    await expect.poll(() => textOf('picking-progress')).toBe('已拣 1 / 2 件');

    const sentBack = await e2e.api('GET', `/api/v1/orders/${leaves.id}`);
    expect(sentBack).toMatchObject({ status: 'on_hold', holdReasons: [{ rule: 'short_pick' }] });
    expect((await e2e.api('GET', `/api/v1/orders/${stays.id}`)).status).toBe('in_fulfillment');
    const discrepancies = await e2e.api('GET', `/api/v1/inventory/discrepancies?skuCode=${LID.code}`);
    expect(discrepancies.items).toEqual([expect.objectContaining({ binCode: 'A-01', expected: 3, found: 1, refId: picking.waveNo })]);

    // the order that stays is served from what is left
    await keyIn(station, LID.barcode);
    await feedback('success', `波次 ${picking.waveNo} 配货完成`).waitFor();
  });
});

describe('回库 (return to shelf)', () => {
  it('puts an intercepted order\'s picked items back bin by bin from its slip, refusing what does not belong in red', async () => {
    const cancelled = await order([CUP, 1], [LID, 1]);
    const picking = await wave([cancelled]);
    for (const [binCode, barcode] of [
      ['C-01', CUP.barcode],
      ['A-01', LID.barcode],
    ]) {
      await e2e.api('POST', `/api/v1/waves/${picking.id}/picks`, { binCode });
      await e2e.api('POST', `/api/v1/waves/${picking.id}/picks`, { binCode, barcode });
    }
    await e2e.api('POST', `/api/v1/orders/${cancelled.id}/cancel`, { reason: '买家不要了' });

    await open('/fulfillment/shelving', '请扫描发货单', 'shelving-scan');
    await keyIn(station, cancelled.orderNo);
    await feedback('success', `订单 ${cancelled.orderNo}：共 2 件要放回，请到库位 C-01 扫描库位`).waitFor();
    expect(await textOf('shelving-order-no')).toBe(cancelled.orderNo);
    expect(await textOf('shelving-progress')).toBe('已放回 0 / 2 件');

    // an item before its bin, then at the wrong bin: red, in the server's words
    await keyIn(station, LID.barcode);
    await feedback('error', `没有扫描库位：订单 ${cancelled.orderNo} 没有要放回这里的商品`).waitFor();
    await expectFocus('shelving-scan');
    await keyIn(station, 'C-01');
    await feedback('success', `库位 C-01：请放回 ${CUP.code} 1 件`).waitFor();
    await keyIn(station, LID.barcode);
    await feedback('error', `${LID.barcode} 不是要放回这里的商品（这里放 ${CUP.code}）`).waitFor();

    await keyIn(station, CUP.barcode);
    await feedback('success', `${CUP.code} 不锈钢保温杯：应放 1 / 已放 1；本库位放完，请到库位 A-01 扫描库位`).waitFor();
    await keyIn(station, 'A-01');
    await keyIn(station, LID.barcode);
    await feedback('success', `订单 ${cancelled.orderNo} 回库完成`).waitFor();
    await station.getByText('回库完成', { exact: true }).waitFor();
    expect(await textOf('shelving-progress')).toBe('已放回 2 / 2 件');
    await expectFocus('shelving-scan');
    await expectNoRawCodes(['wrong_bin', 'wrong_item', 'done', 'null']);

    // the same slip again: it is back already
    await keyIn(station, cancelled.orderNo);
    await feedback('error', `订单 ${cancelled.orderNo} 的商品已经回库`).waitFor();

    // the order's timeline says it in words
    await station.goto(`${e2e.baseUrl}/orders/${cancelled.id}`);
    await station.getByText('拦截订单商品回库', { exact: true }).waitFor();
  });
});
