import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { getTableColumns, SQL, StringChunk, type SQLChunk, type Table } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { PgDatabase, PgDialect, PgQueryResultHKT, PgSession } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { ensurePrivateFolder } from '../platform/privateFolder';
import * as schema from './schema';

export type Schema = typeof schema;
/** A database handle or a transaction: both drivers share this surface. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Rows of a raw SQL query from either driver (node-postgres and PGlite both answer `{ rows }`). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  // The two drivers' result types differ; both carry `rows`.
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/**
 * rowsOf for the few statements every order runs: the statement is named after a hash of its text,
 * so each PostgreSQL connection parses it once and, after a few runs, reuses its plan (PGlite
 * ignores the name). Only for statements whose text takes few shapes: each shape stays prepared
 * on every pooled connection.
 */
export async function preparedRowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  // Drizzle builds named statements for its own query builders only; its session does the same for raw SQL.
  const { dialect, session } = db as unknown as { dialect: PgDialect; session: PgSession };
  const built = dialect.sqlToQuery(query);
  const name = `sf_${createHash('sha1').update(built.sql).digest('base64url')}`;
  const result = (await session.prepareQuery(built, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}

/**
 * `(column, …) SELECT value, …` for one row of `table`, each value encoded as Drizzle would and
 * cast to its column's type (a value may be SQL, left as it is): for a hot insert written as plain
 * SQL without the insert builder's per-call work. The caller may go on with `FROM …` to insert the
 * row only when another part of its statement produced one. Built flat from text and plain
 * values: Drizzle's query building costs per nested SQL or Param object, not per plain value.
 */
export function rowSelectSql<T extends Table>(table: T, values: { [K in keyof T['$inferInsert']]?: T['$inferInsert'][K] | SQL }): SQL {
  const columns = getTableColumns(table);
  const given = Object.entries(values).filter(([, value]) => value !== undefined);
  const chunks: unknown[] = [new StringChunk(`(${given.map(([key]) => `"${columns[key]!.name}"`).join(', ')}) SELECT `)];
  given.forEach(([key, value], i) => {
    const column = columns[key]!;
    if (i > 0) chunks.push(new StringChunk(', '));
    if (value instanceof SQL) chunks.push(value);
    else chunks.push(value === null ? null : column.mapToDriverValue(value), new StringChunk(`::${column.getSQLType()}`));
  });
  return new SQL(chunks as SQLChunk[]);
}

/** A raw row (column names, driver values, or the same as JSON) as Drizzle itself would return it for `table`. */
export function rowOf<T extends Table>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row;
}

export interface SqlResult {
  rows: Record<string, unknown>[];
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw parameterised SQL, used by pg-boss and the invariant checker. */
  query(text: string, values?: unknown[]): Promise<SqlResult>;
  /** Parameterless, possibly multi-statement SQL; returns the last statement's rows. */
  exec(text: string): Promise<SqlResult>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Server PostgreSQL; when absent, embedded PGlite. */
  url?: string;
  /** PGlite data folder; absent means in memory. */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // Amounts are integer fen: read bigint aggregates (SUM/COUNT) as numbers, not strings.
    // An idle connection the server ended (restart, admin command) is dropped from the pool; without
    // a listener Node would treat it as an uncaught error and stop the process.
    pool.on('error', (err) => console.warn(`PostgreSQL connection lost: ${err.message}`));
    pool.on('connect', (client) => {
      client.setTypeParser(20, (v: string) => Number(v));
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      query: async (text, values) => ({ rows: (await pool.query<Record<string, unknown>>(text, values)).rows }),
      exec: async (text) => {
        const res = (await pool.query(text)) as unknown as pg.QueryResult<Record<string, unknown>> | pg.QueryResult<Record<string, unknown>>[];
        const last = Array.isArray(res) ? res[res.length - 1] : res;
        return { rows: last?.rows ?? [] };
      },
      close: () => pool.end(),
    };
  }
  if (opts.dataDir) ensurePrivateFolder(opts.dataDir);
  const client = new PGlite(opts.dataDir, { parsers: { 20: (v: string) => Number(v) } });
  await client.waitReady;
  // A first start has just created the database's files: they too are the owner's alone.
  if (opts.dataDir) ensurePrivateFolder(opts.dataDir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    query: async (text, values) => ({ rows: (await client.query(text, values as unknown[])).rows as Record<string, unknown>[] }),
    exec: async (text) => {
      const results = await client.exec(text);
      return { rows: (results[results.length - 1]?.rows ?? []) };
    },
    close: () => client.close(),
  };
}
