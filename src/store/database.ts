// Opens the database (embedded PGlite by default, PostgreSQL via postgres.js when a URL is given) and applies migrations.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { connectPostgres } from './postgres-client.js';
import * as schema from '../../db/schema.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** The embedded client, for dumping a template data directory in tests. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations', import.meta.url));

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; max?: number }
  /** `dataDir` undefined means in memory; `loadDataDir` starts from a dumped template. */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(target: DatabaseTarget, opts: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const runMigrations = opts.migrate ?? true;
  if (target.kind === 'postgres') {
    const { sql, db, pgDb } = connectPostgres(target.url, { max: target.max ?? 10 });
    try {
      if (runMigrations) await migratePostgres(pgDb, { migrationsFolder: MIGRATIONS_DIR });
    } catch (err) {
      await sql.end({ timeout: 1 });
      throw err;
    }
    return { db, driver: 'postgres', close: () => sql.end({ timeout: 5 }) };
  }
  if (target.dataDir) mkdirSync(dirname(resolve(target.dataDir)), { recursive: true });
  const client = await PGlite.create(target.dataDir, target.loadDataDir ? { loadDataDir: target.loadDataDir } : {});
  const db = drizzlePglite(client, { schema });
  try {
    if (runMigrations) await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
  } catch (err) {
    await client.close();
    throw err;
  }
  return {
    db: db as unknown as Database,
    driver: 'pglite',
    close: async () => {
      if (!client.closed) await client.close();
    },
    pglite: client,
  };
}
