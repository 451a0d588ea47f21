import type { Config } from '../config';
import type { Database, Db } from '../db/client';
import type { Clock } from './clock';
import type { Permission } from './permissions';
import type { Pii } from './pii';

/** Who is acting: a signed-in user, or the system itself (jobs, seeding). */
export interface Actor {
  id: number | null;
  name: string;
  roles: string[];
  permissions: ReadonlySet<Permission>;
}

export const systemActor: Actor = { id: null, name: '系统', roles: [], permissions: new Set() };

/** What the process holds for its whole life: built once in main, or once per test file. */
export interface Deps {
  database: Database;
  config: Config;
  clock: Clock;
  pii: Pii;
}

/**
 * What a service function receives: a transaction-scoped db (or the plain handle for reads),
 * the actor, the clock. Services never reach for globals.
 */
export interface Ctx {
  db: Db;
  actor: Actor;
  clock: Clock;
  pii: Pii;
  requestId: string | null;
}

export function readCtx(deps: Deps, actor: Actor, requestId: string | null = null): Ctx {
  return { db: deps.database.db, actor, clock: deps.clock, pii: deps.pii, requestId };
}

/** One command, one transaction: everything `fn` writes, audit events included, commits together. */
export function inTransaction<T>(deps: Deps, actor: Actor, requestId: string | null, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return deps.database.db.transaction((tx) => fn({ db: tx, actor, clock: deps.clock, pii: deps.pii, requestId }));
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
