import { DEMO_SHOPS, DEMO_WAREHOUSES, demoProducts } from '../../server/src/demo/fixtures';
import { openDatabase, type DatabaseOptions } from '../../server/src/db/client';
import { migrate } from '../../server/src/db/migrate';

/**
 * Migrates a scratch database (PostgreSQL at `url`, or PGlite in `dataDir`) with our migrations
 * and loads, by plain SQL, the same shops, warehouses, catalog and stock (with its receipt
 * movements) that the API seed creates.
 */
export async function migrateWithCatalog(target: Pick<DatabaseOptions, 'url' | 'dataDir'>, stockPerSku: number): Promise<void> {
  const database = await openDatabase({ ...target, poolSize: 1 });
  try {
    await migrate(database);
    const q = database.query;
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
