import { DEMO_SHOPS, DEMO_WAREHOUSES, demoProducts } from '../../server/src/demo/fixtures';
import { openDatabase, type DatabaseOptions } from '../../server/src/db/client';
import { migrate } from '../../server/src/db/migrate';
import { createHash, randomBytes } from 'node:crypto';

/**
 * Migrates a scratch database (PostgreSQL at `url`, or PGlite in `dataDir`) with our migrations
 * and loads, by plain SQL, the same shops, warehouses, catalog and stock (with its receipt
 * movements) that the API seed creates.
 */
export async function migrateWithCatalog(target: Pick<DatabaseOptions, 'url' | 'dataDir'>, stockPerSku: number): Promise<void> {
  const database = await openDatabase({ ...target, poolSize: 1 });
  try {
    await migrate(database);
    const q = (text: string, values?: unknown[]) => database.query(text, values);
    for (const w of DEMO_WAREHOUSES) await q('INSERT INTO warehouses (code, name) VALUES ($1, $2)', [w.code, w.name]);
    for (const s of DEMO_SHOPS) {
      await q('INSERT INTO shops (code, name, platform, default_warehouse_id) SELECT $1, $2, $3, id FROM warehouses WHERE code = $4', [
        s.code,
        s.name,
        s.platform,
        s.defaultWarehouseCode,
      ]);
    }
    for (const p of demoProducts()) {
      const { rows } = await q('INSERT INTO products (name, category, price_band) VALUES ($1, $2, $3) RETURNING id', [p.name, p.category, p.priceBand]);
      for (const s of p.skus) {
        await q('INSERT INTO skus (product_id, code, barcode, spec, price, cost, weight_grams, safety_stock) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)', [
          rows[0]!.id,
          s.code,
          s.barcode,
          s.spec,
          s.price,
          s.cost,
          s.weightGrams,
          s.safetyStock,
        ]);
      }
    }
    await q('INSERT INTO stock_levels (sku_id, warehouse_id, on_hand) SELECT s.id, w.id, $1 FROM skus s CROSS JOIN warehouses w', [stockPerSku]);
    await q("INSERT INTO stock_movements (sku_id, warehouse_id, on_hand_delta, reason, ref_type, at) SELECT sku_id, warehouse_id, on_hand, 'receipt', 'receipt', now() FROM stock_levels");
  } finally {
    await database.close();
  }
}

/** A user with a bearer token valid for a day, written by SQL as sign-in would store it; returns the token. */
export async function addSignedInUser(url: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const database = await openDatabase({ url, poolSize: 1 });
  try {
    await database.query(
      `WITH u AS (INSERT INTO users (username, display_name, password_hash, roles) VALUES ('bench', '压测', '-', '{admin}') RETURNING id)
       INSERT INTO auth_tokens (user_id, token_hash, expires_at) SELECT id, $1, now() + interval '1 day' FROM u`,
      [createHash('sha256').update(token).digest('hex')],
    );
    return token;
  } finally {
    await database.close();
  }
}
