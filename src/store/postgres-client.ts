// Opens drizzle over postgres.js without migrations or filesystem access: the Node opener and the Worker both use it.
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../../db/schema.js';
import type { Database } from './database.js';

export interface PostgresClient {
  db: Database;
  /** The same database typed for the postgres.js migrator. */
  pgDb: PostgresJsDatabase<typeof schema>;
  sql: postgres.Sql;
}

/**
 * `relational: false` skips drizzle's relational query API (`db.query.*`), which only scripts and tests use: building it
 * on every Worker request costs CPU for nothing.
 */
export function connectPostgres(url: string, opts: { max?: number; fetchTypes?: boolean; relational?: boolean } = {}): PostgresClient {
  const options: postgres.Options<Record<string, postgres.PostgresType>> & { no_subscribe: boolean } = {
    max: opts.max ?? 10,
    onnotice: () => undefined,
    connect_timeout: 10,
    // postgres.js otherwise builds a second client (options parsed again) for logical-replication subscriptions, which
    // nothing here uses; on Workers that was paid on every request. The option exists but its type is not published.
    no_subscribe: true,
    // On Workers each request opens its own connection: skipping the type lookup saves a round trip per request.
    ...(opts.fetchTypes === false ? { fetch_types: false } : {}),
  };
  const sql = postgres(url, options);
  // The schema-less instance is typed as the full one: its only difference, the absent db.query, is never used there.
  const pgDb = opts.relational === false ? (drizzle(sql) as unknown as PostgresJsDatabase<typeof schema>) : drizzle(sql, { schema });
  return { db: pgDb as unknown as Database, pgDb, sql };
}
