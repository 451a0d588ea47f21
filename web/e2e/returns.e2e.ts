import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cupAndLid, floorOrders, openFloor, stationChecks, type Floor } from './floor';
import { keyIn, startE2E, uniqueCode, type E2E } from './harness';

let e2e: E2E;
let station: Page;
const { CUP, LID } = cupAndLid('694');
const FLOOR: Floor = {
  warehouse: { code: 'WH-RT', name: '退货测试仓', bins: [{ code: 'R-01', walkOrder: 1 }] },
  shop: { code: 'TM-RT', name: '退货旗舰店' },
  user: { username: 'returns1', password: 'returns-pass-1', displayName: '退货员小周', roles: ['warehouse'] },
  stock: [
    [CUP, 'R-01'],
    [LID, 'R-01'],
  ],
  buyer: { nick: 'rt_buyer', phone: '1376661' },
};
const floor = floorOrders(() => e2e, FLOOR);
const { expectFocus, feedback, textOf } = stationChecks(() => station);
const RETURN_WAYBILL = 'SF1400000000123';
let shipments = 0;

/** Two cups and a lid (10.00 each) packed and shipped by 中通, a quality case about all three, and the return offered with the buyer's waybill. */
async function awaitedReturn(returnTrackingNo?: string) {
  const order = await floor.order([CUP, 2], [LID, 1]);
  await floor.wave('multi', [order]);
  const session = await e2e.api('POST', '/api/v1/packing/sessions', { scan: order.orderNo });
  for (const barcode of [CUP.barcode, CUP.barcode, LID.barcode]) await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/scans`, { barcode });
  const parcel = await e2e.api('POST', `/api/v1/packing/sessions/${session.id}/complete`);
  await e2e.api('POST', `/api/v1/parcels/${parcel.id}/weigh`, { grams: parcel.expectedGrams });
  await e2e.api('POST', `/api/v1/parcels/${parcel.id}/ship`, { carrier: 'ZTO', trackingNo: `77400000030${++shipments}` });
  const opened = await e2e.api('POST', '/api/v1/aftersales/cases', {
    orderId: order.id,
    type: 'quality',
    reason: '杯子漏水',
    lines: [
      { skuCode: CUP.code, quantity: 2 },
      { skuCode: LID.code, quantity: 1 },
    ],
  });
  await e2e.api('POST', `/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'return', note: '请寄回，运费我们出', returnTrackingNo });
  return opened as { id: number; caseNo: string };
}

const movements = async (sku: { code: string }) =>
  ((await e2e.api('GET', `/api/v1/inventory/movements?skuCode=${sku.code}&pageSize=100`)).items as { reason: string; onHandDelta: number; refId: string | null }[]).map((m) => [m.reason, m.onHandDelta, m.refId]);

beforeAll(async () => {
  e2e = await startE2E();
  station = await openFloor(e2e, FLOOR);
});
afterAll(() => e2e?.close());

describe('退货签收 (return receipt)', () => {
  it('finds the case by the return waybill, counts the items scanned, refuses one not in the case, marks one 次品, signs and shows what is owed; the ledger restocks', async () => {
    const c = await awaitedReturn(RETURN_WAYBILL);
    await station.goto(`${e2e.baseUrl}/aftersales/returns`);
    await station.getByText('等待退货包裹', { exact: true }).waitFor();
    await expectFocus('returns-scan');
    await station.getByTestId('returns-awaiting').getByText(c.caseNo).waitFor();

    await keyIn(station, RETURN_WAYBILL.toLowerCase());
    await feedback('success', `售后单 ${c.caseNo}：应退回 3 件`).waitFor();
    expect(await textOf('returns-case-no')).toBe(c.caseNo);

    await keyIn(station, CUP.barcode);
    await feedback('success', `${CUP.code} 不锈钢保温杯：已扫 1 / 2`).waitFor();
    const stranger = uniqueCode('6949');
    await keyIn(station, stranger);
    await feedback('error', `条码 ${stranger} 不在售后单 ${c.caseNo} 里`).waitFor();
    await keyIn(station, LID.barcode);
    await feedback('success', `${LID.code} 不锈钢保温杯：已扫 1 / 1`).waitFor();
    await keyIn(station, CUP.barcode);
    await feedback('success', `${CUP.code} 不锈钢保温杯：已扫 2 / 2`).waitFor();
    await keyIn(station, CUP.barcode);
    await feedback('error', `${CUP.code} 应退回 2 件，已扫够了`).waitFor();
    // the second cup leaks: 次品
    await station.keyboard.press('F2');
    await feedback('success', `刚扫的 ${CUP.code} 标为次品`).waitFor();
    expect(await textOf(`returns-defective-${CUP.code}`)).toBe('1');
    expect(await textOf('returns-progress')).toBe('已扫 3 / 3 件');
    await expectFocus('returns-scan');

    // Enter on the empty box signs: nothing short, so no question
    await station.keyboard.press('Control+A');
    await station.keyboard.press('Backspace');
    await station.keyboard.press('Enter');
    await feedback('success', `已签收售后单 ${c.caseNo}：入库 2 件，次品 1 件，应退 ¥30.00`).waitFor();
    const settlement = station.getByTestId('returns-settlement');
    await settlement.getByText('¥30.00').first().waitFor();
    await expectFocus('returns-scan');

    // the same waybill again finds nothing left to receive
    await keyIn(station, RETURN_WAYBILL);
    await feedback('error', `售后单 ${c.caseNo} 现在是「处理中」，不是待退回，不能签收`).waitFor();

    // newest first: both cups came back on hand, then the leaking one left it as defective
    expect((await movements(CUP)).filter(([, , ref]) => ref === c.caseNo)).toEqual([
      ['defective', -1, c.caseNo],
      ['return_restock', 2, c.caseNo],
    ]);
    expect((await movements(LID)).filter(([, , ref]) => ref === c.caseNo)).toEqual([['return_restock', 1, c.caseNo]]);
    const received = await e2e.api('GET', `/api/v1/aftersales/cases/${c.id}`);
    expect(received).toMatchObject({ status: 'open', settlement: { amount: 3_000 }, returnTrackingNo: RETURN_WAYBILL });
  });

  it('asks before signing a short return, by the last 6 digits of the order number, and names what is short', async () => {
    const c = await awaitedReturn();
    const { orderNo } = await e2e.api('GET', `/api/v1/aftersales/cases/${c.id}`);
    await station.goto(`${e2e.baseUrl}/aftersales/returns`);
    await station.getByText('等待退货包裹', { exact: true }).waitFor();
    await expectFocus('returns-scan');
    await keyIn(station, (orderNo as string).slice(-6));
    await feedback('success', `售后单 ${c.caseNo}：应退回 3 件`).waitFor();
    await keyIn(station, CUP.barcode);
    await feedback('success', `${CUP.code} 不锈钢保温杯：已扫 1 / 2`).waitFor();
    await station.keyboard.press('F9');
    const confirm = station.locator('.ant-modal-confirm');
    await confirm.locator('.ant-modal-confirm-title', { hasText: '还少 2 件，确定签收？' }).waitFor();
    await confirm.getByText(`${CUP.code} 不锈钢保温杯 × 1，${LID.code} 不锈钢保温杯 × 1`, { exact: false }).waitFor();
    await station.keyboard.press('Enter');
    await feedback('success', `已签收售后单 ${c.caseNo}：入库 1 件，次品 0 件，应退 ¥10.00`).waitFor();
    await expectFocus('returns-scan');
    const received = await e2e.api('GET', `/api/v1/aftersales/cases/${c.id}`);
    const missing = [
      { skuCode: CUP.code, quantity: 1 },
      { skuCode: LID.code, quantity: 1 },
    ];
    expect(received.events.find((e: { action: string }) => e.action === 'aftersales_case.receive').after.missing).toEqual(missing);
    // what did not come back is claimed from the carrier
    expect(received.claims).toMatchObject([{ kind: 'shortfall', status: 'open', automatic: true }]);
  });
});
