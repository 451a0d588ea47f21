/**
 * npm run bench:hot-sku — 1,000 buyers at once for 100 units of one SKU, through POST /api/v1/orders.
 * Exactly 100 orders must win; every other buyer gets a clean 409 insufficient_stock (no 5xx, no
 * lock time-outs), and the stock level must end at reserved = on hand. Reports attempts/s.
 * Options: --buyers=1000 --units=100 --rounds=3 --only=postgres,pglite
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { address, buyer, CATALOG_SKUS, DEMO_WAREHOUSES, seededRandom } from '../server/src/demo/fixtures';
import { signInAdmin, type Api } from './lib/client';
import { countOf, percentile, runLoad, statusSummary, unexpectedReport, type LoadResult } from './lib/load';
import { fmt, recordResults, table } from './lib/report';
import { checkStockInvariants, createScratchDatabase, startServer, tempDataDir, type Backend } from './lib/server';
import { seedCatalog } from './lib/shopData';

const { values: args } = parseArgs({
  options: {
    buyers: { type: 'string', default: '1000' },
    units: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    only: { type: 'string', default: 'postgres,pglite' },
  },
});
const buyers = Number(args.buyers);
const units = Number(args.units);
const rounds = Number(args.rounds);
/** One limited drop per round: the down jackets, each in its own spec. */
const hotSkus = CATALOG_SKUS.filter((s) => s.code.startsWith('SG-DJ04-')).slice(0, rounds);
const warehouseCode = DEMO_WAREHOUSES[0].code;

interface Round {
  backend: Backend;
  skuCode: string;
  result: LoadResult;
  /** 409s whose code was not insufficient_stock. */
  otherConflicts: number;
  level: { onHand: number; reserved: number; available: number } | undefined;
}

async function runRound(api: Api, backend: Backend, skuCode: string, buyerOffset: number): Promise<Round> {
  const random = seededRandom(buyerOffset);
  const bodies = Array.from({ length: buyers }, (_, i) => ({
    shopCode: 'tmall-flagship',
    buyer: buyer(buyerOffset + i),
    address: address(random),
    items: [{ skuCode, quantity: 1, unitPrice: CATALOG_SKUS.find((s) => s.code === skuCode)!.price }],
    paymentMethod: 'alipay',
  }));
  let otherConflicts = 0;
  const result = await runLoad({ concurrency: buyers, maxCount: buyers, maxMs: 120_000 }, [201, 409], async (i) => {
    const reply = await api.request('POST', '/api/v1/orders', bodies[i]);
    if (reply.status === 409 && reply.body?.error?.code !== 'insufficient_stock') {
      otherConflicts++;
      return { status: -409, body: reply.body };
    }
    return reply;
  });
  const levels = await api.must('GET', `/api/v1/inventory/levels?skuCode=${skuCode}&warehouseCode=${warehouseCode}`);
  return { backend, skuCode, result, otherConflicts, level: levels.items[0] };
}

interface BackendRun {
  rounds: Round[];
  /** `npm run check` on the database afterwards: on hand = Σ movements, reserved = Σ open reservations. */
  invariants: { ok: boolean; output: string };
}

async function measure(backend: Backend): Promise<BackendRun> {
  const scratch = backend === 'postgres' ? await createScratchDatabase('hotsku') : null;
  const dataDir = scratch ? undefined : tempDataDir();
  const where = { databaseUrl: scratch?.url, dataDir };
  try {
    const server = await startServer(where);
    let rounds: Round[];
    try {
      const api = await signInAdmin(server.baseUrl);
      const hotCodes = hotSkus.map((s) => s.code);
      await seedCatalog(api, 1000, hotCodes);
      await api.must('POST', '/api/v1/inventory/receipts', { warehouseCode, lines: hotCodes.map((skuCode) => ({ skuCode, quantity: units })), note: '限量发售' });
      rounds = [];
      for (const [n, code] of hotCodes.entries()) rounds.push(await runRound(api, backend, code, (n + 1) * 100_000));
    } finally {
      await server.stop();
    }
    return { rounds, invariants: await checkStockInvariants(where) };
  } finally {
    await scratch?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

function verdict(round: Round): string {
  const won = countOf(round.result, 201);
  const lost = countOf(round.result, 409);
  const level = round.level;
  const clean = won === units && lost === buyers - units && level?.reserved === units && level.available === 0;
  return clean ? 'ok' : 'FAILED';
}

async function main() {
  const all: Round[] = [];
  const checks: string[] = [];
  for (const backend of args.only.split(',') as Backend[]) {
    console.log(`hot SKU on ${backend} …`);
    const run = await measure(backend);
    all.push(...run.rounds);
    checks.push(`- ${backend}, \`check\` afterwards: ${run.invariants.ok ? 'ok' : 'FAILED'} — ${run.invariants.output.split('\n').join(' ')}`);
    if (!run.invariants.ok) process.exitCode = 1;
  }
  const rows = all.map((r) => [
    r.backend,
    r.skuCode,
    fmt(countOf(r.result, 201)),
    fmt(countOf(r.result, 409)),
    statusSummary(r.result),
    r.level ? `${r.level.onHand} / ${r.level.reserved} / ${r.level.available}` : '—',
    fmt(r.result.elapsedMs / 1000, 2),
    `**${fmt(r.result.rate)}**`,
    fmt(percentile(r.result.latenciesMs, 95)),
    verdict(r),
  ]);
  const unexpected = all.flatMap((r) => unexpectedReport(r.result).map((line) => `- ${r.backend} ${r.skuCode}: ${line}`));
  const body = [
    `${fmt(buyers)} buyers sent at once (one connection each) for ${units} units of one SKU, ${rounds} round(s) per backend, each on its own SKU; 1 unit per order.`,
    '',
    table(['backend', 'SKU', 'orders (201)', '409 insufficient_stock', 'statuses', 'on hand / reserved / available after', 'seconds', 'attempts/s', 'p95 ms', 'verdict'], rows),
    '',
    'Status -409 marks a 409 with a code other than `insufficient_stock`.',
    '',
    ...checks,
    ...(unexpected.length ? ['', 'Unexpected replies:', ...unexpected] : []),
  ].join('\n');
  console.log('\n' + body);
  await recordResults('hot-sku', 'Hot SKU: 1,000 buyers for 100 units (`npm run bench:hot-sku`)', body);
  if (all.some((r) => verdict(r) !== 'ok')) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
