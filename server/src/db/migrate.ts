import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import path from 'node:path';
import type { Database } from './client';

export const migrationsFolder = path.resolve(import.meta.dirname, '../../migrations');

/** Applies the migrations not applied yet (a test may name a folder holding only the older ones). */
export async function migrate(database: Database, folder = migrationsFolder): Promise<void> {
  // Both migrators read the same committed SQL; the driver only decides how it is sent.
  if (database.kind === 'postgres') {
    await migratePg(database.db as never, { migrationsFolder: folder });
  } else {
    await migratePglite(database.db as never, { migrationsFolder: folder });
  }
}
