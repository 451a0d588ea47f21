/**
 * npm run bench:scan — pack verification (验货) on PostgreSQL with 8 packing stations at once.
 * Paid multi-item orders of 3–6 units are created through the API and taken into one multi-item
 * wave; then, round by round, 8 stations (one warehouse user each) work through their share of
 * the slips without pause: open the session by the slip's order number, scan every unit (in a
 * shuffled order, a wrong item in some parcels and one too many in others, as packers do), close
 * the parcel. Every reply is checked against what pack verification must answer. Target: p95 of a
 * scan ≤ 50 ms. Beside it, in the same round: the raw SQL floor (`lib/rawScan.ts`: the same scans
 * replayed on the same parcels by 8 plain `pg` connections, the least a scan must do) and the HTTP
 * floor (GET /api/v1/auth/me, the token look-up and one read through the same stack, and /healthz),
 * both from 8 clients at once.
 * Options: --stations=8 --parcels=40 (per station and round) --rounds=3 --keep (leave the database for EXPLAIN)
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { between, CATALOG_SKUS, seededRandom, type Random } from '../server/src/demo/fixtures';
import { addUser, BENCH_USER_PASSWORD, signIn, signInAdmin, type Api, type ApiReply } from './lib/client';
import { percentile, runLoad, statusSummary, type LoadResult } from './lib/load';
import { rawScan, resetScanned, type PlannedScan } from './lib/rawScan';
import { fmt, recordResults, table } from './lib/report';
import { createScratchDatabase, startServer, type RunningServer } from './lib/server';
import { seedCatalog, type OrderBody } from './lib/shopData';
import { approvedOrders, benchWarehouseCode } from './lib/waveOrders';

const { values: args } = parseArgs({
  options: { stations: { type: 'string', default: '8' }, parcels: { type: 'string', default: '40' }, rounds: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } },
});
const stationCount = Number(args.stations);
const parcelsPerStation = Number(args.parcels);
const rounds = Number(args.rounds);
const TARGET_P95_MS = 50;
/** Parcels in which the packer first scans an item of another order, and in which one unit too many. */
const WRONG_ITEM_SHARE = 0.1;
const EXCESS_ITEM_SHARE = 0.05;

/** 3–6 units over the basket's 1–3 SKUs, each line at least one. */
function threeToSixUnits(body: OrderBody, random: Random): void {
  const units = between(random, 3, 6);
  for (const line of body.items) line.quantity = 1;
  for (let left = units - body.items.length; left > 0; left--) body.items[Math.floor(random() * body.items.length)]!.quantity++;
}

interface SessionLine {
  barcode: string;
  expected: number;
}

/** The order a packer scans the parcel's units in: shuffled, sometimes with a stranger or one unit too many. */
function planScans(random: Random, lines: SessionLine[]): PlannedScan[] {
  const plan: PlannedScan[] = lines.flatMap((l) => Array.from({ length: l.expected }, () => ({ barcode: l.barcode, result: 'ok' as const })));
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  if (random() < WRONG_ITEM_SHARE) {
    const stranger = CATALOG_SKUS.find((s) => !lines.some((l) => l.barcode === s.barcode))!;
    plan.splice(Math.floor(random() * (plan.length + 1)), 0, { barcode: stranger.barcode, result: 'wrong_item' });
  }
  if (random() < EXCESS_ITEM_SHARE) {
    const barcode = lines[Math.floor(random() * lines.length)]!.barcode;
    const last = plan.map((s) => s.barcode).lastIndexOf(barcode);
    plan.splice(last + 1, 0, { barcode, result: 'excess_item' });
  }
  return plan;
}

interface PackedParcel {
  id: number;
  plan: PlannedScan[];
}

interface StationsRun {
  parcels: PackedParcel[];
  scanMs: number[];
  refusedMs: number[];
  openMs: number[];
  completeMs: number[];
  elapsedMs: number;
  serverCpuMs: number;
}

function expectReply(what: string, reply: ApiReply, status: number, code?: string): void {
  if (reply.status !== status || (code && reply.body?.error?.code !== code)) {
    throw new Error(`${what}: expected ${status}${code ? ` ${code}` : ''}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
  }
}

async function timed<T>(into: number[], fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await fn();
  into.push(performance.now() - t0);
  return result;
}

/** The stations each take the next slip until none is left: open, scan the plan, close. */
async function runStations(server: RunningServer, stations: Api[], orderNos: string[], seed: number): Promise<StationsRun> {
  const run: StationsRun = { parcels: [], scanMs: [], refusedMs: [], openMs: [], completeMs: [], elapsedMs: 0, serverCpuMs: 0 };
  let next = 0;
  const cpu0 = server.cpuSeconds();
  const t0 = performance.now();
  await Promise.all(
    stations.map(async (station) => {
      while (next < orderNos.length) {
        const i = next++;
        const orderNo = orderNos[i]!;
        const opened = await timed(run.openMs, () => station.request('POST', '/api/v1/packing/sessions', { scan: orderNo }));
        expectReply(`open ${orderNo}`, opened, 200);
        const plan = planScans(seededRandom(seed + i), opened.body.lines);
        for (const scan of plan) {
          const reply = await timed(scan.result === 'ok' ? run.scanMs : run.refusedMs, () =>
            station.request('POST', `/api/v1/packing/sessions/${opened.body.id}/scans`, { barcode: scan.barcode }),
          );
          expectReply(`scan ${scan.barcode} into ${orderNo}`, reply, scan.result === 'ok' ? 200 : 409, scan.result === 'ok' ? undefined : scan.result);
        }
        const closed = await timed(run.completeMs, () => station.request('POST', `/api/v1/packing/sessions/${opened.body.id}/complete`));
        expectReply(`complete ${orderNo}`, closed, 200);
        run.parcels.push({ id: opened.body.id, plan });
      }
    }),
  );
  run.elapsedMs = performance.now() - t0;
  run.serverCpuMs = (server.cpuSeconds() - cpu0) * 1000;
  return run;
}

/** The raw SQL floor: the same parcels' scans again, 8 plain connections, each parcel's scans in its order. */
async function runRawFloor(pool: pg.Pool, parcels: PackedParcel[], actorId: number): Promise<{ latenciesMs: number[]; elapsedMs: number }> {
  await resetScanned(
    pool,
    parcels.map((p) => p.id),
  );
  const latenciesMs: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: stationCount }, async () => {
      while (next < parcels.length) {
        const parcel = parcels[next++]!;
        for (const scan of parcel.plan) {
          const result = await timed(latenciesMs, () => rawScan(pool, parcel.id, scan.barcode, actorId));
          if (result !== scan.result) throw new Error(`raw floor: ${scan.barcode} into parcel ${parcel.id} came out ${result}, expected ${scan.result}`);
        }
      }
    }),
  );
  return { latenciesMs, elapsedMs: performance.now() - t0 };
}

/** A GET from the stations' users, 8 at once. */
async function httpFloor(stations: Api[], url: string, count: number): Promise<LoadResult> {
  const result = await runLoad({ concurrency: stationCount, maxCount: count, maxMs: 120_000 }, [200], (i) => stations[i % stations.length]!.request('GET', url));
  if (result.byStatus.get(200) !== result.attempts) throw new Error(`GET ${url}: ${statusSummary(result)}`);
  return result;
}

const p = (samples: number[], q: number) => fmt(percentile(samples, q), 1);
const spread = (samples: number[]) => `${p(samples, 50)} / ${p(samples, 95)} / ${p(samples, 99)}`;

async function main() {
  const scratch = await createScratchDatabase('scan');
  const pool = new pg.Pool({ connectionString: scratch.url, max: stationCount });
  // Dropping the database WITH (FORCE) may cut a connection the pool still holds idle; that no longer matters then.
  pool.on('error', () => undefined);
  try {
    const server = await startServer({ databaseUrl: scratch.url });
    try {
      const admin = await signInAdmin(server.baseUrl);
      await seedCatalog(admin, 100_000);
      const stations: Api[] = [];
      const stationUserIds: number[] = [];
      for (let s = 1; s <= stationCount; s++) {
        stationUserIds.push(await addUser(admin, `bench-packer-${s}`, ['warehouse']));
        stations.push(await signIn(server.baseUrl, `bench-packer-${s}`, BENCH_USER_PASSWORD));
      }
      const wanted = stationCount * parcelsPerStation * rounds;
      console.log(`creating paid orders of 3–6 units until ${fmt(wanted)} are approved …`);
      await approvedOrders(admin, wanted, 20_261_203, threeToSixUnits);
      const wave = await stations[0]!.must('POST', '/api/v1/waves', { warehouseCode: benchWarehouseCode, kind: 'multi', maxOrders: wanted });
      const orderNos: string[] = wave.orders.map((o: { orderNo: string }) => o.orderNo);
      const units = wave.orders.reduce((n: number, o: { units: number }) => n + o.units, 0);
      console.log(`wave ${wave.waveNo}: ${fmt(orderNos.length)} orders, ${fmt(units)} units`);

      const rows: (string | number)[][] = [];
      const allScans: number[] = [];
      const perRound: { p95: number; rate: number }[] = [];
      for (let round = 0; round < rounds; round++) {
        const slips = orderNos.slice(round * stationCount * parcelsPerStation, (round + 1) * stationCount * parcelsPerStation);
        const run = await runStations(server, stations, slips, 1000 * round);
        const scans = [...run.scanMs, ...run.refusedMs];
        allScans.push(...scans);
        const requests = scans.length + run.openMs.length + run.completeMs.length;
        const raw = await runRawFloor(pool, run.parcels, stationUserIds[0]!);
        const me = await httpFloor(stations, '/api/v1/auth/me', Math.min(scans.length, 2000));
        const health = await httpFloor(stations, '/healthz', Math.min(scans.length, 2000));
        const rate = (scans.length / run.elapsedMs) * 1000;
        perRound.push({ p95: percentile(scans, 95), rate });
        rows.push([
          round + 1,
          fmt(scans.length),
          `**${spread(scans)}**`,
          p(run.refusedMs, 95),
          fmt(Math.max(...scans), 0),
          fmt(rate),
          `${p(run.openMs, 95)} / ${p(run.completeMs, 95)}`,
          fmt(run.serverCpuMs / requests, 2),
          `${spread(raw.latenciesMs)}`,
          fmt((raw.latenciesMs.length / raw.elapsedMs) * 1000),
          `${p(me.latenciesMs, 50)} / ${p(me.latenciesMs, 95)}`,
          `${p(health.latenciesMs, 50)} / ${p(health.latenciesMs, 95)}`,
        ]);
        console.log(rows.at(-1)!.join(' | '));
      }
      const worst = Math.max(...perRound.map((r) => r.p95));
      const verdict = (ms: number) => (ms <= TARGET_P95_MS ? 'met' : 'MISSED');
      const body = [
        `${fmt(orderNos.length)} paid orders of 3–6 units (1–3 SKUs, ${fmt(units)} units) created through the API and taken into one multi-item wave; per round ${fmt(stationCount)} stations (one warehouse user each, keep-alive \`node:http\`) pack ${fmt(parcelsPerStation)} parcels each with no pause between scans: open the session by the slip, scan every unit in a shuffled order (${WRONG_ITEM_SHARE * 100} % of parcels also get a wrong item, ${EXCESS_ITEM_SHARE * 100} % one unit too many, both refused with 409 and kept), close. Every reply checked. ms measured by the client; a scan is POST …/scans, taken or refused.`,
        '',
        table(
          [
            'round',
            'scans',
            'scan p50 / p95 / p99 ms',
            'refused p95 ms',
            'max ms',
            'scans/s',
            'open / complete p95 ms',
            'server CPU ms per request',
            'raw SQL floor p50 / p95 / p99 ms',
            'raw scans/s',
            'GET /auth/me p50 / p95 ms',
            '/healthz p50 / p95 ms',
          ],
          rows,
        ),
        '',
        `- Target p95 ≤ ${TARGET_P95_MS} ms per scan: all ${fmt(allScans.length)} scans ${p(allScans, 95)} ms (${verdict(percentile(allScans, 95))}), worst round ${fmt(worst, 1)} ms (${verdict(worst)}).`,
        `- Raw SQL floor: the same scans replayed on the same parcels by ${fmt(stationCount)} plain \`pg\` connections (BEGIN, lock the parcel and read its lines in one statement, keep the scan, count it, COMMIT). HTTP floor: GET /api/v1/auth/me (token look-up + one read through Fastify) and /healthz (SELECT 1), ${fmt(stationCount)} at once, right after the stations.`,
      ].join('\n');
      console.log('\n' + body);
      await recordResults('scan', `Pack-verify scans, ${fmt(stationCount)} stations at once (\`npm run bench:scan\`)`, body);
    } finally {
      await server.stop();
    }
  } finally {
    await pool.end();
    if (args.keep) console.log(`kept database ${scratch.name}`);
    else await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
