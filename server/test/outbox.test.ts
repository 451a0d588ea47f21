import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeline } from '../src/platform/audit';
import { FakeClock, SECOND } from '../src/platform/clock';
import { DeliveryFailure, type Channel, type OutboxMessage } from '../src/platform/delivery/channels';
import { dispatchOutbox, retryDelayMs } from '../src/platform/delivery/dispatcher';
import { configuredChannels } from '../src/platform/delivery/jobs';
import { enqueue, withdraw, type QueuedMessage } from '../src/platform/outbox';
import { expectStatus, makePaidOrder, orderInput, seedCatalog } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

let t: TestApp;
let admin: Client;
let supervisor: Client;
let presale: Client;

beforeAll(async () => {
  t = await createTestApp({ clock: new FakeClock('2026-11-20T02:00:00Z') });
  admin = await t.signIn(['admin']);
  supervisor = await t.signIn(['supervisor']);
  presale = await t.signIn(['cs_presale']);
}, 60_000);
afterAll(() => t.close());

/** A channel for one topic that records what it was given and fails while `failing` says so. */
function testChannel(name: string, topic: string, failing: (call: number) => boolean = () => false) {
  const received: number[] = [];
  const channel: Channel = {
    name,
    topics: [topic],
    async deliver(message: OutboxMessage) {
      received.push(message.id);
      await new Promise((r) => setTimeout(r, 2));
      if (failing(received.length)) throw new DeliveryFailure(`${name} 接收方暂时不可用`);
    },
  };
  return { channel, received };
}

async function enqueueOne(topic: string, payload: Record<string, unknown> = { orderNo: 'SO-TEST' }): Promise<number> {
  return (await t.tx((ctx) => enqueue(ctx, topic, payload))).outboxId;
}

const withdrawOne = (message: QueuedMessage) => t.tx((ctx) => withdraw(ctx, message));

async function setMaxAttempts(n: number) {
  expectStatus(await admin.put('/api/v1/settings', { 'outbox.maxAttempts': n }), 200);
}

async function deliveryRows(id: number) {
  const { rows } = await t.deps.database.query('SELECT channel, attempts, delivered_at IS NOT NULL AS delivered FROM outbox_deliveries WHERE message_id = $1 ORDER BY channel', [id]);
  return rows;
}

describe('the outbox dispatcher', () => {
  it('retries a failing channel with a doubling backoff and gives up after the setting\'s attempts', async () => {
    await setMaxAttempts(3);
    let down = true;
    const { channel, received } = testChannel('flaky', 'test.backoff', () => down);
    const id = await enqueueOne('test.backoff');

    expect(await dispatchOutbox(t.deps, [channel])).toMatchObject({ claimed: 1, retrying: 1 });
    expect((await dispatchOutbox(t.deps, [channel])).claimed).toBe(0);
    t.clock.advance(retryDelayMs(1) - SECOND);
    expect((await dispatchOutbox(t.deps, [channel])).claimed).toBe(0);
    t.clock.advance(SECOND);
    expect(await dispatchOutbox(t.deps, [channel])).toMatchObject({ claimed: 1, retrying: 1 });
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
    t.clock.advance(retryDelayMs(2) - 1);
    expect((await dispatchOutbox(t.deps, [channel])).claimed).toBe(0);
    t.clock.advance(1);
    expect(await dispatchOutbox(t.deps, [channel])).toMatchObject({ claimed: 1, dead: 1 });
    t.clock.advance(3 * 3600 * SECOND);
    expect((await dispatchOutbox(t.deps, [channel])).claimed).toBe(0);
    expect(received).toEqual([id, id, id]);
    expect((await timeline(t.ctx(), 'outbox', id)).map((e) => e.action)).toEqual(['outbox.dead']);

    const dead = expectStatus(await supervisor.get('/api/v1/outbox/dead?topic=test.backoff'), 200);
    expect(dead).toMatchObject({ total: 1, maxAttempts: 3 });
    expect(dead.items[0]).toMatchObject({ id, topic: 'test.backoff', attempts: 3, summary: { orderNo: 'SO-TEST' } });
    expect(dead.items[0].deliveries).toEqual([expect.objectContaining({ channel: 'flaky', attempts: 3, lastError: 'flaky 接收方暂时不可用', deliveredAt: null })]);

    // put back in line by a supervisor (audited), and delivered once the receiver is back
    expect(expectStatus(await presale.post(`/api/v1/outbox/${id}/retry`), 403).error.code).toBe('forbidden');
    expect(expectStatus(await supervisor.post(`/api/v1/outbox/${id}/retry`), 200)).toMatchObject({ id, attempts: 0, deadAt: null });
    expect(expectStatus(await supervisor.post(`/api/v1/outbox/${id}/retry`), 409).error.code).toBe('outbox_not_dead');
    const retried = (await timeline(t.ctx(), 'outbox', id)).at(-1)!;
    expect(retried).toMatchObject({ action: 'outbox.retry', actorId: supervisor.userId, before: { attempts: 3 } });
    down = false;
    expect(await dispatchOutbox(t.deps, [channel])).toMatchObject({ claimed: 1, sent: 1 });
    expect(expectStatus(await supervisor.get('/api/v1/outbox/dead?topic=test.backoff'), 200).total).toBe(0);
    expect(expectStatus(await supervisor.post(`/api/v1/outbox/${id}/retry`), 409).error.message).toContain('已送达');
    expect(expectStatus(await supervisor.post('/api/v1/outbox/2000000000/retry'), 404).error.code).toBe('not_found');
  });

  it('keeps delivery per channel: a channel that has the message is not sent it again while another fails', async () => {
    await setMaxAttempts(10);
    const good = testChannel('good', 'test.two');
    const bad = testChannel('bad', 'test.two', (call) => call <= 2);
    const id = await enqueueOne('test.two');

    expect(await dispatchOutbox(t.deps, [good.channel, bad.channel])).toMatchObject({ claimed: 1, retrying: 1 });
    t.clock.advance(retryDelayMs(1));
    expect(await dispatchOutbox(t.deps, [good.channel, bad.channel])).toMatchObject({ claimed: 1, retrying: 1 });
    t.clock.advance(retryDelayMs(2));
    expect(await dispatchOutbox(t.deps, [good.channel, bad.channel])).toMatchObject({ claimed: 1, sent: 1 });

    expect(good.received).toEqual([id]);
    expect(bad.received).toEqual([id, id, id]);
    expect(await deliveryRows(id)).toEqual([
      { channel: 'bad', attempts: 3, delivered: true },
      { channel: 'good', attempts: 1, delivered: true },
    ]);
  });

  it('leaves a message no channel takes waiting, not lost, until one does', async () => {
    const other = testChannel('other', 'test.other');
    const id = await enqueueOne('test.unclaimed');
    expect((await dispatchOutbox(t.deps, [other.channel])).claimed).toBe(0);
    const later = testChannel('later', 'test.unclaimed');
    expect(await dispatchOutbox(t.deps, [other.channel, later.channel])).toMatchObject({ claimed: 1, sent: 1 });
    expect(later.received).toEqual([id]);
  });

  it('delivers each message once when dispatchers run at the same time', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(await enqueueOne('test.concurrent', { orderNo: `SO-${i}` }));
    const { channel, received } = testChannel('counting', 'test.concurrent');
    const dispatcher = async () => {
      while ((await dispatchOutbox(t.deps, [channel], 7)).claimed > 0);
    };
    await Promise.all([dispatcher(), dispatcher(), dispatcher(), dispatcher()]);
    expect([...received].sort((a, b) => a - b)).toEqual(ids);
    const { rows } = await t.deps.database.query("SELECT count(*)::int AS n FROM outbox WHERE topic = 'test.concurrent' AND sent_at IS NULL");
    expect(rows[0]!.n).toBe(0);
  });
});

describe('withdrawing a message', () => {
  it('holds a message back until notBefore, and withdraws it while no dispatcher has taken it', async () => {
    const { channel, received } = testChannel('held', 'test.held');
    const held = await t.tx((ctx) => enqueue(ctx, 'test.held', { orderNo: 'SO-HELD' }, { notBefore: new Date(t.clock.now().getTime() + 20 * SECOND) }));
    const kept = await t.tx((ctx) => enqueue(ctx, 'test.held', { orderNo: 'SO-KEPT' }, { notBefore: new Date(t.clock.now().getTime() + 20 * SECOND) }));
    expect((await dispatchOutbox(t.deps, [channel])).claimed).toBe(0);
    expect(await withdrawOne(held)).toBe(true);
    expect(await withdrawOne(held)).toBe(false);
    t.clock.advance(20 * SECOND);
    expect(await dispatchOutbox(t.deps, [channel])).toMatchObject({ claimed: 1, sent: 1 });
    expect(received).toEqual([kept.outboxId]);
    expect(await withdrawOne(kept)).toBe(false);
  });

  it('leaves a message a dispatcher is delivering: it is sent, once', async () => {
    let handOver!: () => void;
    const handedOver = new Promise<void>((resolve) => (handOver = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const received: number[] = [];
    const slow: Channel = {
      name: 'slow',
      topics: ['test.inflight'],
      async deliver(message) {
        received.push(message.id);
        handOver();
        await finished;
      },
    };
    const message = await t.tx((ctx) => enqueue(ctx, 'test.inflight', { orderNo: 'SO-INFLIGHT' }));
    const dispatching = dispatchOutbox(t.deps, [slow]);
    await handedOver;
    expect(await withdrawOne(message)).toBe(false);
    finish();
    expect(await dispatching).toMatchObject({ claimed: 1, sent: 1 });
    expect(received).toEqual([message.outboxId]);
    expect(await deliveryRows(message.outboxId)).toEqual([{ channel: 'slow', attempts: 1, delivered: true }]);
  });

  it('never sends a withdrawn message nor loses one that was not, with dispatchers racing the withdrawals', async () => {
    const messages: QueuedMessage[] = [];
    for (let i = 0; i < 30; i++) messages.push(await t.tx((ctx) => enqueue(ctx, 'test.race', { orderNo: `SO-RACE-${i}` })));
    const { channel, received } = testChannel('racing', 'test.race');
    const dispatcher = async () => {
      while ((await dispatchOutbox(t.deps, [channel], 3)).claimed > 0);
    };
    const withdrawn = new Set<number>();
    const withdrawals = async (part: QueuedMessage[]) => {
      for (const m of part) if (await withdrawOne(m)) withdrawn.add(m.outboxId);
    };
    await Promise.all([dispatcher(), withdrawals(messages.filter((_, i) => i % 2 === 0)), dispatcher(), withdrawals(messages.filter((_, i) => i % 2 === 1).reverse())]);
    await dispatcher();
    for (const { outboxId } of messages) expect(received.filter((id) => id === outboxId)).toHaveLength(withdrawn.has(outboxId) ? 0 : 1);
    const { rows } = await t.deps.database.query("SELECT count(*)::int AS n FROM outbox WHERE topic = 'test.race' AND sent_at IS NULL");
    expect(rows[0]!.n).toBe(0);
  });
});

describe('the webhook channel', () => {
  let server: Server;
  let url: string;
  let status = 200;
  const requests: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        requests.push({ headers: req.headers, body });
        res.writeHead(status).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/shopflow?token=not-in-errors`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts an order confirmation as signed JSON to the configured URL, and a 5xx keeps it for a retry', async () => {
    await setMaxAttempts(10);
    const secret = 'webhook-secret-for-tests';
    const channels = configuredChannels({ logTopics: null, webhook: { url, secret, topics: ['customer.notify'], timeoutMs: 2000 } }, { info: () => {} }, t.clock);
    const { shop, skus } = await seedCatalog(admin, { skuCount: 1 });
    const order = await makePaidOrder(admin, orderInput(shop.code, skus));
    expect(order.status).toBe('awaiting_fulfillment');

    status = 503;
    await dispatchOutbox(t.deps, channels);
    const failed = requests.at(-1)!;
    const { rows } = await t.deps.database.query("SELECT last_error FROM outbox_deliveries WHERE channel = 'webhook' ORDER BY last_attempt_at DESC LIMIT 1");
    expect(rows[0]!.last_error).toBe('对方返回 HTTP 503');
    expect(String(rows[0]!.last_error)).not.toContain('token');

    status = 200;
    t.clock.advance(retryDelayMs(1));
    await dispatchOutbox(t.deps, channels);
    const sent = requests.at(-1)!;
    expect(sent.body).toBe(failed.body);
    const body = JSON.parse(sent.body);
    expect(body).toMatchObject({ topic: 'customer.notify', payload: { kind: 'order_confirmed', orderId: order.id, orderNo: order.orderNo } });
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['x-shopflow-message-id']).toBe(String(body.id));
    const timestamp = String(sent.headers['x-shopflow-timestamp']);
    expect(Number(timestamp)).toBe(Math.floor(t.clock.now().getTime() / 1000));
    const expected = createHmac('sha256', secret).update(`${timestamp}.${sent.body}`).digest('hex');
    expect(sent.headers['x-shopflow-signature']).toBe(`sha256=${expected}`);
    const forged = createHmac('sha256', 'another-secret-entirely').update(`${timestamp}.${sent.body}`).digest('hex');
    expect(sent.headers['x-shopflow-signature']).not.toBe(`sha256=${forged}`);
    const { rows: left } = await t.deps.database.query("SELECT count(*)::int AS n FROM outbox WHERE topic = 'customer.notify' AND sent_at IS NULL");
    expect(left[0]!.n).toBe(0);
  });
});
