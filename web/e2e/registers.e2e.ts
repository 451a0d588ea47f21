import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, COAT, CS, setUpDesk, shippedOrder } from './aftersalesDesk';
import { cellUnder, signInAs, startE2E, typeOver, type E2E } from './harness';

let e2e: E2E;
/** The shop's day (Asia/Shanghai): the registers count days in the shop's time zone. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const cases: { returned: { id: number; caseNo: string }; waiting: { id: number; caseNo: string }; exchange: { id: number; caseNo: string } } = {} as never;

beforeAll(async () => {
  e2e = await startE2E();
  await setUpDesk(e2e);
  const open = async (type: string, reason: string) => {
    const order = await shippedOrder(e2e);
    return (await e2e.api('POST', '/api/v1/aftersales/cases', { orderId: order.id, type, reason, lines: [{ skuCode: COAT.code, quantity: 1 }] })) as { id: number; caseNo: string };
  };
  // two returns for the size, one exchange for the colour: the size is two thirds of the reasons
  cases.returned = await open('return_refund', '尺码偏大');
  cases.waiting = await open('return_refund', '尺码偏大');
  cases.exchange = await open('exchange', '颜色不喜欢');
  await e2e.api('POST', `/api/v1/aftersales/cases/${cases.returned.id}/propose`, { solution: 'return', note: '请寄回' });
  await e2e.api('POST', `/api/v1/aftersales/cases/${cases.returned.id}/receive`, { lines: [{ skuCode: COAT.code, quantity: 1, condition: 'resellable' }] });
  await e2e.api('POST', `/api/v1/aftersales/cases/${cases.returned.id}/refund`, { amount: 80_000, reason: '退货退款' });
  await e2e.api('POST', `/api/v1/aftersales/cases/${cases.exchange.id}/refund`, { amount: 5_000, reason: '换货补偿运费' });
  e2e.page.setDefaultTimeout(10_000);
  await signInAs(e2e, CS.username, CS.password);
});
afterAll(() => e2e?.close());

/** Clicks 导出 Excel, checks the file's name and reads its one sheet back. */
async function exportedSheet(page: Page, fileName: string): Promise<ExcelJS.Worksheet> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
  expect(file.suggestedFilename()).toBe(fileName);
  await page.getByText(`已导出 ${fileName}`).waitFor();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await file.path());
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0]!;
}

/** A sheet's rows as objects keyed by its header row. */
function rowsOf(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return rows;
}

const text = async (page: Page, rowText: RegExp, header: string) => (await cellUnder(page.getByRole('row', { name: rowText }), header)).textContent();

describe('after-sales registers (报表)', () => {
  it('售后登记 lists the day’s open cases with what was refunded, the date typed into its picker kept in the address bar, and exports them', async () => {
    const { page } = e2e;
    await page.getByRole('menuitem', { name: '售后登记' }).click();
    const date = page.getByLabel('日期');
    await typeOver(date, today);
    await page.keyboard.press('Enter');
    await button(page, '搜索').click();
    await page.waitForURL(new RegExp(`date=${today}`));
    for (const c of Object.values(cases)) await page.getByRole('row', { name: new RegExp(c.caseNo) }).waitFor();
    const returned = new RegExp(cases.returned.caseNo);
    expect(await text(page, returned, '售后类型')).toBe('退货退款');
    expect(await text(page, returned, '状态')).toBe('处理中');
    expect(await text(page, returned, '已退款（元）')).toBe('¥800.00');
    expect(await text(page, new RegExp(cases.exchange.caseNo), '售后类型')).toBe('换货');

    const rows = rowsOf(await exportedSheet(page, `售后登记_${today}.xlsx`));
    expect(Object.keys(rows[0]!)).toEqual(['售后单号', '登记时间', '订单号', '店铺', '类型', '原因', '状态', '负责人', '处理时限', '是否超时', '方案', '已退款(元)', '完结时间']);
    expect(rows.find((r) => r['售后单号'] === cases.returned.caseNo)).toMatchObject({ 类型: '退货退款', 原因: '尺码偏大', 状态: '处理中', 方案: '退货退款', '已退款(元)': 800 });
  });

  it('退货登记表 shows what the warehouse signed for and exports it', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.baseUrl}/reports/returns?from=${today}&to=${today}`);
    const row = new RegExp(cases.returned.caseNo);
    await page.getByRole('row', { name: row }).waitFor();
    expect(await text(page, row, '货号')).toBe(COAT.code);
    expect(await text(page, row, '数量')).toBe('1');
    expect(await text(page, row, '货品状态')).toBe('可二次销售');
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);

    const rows = rowsOf(await exportedSheet(page, `退货登记表_${today}_${today}.xlsx`));
    expect(rows.filter((r) => r['售后单号'])).toEqual([expect.objectContaining({ 售后单号: cases.returned.caseNo, 货号: COAT.code, 规格: COAT.spec, 数量: 1, 货品状态: '可二次销售' })]);
  });

  it('退货原因汇总表 ranks the reasons with their share by week, then by month at a click, and exports them', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.baseUrl}/reports/return-reasons?from=${today}&to=${today}`);
    const size = /尺码偏大/;
    await page.getByRole('row', { name: size }).waitFor();
    expect(await text(page, size, '单数')).toBe('2');
    expect(await text(page, size, '占比')).toBe('66.7%');
    expect(await text(page, /颜色不喜欢/, '占比')).toBe('33.3%');
    expect(await text(page, size, '周')).toMatch(/^\d{4} 年第 \d+ 周$/);

    await page.getByText('按月').click();
    await button(page, '搜索').click();
    await page.waitForURL(/groupBy=month/);
    await page.getByRole('columnheader', { name: '月份' }).waitFor();
    // the header changes with the setting, the rows when the month's reply has come
    await expect.poll(() => text(page, size, '月份')).toBe(today.slice(0, 7));

    const rows = rowsOf(await exportedSheet(page, `退货原因汇总表_${today}_${today}.xlsx`));
    expect(rows.filter((r) => r['退货原因'])).toEqual([
      { 月份: today.slice(0, 7), 退货原因: '尺码偏大', '件数(单)': 2, 占比: '66.7%' },
      { 月份: today.slice(0, 7), 退货原因: '颜色不喜欢', '件数(单)': 1, 占比: '33.3%' },
    ]);
  });

  it('每日退款统计 sums the day’s refunds by reason with the total, and exports them', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.baseUrl}/reports/refunds?from=${today}&to=${today}`);
    await page.getByRole('row', { name: /退货退款/ }).waitFor();
    expect(await text(page, /退货退款/, '退款金额（元）')).toBe('¥800.00');
    expect(await text(page, /换货补偿运费/, '退款金额（元）')).toBe('¥50.00');
    expect(await text(page, /换货补偿运费/, '日期')).toBe(today);
    expect(await page.getByTestId('refund-total').textContent()).toBe('合计退款 2 笔，¥850.00');

    const rows = rowsOf(await exportedSheet(page, `每日退款统计_${today}_${today}.xlsx`));
    const refunds = rows.filter((r) => r['退款原因']);
    expect(refunds).toHaveLength(2);
    expect(refunds).toContainEqual({ 日期: today, 退款原因: '退货退款', 笔数: 1, '退款金额(元)': 800 });
    expect(refunds).toContainEqual({ 日期: today, 退款原因: '换货补偿运费', 笔数: 1, '退款金额(元)': 50 });
  });
});
