import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const LOCAL_SOCKET_DIR = '/var/run/postgresql';
/**
 * The PostgreSQL server the benches create their throwaway databases on: the machine's own through
 * its Unix socket when it has one, as a server on the same host connects (every round trip over
 * loopback TCP cost ~0.1 ms more CPU on this machine, raw limit and API alike), else over TCP.
 */
export const adminDatabaseUrl =
  process.env.BENCH_DATABASE_URL ??
  (existsSync(`${LOCAL_SOCKET_DIR}/.s.PGSQL.5432`) ? `postgres://postgres@localhost/postgres?host=${LOCAL_SOCKET_DIR}` : 'postgres://postgres@127.0.0.1:5432/postgres');

/** How the benches reach PostgreSQL, for the results. */
export const postgresConnection = new URL(adminDatabaseUrl).searchParams.get('host')?.startsWith('/') ? 'Unix socket' : 'TCP';
export const ADMIN_PASSWORD = 'bench-admin-password';
/** Fixed so a bench can compute the same blind indexes and ciphertexts as the server it starts. */
export const BENCH_SECRET = 'bench-secret-not-for-production';

export type Backend = 'postgres' | 'pglite';

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function onAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const dropDatabase = (name: string) => onAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);

/** Servers and scratch databases still up: an interrupted bench (Ctrl-C) stops and drops them on its way out. */
const liveServers = new Set<ChildProcess>();
const liveScratch = new Set<string>();
process.once('SIGINT', () => void stopEverything());

async function stopEverything() {
  // Dropping WITH (FORCE) cuts this process's own open connections too; their errors no longer matter.
  process.on('uncaughtException', () => undefined);
  const exits = [...liveServers].map((child) => new Promise((r) => child.once('exit', r)));
  for (const child of liveServers) child.kill('SIGTERM');
  await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 5000))]);
  console.error(`\ninterrupted: dropping ${[...liveScratch].join(', ') || 'nothing'}`);
  await Promise.allSettled([...liveScratch].map(dropDatabase));
  process.exit(130);
}

/** A fresh, empty PostgreSQL database `sf_bench_<timestamp>_<label>`, dropped by `drop()`. */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const name = `sf_bench_${Date.now()}_${label}`;
  await onAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  liveScratch.add(name);
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await dropDatabase(name);
      liveScratch.delete(name);
    },
  };
}

export async function postgresVersion(): Promise<string> {
  const res = await onAdmin((c) => c.query<{ server_version: string }>('SHOW server_version'));
  return res.rows[0]?.server_version ?? 'unknown';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  backend: Backend;
  /** CPU seconds (user + system) the server process has used so far; NaN off Linux. */
  cpuSeconds(): number;
  /** Resident memory of the server process in bytes; NaN off Linux. */
  rssBytes(): number;
  stop(): Promise<void>;
}

/** utime + stime of a process from /proc, in seconds (clock ticks are 1/100 s on Linux). */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** VmRSS of a process from /proc, in bytes. */
function processRssBytes(pid: number | undefined): number {
  try {
    const kB = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kB ? Number(kB) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

export interface ServerOptions {
  /** PostgreSQL database URL; without it the server runs on embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data folder the caller owns; without it (and without a URL) a temp folder removed on stop. */
  dataDir?: string;
  /** Run the background jobs too (the statistics maintenance, the unpaid sweep), as a single-process shop does. */
  withJobs?: boolean;
}

/** Environment that points a ShopFlow process at the bench's database. */
function serverEnv(opts: ServerOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LOG_LEVEL: 'warn',
    SHOPFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD,
    SHOPFLOW_SECRET: BENCH_SECRET,
    DATABASE_URL: opts.databaseUrl ?? '',
    SHOPFLOW_DATA_DIR: opts.dataDir ?? '',
  };
}

/**
 * Runs `main.ts check` (the stock invariant checker) against the database; PGlite allows one
 * process at a time, so stop its server first.
 */
export async function checkStockInvariants(opts: ServerOptions): Promise<{ ok: boolean; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'check'], { cwd: repoRoot, env: serverEnv(opts) });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  return { ok: code === 0, output: output.trim() };
}

export const tempDataDir = () => mkdtempSync(path.join(tmpdir(), 'shopflow-bench-'));

/** Starts `node --import tsx server/src/main.ts serve` as production does, HTTP only unless `withJobs`, and waits for /healthz. */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const ownDataDir = !opts.databaseUrl && !opts.dataDir ? tempDataDir() : undefined;
  const dataDir = opts.dataDir ?? ownDataDir;
  const server = await startHttpProcess('server/src/main.ts', ['serve'], { ...serverEnv({ ...opts, dataDir }), SHOPFLOW_NO_WORKER: opts.withJobs ? '' : '1' }, () => {
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
  });
  return { ...server, backend: opts.databaseUrl ? 'postgres' : 'pglite' };
}

/** Starts the HTTP floor (`lib/floorServer.ts`) on a database holding the catalog and a token. */
export async function startFloorServer(databaseUrl: string): Promise<Omit<RunningServer, 'backend'>> {
  return startHttpProcess('bench/lib/floorServer.ts', [], { ...process.env, DATABASE_URL: databaseUrl });
}

/** `node --import tsx <script>` on a free port, stopped with SIGTERM; ready once /healthz answers. */
async function startHttpProcess(script: string, args: string[], env: NodeJS.ProcessEnv, cleanUp = () => {}): Promise<Omit<RunningServer, 'backend'>> {
  const port = await freePort();
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load.
  const extraNodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...extraNodeArgs, '--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  liveServers.add(child);
  child.once('exit', () => liveServers.delete(child));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    cleanUp();
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(baseUrl, () => child.exitCode);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, cpuSeconds: () => processCpuSeconds(child.pid), rssBytes: () => processRssBytes(child.pid), stop };
}

async function waitHealthy(baseUrl: string, exitCode: () => number | null): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exitCode() !== null) throw new Error(`server exited with code ${exitCode()}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy within 90 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}
