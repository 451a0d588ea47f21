import type { FastifyInstance, InjectOptions } from 'fastify';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase, type Database } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { createUser } from '../src/platform/auth/service';
import { FakeClock } from '../src/platform/clock';
import { inTransaction, readCtx, systemActor, type Ctx, type Deps } from '../src/platform/context';
import type { Role } from '../src/platform/permissions';
import { createPii } from '../src/platform/pii';

/**
 * A real database for one test file: PGlite in memory by default, or a fresh database on the
 * PostgreSQL server at TEST_DATABASE_URL (dropped again on close); migrated by the migrations in
 * `migrationsFolder` (all of them unless a test of a migration names a folder of the older ones).
 */
export async function openTestDatabase(migrationsFolder?: string): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    await migrate(database, migrationsFolder);
    return database;
  }
  const name = `sf_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString(), poolSize: 10 });
  await migrate(database, migrationsFolder);
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  clock: FakeClock;
  /** A read context acting as the system. */
  ctx(): Ctx;
  /** Runs `fn` in one transaction as the system, as a service would. */
  tx<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T>;
  /** Creates a user with these roles and returns a client signed in as them. */
  signIn(roles: Role[], username?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  token: string;
  userId: number;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  get(url: string): ReturnType<Client['request']>;
  post(url: string, body?: unknown, headers?: Record<string, string>): ReturnType<Client['request']>;
  put(url: string, body?: unknown): ReturnType<Client['request']>;
  patch(url: string, body?: unknown): ReturnType<Client['request']>;
  delete(url: string): ReturnType<Client['request']>;
}

export function clientFor(app: FastifyInstance, token: string, userId: number): Client {
  const request: Client['request'] = async (method, url, body, headers = {}) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...(token && { authorization: `Bearer ${token}` }), ...headers },
      ...(body !== undefined && { payload: body as object }),
    });
    const type = String(res.headers['content-type'] ?? '');
    return { status: res.statusCode, body: type.includes('json') ? res.json() : res.body, headers: res.headers };
  };
  return {
    token,
    userId,
    request,
    get: (url) => request('GET', url),
    post: (url, body, headers) => request('POST', url, body ?? {}, headers),
    put: (url, body) => request('PUT', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
}

let userCounter = 0;

export async function createTestApp(opts: { clock?: FakeClock } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const clock = opts.clock ?? new FakeClock();
  const config = { ...loadConfig({ SHOPFLOW_SECRET: 'test-secret', SHOPFLOW_TRACKING_SECRET: 'test-tracking-secret-0123456789', LOG_LEVEL: 'silent' }), tokenTtlHours: 12 };
  const deps: Deps = { database, config, clock, pii: createPii(config.secret) };
  const app = await buildApp(deps, { logger: false, serveWeb: false });
  const tx = <T>(fn: (ctx: Ctx) => Promise<T>) => inTransaction(deps, systemActor, null, fn);
  return {
    app,
    deps,
    clock,
    ctx: () => readCtx(deps, systemActor),
    tx,
    async signIn(roles, username) {
      const name = username ?? `u${++userCounter}_${roles.join('_')}`;
      const user = await tx((ctx) => createUser(ctx, { username: name, password: 'correct-horse', displayName: name, roles }));
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: name, password: 'correct-horse' } });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
      return clientFor(app, res.json().token, user.id);
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const anonymous = (app: FastifyInstance) => clientFor(app, '', 0);
