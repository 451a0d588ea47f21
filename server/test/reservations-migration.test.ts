import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Database } from '../src/db/client';
import { migrate, migrationsFolder } from '../src/db/migrate';
import { openTestDatabase } from './harness';

/** The migrations before the one that moved reservations onto order lines, in a folder of their own. */
function migrationsBeforeLineReservations(): string {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith('_reservations_per_line'));
  expect(at).toBeGreaterThan(0);
  const folder = mkdtempSync(path.join(tmpdir(), 'sf-migrations-'));
  mkdirSync(path.join(folder, 'meta'));
  const older = journal.entries.slice(0, at);
  for (const e of older) cpSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: older }));
  return folder;
}

let database: Database | undefined;
const folder = migrationsBeforeLineReservations();
afterAll(async () => {
  await database?.close();
  rmSync(folder, { recursive: true, force: true });
});

it('splits each whole-order reservation onto the order lines of its SKU, keeping open, consumed and released', async () => {
  database = await openTestDatabase(folder);
  const db = database;
  const order = async (no: string, lines: [number, number][]) => {
    const { rows } = await db.query(
      `INSERT INTO orders (shop_id, order_no, status, province, city, district, address_detail_enc, address_index, division_code, buyer_phone_index, items_total, total, created_at, updated_at)
       VALUES (1, $1, 'awaiting_fulfillment', '浙江省', '杭州市', '西湖区', 'x', 'i' || $1, '330106', 'p' || $1, 0, 0, now(), now()) RETURNING id`,
      [no],
    );
    const id = (rows[0] as { id: string }).id;
    const items: string[] = [];
    for (const [skuId, quantity] of lines) {
      const item = await db.query(
        `INSERT INTO order_items (order_id, sku_id, sku_code, product_name, quantity, unit_price, line_total) VALUES ($1, $2::int, 'S' || $2::int, '商品', $3::int, 100, $3::int * 100) RETURNING id`,
        [id, skuId, quantity],
      );
      items.push(String((item.rows[0] as { id: string }).id));
    }
    return { id: String(id), items };
  };
  const reservation = (orderId: string, skuId: number, quantity: number, status: string) =>
    db.query(`INSERT INTO stock_reservations (order_id, sku_id, warehouse_id, quantity, status, created_at) VALUES ($1, $2, 1, $3, $4, now())`, [orderId, skuId, quantity, status]);

  // Two lines of SKU 7 held by one row, as intake wrote them before.
  const open = await order('SO1', [
    [7, 2],
    [7, 3],
    [8, 1],
  ]);
  await reservation(open.id, 7, 5, 'open');
  await reservation(open.id, 8, 1, 'consumed');
  const cancelled = await order('SO2', [[7, 4]]);
  await reservation(cancelled.id, 7, 4, 'released');

  await migrate(db);

  const { rows } = await db.query(
    `SELECT order_id::text, order_item_id::text, sku_id, quantity, consumed_quantity, released_quantity FROM stock_reservations ORDER BY order_item_id`,
  );
  expect(rows).toEqual([
    { order_id: open.id, order_item_id: open.items[0], sku_id: 7, quantity: 2, consumed_quantity: 0, released_quantity: 0 },
    { order_id: open.id, order_item_id: open.items[1], sku_id: 7, quantity: 3, consumed_quantity: 0, released_quantity: 0 },
    { order_id: open.id, order_item_id: open.items[2], sku_id: 8, quantity: 1, consumed_quantity: 1, released_quantity: 0 },
    { order_id: cancelled.id, order_item_id: cancelled.items[0], sku_id: 7, quantity: 4, consumed_quantity: 0, released_quantity: 4 },
  ]);
});
