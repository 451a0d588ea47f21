import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellUnder, signInAs, startE2E, uniqueCode, type E2E } from './harness';

const SECRET = 'e2e-webhook-secret-0123456789';
let e2e: E2E;
let receiver: Server;
/** What the receiver answers: 500 while it is "down". */
let answer = 500;
const received: { status: number; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ status: answer, headers: req.headers, body });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  e2e = await startE2E({ SHOPFLOW_WEBHOOK_URL: `http://127.0.0.1:${port}/shopflow`, SHOPFLOW_WEBHOOK_SECRET: SECRET, SHOPFLOW_WEBHOOK_TOPICS: 'customer.notify' });
  e2e.page.setDefaultTimeout(10_000);
  // one failed attempt is enough to give up, so the test need not wait out the backoff
  await e2e.api('PUT', '/api/v1/settings', { 'outbox.maxAttempts': 1 });
  await e2e.api('POST', '/api/v1/users', { username: 'zhuguan', password: 'zhuguan-pass-1', displayName: '王主管', roles: ['supervisor'] });
  await signInAs(e2e, 'zhuguan', 'zhuguan-pass-1');
});
afterAll(async () => {
  await e2e?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** A paid order without a buyer message: the automatic review approves it and the confirmation goes to the outbox. */
async function approvedOrder(): Promise<{ id: number; orderNo: string; status: string }> {
  const warehouseCode = uniqueCode('WH');
  const shopCode = uniqueCode('SHOP');
  const skuCode = uniqueCode('CUP');
  await e2e.api('POST', '/api/v1/warehouses', { code: warehouseCode, name: '杭州仓', bins: [] });
  await e2e.api('POST', '/api/v1/shops', { code: shopCode, name: '天猫旗舰店', platform: 'tmall', defaultWarehouseCode: warehouseCode });
  await e2e.api('POST', '/api/v1/products', { name: '保温杯', category: '家居', priceBand: 'profit', skus: [{ code: skuCode, spec: '黑色 500ml', price: 5900, cost: 2000 }] });
  await e2e.api('POST', '/api/v1/inventory/receipts', { warehouseCode, lines: [{ skuCode, quantity: 10 }] });
  return e2e.api('POST', '/api/v1/orders', {
    shopCode,
    buyer: { nick: 'tb_outbox_buyer', name: '李娜', phone: '13900001111' },
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号', postalCode: '310012' },
    items: [{ skuCode, quantity: 1, unitPrice: 5900 }],
    payment: { amount: 5900, method: 'alipay' },
  });
}

async function eventually(check: () => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('消息投递', () => {
  it('shows a notice the webhook refused, and a supervisor sends it again once the receiver is back', async () => {
    const { page } = e2e;
    const order = await approvedOrder();
    expect(order.status).toBe('awaiting_fulfillment');
    const forOrder = (r: { body: string }) => r.body.includes(order.orderNo);
    await eventually(() => received.some(forOrder), 'the first delivery');
    const messageId = String((JSON.parse(received.find(forOrder)!.body) as { id: number }).id);

    await page.goto(e2e.baseUrl + '/admin/outbox');
    await page.getByRole('heading', { name: '消息投递 · 投递失败' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(`订单 ${order.orderNo}`) });
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('订单确认通知').waitFor();
    await row.getByText('客户通知').waitFor();
    await row.getByText('接口推送（Webhook） · 失败 1 次：对方返回 HTTP 500').waitFor();
    await row.getByText('应用日志 · 已送达').waitFor();
    expect(await (await cellUnder(row, '消息编号')).textContent()).toBe(messageId);
    await page.screenshot({ path: '/tmp/sf-outbox-dead.png' });

    answer = 200;
    await row.getByRole('button', { name: '重新投递' }).click();
    const confirm = page.getByRole('tooltip');
    await confirm.getByText(`重新投递消息 ${messageId}？只发给还没收到的渠道。`).waitFor();
    await confirm.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已重新排队，几秒内投递').waitFor();
    await row.waitFor({ state: 'detached' });

    await eventually(() => received.some((r) => forOrder(r) && r.status === 200), 'the delivery after the retry');
    const delivered = received.filter(forOrder);
    expect(delivered.map((r) => r.status)).toEqual([500, 200]);
    const last = delivered[1]!;
    const signed = createHmac('sha256', SECRET).update(`${String(last.headers['x-shopflow-timestamp'])}.${last.body}`).digest('hex');
    expect(last.headers['x-shopflow-signature']).toBe(`sha256=${signed}`);
    expect(JSON.parse(last.body)).toMatchObject({ topic: 'customer.notify', payload: { kind: 'order_confirmed', orderNo: order.orderNo } });
  });
});
