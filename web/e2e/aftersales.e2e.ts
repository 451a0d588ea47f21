import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, COAT, CS, dialog, PHOTO, setUpDesk, shippedOrder, SUPERVISOR, unshippedOrder } from './aftersalesDesk';
import { cellUnder, pick, signInAs, startE2E, typeInto, typeOver, type E2E } from './harness';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
  await setUpDesk(e2e);
});
afterAll(() => e2e?.close());

describe('售后 (after-sales)', () => {
  it('opens a case with a photo on a shipped order, a refund past 500 元 waits for the supervisor, who approves it from 待审批 and the ledger shows it', async () => {
    const order = await shippedOrder(e2e);
    const { page } = e2e;
    page.setDefaultTimeout(10_000);
    await signInAs(e2e, CS.username, CS.password);

    // 申请售后 on the order: refund only is refused once shipped, in the server's words
    await page.goto(`${e2e.baseUrl}/orders/${order.id}`);
    await button(page, '申请售后').click();
    const form = dialog(page);
    const submit = form.locator('.ant-modal-footer button.ant-btn-primary');
    await pick(form.getByLabel('售后类型'), '仅退款');
    await typeInto(form.getByLabel('售后原因'), '买家说大衣有破洞');
    await submit.click();
    await form.getByText(`订单 ${order.orderNo} 已发货，不能仅退款`).waitFor();

    // as a quality case about the one coat it opens, and the case page shows it
    await pick(form.getByLabel('售后类型'), '质量问题');
    await typeOver(form.getByLabel(`${COAT.code} 数量`), '1');
    // the buyer's photo, chosen as from the file dialog, then what it shows
    await form.locator('input[type=file]').setInputFiles({ name: '袖口.png', mimeType: 'image/png', buffer: PHOTO });
    await form.getByText('袖口.png').waitFor();
    await typeInto(form.getByLabel('凭证说明 1'), '买家聊天：左袖口有 2 厘米破洞');
    await submit.click();
    await page.getByRole('heading', { name: /^售后单 SH\d+/ }).waitFor();
    const main = page.locator('main');
    await main.getByText('质量问题').first().waitFor();
    const evidence = page.getByTestId('case-evidence');
    await evidence.getByText('买家聊天：左袖口有 2 厘米破洞').waitFor();
    const photo = evidence.getByRole('img', { name: '袖口.png' });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    // rows are found from the page: cellUnder finds the table holding them
    const line = page.getByRole('row', { name: new RegExp(`^${COAT.code}.*¥`) });
    await line.waitFor();
    expect(await (await cellUnder(line, '规格')).textContent()).toBe(COAT.spec);
    expect(await (await cellUnder(line, '单价')).textContent()).toBe('¥800.00');
    const caseNo = (await page.getByRole('heading', { name: /^售后单 SH\d+/ }).textContent())!.replace('售后单 ', '');

    // 600 元 is beyond customer service's 500 元: a warning, and the case waits for the supervisor
    await button(page, '退款').click();
    const refund = dialog(page);
    await typeInto(refund.getByLabel('退款金额'), '600');
    await typeInto(refund.getByLabel('退款原因'), '质量问题，买家保留大衣');
    await button(refund, '退款').click();
    await page.locator('.ant-message-warning', { hasText: '超过客服权限 500.00 元，已提交主管审批' }).waitFor();
    await main.locator('.ant-alert-warning', { hasText: '待主管审批' }).waitFor();
    await main.locator('.ant-tag', { hasText: '待主管审批' }).waitFor();
    await main.getByText('退款超出客服权限，提交主管审批').waitFor();
    expect(await button(main, '退款').count()).toBe(0);

    // the supervisor finds it under 待审批 and approves the amount asked
    const boss = await e2e.freshPage();
    boss.setDefaultTimeout(10_000);
    await signInAs(e2e, SUPERVISOR.username, SUPERVISOR.password, boss);
    await boss.getByRole('menuitem', { name: '售后工作台' }).click();
    await boss.getByRole('tab', { name: '待审批' }).click();
    const row = boss.getByRole('row', { name: new RegExp(caseNo) });
    await row.waitFor();
    expect(await (await cellUnder(row, '订单号')).textContent()).toBe(order.orderNo);
    expect(await (await cellUnder(row, '状态')).textContent()).toContain('待主管审批');
    expect(await (await cellUnder(row, '售后类型')).textContent()).toBe('质量问题');
    await row.getByRole('link', { name: caseNo }).click();
    await button(boss, '批准').click();
    const approve = dialog(boss);
    expect(await approve.getByLabel('批准金额').inputValue()).toBe('600.00');
    await button(approve, '批准').click();
    await boss.locator('.ant-message-success', { hasText: '已批准，退款 ¥600.00' }).waitFor();

    // the order's ledger: the refund, who approved it, what is left
    const ledger = boss.getByTestId('order-refunds');
    const refunded = boss.getByRole('row', { name: new RegExp(`${caseNo}.*¥600\\.00`) });
    await refunded.waitFor();
    expect(await (await cellUnder(refunded, '金额')).textContent()).toBe('¥600.00');
    // the ledger names who asked for the refund and who approved it
    expect(await (await cellUnder(refunded, '经办人')).textContent()).toBe(CS.displayName);
    expect(await (await cellUnder(refunded, '审批人')).textContent()).toBe(SUPERVISOR.displayName);
    expect(await ledger.locator('.ant-descriptions').innerText()).toMatch(/已付\s*¥800\.00\s*已退\s*¥600\.00\s*还可退\s*¥200\.00/);
    await boss.locator('main .ant-tag', { hasText: '处理中' }).waitFor();
    await boss.locator('main').getByText('主管批准退款').waitFor();
  });

  it('shows what a received return is worth and offers it as the refund', async () => {
    const order = await shippedOrder(e2e);
    const opened = await e2e.api('POST', '/api/v1/aftersales/cases', { orderId: order.id, type: 'return_refund', reason: '尺码偏大', lines: [{ skuCode: COAT.code, quantity: 1 }] });
    await e2e.api('POST', `/api/v1/aftersales/cases/${opened.id}/propose`, { solution: 'return', note: '买家寄回后退款' });
    await e2e.api('POST', `/api/v1/aftersales/cases/${opened.id}/receive`, { lines: [{ skuCode: COAT.code, quantity: 1, condition: 'resellable' }] });
    const { page } = e2e;
    await page.goto(`${e2e.baseUrl}/aftersales/${opened.id}`);
    await page.locator('main').getByText('¥800.00（商品 ¥800.00 + 运费 ¥0.00 + 垫付退货运费 ¥0.00）').waitFor();
    const line = page.getByRole('row', { name: new RegExp(`^${COAT.code}.*¥`) });
    await line.waitFor();
    expect(await (await cellUnder(line, '已退回')).textContent()).toBe('1');
    await button(page.locator('main'), '退款').click();
    expect(await dialog(page).getByLabel('退款金额').inputValue()).toBe('800.00');
  });

  it('says before a full 仅退款 of an unshipped order is confirmed that the order will be cancelled and closed, then closes it', async () => {
    const order = await unshippedOrder(e2e);
    const opened = (await e2e.api('POST', '/api/v1/aftersales/cases', { orderId: order.id, type: 'refund_only', reason: '未发货，买家不要了' })) as { id: number };
    const page = await e2e.freshPage();
    page.setDefaultTimeout(10_000);
    await signInAs(e2e, SUPERVISOR.username, SUPERVISOR.password, page);
    await page.goto(`${e2e.baseUrl}/aftersales/${opened.id}`);
    await button(page.locator('main'), '退款').click();
    const refund = dialog(page);
    // part of the money says nothing about the order; all of it says what will happen
    await typeInto(refund.getByLabel('退款金额'), '100');
    expect(await refund.getByTestId('refund-effect').count()).toBe(0);
    await typeOver(refund.getByLabel('退款金额'), '800');
    await refund.getByTestId('refund-effect').getByText('全额退款：订单将取消并关闭，占用的库存释放，不再发货').waitFor();
    await typeInto(refund.getByLabel('退款原因'), '未发货全额退款');
    await button(refund, '退款').click();
    await page.locator('.ant-message-success', { hasText: '已退款 ¥800.00' }).waitFor();
    await expect.poll(async () => ((await e2e.api('GET', `/api/v1/orders/${order.id}`)) as { status: string }).status).toBe('closed');
  });
});
