import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signInAs, startE2E, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('login', () => {
  it('shows an error for a wrong password and stays on the form', async () => {
    const { page } = e2e;
    await page.goto(e2e.baseUrl + '/');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByText('用户名或密码错误').waitFor()).resolves.toBeUndefined();
  });

  it('signs in and shows the workbench with the user and their role', async () => {
    await signInAs(e2e, 'admin', ADMIN_PASSWORD);
    const { page } = e2e;
    expect(await page.getByTestId('current-user').textContent()).toBe('管理员');
    await page.getByText('你好，管理员').waitFor();
    await page.getByText('管理员', { exact: true }).first().waitFor();
  });

  it('signs out back to the login form', async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: /^登\s*录$/ }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('shopflow.token'))).toBeNull();
  });
});
