import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleJobs } from '../src/app';
import { analyzeMovedTables, maintenanceJobs, needsAnalyze, readTableStats } from '../src/platform/maintenance';
import { createTestApp, type Client, type TestApp } from './harness';
import { makeOrder, orderInput, seedCatalog } from './factories';

let t: TestApp;
let cs: Client;
let catalog: Awaited<ReturnType<typeof seedCatalog>>;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  catalog = await seedCatalog(admin, { skuCount: 2, stock: 10_000 });
});
afterAll(() => t.close());

const ORDERS = 300;

async function ordersTables() {
  const { rows } = await t.deps.database.query(
    `SELECT c.relname AS name, c.reltuples::float8 AS reltuples, s.last_analyze
     FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
     WHERE c.relname IN ('orders', 'order_items') AND s.schemaname = 'public' ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, { reltuples: Number(r.reltuples), lastAnalyze: r.last_analyze as Date | null }]));
}

/**
 * Waits until the statistics counters have seen every order inserted: PostgreSQL's other pooled
 * connections flush theirs within a second or so of going idle, and PGlite flushes at the end of a
 * statement a second after its last flush. Counted before ANALYZE, none can arrive after it.
 */
async function countersCaughtUp() {
  for (;;) {
    const { rows } = await t.deps.database.query(`SELECT n_tup_ins FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname = 'orders'`);
    if (Number(rows[0]?.n_tup_ins) >= ORDERS) return;
    await t.deps.database.query('SELECT pg_stat_force_next_flush()');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('statistics maintenance', () => {
  it('is one of the jobs the worker runs, every minute', () => {
    expect(moduleJobs).toEqual(expect.arrayContaining(maintenanceJobs));
    expect(maintenanceJobs.map((j) => j.cron)).toEqual(['* * * * *']);
  });

  it('analyses the orders tables after many orders came in through the API, then leaves them alone', async () => {
    await analyzeMovedTables(t.deps.database);
    const before = await ordersTables();
    for (let i = 0; i < ORDERS; i++) await makeOrder(cs, orderInput(catalog.shop.code, catalog.skus));
    await countersCaughtUp();

    const analysed = await analyzeMovedTables(t.deps.database);
    expect(analysed).toEqual(expect.arrayContaining(['public.orders', 'public.order_items']));
    const after = await ordersTables();
    // -1 is "never analysed": the tables were empty.
    const rowsBefore = (table: string) => Math.max(0, before[table]!.reltuples);
    expect(after.orders!.reltuples).toBe(rowsBefore('orders') + ORDERS);
    expect(after.order_items!.reltuples).toBe(rowsBefore('order_items') + ORDERS * catalog.skus.length);
    expect(after.orders!.lastAnalyze).not.toBeNull();
    expect(after.orders!.lastAnalyze).not.toEqual(before.orders!.lastAnalyze);

    expect(await analyzeMovedTables(t.deps.database)).toEqual([]);
    expect(await ordersTables()).toEqual(after);
  });

  it('reads every table it could analyse, and judges by changed rows or changed size', async () => {
    const stats = await readTableStats(t.deps.database);
    expect(stats.map((s) => s.name)).toEqual(expect.arrayContaining(['public.orders', 'public.order_items', 'public.audit_events']));
    const settled = { name: 'x', reltuples: 10_000, relpages: 400, pages: 400, modified: 0 };
    expect(needsAnalyze(settled)).toBe(false);
    expect(needsAnalyze({ ...settled, modified: 1_050 })).toBe(false);
    expect(needsAnalyze({ ...settled, modified: 1_051 })).toBe(true);
    expect(needsAnalyze({ ...settled, pages: 480 })).toBe(false);
    expect(needsAnalyze({ ...settled, pages: 481 })).toBe(true);
    // Never analysed (and the counters say nothing): a table that grew past a few pages.
    expect(needsAnalyze({ ...settled, reltuples: -1, relpages: 0, pages: 8 })).toBe(false);
    expect(needsAnalyze({ ...settled, reltuples: -1, relpages: 0, pages: 9 })).toBe(true);
  });
});
