// Opens drizzle over postgres.js without migrations or filesystem access: the Node opener and the Worker both use it.
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database } from './database.js';

export interface PostgresClient {
  db: Database;
  /** The same database typed for the postgres.js migrator. */
  pgDb: PostgresJsDatabase;
  sql: postgres.Sql;
}

export function connectPostgres(url: string, opts: { max?: number; fetchTypes?: boolean } = {}): PostgresClient {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => undefined,
    connect_timeout: 10,
    // On Workers each request opens its own connection: skipping the type lookup saves a round trip per request.
    ...(opts.fetchTypes === false ? { fetch_types: false } : {}),
  });
  // No relational schema: nothing uses db.query.*, and building its config on every Worker request costs CPU.
  const pgDb = drizzle(sql);
  return { db: pgDb as unknown as Database, pgDb, sql };
}
