/**
 * npm run bench:list — 1 M generated orders on PostgreSQL; p50/p95 of filtered list pages and of
 * lookups by phone / nick / order no and the search box (phone tail, phone spellings, order-no
 * tail, nick parts, receiver name, tracking no) through GET /api/v1/orders, and of the status tabs' counts
 * (GET /api/v1/orders/counts, with and without a search), one request at a time.
 * Options: --orders=1000000 --requests=200 --keep (leave the database for EXPLAIN) --reuse=<database name>
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { CATALOG_SKUS, pick, seededRandom, type Random } from '../server/src/demo/fixtures';
import { benchShopCodes } from './lib/shopData';
import { generateOrders, NAME_POOL, NICK_POOL, PHONE_POOL, poolName, poolNick, poolPhone, poolTrackingNo, type GenerateReport } from './lib/bulkOrders';
import { signInAdmin, type Api } from './lib/client';
import { percentile, runLoad, statusSummary, unexpectedReport, type LoadResult } from './lib/load';
import { fmt, recordResults, table } from './lib/report';
import { adminDatabaseUrl, createScratchDatabase, startServer, type ScratchDatabase } from './lib/server';
import { migrateWithCatalog } from './lib/sqlCatalog';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});
const requests = Number(args.requests);
const DAY = 86_400_000;

interface Probe {
  name: string;
  kind: 'list' | 'lookup' | 'counts';
  /** The query string of request i. */
  url: (random: Random) => string;
}

const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const path = (params: Record<string, string>) => `/api/v1/orders?${new URLSearchParams(params).toString()}`;

function probes(orderNos: string[], shippedIds: number[]): Probe[] {
  const phone = (r: Random) => poolPhone(Math.floor(r() * PHONE_POOL));
  const nick = (r: Random) => poolNick(Math.floor(r() * NICK_POOL));
  return [
    { name: 'list: shop + status + last 30 days', kind: 'list', url: (r) => path({ shopCode: pick(r, benchShopCodes), status: 'completed,shipped,delivered', createdFrom: iso(30 * DAY) }) },
    { name: 'list: status (review queue, awaiting_fulfillment)', kind: 'list', url: (r) => path({ status: pick(r, ['awaiting_review,on_hold', 'awaiting_fulfillment']) }) },
    { name: 'list: flag + last 90 days', kind: 'list', url: (r) => path({ flag: pick(r, ['red', 'yellow', 'green']), createdFrom: iso(90 * DAY) }) },
    { name: 'list: SKU + last 7 days', kind: 'list', url: (r) => path({ skuCode: pick(r, CATALOG_SKUS).code, createdFrom: iso(7 * DAY) }) },
    { name: 'list: SKU + last 90 days', kind: 'list', url: (r) => path({ skuCode: pick(r, CATALOG_SKUS).code, createdFrom: iso(90 * DAY) }) },
    { name: 'list: SKU, highest total first', kind: 'list', url: (r) => path({ skuCode: pick(r, CATALOG_SKUS).code, sort: '-total' }) },
    { name: 'list: everything, page 3, newest first', kind: 'list', url: () => path({ page: '3' }) },
    { name: 'lookup: phone=', kind: 'lookup', url: (r) => path({ phone: phone(r) }) },
    { name: 'lookup: nick=', kind: 'lookup', url: (r) => path({ nick: nick(r) }) },
    { name: 'lookup: orderNo=', kind: 'lookup', url: (r) => path({ orderNo: pick(r, orderNos) }) },
    { name: 'search box q= (order no)', kind: 'lookup', url: (r) => path({ q: pick(r, orderNos) }) },
    { name: 'search box q= (phone)', kind: 'lookup', url: (r) => path({ q: phone(r) }) },
    { name: 'search box q= (nick)', kind: 'lookup', url: (r) => path({ q: nick(r) }) },
    { name: 'counts: all orders', kind: 'counts', url: () => '/api/v1/orders/counts' },
    { name: 'counts: shop', kind: 'counts', url: (r) => `/api/v1/orders/counts?${new URLSearchParams({ shopCode: pick(r, benchShopCodes) }).toString()}` },
    { name: 'counts: shop + last 30 days', kind: 'counts', url: (r) => `/api/v1/orders/counts?${new URLSearchParams({ shopCode: pick(r, benchShopCodes), createdFrom: iso(30 * DAY) }).toString()}` },
    ...searchBoxProbes(orderNos, shippedIds),
  ];
}

/** A `length`-character piece of `text` starting at a random place. */
const pieceOf = (r: Random, text: string, length: number) => {
  const chars = [...text];
  const from = Math.floor(r() * (chars.length - length + 1));
  return chars.slice(from, from + length).join('');
};

/** The search box as staff use it (issue 10 §1): phone tail, a phone as written, order-no tails, part of a nick, a name, a waybill number. */
function searchBoxProbes(orderNos: string[], shippedIds: number[]): Probe[] {
  const phone = (r: Random) => poolPhone(Math.floor(r() * PHONE_POOL));
  const nick = (r: Random) => poolNick(Math.floor(r() * NICK_POOL));
  const q = (text: string) => path({ q: text });
  const counts = (text: string) => `/api/v1/orders/counts?${new URLSearchParams({ q: text }).toString()}`;
  return [
    { name: 'search box q= (phone tail, 4 digits)', kind: 'lookup', url: (r) => q(phone(r).slice(-4)) },
    { name: 'search box q= (phone as +86 138 1234 5678)', kind: 'lookup', url: (r) => q(phone(r).replace(/^(\d{3})(\d{4})(\d{4})$/, '+86 $1 $2 $3')) },
    { name: 'search box q= (phone as 138-1234-5678)', kind: 'lookup', url: (r) => q(phone(r).replace(/^(\d{3})(\d{4})(\d{4})$/, '$1-$2-$3')) },
    { name: 'search box q= (order no, lower case)', kind: 'lookup', url: (r) => q(pick(r, orderNos).toLowerCase()) },
    { name: 'search box q= (order no, last 6)', kind: 'lookup', url: (r) => q(pick(r, orderNos).slice(-6)) },
    { name: 'search box q= (nick part, 2 chars)', kind: 'lookup', url: (r) => q(pieceOf(r, nick(r), 2)) },
    { name: 'search box q= (nick part, 4 chars)', kind: 'lookup', url: (r) => q(pieceOf(r, nick(r), 4)) },
    { name: 'counts: search box nick part, 2 chars', kind: 'counts', url: (r) => counts(pieceOf(r, nick(r), 2)) },
    { name: 'counts: search box nick part, 4 chars', kind: 'counts', url: (r) => counts(pieceOf(r, nick(r), 4)) },
    { name: 'search box q= (receiver name)', kind: 'lookup', url: (r) => q(poolName(Math.floor(r() * NAME_POOL))) },
    { name: 'search box q= (tracking no)', kind: 'lookup', url: (r) => q(poolTrackingNo(pick(r, shippedIds))) },
  ];
}

const TARGET_MS = { list: 30, lookup: 20, counts: 100 } as const;

async function sampleOrders(url: string): Promise<{ orderNos: string[]; shippedIds: number[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number; order_no: string; shipped: boolean }>(
      `SELECT id::int, order_no, status IN ('shipped', 'delivered', 'completed') AS shipped FROM orders TABLESAMPLE SYSTEM (1) LIMIT 500`,
    );
    return { orderNos: rows.map((r) => r.order_no), shippedIds: rows.filter((r) => r.shipped).map((r) => r.id) };
  } finally {
    await client.end();
  }
}

interface Timed {
  result: LoadResult;
  /** Share of requests whose page held at least one order: proof the lookups hit real data. */
  foundShare: number;
}

async function timeProbe(api: Api, probe: Probe): Promise<Timed> {
  const random = seededRandom(probe.name.length * 7919);
  let found = 0;
  const run = async () => {
    const reply = await api.request('GET', probe.url(random));
    const counted = Object.values<number>(reply.body?.byStatus ?? {}).some((n) => n > 0);
    if (reply.body?.items?.length > 0 || counted) found++;
    return reply;
  };
  await runLoad({ concurrency: 1, maxCount: 20, maxMs: 30_000 }, [200], run);
  found = 0;
  const result = await runLoad({ concurrency: 1, maxCount: requests, maxMs: 120_000 }, [200], run);
  return { result, foundShare: found / result.attempts };
}

async function prepare(): Promise<{ scratch: ScratchDatabase | null; url: string; generated: GenerateReport | null }> {
  if (args.reuse) {
    const url = new URL(adminDatabaseUrl);
    url.pathname = `/${args.reuse}`;
    return { scratch: null, url: url.toString(), generated: null };
  }
  const scratch = await createScratchDatabase('list');
  await migrateWithCatalog({ url: scratch.url }, 1000);
  console.log(`generating ${fmt(Number(args.orders))} orders in ${scratch.name} …`);
  const generated = await generateOrders(scratch.url, Number(args.orders), console.log, { parcels: true });
  return { scratch, url: scratch.url, generated };
}

async function main() {
  const { scratch, url, generated } = await prepare();
  try {
    const { orderNos, shippedIds } = await sampleOrders(url);
    const server = await startServer({ databaseUrl: url });
    const measured: ({ probe: Probe } & Timed)[] = [];
    try {
      const api = await signInAdmin(server.baseUrl);
      for (const probe of probes(orderNos, shippedIds)) {
        console.log(`  ${probe.name}`);
        measured.push({ probe, ...(await timeProbe(api, probe)) });
      }
    } finally {
      await server.stop();
    }
    const rows = measured.map(({ probe, result, foundShare }) => {
      const p95 = percentile(result.latenciesMs, 95);
      const verdict = p95 <= TARGET_MS[probe.kind] ? 'met' : 'MISSED';
      return [probe.name, fmt(percentile(result.latenciesMs, 50), 1), `**${fmt(p95, 1)}**`, `≤ ${TARGET_MS[probe.kind]}`, verdict, `${fmt(foundShare * 100)} %`, statusSummary(result)];
    });
    const unexpected = measured.flatMap(({ probe, result }) => unexpectedReport(result).map((line) => `- ${probe.name}: ${line}`));
    const body = [
      generated
        ? `Generated ${fmt(generated.orders)} orders (${fmt(generated.items)} lines) by set-based SQL in ${fmt(generated.seconds)} s: 7 shops, one year, statuses by age, 6 % flagged, ${fmt(PHONE_POOL)} phones, ${fmt(NICK_POOL)} nicks and ${fmt(NAME_POOL)} receiver names, a shipped 中通 parcel for every order that left.`
        : `Reused database ${args.reuse}.`,
      `Each row: ${requests} requests one at a time through HTTP (after 20 warm-up), admin token, default page size 20 (page mode, so each list also counts its total, except a search's full page, which the tabs' counts count), ms measured by the client; "found" is the share of requests whose page held an order (for counts: whose counts were not all 0). Counts count each of the 10 statuses up to 10,000 (then "10000+"); under a search, the matches up to 1,000 over all statuses in one read.`,
      '',
      table(['request', 'p50 ms', 'p95 ms', 'target p95 ms', 'verdict', 'found', 'statuses'], rows),
      ...(unexpected.length ? ['', 'Unexpected replies:', ...unexpected] : []),
    ].join('\n');
    console.log('\n' + body);
    await recordResults('list', 'Order list and lookups on 1 M orders (`npm run bench:list`)', body);
  } finally {
    if (scratch && !args.keep) await scratch.drop();
    else console.log(`kept database: ${url}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
