import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client';
import { migrationsFolder } from '../src/db/migrate';

/**
 * The migration that links stock to bins, run on data written before it: every migration before it
 * is applied by hand, rows are written the old way, then it runs. Found by name, not number
 * (numbers are settled at merge).
 */
const files = readdirSync(migrationsFolder)
  .filter((f) => f.endsWith('.sql'))
  .sort();
const target = files.findIndex((f) => f.endsWith('_bins_walk_order_pick_bins.sql'));
const sqlOf = (file: string) => readFileSync(path.join(migrationsFolder, file), 'utf8');

let database: Database;
beforeAll(async () => {
  database = await openDatabase({});
  for (const file of files.slice(0, target)) await database.exec(sqlOf(file));
});
afterAll(() => database.close());

describe('migration to pick bins on the route', () => {
  it('walks existing bins in code order and links each bin_code to its bin, creating bins for unknown codes', async () => {
    expect(target).toBeGreaterThan(0);
    const [north, south] = (
      await database.exec(`INSERT INTO warehouses (code, name) VALUES ('N', '北仓'), ('S', '南仓') RETURNING id`)
    ).rows.map((r) => Number(r.id));
    await database.exec(`
      INSERT INTO bins (warehouse_id, code) VALUES (${north}, 'B-01'), (${north}, 'A-01'), (${south}, 'A-01');
      INSERT INTO stock_levels (sku_id, warehouse_id, on_hand, bin_code) VALUES
        (1, ${north}, 5, 'A-01'), (2, ${north}, 1, 'AA-09'), (3, ${north}, 0, NULL), (1, ${south}, 2, 'A-01');`);

    await database.exec(sqlOf(files[target]!));

    const bins = await database.query('SELECT warehouse_id, code, walk_order FROM bins ORDER BY warehouse_id, walk_order');
    expect(bins.rows.map((b) => [Number(b.warehouse_id), b.code, b.walk_order])).toEqual([
      [north, 'A-01', 1],
      [north, 'AA-09', 2],
      [north, 'B-01', 3],
      [south, 'A-01', 1],
    ]);
    const levels = await database.query(
      'SELECT l.sku_id, l.warehouse_id, b.code, b.warehouse_id AS bin_warehouse_id FROM stock_levels l LEFT JOIN bins b ON b.id = l.pick_bin_id ORDER BY l.warehouse_id, l.sku_id',
    );
    expect(levels.rows.map((l) => [l.sku_id, Number(l.warehouse_id), l.code, l.bin_warehouse_id === null ? null : Number(l.bin_warehouse_id)])).toEqual([
      [1, north, 'A-01', north],
      [2, north, 'AA-09', north],
      [3, north, null, null],
      [1, south, 'A-01', south],
    ]);
  });
});
