import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, pick, signInAs, startE2E, typeInto, typeOver, type E2E } from './harness';

let e2e: E2E;
let users = 0;

/** A user of its own made through the API: `name` (username) and `display` (姓名). */
async function newUser(roles: string[]) {
  const n = ++users;
  const user = { username: `staff${n}`, password: `staff-pass-${n}`, displayName: `员工${n}`, roles };
  await e2e.api('POST', '/api/v1/users', user);
  return user;
}

beforeAll(async () => {
  e2e = await startE2E();
  e2e.page.setDefaultTimeout(10_000);
  await signInAs(e2e, 'admin', ADMIN_PASSWORD);
});
afterAll(() => e2e?.close());

describe('users and roles', () => {
  it('creates a user with two roles through the form', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/admin/users');
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await typeInto(dialog.getByLabel('用户名'), 'xiaocai');
    await typeInto(dialog.getByLabel('姓名'), '小蔡');
    await typeInto(dialog.getByLabel('密码'), 'xiaocai-pass-1');
    await pick(dialog.getByLabel('角色'), '售前客服');
    await pick(dialog.getByLabel('角色'), '仓储');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();

    await page.getByText('用户已创建').waitFor();
    const row = page.getByRole('row', { name: /xiaocai/ });
    await row.getByText('售前客服').waitFor();
    await row.getByText('仓储').waitFor();

    const users = await e2e.api('GET', '/api/v1/users?q=xiaocai');
    expect(users.items).toHaveLength(1);
    expect([...users.items[0].roles].sort()).toEqual(['cs_presale', 'warehouse']);
  });

  it('shows the server message on the field it names when the username is taken', async () => {
    const { page } = e2e;
    const taken = await newUser(['finance']);
    await page.goto(e2e.baseUrl + '/admin/users');
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await typeInto(dialog.getByLabel('用户名'), taken.username);
    await typeInto(dialog.getByLabel('姓名'), '另一个员工');
    await typeInto(dialog.getByLabel('密码'), 'another-pass-2');
    await pick(dialog.getByLabel('角色'), '财务');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.locator('.ant-form-item-has-error', { has: page.getByLabel('用户名') }).waitFor();
    await page.screenshot({ path: '/tmp/sf-users-error.png' });
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    const found = await e2e.api('GET', `/api/v1/users?q=${taken.username}`);
    expect(found.items).toHaveLength(1);
  });

  it('filters by role and keeps the filter in the address bar', async () => {
    const { page } = e2e;
    const worker = await newUser(['warehouse']);
    await page.goto(e2e.baseUrl + '/admin/users?role=warehouse');
    await page.getByRole('row', { name: new RegExp(worker.username) }).waitFor();
    expect(await page.getByRole('row', { name: /admin/ }).count()).toBe(0);
    await page.reload();
    await page.getByRole('row', { name: new RegExp(worker.username) }).waitFor();
  });

  it('deactivates a user after confirmation', async () => {
    const { page } = e2e;
    const leaver = await newUser(['cs_presale']);
    await page.goto(e2e.baseUrl + '/admin/users');
    const row = page.getByRole('row', { name: new RegExp(leaver.username) });
    await row.getByRole('button', { name: '停用' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /确\s*定|OK/ }).click();
    await row.getByText('已停用').waitFor();
    const found = await e2e.api('GET', `/api/v1/users?q=${leaver.username}`);
    expect(found.items[0].active).toBe(false);

    await row.getByRole('button', { name: '操作记录' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: `${leaver.displayName} · 操作记录` });
    await drawer.getByText('新建用户').waitFor();
    await drawer.getByText('修改用户').waitFor();
    await drawer.getByLabel('Close').or(drawer.getByLabel('关闭')).first().click();
  });
});

describe('rules and settings', () => {
  it('shows every setting with a Chinese label', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/admin/settings');
    await page.getByRole('heading', { name: '规则设置' }).waitFor();
    const { definitions } = await e2e.api('GET', '/api/v1/settings');
    for (const def of definitions) await page.getByText(def.label, { exact: true }).first().waitFor();
    await page.screenshot({ path: '/tmp/sf-settings.png', fullPage: true });
  });

  it('saves a switch and an amount typed in yuan (stored in fen)', async () => {
    const { page } = e2e;
    const { values: before } = await e2e.api('GET', '/api/v1/settings');
    await page.goto(e2e.baseUrl + '/admin/settings');
    await page.getByLabel('付款后自动审单（关闭则全部人工审核）').click();
    await typeOver(page.getByLabel('金额上限'), '3000');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    const { values } = await e2e.api('GET', '/api/v1/settings');
    expect(values['orders.autoReview']).toBe(!before['orders.autoReview']);
    expect(values['orders.risk.amount']).toEqual({ enabled: true, thresholdFen: 300_000 });
  });

  it('shows durations as staff think of them (1440 minutes as 24 小时) and stores what is typed in minutes', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/admin/settings');
    const close = page.getByLabel('未付款自动关闭（下单后）');
    await expect.poll(() => close.inputValue()).toBe('24');
    const item = page.locator('.ant-form-item').filter({ has: close });
    await item.getByText('小时', { exact: true }).first().waitFor();
    await item.getByText('默认值：24 小时').waitFor();
    expect(await page.getByText(/（分）|（分钟）/).count()).toBe(0);
    await typeOver(close, '36');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    const { values } = await e2e.api('GET', '/api/v1/settings');
    expect(values['orders.unpaidCloseMinutes']).toBe(36 * 60);
  });
});

describe('language', () => {
  it('switches the whole interface to English and back', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/admin/users');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Users & roles' }).waitFor();
    await page.getByRole('cell', { name: 'Administrator' }).first().waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '用户与角色' }).waitFor();
  });
});

describe('menu by role', () => {
  it('shows a warehouse worker only the pages their role may use', async () => {
    const worker = await newUser(['warehouse']);
    // signed in on a page of its own: the shared page stays the admin's
    const page = await e2e.freshPage();
    await signInAs(e2e, worker.username, worker.password, page);
    const menu = page.locator('.ant-layout-sider');
    await menu.getByText('入库').waitFor();
    await menu.getByText('库存查询').waitFor();
    for (const hidden of ['审单', '手工建单', '用户与角色', '规则设置']) expect(await menu.getByText(hidden).count()).toBe(0);
    await page.goto(e2e.baseUrl + '/admin/users');
    await page.getByText('页面不存在，或你没有权限查看').waitFor();
  });
});
