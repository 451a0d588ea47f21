import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

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
  /** A GET as admin whose reply is not JSON (a PDF printed, an export), answered as it came. */
  download(url: string): Promise<Response>;
  /** A page in a browser context of its own (no sign-in shared with `page`); closed with the run. */
  freshPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts ShopFlow as `npm start` would (embedded PGlite in a temp folder, built web app) and a
 * headless Debian Chromium driven by playwright-core. Never downloads a browser. `env` adds
 * settings of the server's environment (a webhook to deliver to, say).
 */
export async function startE2E(env: Record<string, string> = {}): Promise<E2E> {
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
      ...env,
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
  const newPage = () => browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await newPage();

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
    download: (url) => fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } }),
    freshPage: newPage,
    async close() {
      await browser.close();
      await stopServer();
    },
  };
}

/** Signs in through the login form, as a person would (on `page`: the shared one by default). */
export async function signInAs(e2e: E2E, username: string, password: string, page = e2e.page): Promise<void> {
  await page.goto(e2e.baseUrl + '/');
  await typeInto(page.getByLabel('用户名'), username);
  await typeInto(page.getByLabel('密码'), password);
  await page.keyboard.press('Enter');
  await page.getByTestId('current-user').waitFor();
}

/** Focuses a field and types into it as a scanner or a person at the keyboard does. */
export async function typeInto(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.page().keyboard.type(text);
}

/** Types `text` and Enter into whatever has the focus, as a barcode scanner (or a worker at its keyboard) does. */
export async function keyIn(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The id of the element that has the focus (empty when none has). */
export const focusedId = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.id ?? '');

/** Types over what a field holds, as a person selecting it all first. */
export async function typeOver(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.page().keyboard.press('ControlOrMeta+A');
  await field.page().keyboard.type(text);
}

/**
 * Opens a select, types into its search (if any) and takes the option with the keyboard: arrows
 * down to it when the typing did not bring it to the top, then Enter. antd renders the visible
 * options as plain divs (the role="option" ones are an offscreen a11y copy), found by title.
 */
export async function pick(field: Locator, option: string, typed = ''): Promise<void> {
  const page = field.page();
  await typeInto(field, typed);
  // the select's own dropdown (another may still be closing): it holds the list the field controls
  const list = await field.getAttribute('aria-controls');
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)', list ? { has: page.locator(`[id="${list}"]`) } : {});
  await dropdown.locator(`.ant-select-item-option[title="${option}"]`).waitFor();
  const active = dropdown.locator('.ant-select-item-option-active');
  for (let moves = 0; (await active.getAttribute('title')) !== option; moves++) {
    if (moves > 50) throw new Error(`option ${option} not reached with the arrow keys`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

/** The cell of `row` in the column headed `header`, found by the header's text, not its position. */
export async function cellUnder(row: Locator, header: string): Promise<Locator> {
  // the innermost table holding the row (a product's SKUs are a table inside its row)
  const table = row.page().locator('.ant-table-wrapper', { has: row }).last();
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
  const column = headers.indexOf(header);
  if (column < 0) throw new Error(`no column ${header} among ${headers.join(' | ')}`);
  return row.getByRole('cell').nth(column);
}

let serial = 0;
/** A code no other test of this run has used. */
/** A table row by its order number's own cell (another row's text may name it: a hold reason of the duplicate rule, a merge). */
export const orderRow = (page: Page, orderNo: string): Locator => page.locator('tbody tr.ant-table-row', { has: page.getByRole('cell', { name: orderNo, exact: true }) });

export const uniqueCode = (prefix: string) => `${prefix}-${Date.now().toString(36)}${++serial}`;

export interface Sku {
  code: string;
  price: number;
}

export type PlacedOrder = { id: number; orderNo: string; status: string; total: number; customerId: number; buyer: { nick: string; phone: string } };

/**
 * What the order pages' tests share: 杭州仓 and a Tmall shop, SKUs of a test's own with stock
 * there (so its stock figures are its own), and orders from a new buyer each time (so no review
 * rule links one test's orders to another's).
 */
export async function orderShop(e2e: E2E) {
  const warehouse = 'WH-HZ';
  const shop = { code: 'TM01', name: '天猫旗舰店' };
  await e2e.api('POST', '/api/v1/warehouses', { code: warehouse, name: '杭州仓' });
  await e2e.api('POST', '/api/v1/shops', { code: shop.code, name: shop.name, platform: 'tmall', defaultWarehouseCode: warehouse });

  async function newSku(stock: number): Promise<Sku> {
    const code = uniqueCode('MUG');
    await e2e.api('POST', '/api/v1/products', { name: '陶瓷马克杯', category: '家居', priceBand: 'traffic', skus: [{ code, spec: '白色 350ml', price: 3900, cost: 1200 }] });
    await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode: warehouse, lines: [{ skuCode: code, quantity: stock }] });
    return { code, price: 3900 };
  }

  let buyers = 0;
  function newBuyer() {
    const n = ++buyers;
    return { nick: `tb_buyer_${n}`, name: '王芳', phone: `1390000${String(n).padStart(4, '0')}` };
  }

  /** An order for `quantity` of `sku` from a new buyer; a paid one carries a buyer message, so the automatic review holds it for a person. */
  function orderBody(sku: Sku, opts: { paid?: boolean; quantity?: number; shopCode?: string } = {}) {
    const quantity = opts.quantity ?? 1;
    return {
      shopCode: opts.shopCode ?? shop.code,
      buyer: newBuyer(),
      address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号', postalCode: '310012' },
      items: [{ skuCode: sku.code, quantity, unitPrice: sku.price }],
      ...(opts.paid && { buyerMessage: '请周五前发货', payment: { amount: quantity * sku.price, method: 'alipay' } }),
    };
  }

  const placeOrder = (body: object): Promise<PlacedOrder> => e2e.api('POST', '/api/v1/orders', body);

  async function level(sku: Sku) {
    const { items } = await e2e.api('GET', `/api/v1/inventory/levels?skuCode=${sku.code}&warehouseCode=${warehouse}`);
    return items[0] as { onHand: number; reserved: number; available: number };
  }

  return { warehouse, shop, newSku, newBuyer, orderBody, placeOrder, level };
}
