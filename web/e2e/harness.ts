import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '../..');
export const ADMIN_PASSWORD = 'e2e-admin-password';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface E2E {
  baseUrl: string;
  browser: Browser;
  page: Page;
  /** Calls the API directly (as admin) to set up data a test needs. */
  api(method: string, url: string, body?: unknown): Promise<any>;
  close(): Promise<void>;
}

/**
 * Starts ShopFlow as `npm start` would (embedded PGlite in a temp folder, built web app) and a
 * headless Debian Chromium driven by playwright-core. Never downloads a browser.
 */
export async function startE2E(): Promise<E2E> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'shopflow-e2e-'));
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SHOPFLOW_DATA_DIR: dataDir,
      SHOPFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stopServer = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    return await connect(port, stopServer, () => server.exitCode);
  } catch (err) {
    await stopServer();
    throw err;
  }
}

async function connect(port: number, stopServer: () => Promise<void>, exitCode: () => number | null): Promise<E2E> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exitCode() !== null) throw new Error(`server exited with ${exitCode()}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy in 90 s');
    await new Promise((r) => setTimeout(r, 250));
  }

  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });

  return {
    baseUrl,
    browser,
    page,
    async api(method, url, body) {
      const res = await fetch(`${baseUrl}${url}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
      return text ? JSON.parse(text) : null;
    },
    async close() {
      await browser.close();
      await stopServer();
    },
  };
}

/** Signs in through the login form, as a person would. */
export async function signInAs(e2e: E2E, username: string, password: string): Promise<void> {
  const { page } = e2e;
  await page.goto(e2e.baseUrl + '/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('current-user').waitFor();
}

/**
 * Picks an option in the open antd Select dropdown by its label. antd renders the visible options
 * as plain divs (the role="option" ones are an offscreen a11y copy), so they are found by title.
 */
export async function chooseOption(page: Page, label: string): Promise<void> {
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${label}"]`).click();
}
