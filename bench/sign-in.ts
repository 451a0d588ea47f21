/**
 * npm run bench:sign-in — does a morning of sign-ins freeze the shop? On PGlite and PostgreSQL:
 * p50/p95/max of GET /api/v1/orders/:id one at a time, alone and while 4 clients sign in in a loop
 * (correct passwords, each its own user); then the time of a sign-in with an unknown username
 * against one with a wrong password (each try from its own loopback address and the wrong ones
 * spread over several accounts, so no throttle is reached): if they differ, timing tells which
 * accounts exist.
 * Options: --requests=500 --tries=100 --only=pglite,postgres
 */
import { parseArgs } from 'node:util';
import { addUser, attemptSignIn, BENCH_USER_PASSWORD, signIn, signInAdmin, type Api } from './lib/client';
import { percentile, runLoad, statusesText, statusSummary, type LoadResult } from './lib/load';
import { fmt, recordResults, table } from './lib/report';
import { createScratchDatabase, startServer, type Backend } from './lib/server';
import { orderBody, seedCatalog } from './lib/shopData';
import { seededRandom } from '../server/src/demo/fixtures';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '500' },
    tries: { type: 'string', default: '100' },
    only: { type: 'string', default: 'pglite,postgres' },
  },
});
const requests = Number(args.requests);
const tries = Number(args.tries);
const SIGNING_IN = 4;
const ORDERS = 50;
/** Below the account's 10 free failures, so no wrong-password try is ever throttled or audited as such. */
const FAILURES_PER_ACCOUNT = 8;

interface DetailRun {
  result: LoadResult;
  /** Sign-ins completed by the 4 clients meanwhile, and their latencies. */
  signIns: number[];
  signInStatuses: Map<number, number>;
}

interface Measured {
  backend: Backend;
  alone: DetailRun;
  underSignIn: DetailRun;
  unknownUser: number[];
  wrongPassword: number[];
  /** Statuses of the enumeration tries: every one must be a 401. */
  failureStatuses: Map<number, number>;
}

/** GET of the seeded orders' details, one at a time, while `background` runs (until the detail requests are done). */
async function timeDetail(reader: Api, orderIds: number[], background?: (stopped: () => boolean) => Promise<void>): Promise<LoadResult> {
  const detail = (i: number) => reader.request('GET', `/api/v1/orders/${orderIds[i % orderIds.length]}`);
  await runLoad({ concurrency: 1, maxCount: 50, maxMs: 30_000 }, [200], detail);
  let done = false;
  const running = background?.(() => done);
  const result = await runLoad({ concurrency: 1, maxCount: requests, maxMs: 300_000 }, [200], detail);
  done = true;
  await running;
  return result;
}

/** 4 clients signing in as their own users, one sign-in after another, until stopped. */
function signInLoop(baseUrl: string, usernames: string[], latencies: number[], statuses: Map<number, number>) {
  return (stopped: () => boolean) =>
    Promise.all(
      usernames.map(async (username) => {
        while (!stopped()) {
          const t0 = performance.now();
          const reply = await attemptSignIn(baseUrl, username, BENCH_USER_PASSWORD);
          latencies.push(performance.now() - t0);
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        }
      }),
    ).then(() => undefined);
}

/** The i-th try's own client address: 127.1.0.1, 127.1.0.2, … (the address throttle counts per address). */
const tryAddress = (i: number) => `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;

/** Unknown usernames and wrong passwords, alternating, one at a time; ms of each. */
async function timeFailures(baseUrl: string, wrongAccounts: string[]): Promise<Pick<Measured, 'unknownUser' | 'wrongPassword' | 'failureStatuses'>> {
  const unknownUser: number[] = [];
  const wrongPassword: number[] = [];
  const failureStatuses = new Map<number, number>();
  for (let i = 0; i < tries * 2; i++) {
    const unknown = i % 2 === 0;
    const n = i >> 1;
    const username = unknown ? `nobody_${n}` : wrongAccounts[n % wrongAccounts.length]!;
    const t0 = performance.now();
    const reply = await attemptSignIn(baseUrl, username, 'not-the-password', tryAddress(i));
    (unknown ? unknownUser : wrongPassword).push(performance.now() - t0);
    failureStatuses.set(reply.status, (failureStatuses.get(reply.status) ?? 0) + 1);
  }
  return { unknownUser, wrongPassword, failureStatuses };
}

async function measure(backend: Backend): Promise<Measured> {
  const scratch = backend === 'postgres' ? await createScratchDatabase('signin') : null;
  try {
    const server = await startServer({ databaseUrl: scratch?.url });
    try {
      const admin = await signInAdmin(server.baseUrl);
      await seedCatalog(admin, 10_000);
      const random = seededRandom(20261202);
      const orderIds: number[] = [];
      for (let i = 0; i < ORDERS; i++) orderIds.push((await admin.must('POST', '/api/v1/orders', orderBody(random, i))).id);
      await addUser(admin, 'detail_reader', ['cs_presale']);
      const reader = await signIn(server.baseUrl, 'detail_reader', BENCH_USER_PASSWORD);
      const signers = Array.from({ length: SIGNING_IN }, (_, i) => `signer_${i + 1}`);
      const wrongAccounts = Array.from({ length: Math.ceil(tries / FAILURES_PER_ACCOUNT) }, (_, i) => `mistyper_${i + 1}`);
      for (const username of [...signers, ...wrongAccounts]) await addUser(admin, username, ['cs_presale']);

      console.log(`  ${backend}: detail alone …`);
      const alone: DetailRun = { result: await timeDetail(reader, orderIds), signIns: [], signInStatuses: new Map() };
      console.log(`  ${backend}: detail while ${SIGNING_IN} clients sign in …`);
      const [signIns, signInStatuses] = [[] as number[], new Map<number, number>()];
      const underSignIn: DetailRun = { result: await timeDetail(reader, orderIds, signInLoop(server.baseUrl, signers, signIns, signInStatuses)), signIns, signInStatuses };
      console.log(`  ${backend}: unknown user vs wrong password …`);
      return { backend, alone, underSignIn, ...(await timeFailures(server.baseUrl, wrongAccounts)) };
    } finally {
      await server.stop();
    }
  } finally {
    await scratch?.drop();
  }
}

function detailRow(m: Measured, label: string, run: DetailRun): (string | number)[] {
  const ms = run.result.latenciesMs;
  const signInsPerSecond = run.signIns.length ? fmt((run.signIns.length / run.result.elapsedMs) * 1000, 1) : '—';
  return [
    m.backend,
    label,
    fmt(percentile(ms, 50), 1),
    `**${fmt(percentile(ms, 95), 1)}**`,
    fmt(Math.max(...ms), 1),
    statusSummary(run.result),
    signInsPerSecond,
    run.signIns.length ? `${fmt(percentile(run.signIns, 50))} / ${fmt(percentile(run.signIns, 95))}` : '—',
    run.signIns.length ? statusesText(run.signInStatuses) : '—',
  ];
}

function failureRow(m: Measured): (string | number)[] {
  const [unknown, wrong] = [percentile(m.unknownUser, 50), percentile(m.wrongPassword, 50)];
  return [
    m.backend,
    `${fmt(unknown, 1)} / ${fmt(percentile(m.unknownUser, 95), 1)}`,
    `${fmt(wrong, 1)} / ${fmt(percentile(m.wrongPassword, 95), 1)}`,
    `${fmt(unknown - wrong, 1)} ms (${fmt(((unknown - wrong) / wrong) * 100, 1)} %)`,
    statusesText(m.failureStatuses),
  ];
}

async function main() {
  const measured: Measured[] = [];
  for (const backend of args.only.split(',') as Backend[]) measured.push(await measure(backend));
  const body = [
    `Detail: ${requests} requests of \`GET /api/v1/orders/:id\` one at a time (after 50 warm-up) over ${ORDERS} orders, as a cs_presale user; then the same while ${SIGNING_IN} clients sign in one after another each as its own user with the right password. Sign-in passwords are argon2id (19 MiB, 2 passes), hashed on libuv's worker threads, at most cores − 1 at a time.`,
    '',
    table(['backend', 'detail', 'p50 ms', 'p95 ms', 'max ms', 'statuses', 'sign-ins/s', 'sign-in p50 / p95 ms', 'sign-in statuses'], measured.flatMap((m) => [detailRow(m, 'alone', m.alone), detailRow(m, `while ${SIGNING_IN} sign in`, m.underSignIn)])),
    '',
    `Failed sign-ins: ${tries} with an unknown username and ${tries} with a wrong password on a real account, alternating one at a time, each from its own loopback client address (127.1.x.y) and at most ${FAILURES_PER_ACCOUNT} per account, so no throttle key is reached; all must answer the same 401.`,
    '',
    table(['backend', 'unknown user p50 / p95 ms', 'wrong password p50 / p95 ms', 'difference of the medians', 'statuses'], measured.map(failureRow)),
  ].join('\n');
  console.log('\n' + body);
  await recordResults('sign-in', 'Sign-in under load and enumeration timing (`npm run bench:sign-in`)', body);
  if (measured.some((m) => [...m.failureStatuses.keys()].some((s) => s !== 401))) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
