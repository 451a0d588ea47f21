import pg from 'pg';

/** One scan a station sends, with the answer pack verification must give it. */
export interface PlannedScan {
  barcode: string;
  result: 'ok' | 'wrong_item' | 'excess_item';
}

interface LineRow {
  lineId: string;
  skuId: number;
  skuCode: string;
  barcode: string | null;
  expected: number;
  scanned: number;
}

const sameCode = (a: string, b: string | null) => b !== null && a.toUpperCase() === b.toUpperCase();

/**
 * The raw SQL floor of one scan: the least any implementation must do to take it — in one
 * transaction lock the parcel and read its lines with their barcodes (one statement), keep the
 * scan, count it on its line when it fits — through plain `pg`, no HTTP, auth or ORM.
 * BEGIN, read, insert, update (taken scans only), COMMIT.
 */
export async function rawScan(pool: pg.Pool, parcelId: number, barcode: string, actorId: number): Promise<PlannedScan['result']> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<LineRow>(
      `SELECT pl.order_item_id AS "lineId", pl.sku_id AS "skuId", i.sku_code AS "skuCode", k.barcode, pl.expected, pl.scanned
         FROM parcels p JOIN parcel_lines pl ON pl.parcel_id = p.id JOIN order_items i ON i.id = pl.order_item_id JOIN skus k ON k.id = pl.sku_id
        WHERE p.id = $1 ORDER BY pl.order_item_id FOR UPDATE OF p`,
      [parcelId],
    );
    const matching = rows.filter((r) => sameCode(barcode, r.barcode) || sameCode(barcode, r.skuCode));
    const room = matching.find((r) => r.scanned < r.expected);
    const result = matching.length === 0 ? 'wrong_item' : room ? 'ok' : 'excess_item';
    await client.query('INSERT INTO pack_scans (parcel_id, barcode, result, sku_id, actor_id, at) VALUES ($1, $2, $3, $4, $5, now())', [
      parcelId,
      barcode,
      result,
      matching[0]?.skuId ?? null,
      actorId,
    ]);
    if (room) await client.query('UPDATE parcel_lines SET scanned = scanned + 1 WHERE parcel_id = $1 AND order_item_id = $2', [parcelId, room.lineId]);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/** Every line of these parcels back to nothing scanned, so the floor replays the stations' scans on them. */
export async function resetScanned(pool: pg.Pool, parcelIds: number[]): Promise<void> {
  await pool.query('UPDATE parcel_lines SET scanned = 0 WHERE parcel_id = ANY($1::bigint[])', [parcelIds]);
}
