// Opens the database (embedded PGlite by default, PostgreSQL via postgres.js when a URL is given) and applies migrations.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql as rawSql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
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
/** An empty, migrated PGlite data directory written by `npm run build`; a new DATA_DIR starts as a copy of it (src/open-database.ts). */
export const PGLITE_TEMPLATE_DIR = fileURLToPath(new URL('../../dist/pglite-template', import.meta.url));

/**
 * PGlite's start parameters for a small server: PostgreSQL's default 128 MB of shared buffers is more than this database's
 * working set and, inside the WebAssembly heap, stays resident; 16 MB took the resident memory of a reopen from about 340 to
 * 220 MiB (bench:start).
 */
const pgliteStartParams = (defaults: readonly string[]) => [...defaults, '-c', 'shared_buffers=16MB'];

/** The newest migration the repository ships (drizzle records each applied one by its journal timestamp). */
function latestMigration(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

/**
 * True unless the database has recorded the newest migration: one query instead of drizzle's migrator, which reads and
 * hashes every migration file and takes a lock on each start. A missing table (a new database) means pending.
 */
async function migrationsPending(db: { execute(query: ReturnType<typeof rawSql>): Promise<unknown> }): Promise<boolean> {
  try {
    const result = await db.execute(rawSql`select max(created_at) as latest from drizzle.__drizzle_migrations`);
    const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
    const latest = Number((rows[0] as { latest?: unknown } | undefined)?.latest ?? 0);
    return latest < latestMigration();
  } catch {
    return true;
  }
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; max?: number }
  /** `dataDir` undefined means in memory; `loadDataDir` starts from a dumped template. */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

/**
 * Each backend imports its own driver and migrator when it opens: a server on PGlite never loads postgres.js and one on
 * PostgreSQL never loads PGlite's WebAssembly, and neither loads a migrator unless a migration is pending (a reopen's
 * module loading is most of its start, README Performance).
 */
export async function openDatabase(target: DatabaseTarget, opts: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const runMigrations = opts.migrate ?? true;
  if (target.kind === 'postgres') {
    const { connectPostgres } = await import('./postgres-client.js');
    const { sql, db, pgDb } = connectPostgres(target.url, { max: target.max ?? 10 });
    try {
      if (runMigrations && (await migrationsPending(pgDb))) {
        const { migrate } = await import('drizzle-orm/postgres-js/migrator');
        await migrate(pgDb, { migrationsFolder: MIGRATIONS_DIR });
      }
    } catch (err) {
      await sql.end({ timeout: 1 });
      throw err;
    }
    return { db, driver: 'postgres', close: () => sql.end({ timeout: 5 }) };
  }
  if (target.dataDir) mkdirSync(dirname(resolve(target.dataDir)), { recursive: true });
  const [{ PGlite }, { drizzle: drizzlePglite }, { preparePgliteQueries }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('./pglite-prepared.js'),
  ]);
  const client = await PGlite.create(target.dataDir, {
    startParams: pgliteStartParams(PGlite.defaultStartParams),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
  });
  preparePgliteQueries(client);
  const db = drizzlePglite(client, { schema });
  try {
    if (runMigrations && (await migrationsPending(db))) {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    }
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
