/**
 * npm run bench:soak — the hardening issue's 10-minute mixed load: 8 clients (create 50 %, pay 15 %,
 * review 10 %, cancel 5 %, list 7.5 %, search 7.5 %, detail 5 %) against a server running its jobs
 * as a shop's single process does, on PostgreSQL (or PGlite). Per minute: p50/p95 of each request
 * kind, orders created and the server's RSS. Fails (exit 1) on any non-2xx reply, or when the last
 * minute's p95 of a kind is above 1.5× its first minute's (the floor measured in the same run).
 * Options: --minutes=10 (or SOAK_MINUTES=2 for a quick try, which is printed but not recorded)
 * --clients=8 --warmup=30 (seconds, not measured) --backend=postgres|pglite
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { seededRandom } from '../server/src/demo/fixtures';
import { openDatabase, type DatabaseOptions } from '../server/src/db/client';
import { addUser, BENCH_USER_PASSWORD, signIn, signInAdmin } from './lib/client';
import { percentile } from './lib/load';
import { fmt, recordResults, table } from './lib/report';
import { createScratchDatabase, startServer, tempDataDir, type Backend, type RunningServer } from './lib/server';
import { seedCatalog } from './lib/shopData';
import { KINDS, soakMix, type Done, type Kind } from './lib/soakMix';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: process.env.SOAK_MINUTES ?? '10' },
    clients: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '30' },
    backend: { type: 'string', default: 'postgres' },
  },
});
const minutes = Number(args.minutes);
const clients = Number(args.clients);
const backend = args.backend as Backend;
const SEED = 20261202;
/** The bar: the last minute's p95 within this factor of the first minute's, for every kind. */
const MAX_SLOWDOWN = 1.5;
/** Runs shorter than this are quick tries: printed, not recorded over the real run. */
const RECORDED_MINUTES = 10;
const MINUTE_MS = 60_000;
/** Far more than a run can sell: stock never runs out, so every create is a 201. */
const STOCK_PER_SKU = 5_000_000;

interface Sample {
  kind: Kind;
  label: string;
  minute: number;
  ms: number;
  status: number;
}

interface MinuteMark {
  rssMb: number;
  load: number;
}

interface Run {
  samples: Sample[];
  /** The server's RSS and the load average at the end of each minute (index 0: before minute 1). */
  marks: MinuteMark[];
  unexpected: Map<string, unknown>;
}

/** Every client runs the mix, one request at a time, until the deadline; `onDone` hears of each request. */
async function drive(next: (random: ReturnType<typeof seededRandom>) => Promise<Done>, untilMs: number, onDone?: (done: Done, ms: number) => void): Promise<void> {
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const random = seededRandom(SEED + c);
      while (performance.now() < untilMs) {
        const t0 = performance.now();
        const done = await next(random);
        onDone?.(done, performance.now() - t0);
      }
    }),
  );
}

async function soak(server: RunningServer): Promise<Run> {
  const admin = await signInAdmin(server.baseUrl);
  await seedCatalog(admin, STOCK_PER_SKU);
  await addUser(admin, 'soak_cs', ['cs_presale']);
  await addUser(admin, 'soak_finance', ['finance']);
  const staff = { cs: await signIn(server.baseUrl, 'soak_cs', BENCH_USER_PASSWORD), finance: await signIn(server.baseUrl, 'soak_finance', BENCH_USER_PASSWORD) };
  const { next } = soakMix(staff);

  console.log(`warm-up ${args.warmup} s …`);
  await drive(next, performance.now() + Number(args.warmup) * 1000);

  const mark = (): MinuteMark => ({ rssMb: server.rssBytes() / 2 ** 20, load: loadavg()[0]! });
  const run: Run = { samples: [], marks: [mark()], unexpected: new Map() };
  const started = performance.now();
  const timer = setInterval(() => {
    run.marks.push(mark());
    console.log(`  minute ${run.marks.length - 1}/${minutes}: ${fmt(run.samples.filter((s) => s.minute === run.marks.length - 2).length)} requests, RSS ${fmt(run.marks.at(-1)!.rssMb)} MB`);
  }, MINUTE_MS);
  try {
    await drive(next, started + minutes * MINUTE_MS, (done, ms) => {
      const minute = Math.min(minutes - 1, Math.floor((performance.now() - started) / MINUTE_MS));
      const { status, body } = done.reply;
      run.samples.push({ kind: done.kind, label: done.label, minute, ms, status });
      const key = `${done.label} → ${status}`;
      if ((status < 200 || status >= 300) && !run.unexpected.has(key)) run.unexpected.set(key, body);
    });
  } finally {
    clearInterval(timer);
  }
  if (run.marks.length <= minutes) run.marks.push(mark());
  return run;
}

const latencies = (samples: Sample[]) => samples.map((s) => s.ms);
const p50p95 = (samples: Sample[]) => (samples.length ? `${fmt(percentile(latencies(samples), 50), 1)} / ${fmt(percentile(latencies(samples), 95), 1)}` : '—');

function minuteTable(run: Run): string {
  const rows = Array.from({ length: minutes }, (_, m) => {
    const inMinute = run.samples.filter((s) => s.minute === m);
    const created = inMinute.filter((s) => s.kind === 'create' && s.status === 201).length;
    return [m + 1, fmt(inMinute.length), fmt(created), ...KINDS.map((k) => p50p95(inMinute.filter((s) => s.kind === k))), fmt(run.marks[m + 1]?.rssMb ?? NaN), fmt(run.marks[m + 1]?.load ?? NaN, 2)];
  });
  return table(['minute', 'requests', 'orders created', ...KINDS.map((k) => `${k} p50 / p95 ms`), 'RSS MB', 'load avg (1 min)'], rows);
}

interface Verdict {
  kind: Kind;
  first: number;
  last: number;
  /** The worst minute against the first: shown for the record, the check is on the last. */
  worst: number;
  ok: boolean;
}

function verdicts(run: Run): Verdict[] {
  return KINDS.map((kind) => {
    const p95s = Array.from({ length: minutes }, (_, m) => percentile(latencies(run.samples.filter((s) => s.kind === kind && s.minute === m)), 95));
    const [first, last] = [p95s[0]!, p95s[minutes - 1]!];
    const worst = Math.max(...p95s.filter(Number.isFinite));
    return { kind, first, last, worst, ok: Number.isFinite(first) && last <= MAX_SLOWDOWN * first };
  });
}

/** First against last minute for each list and search query: which one grew, if any did. */
function queryTable(run: Run): string {
  const labels = [...new Set(run.samples.filter((s) => s.kind === 'list' || s.kind === 'search' || s.kind === 'review').map((s) => s.label))].sort();
  const at = (label: string, minute: number) => run.samples.filter((s) => s.label === label && s.minute === minute);
  return table(
    ['request', 'requests', 'minute 1 p50 / p95 ms', `minute ${minutes} p50 / p95 ms`],
    labels.map((label) => [label, fmt(run.samples.filter((s) => s.label === label).length), p50p95(at(label, 0)), p50p95(at(label, minutes - 1))]),
  );
}

const REPORTED_TABLES = ['orders', 'order_items', 'customers', 'audit_events', 'stock_movements'];

/**
 * The biggest tables at the end: their rows beside the planner's estimate from their last ANALYZE
 * (pg_class, kept on disk), and on PostgreSQL how often they were analysed (PGlite's statistics
 * counters start again at zero when the database is reopened).
 */
async function tableReport(where: Pick<DatabaseOptions, 'url' | 'dataDir'>): Promise<string> {
  const database = await openDatabase({ ...where, poolSize: 1 });
  try {
    const autovacuum = backend === 'pglite' ? 'PGlite has none' : `autovacuum ${String((await database.query('SHOW autovacuum')).rows[0]?.autovacuum)}`;
    const parts: string[] = [];
    for (const name of REPORTED_TABLES) {
      const { rows } = await database.query(
        `SELECT (SELECT count(*) FROM ${name}) AS rows, c.reltuples, s.analyze_count, s.autoanalyze_count
         FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = 'public.${name}'::regclass`,
      );
      const r = rows[0]!;
      const analysed = backend === 'postgres' ? `, analysed ${String(r.analyze_count)}× (${String(r.autoanalyze_count)} by autovacuum)` : '';
      parts.push(`${name} ${fmt(Number(r.rows))} rows, planner's estimate ${fmt(Math.max(0, Number(r.reltuples)))}${analysed}`);
    }
    return `Tables at the end (${autovacuum}): ${parts.join('; ')}.`;
  } finally {
    await database.close();
  }
}

async function main() {
  const scratch = backend === 'postgres' ? await createScratchDatabase('soak') : null;
  const dataDir = scratch ? undefined : tempDataDir();
  const where = { databaseUrl: scratch?.url, dataDir, withJobs: true };
  try {
    const server = await startServer(where);
    let run: Run;
    try {
      console.log(`soak on ${backend}: ${clients} clients, ${minutes} min …`);
      run = await soak(server);
    } finally {
      await server.stop();
    }
    const checked = verdicts(run);
    const failures = run.samples.filter((s) => s.status < 200 || s.status >= 300).length;
    const body = [
      `${clients} clients one request at a time each for ${minutes} min after a ${args.warmup} s warm-up, on ${backend === 'postgres' ? 'PostgreSQL' : 'PGlite'}, the server running its jobs (statistics maintenance, unpaid sweep) as a single-process shop does; seed ${SEED}; ms measured by the client. Mix: create 50 %, pay 15 % (finance), review 10 % (approve a risk hold, release a later one, or hold an approved order), cancel 5 %, list 7.5 %, search 7.5 %, detail 5 %; buyers from a pool of 40,000, so repeat buyers meet the duplicate rule.`,
      '',
      minuteTable(run),
      '',
      table(
        ['kind', 'minute 1 p95 ms', `minute ${minutes} p95 ms`, 'last ÷ first', 'worst minute ÷ first', 'verdict'],
        checked.map((v) => [v.kind, fmt(v.first, 1), fmt(v.last, 1), `${fmt(v.last / v.first, 2)}×`, `${fmt(v.worst / v.first, 2)}×`, v.ok ? 'ok' : 'SLOWER']),
      ),
      '',
      queryTable(run),
      '',
      `- ${fmt(run.samples.length)} requests, ${fmt(failures)} not 2xx; RSS ${fmt(run.marks[0]!.rssMb)} → ${fmt(run.marks.at(-1)!.rssMb)} MB.`,
      `- Check: minute ${minutes}'s p95 ≤ ${MAX_SLOWDOWN}× minute 1's for every kind — ${checked.every((v) => v.ok) ? 'met' : 'MISSED'}.`,
      `- ${await tableReport({ url: scratch?.url, dataDir })}`,
      ...[...run.unexpected.entries()].map(([key, sample]) => `- unexpected ${key}: ${JSON.stringify(sample).slice(0, 300)}`),
    ].join('\n');
    console.log('\n' + body);
    if (minutes >= RECORDED_MINUTES) await recordResults(backend === 'postgres' ? 'soak' : 'soak-pglite', `Soak: ${minutes}-minute mixed load on ${backend === 'postgres' ? 'PostgreSQL' : 'PGlite'} (\`npm run bench:soak\`)`, body);
    else console.log(`\n(a ${minutes}-minute try: not recorded; ${RECORDED_MINUTES} minutes or more replace the section in RESULTS.md)`);
    if (failures > 0 || !checked.every((v) => v.ok)) process.exitCode = 1;
  } finally {
    await scratch?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
