/**
 * npm run bench:aftersales — 100,000 after-sales cases over a year on PostgreSQL, worked by 20
 * customer-service users. Orders come from the order generator (`lib/bulkOrders.ts`), the cases,
 * their lines, refunds, pending approvals and return receipts from `lib/bulkCases.ts` (set-based SQL).
 * Measured through HTTP, one request at a time, round by round:
 * - the 售后工作台 queue as the web's 我的售后 tab asks it, `GET /api/v1/aftersales/cases?mine=true`
 *   (page 1 of 20: the caller's open cases by deadline, then the closed ones), each CS user in turn;
 *   target p95 ≤ 30 ms;
 * - the return-reason summary for a year, `GET /api/v1/reports/return-reasons?groupBy=month` and
 *   `=week`; target ≤ 1 s;
 * beside them in the same round the raw SQL floor (`lib/rawAftersales.ts`: the same statements
 * through plain `pg`) and the HTTP floor (GET /api/v1/auth/me: the token look-up and one read).
 * Options: --cases=100000 --orders=1000000 --users=20 --requests=200 (queue requests per round)
 *   --summaries=10 (per grouping and round) --rounds=3 --keep (leave the database for EXPLAIN) --reuse=<database>
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { localDate } from '../server/src/platform/clock';
import { generateOrders } from './lib/bulkOrders';
import { caseMix, generateCases, type CaseMix } from './lib/bulkCases';
import { addUser, BENCH_USER_PASSWORD, signIn, signInAdmin, type Api, type ApiReply } from './lib/client';
import { percentile } from './lib/load';
import { rawQueue, rawReasons } from './lib/rawAftersales';
import { fmt, recordResults, table } from './lib/report';
import { adminDatabaseUrl, createScratchDatabase, startServer, type RunningServer, type ScratchDatabase } from './lib/server';
import { migrateWithCatalog } from './lib/sqlCatalog';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    orders: { type: 'string', default: '1000000' },
    users: { type: 'string', default: '20' },
    requests: { type: 'string', default: '200' },
    summaries: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});
const requests = Number(args.requests);
const summaries = Number(args.summaries);
const rounds = Number(args.rounds);
const PAGE_SIZE = 20;
const TARGET_QUEUE_P95_MS = 30;
const TARGET_SUMMARY_MS = 1000;
const TIMEZONE = 'Asia/Shanghai';
const csUsername = (i: number) => `cs${String(i + 1).padStart(2, '0')}`;

interface CsUser {
  id: number;
  name: string;
  api: Api;
}

/** Samples of one kind of request, one array per round. */
type Samples = number[][];
const newSamples = (): Samples => Array.from({ length: rounds }, () => []);

async function timed<T>(into: number[], fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await fn();
  into.push(performance.now() - t0);
  return result;
}

function expectOk(what: string, reply: ApiReply): any {
  if (reply.status !== 200) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
  return reply.body;
}

/** What the queue must show: only the caller's cases, the open ones first by deadline. */
function checkQueue(user: string, page: { items: { owner: string | null; status: string; deadline: string }[] }): void {
  const keys = page.items.map((c) => [c.status === 'closed' ? 1 : 0, Date.parse(c.deadline)] as const);
  const sorted = keys.every((k, i) => i === 0 || k[0] > keys[i - 1]![0] || (k[0] === keys[i - 1]![0] && k[1] >= keys[i - 1]![1]));
  if (!sorted || page.items.some((c) => c.owner !== user)) {
    throw new Error(`the queue of ${user} is not the user's open cases by deadline: ${JSON.stringify(page.items.slice(0, 3))}`);
  }
}

async function prepareDatabase(): Promise<{ scratch: ScratchDatabase | null; url: string }> {
  if (args.reuse) {
    const url = new URL(adminDatabaseUrl);
    url.pathname = `/${args.reuse}`;
    return { scratch: null, url: url.toString() };
  }
  const scratch = await createScratchDatabase('aftersales');
  await migrateWithCatalog({ url: scratch.url }, 1000);
  console.log(`generating ${fmt(Number(args.orders))} orders in ${scratch.name} …`);
  await generateOrders(scratch.url, Number(args.orders), console.log);
  return { scratch, url: scratch.url };
}

/** The customer-service users (created on a fresh database, found on a reused one), each signed in. */
async function csUsers(server: RunningServer, pool: pg.Pool, fresh: boolean): Promise<{ users: CsUser[]; receiverId: number }> {
  const names = Array.from({ length: Number(args.users) }, (_, i) => csUsername(i));
  let receiverId = 0;
  if (fresh) {
    const admin = await signInAdmin(server.baseUrl);
    for (const name of names) await addUser(admin, name, ['cs_aftersale']);
    receiverId = await addUser(admin, 'wh01', ['warehouse']);
  }
  const { rows } = await pool.query<{ id: number; username: string }>('SELECT id, username FROM users WHERE username = ANY($1)', [names]);
  const idOf = new Map(rows.map((r) => [r.username, r.id]));
  const users = await Promise.all(names.map(async (name) => ({ id: idOf.get(name)!, name, api: await signIn(server.baseUrl, name, BENCH_USER_PASSWORD) })));
  return { users, receiverId };
}

interface Measured {
  queue: Samples;
  queueRaw: Samples;
  me: Samples;
  month: Samples;
  monthRaw: Samples;
  week: Samples;
  weekRaw: Samples;
  queueCpuMs: number[];
  reasonRows: { month: number; week: number };
}

async function measure(server: RunningServer, users: CsUser[], pool: pg.Pool, from: string, to: string): Promise<Measured> {
  const m: Measured = { queue: newSamples(), queueRaw: newSamples(), me: newSamples(), month: newSamples(), monthRaw: newSamples(), week: newSamples(), weekRaw: newSamples(), queueCpuMs: [], reasonRows: { month: 0, week: 0 } };
  const queueUrl = `/api/v1/aftersales/cases?mine=true&page=1&pageSize=${PAGE_SIZE}`;
  const reasonsUrl = (groupBy: string) => `/api/v1/reports/return-reasons?${new URLSearchParams({ from, to, groupBy }).toString()}`;
  // Warm-up: every user's queue once (checked), each summary twice, each raw statement.
  for (const user of users) checkQueue(user.name, expectOk('queue', await user.api.request('GET', queueUrl)));
  for (const groupBy of ['month', 'week'] as const) {
    for (let i = 0; i < 2; i++) m.reasonRows[groupBy] = expectOk(`reasons ${groupBy}`, await users[0]!.api.request('GET', reasonsUrl(groupBy))).items.length;
    await rawReasons(pool, groupBy, from, to);
  }
  for (const user of users) await rawQueue(pool, user.id, PAGE_SIZE);

  for (let round = 0; round < rounds; round++) {
    console.log(`  round ${round + 1} of ${rounds}`);
    const cpu0 = server.cpuSeconds();
    for (let i = 0; i < requests; i++) {
      const user = users[i % users.length]!;
      expectOk('queue', await timed(m.queue[round]!, () => user.api.request('GET', queueUrl)));
    }
    m.queueCpuMs.push(((server.cpuSeconds() - cpu0) * 1000) / requests);
    for (let i = 0; i < requests; i++) await timed(m.queueRaw[round]!, () => rawQueue(pool, users[i % users.length]!.id, PAGE_SIZE));
    for (let i = 0; i < requests; i++) expectOk('me', await timed(m.me[round]!, () => users[i % users.length]!.api.request('GET', '/api/v1/auth/me')));
    for (const groupBy of ['month', 'week'] as const) {
      for (let i = 0; i < summaries; i++) expectOk(`reasons ${groupBy}`, await timed(m[groupBy][round]!, () => users[i % users.length]!.api.request('GET', reasonsUrl(groupBy))));
      for (let i = 0; i < summaries; i++) await timed(m[`${groupBy}Raw`][round]!, () => rawReasons(pool, groupBy, from, to));
    }
  }
  return m;
}

const p = (samples: number[], q: number) => fmt(percentile(samples, q), 1);
const perRound = (s: Samples, q: number) => s.map((r) => p(r, q)).join(' / ');

function report(m: Measured, mix: CaseMix, from: string, to: string): string {
  const all = (s: Samples) => s.flat();
  const verdict = (ms: number, target: number) => (ms <= target ? 'met' : 'MISSED');
  const queueP95 = percentile(all(m.queue), 95);
  const monthP95 = percentile(all(m.month), 95);
  const weekP95 = percentile(all(m.week), 95);
  const row = (name: string, s: Samples, target: string, judged: string) => [name, fmt(all(s).length), p(all(s), 50), `**${p(all(s), 95)}**`, perRound(s, 95), p(all(s), 100), target, judged];
  const rows = [
    row('queue: GET …/aftersales/cases?mine=true (page 1 of 20)', m.queue, `≤ ${TARGET_QUEUE_P95_MS}`, verdict(queueP95, TARGET_QUEUE_P95_MS)),
    row('— raw SQL floor: the page + its count through pg', m.queueRaw, '', ''),
    row('— HTTP floor: GET /api/v1/auth/me', m.me, '', ''),
    row(`return reasons, a year by month (${m.reasonRows.month} rows)`, m.month, `≤ ${fmt(TARGET_SUMMARY_MS)}`, verdict(monthP95, TARGET_SUMMARY_MS)),
    row('— raw SQL floor: the same statement through pg', m.monthRaw, '', ''),
    row(`return reasons, a year by week (${m.reasonRows.week} rows)`, m.week, `≤ ${fmt(TARGET_SUMMARY_MS)}`, verdict(weekP95, TARGET_SUMMARY_MS)),
    row('— raw SQL floor: the same statement through pg', m.weekRaw, '', ''),
  ];
  const made = mix.seconds === null ? `Reused database ${args.reuse}:` : `Generated ${fmt(Number(args.orders))} orders (\`lib/bulkOrders.ts\`) and the cases in ${fmt(mix.seconds)} s (\`lib/bulkCases.ts\`):`;
  const seeded = `${made} ${fmt(mix.cases)} after-sales cases over the orders' year, one case per picked shipped/delivered/completed order, owned by ${args.users} customer-service users, ${fmt(mix.returnCases)} returns and exchanges; ${fmt(mix.notClosed)} not closed (${Object.entries(mix.byStatus).map(([s, n]) => `${s} ${fmt(n)}`).join(', ')}); ${fmt(mix.refunds)} refunds, ${fmt(mix.receipts)} return receipts.`;
  return [
    seeded,
    `${rounds} rounds, one request at a time, ms measured by the client: per round ${requests} queue requests (the ${args.users} users in turn, as the web's 我的售后 tab asks: \`mine=true&page=1&pageSize=${PAGE_SIZE}\`), then as many of each floor, then ${summaries} summaries per grouping (shop days ${from} to ${to}) and as many raw statements. Server CPU per queue request: ${m.queueCpuMs.map((c) => fmt(c, 2)).join(' / ')} ms.`,
    '',
    table(['request', 'requests', 'p50 ms', 'p95 ms (all rounds)', 'p95 ms per round', 'max ms', 'target p95 ms', 'verdict'], rows),
  ].join('\n');
}

async function main() {
  const { scratch, url } = await prepareDatabase();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const server = await startServer({ databaseUrl: url });
    let body: string;
    try {
      const { users, receiverId } = await csUsers(server, pool, !args.reuse);
      let mix: CaseMix;
      if (args.reuse) mix = await caseMix(url);
      else {
        console.log(`generating ${fmt(Number(args.cases))} after-sales cases …`);
        mix = await generateCases(url, Number(args.cases), users.map((u) => u.id), receiverId, console.log);
      }
      const to = localDate(new Date(), TIMEZONE);
      const from = localDate(new Date(Date.now() - 365 * 86_400_000), TIMEZONE);
      const measured = await measure(server, users, pool, from, to);
      body = report(measured, mix, from, to);
    } finally {
      await server.stop();
    }
    console.log('\n' + body);
    await recordResults('aftersales', 'After-sales queue and return-reason summary on 100,000 cases (`npm run bench:aftersales`)', body);
  } finally {
    await pool.end();
    if (scratch && !args.keep) await scratch.drop();
    else console.log(`kept database: ${url}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
