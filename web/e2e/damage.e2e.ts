import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, COAT, CS, dialog, PHOTO, setUpDesk, shippedOrder } from './aftersalesDesk';
import { cellUnder, pick, signInAs, startE2E, typeInto, typeOver, type E2E } from './harness';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
  await setUpDesk(e2e);
});
afterAll(() => e2e?.close());

describe('运输破损 (transport damage)', () => {
  it('customer service opens a minor damage case with the photo, the 退款 form offers 10 % of what the coat was paid, and the refund lands in the ledger; the open case is on the agent’s 工作台', async () => {
    const order = await shippedOrder(e2e);
    const { page } = e2e;
    page.setDefaultTimeout(10_000);
    await signInAs(e2e, CS.username, CS.password);

    await page.goto(`${e2e.baseUrl}/orders/${order.id}`);
    await button(page, '申请售后').click();
    const form = dialog(page);
    await pick(form.getByLabel('售后类型'), '运输破损');
    await typeInto(form.getByLabel('售后原因'), '外箱压扁，大衣纽扣碎了一颗');
    await typeOver(form.getByLabel(`${COAT.code} 数量`), '1');
    await pick(form.getByLabel('破损程度'), '轻微');
    // the buyer's photo, chosen as from the file dialog, then what it shows
    await form.locator('input[type=file]').setInputFiles({ name: '破损.png', mimeType: 'image/png', buffer: PHOTO });
    await form.getByText('破损.png').waitFor();
    await typeInto(form.getByLabel('凭证说明 1'), '买家拍的外箱和纽扣');
    await form.locator('.ant-modal-footer button.ant-btn-primary').click();

    const heading = page.getByRole('heading', { name: /^售后单 SH\d+/ });
    await heading.waitFor();
    const caseNo = (await heading.textContent())!.replace('售后单 ', '');
    const main = page.locator('main');
    await main.getByText('运输破损').first().waitFor();
    await main.locator('.ant-descriptions-item', { hasText: '破损程度' }).getByText('轻微').waitFor();
    const photo = page.getByTestId('case-evidence').getByRole('img', { name: '破损.png' });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    // 10 % of the 800.00 paid for the damaged coat
    await button(main, '退款').click();
    const refund = dialog(page);
    expect(await refund.getByLabel('退款金额').inputValue()).toBe('80.00');
    await typeInto(refund.getByLabel('退款原因'), '轻微破损补偿');
    await button(refund, '退款').click();
    await page.locator('.ant-message-success', { hasText: '已退款 ¥80.00' }).waitFor();

    const ledger = page.getByTestId('order-refunds');
    // rows are found from the page: cellUnder finds the table holding them
    const row = page.getByRole('row', { name: new RegExp(`${caseNo}.*¥80\\.00`) });
    await row.waitFor();
    expect(await (await cellUnder(row, '金额')).textContent()).toBe('¥80.00');
    expect(await (await cellUnder(row, '退款原因')).textContent()).toBe('轻微破损补偿');
    expect(await (await cellUnder(row, '经办人')).textContent()).toBe(CS.displayName);
    expect(await ledger.locator('.ant-descriptions').innerText()).toMatch(/已付\s*¥800\.00\s*已退\s*¥80\.00\s*还可退\s*¥720\.00/);
    expect((await e2e.api('GET', `/api/v1/orders/${order.id}/refunds`)).refunded).toBe(8_000);

    // the case stays open with the agent: 工作台 counts it among their open cases and opens that list
    await page.goto(`${e2e.baseUrl}/`);
    const mine = page.getByRole('link', { name: '我处理中的售后单' });
    await expect.poll(() => mine.locator('.ant-statistic-content').textContent()).toBe('1');
    await mine.click();
    await page.waitForURL(/\/aftersales\?tab=mine&progress=open/);
    await page.getByRole('row', { name: new RegExp(caseNo) }).waitFor();
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);
  });
});
