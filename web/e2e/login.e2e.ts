import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signInAs, startE2E, typeInto, type E2E } from './harness';

// Each test signs in (or fails to) on a page of its own, so none starts where another left off.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('login', () => {
  it('shows an error for a wrong password and stays on the form', async () => {
    const page = await e2e.freshPage();
    await page.goto(e2e.baseUrl + '/');
    await typeInto(page.getByLabel('用户名'), 'admin');
    await typeInto(page.getByLabel('密码'), 'wrong-password');
    await page.keyboard.press('Enter');
    await page.getByText('用户名或密码错误').waitFor();
    await page.getByRole('button', { name: /^登\s*录$/ }).waitFor();
  });

  it('signs in and shows the workbench with the user and their role', async () => {
    const page = await e2e.freshPage();
    await signInAs(e2e, 'admin', ADMIN_PASSWORD, page);
    expect(await page.getByTestId('current-user').textContent()).toBe('管理员');
    await page.getByText('你好，管理员').waitFor();
    await page.getByText('管理员', { exact: true }).first().waitFor();
  });

  it('signs out back to the login form', async () => {
    const page = await e2e.freshPage();
    await signInAs(e2e, 'admin', ADMIN_PASSWORD, page);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: /^登\s*录$/ }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('shopflow.token'))).toBeNull();
  });
});
