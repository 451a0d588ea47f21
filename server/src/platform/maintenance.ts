import type { Database } from '../db/client';
import type { JobDefinition } from './jobs';

/**
 * ShopFlow keeps the planner's statistics fresh itself. PGlite runs single-user with no
 * autovacuum at all, and a PostgreSQL server may have autovacuum switched off; with stale
 * statistics a table that grew from a few rows to tens of thousands is still planned as tiny
 * (a payment's duplicate-buyer check scanned 48 k rows instead of using its index).
 */

/** The same rule as autovacuum's defaults: analyse after 50 rows + 10 % of the table changed. */
const MODIFIED_BASE = 50;
const MODIFIED_SHARE = 0.1;
/** Pages grown or shrunk past this share of what the last ANALYZE saw (and at least a few) also count. */
const PAGES_SHARE = 0.2;
const PAGES_MIN = 8;

export interface TableStats {
  /** Schema-qualified and quoted, ready for ANALYZE. */
  name: string;
  /** Rows at the last ANALYZE (or VACUUM); -1 when never analysed. */
  reltuples: number;
  /** Pages at the last ANALYZE (or VACUUM). */
  relpages: number;
  /** Pages the table has now. */
  pages: number;
  /** Rows inserted, updated or deleted since the last ANALYZE, as the statistics counters know them. */
  modified: number;
}

/**
 * Whether the planner's picture of the table is out of date. Two signals, each cheap: the change
 * counters (they see updates that do not grow the table, like orders moving between statuses), and
 * the table's size against the size the last ANALYZE saw (it does not depend on the counters,
 * which lag on PGlite and depend on the server's `track_counts`).
 */
export function needsAnalyze(t: TableStats): boolean {
  const rows = Math.max(t.reltuples, 0);
  if (t.modified > MODIFIED_BASE + MODIFIED_SHARE * rows) return true;
  return Math.abs(t.pages - t.relpages) > Math.max(PAGES_MIN, PAGES_SHARE * t.relpages);
}

const tableStatsSql = `
  SELECT format('%I.%I', n.nspname, c.relname) AS name, c.reltuples::float8 AS reltuples, c.relpages,
         (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS pages,
         coalesce(s.n_mod_since_analyze, 0)::float8 AS modified
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
  WHERE c.relkind = 'r' AND c.relpersistence = 'p'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
  ORDER BY 1`;

export async function readTableStats(database: Database): Promise<TableStats[]> {
  // PGlite flushes its change counters only at the end of a statement at least a second after the
  // last flush (its idle-time flush never fires); this makes the next statement's counters current.
  // On PostgreSQL it flushes this connection only, which is harmless.
  await database.query('SELECT pg_stat_force_next_flush()');
  const { rows } = await database.query(tableStatsSql);
  return rows.map((r) => ({ name: String(r.name), reltuples: Number(r.reltuples), relpages: Number(r.relpages), pages: Number(r.pages), modified: Number(r.modified) }));
}

/**
 * ANALYZE for every table whose statistics are out of date; returns their names. Each table is
 * its own statement outside any transaction, so on PGlite requests run between them, and on
 * PostgreSQL ANALYZE blocks no reads or writes.
 */
export async function analyzeMovedTables(database: Database): Promise<string[]> {
  const moved = (await readTableStats(database)).filter(needsAnalyze).map((t) => t.name);
  for (const name of moved) await database.query(`ANALYZE ${name}`);
  return moved;
}

export const maintenanceJobs: JobDefinition[] = [
  {
    name: 'platform-analyze-moved-tables',
    cron: '* * * * *',
    handler: async (deps) => {
      await analyzeMovedTables(deps.database);
    },
  },
];
