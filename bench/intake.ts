/**
 * npm run bench:intake — orders/s through POST /api/v1/orders on PostgreSQL and on PGlite, beside
 * the raw limits: the same rows written by plain SQL, one transaction per order, through pg (pool 10)
 * and into an embedded PGlite in this process.
 * Options: --seconds=20 --concurrency=32 --max=40000 --rounds=2 --only=raw,postgres,floor,raw-pglite,pglite
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { seededRandom } from '../server/src/demo/fixtures';
import { clientWithToken, signInAdmin } from './lib/client';
import { countOf, percentile, runLoad, statusSummary, unexpectedReport, type Attempt, type LoadOptions, type LoadResult } from './lib/load';
import { rawPgliteWriter, rawWriter, type RawWriter } from './lib/rawIntake';
import { fmt, recordResults, table } from './lib/report';
import { createScratchDatabase, startFloorServer, startServer, tempDataDir, type Backend } from './lib/server';
import { orderBody, seedCatalog } from './lib/shopData';
import { addSignedInUser, migrateWithCatalog } from './lib/sqlCatalog';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '32' },
    max: { type: 'string', default: '40000' },
    only: { type: 'string', default: 'raw,postgres,floor,raw-pglite,pglite' },
    rounds: { type: 'string', default: '2' },
  },
});
const load: LoadOptions = { concurrency: Number(args.concurrency), maxCount: Number(args.max), maxMs: Number(args.seconds) * 1000 };
const warmup: LoadOptions = { concurrency: load.concurrency, maxCount: 300, maxMs: 15_000 };
/** Far more than a run can sell, so stock never runs out and every order is a 201. */
const STOCK_PER_SKU = 2_000_000;

type Target = 'raw' | 'floor' | 'raw-pglite' | Backend;

interface Measured {
  target: Target;
  result: LoadResult;
  /** CPU ms per order of the server process (API targets only). */
  serverCpuMsPerOrder: number;
  /** CPU ms per order of this process: the HTTP load generator, or the raw limit's SQL client (and on PGlite its database). */
  benchCpuMsPerOrder: number;
}

/** CPU seconds this process has used so far. */
const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

async function withCpu(target: Target, serverCpuSeconds: () => number, run: () => Promise<LoadResult>): Promise<Measured> {
  const [server, own] = [serverCpuSeconds(), ownCpuSeconds()];
  const result = await run();
  const perOrder = (seconds: number) => (seconds * 1000) / Math.max(1, countOf(result, 201));
  return { target, result, serverCpuMsPerOrder: perOrder(serverCpuSeconds() - server), benchCpuMsPerOrder: perOrder(ownCpuSeconds() - own) };
}

/** Buyer numbers never repeat across warm-up and measured runs, so every order is a new customer. */
let buyerSerial = 0;
const random = seededRandom(20261123);
const nextOrder = () => orderBody(random, buyerSerial++);

/** The warm-up orders, then the measured run, with the CPU it took. */
async function warmedUp(target: Target, serverCpuSeconds: () => number, attempt: () => Promise<Attempt>): Promise<Measured> {
  await runLoad(warmup, [201], attempt);
  return withCpu(target, serverCpuSeconds, () => runLoad(load, [201], attempt));
}

/** `fn` on a scratch PostgreSQL database holding the catalog, loaded by SQL; dropped afterwards. */
async function onSqlCatalog<T>(label: string, fn: (url: string) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase(label);
  try {
    await migrateWithCatalog({ url: scratch.url }, STOCK_PER_SKU);
    return await fn(scratch.url);
  } finally {
    await scratch.drop();
  }
}

async function measureRawWith(target: Target, writer: RawWriter): Promise<Measured> {
  try {
    return await warmedUp(target, () => NaN, () => writer.write(nextOrder()));
  } finally {
    await writer.close();
  }
}

const measureRaw = () => onSqlCatalog('raw', (url) => measureRawWith('raw', rawWriter(url)));

/** The HTTP floor: node:http + the token look-up + the raw limit's statements, no framework, validation or ORM. */
const measureFloor = () =>
  onSqlCatalog('floor', async (url) => {
    const token = await addSignedInUser(url);
    const server = await startFloorServer(url);
    try {
      const api = clientWithToken(server.baseUrl, token);
      return await warmedUp('floor', server.cpuSeconds, () => api.request('POST', '/api/v1/orders', nextOrder()));
    } finally {
      await server.stop();
    }
  });

async function measureRawPglite(): Promise<Measured> {
  const dataDir = tempDataDir();
  try {
    await migrateWithCatalog({ dataDir }, STOCK_PER_SKU);
    return await measureRawWith('raw-pglite', await rawPgliteWriter(dataDir));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureApi(backend: Backend): Promise<Measured> {
  const scratch = backend === 'postgres' ? await createScratchDatabase('intake') : null;
  try {
    const server = await startServer({ databaseUrl: scratch?.url });
    try {
      const api = await signInAdmin(server.baseUrl);
      await seedCatalog(api, STOCK_PER_SKU);
      return await warmedUp(backend, () => server.cpuSeconds(), () => api.request('POST', '/api/v1/orders', nextOrder()));
    } finally {
      await server.stop();
    }
  } finally {
    await scratch?.drop();
  }
}

const LABELS: Record<Target, string> = {
  raw: 'raw SQL limit (pg, pool 10, PostgreSQL)',
  postgres: 'HTTP API on PostgreSQL',
  floor: 'HTTP floor (node:http + token check + the raw SQL, PostgreSQL)',
  'raw-pglite': 'raw SQL limit (PGlite in the bench process)',
  pglite: 'HTTP API on PGlite',
};

/** Orders created (201) per second. */
const okRate = ({ result }: Measured) => (countOf(result, 201) / result.elapsedMs) * 1000;

function row(m: Measured): (string | number)[] {
  const { target, result, serverCpuMsPerOrder, benchCpuMsPerOrder } = m;
  return [
    LABELS[target],
    fmt(countOf(result, 201)),
    fmt(result.elapsedMs / 1000, 1),
    `**${fmt(okRate(m))}**`,
    fmt(percentile(result.latenciesMs, 50), 1),
    fmt(percentile(result.latenciesMs, 95), 1),
    fmt(serverCpuMsPerOrder, 2),
    fmt(benchCpuMsPerOrder, 2),
    statusSummary(result),
  ];
}

/**
 * API ÷ raw limit of each round, the two measured one after the other: this machine's speed drifts
 * by up to 2× within minutes, so a ratio of two best rounds taken apart would mostly measure the drift.
 */
function roundRatios(all: Measured[], rounds: number, raw: Target, api: Target): number[] {
  return Array.from({ length: rounds }, (_, r) => {
    const [rawRound, apiRound] = [raw, api].map((t) => all.filter((m) => m.target === t)[r]);
    return rawRound && apiRound ? (okRate(apiRound) / okRate(rawRound)) * 100 : NaN;
  }).filter(Number.isFinite);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2 : NaN;
};

function verdicts(measured: Measured[], all: Measured[], rounds: number): string[] {
  const rate = (t: Target) => {
    const m = measured.find((x) => x.target === t);
    return m ? okRate(m) : NaN;
  };
  const lines: string[] = [];
  const ratio = (raw: Target, api: Target) => {
    const ratios = roundRatios(all, rounds, raw, api);
    return { value: median(ratios), rounds: ratios.map((r) => `${fmt(r)}%`).join(' / ') };
  };
  const check = (label: string, value: number, target: number, unit: string) =>
    Number.isFinite(value) && lines.push(`- ${label}: ${fmt(value)}${unit} (target ≥ ${fmt(target)}${unit}) — ${value >= target ? 'met' : 'MISSED'}`);
  const postgres = ratio('raw', 'postgres');
  check(`PostgreSQL API vs raw limit, median of the rounds (${postgres.rounds})`, postgres.value, 70, '%');
  check('PostgreSQL API', rate('postgres'), 1000, ' orders/s');
  check('PGlite API', rate('pglite'), 300, ' orders/s');
  // No targets of their own: what any HTTP API with a token check keeps of the raw limit here, and
  // how close the API on PGlite comes to what PGlite itself can write.
  const floor = ratio('raw', 'floor');
  if (Number.isFinite(floor.value)) lines.push(`- HTTP floor vs raw limit, median of the rounds (${floor.rounds}): ${fmt(floor.value)}%`);
  const pglite = ratio('raw-pglite', 'pglite');
  if (Number.isFinite(pglite.value)) lines.push(`- PGlite API vs PGlite raw limit, median of the rounds (${pglite.rounds}): ${fmt(pglite.value)}%`);
  return lines;
}

const MEASURE: Record<Target, () => Promise<Measured>> = {
  raw: measureRaw,
  postgres: () => measureApi('postgres'),
  floor: measureFloor,
  'raw-pglite': measureRawPglite,
  pglite: () => measureApi('pglite'),
};

async function main() {
  const targets = args.only.split(',') as Target[];
  const rounds = Number(args.rounds);
  // The machine is shared: targets take turns round by round, and each keeps its best round.
  const all: Measured[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const target of targets) {
      console.log(`round ${round}/${rounds}: ${LABELS[target]} …`);
      all.push(await MEASURE[target]());
    }
  }
  const measured = targets.map((t) => all.filter((m) => m.target === t).reduce((best, m) => (okRate(m) > okRate(best) ? m : best)));
  const roundRates = (t: Target) => all.filter((m) => m.target === t).map((m) => fmt(okRate(m)));
  const unexpected = all.flatMap((m) => unexpectedReport(m.result).map((line) => `- ${LABELS[m.target]}: ${line}`));
  const body = [
    `Concurrency ${load.concurrency}, at most ${fmt(load.maxCount)} orders or ${args.seconds} s per target and round (${rounds} rounds, targets taking turns, best round shown) after ${warmup.maxCount} warm-up orders on a fresh database; unpaid orders with 1–3 lines, a new buyer each, stock reserved from the shop's default warehouse.`,
    '',
    table(
      ['target', 'orders (201)', 'seconds', 'orders/s (best round)', 'p50 ms', 'p95 ms', 'server CPU ms/order', 'bench CPU ms/order', 'statuses', 'orders/s each round'],
      measured.map((m) => [...row(m), roundRates(m.target).join(' / ')]),
    ),
    '',
    'CPU per order: "server" is the ShopFlow process (one Node thread serves HTTP; on PGlite it also runs the database), "bench" is this process (the HTTP load generator, or for a raw limit the SQL client that also builds the rows, and on PGlite the database too). On 2 cores there are 2,000 ms of CPU per second for everything, PostgreSQL included.',
    '',
    ...verdicts(measured, all, rounds),
    ...(unexpected.length ? ['', 'Unexpected replies:', ...unexpected] : []),
  ].join('\n');
  console.log('\n' + body);
  await recordResults('intake', 'Intake: orders/s (`npm run bench:intake`)', body);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
