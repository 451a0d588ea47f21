import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { FakeClock } from '../clock';
import { logChannel, type OutboxMessage } from './channels';
import { configuredChannels } from './jobs';
import { webhookChannel } from './webhook';

const message: OutboxMessage = {
  id: 7,
  topic: 'customer.notify',
  createdAt: new Date('2026-11-20T02:00:00Z'),
  payload: { kind: 'order_confirmed', orderNo: 'SO20261120000001', orderId: 12, phone: '13800138000', message: '张三您好', buyer: { name: '张三', customerId: 5 } },
};

describe('the log channel', () => {
  it('logs ids and kinds but no phone, name or message text', async () => {
    const lines: Record<string, unknown>[] = [];
    await logChannel({ info: (fields) => lines.push(fields) }, 'all').deliver(message);
    const text = JSON.stringify(lines);
    expect(lines[0]).toMatchObject({ outbox: { id: 7, topic: 'customer.notify', payload: { kind: 'order_confirmed', orderNo: 'SO20261120000001', orderId: 12, buyer: { customerId: 5 } } } });
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('张三');
  });
});

/** A port nothing listens on any more. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('the webhook channel', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/slow') return; // never answers
      if (req.url === '/moved') return void res.writeHead(302, { location: '/elsewhere' }).end();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const channel = (path: string, timeoutMs = 2000) => webhookChannel({ url: `${base}${path}`, secret: 's'.repeat(16), topics: 'all', timeoutMs }, new FakeClock());

  it('takes any 2xx as delivered', async () => {
    await expect(channel('/ok').deliver(message)).resolves.toBeUndefined();
  });

  it('fails on a redirect, a timeout and a refused connection, naming neither URL nor secret', async () => {
    await expect(channel('/moved').deliver(message)).rejects.toThrow('对方返回 HTTP 302');
    await expect(channel('/slow', 200).deliver(message)).rejects.toThrow('请求超时（200 毫秒内没有答复）');
    const closed = webhookChannel({ url: `http://127.0.0.1:${await closedPort()}/hook`, secret: 's'.repeat(16), topics: 'all', timeoutMs: 2000 }, new FakeClock());
    const refused = await closed.deliver(message).catch((err: Error) => err.message);
    expect(refused).toBe('无法连接接收方（ECONNREFUSED）');
  });
});

describe('channel configuration', () => {
  const env = { SHOPFLOW_SECRET: 'x' };

  it('registers the log channel for every topic by default, and the webhook when its URL is set', () => {
    expect(loadConfig(env).outbox).toEqual({ logTopics: 'all', webhook: null });
    const config = loadConfig({ ...env, SHOPFLOW_LOG_CHANNEL_TOPICS: '', SHOPFLOW_WEBHOOK_URL: 'https://hooks.example.com/in', SHOPFLOW_WEBHOOK_SECRET: 'k'.repeat(32), SHOPFLOW_WEBHOOK_TOPICS: 'customer.notify, refund.due' });
    expect(config.outbox.webhook).toMatchObject({ topics: ['customer.notify', 'refund.due'], timeoutMs: 10_000 });
    const channels = configuredChannels(config.outbox, { info: () => {} }, new FakeClock());
    expect(channels.map((c) => c.name)).toEqual(['webhook']);
  });

  it('refuses a webhook without a long enough secret, or a bad URL or topic', () => {
    expect(() => loadConfig({ ...env, SHOPFLOW_WEBHOOK_URL: 'https://hooks.example.com/in' })).toThrow(/SHOPFLOW_WEBHOOK_SECRET/);
    expect(() => loadConfig({ ...env, SHOPFLOW_WEBHOOK_URL: 'ftp://x', SHOPFLOW_WEBHOOK_SECRET: 'k'.repeat(32) })).toThrow(/SHOPFLOW_WEBHOOK_URL/);
    expect(() => loadConfig({ ...env, SHOPFLOW_LOG_CHANNEL_TOPICS: 'Customer Notify' })).toThrow(/SHOPFLOW_LOG_CHANNEL_TOPICS/);
  });
});
