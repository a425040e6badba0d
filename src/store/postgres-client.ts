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
/** Longer statements (bulk inserts, imports) stay unnamed: each would be kept by every connection for nothing. */
const MAX_PREPARED_CHARS = 4096;

/**
 * drizzle runs every query it was not asked to prepare by name with `prepare: false`, and postgres.js then describes a
 * statement with parameters before running it: two round trips and a fresh parse every time. With a pool whose connections
 * live, naming it instead makes the describe happen once per connection and statement (postgres.js caches it by text).
 */
function preparingUnsafe(sql: postgres.Sql): void {
  const plain = sql.unsafe;
  sql.unsafe = ((query: string, params?: unknown, options?: postgres.UnsafeQueryOptions) =>
    Array.isArray(params) && params.length > 0 && query.length <= MAX_PREPARED_CHARS
      ? plain(query, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true })
      : plain(query, params as postgres.ParameterOrJSON<never>[], options)) as typeof sql.unsafe;
}

/**
 * `prepare: false` (the Worker, which opens a connection per request) keeps drizzle's unnamed statements: a statement
 * cache would never be used twice.
 */
export function connectPostgres(
  url: string,
  opts: { max?: number; fetchTypes?: boolean; relational?: boolean; prepare?: boolean } = {},
): PostgresClient {
  const options: postgres.Options<Record<string, postgres.PostgresType>> & { no_subscribe: boolean; infer_types?: boolean } = {
    max: opts.max ?? 10,
    onnotice: () => undefined,
    connect_timeout: 10,
    // postgres.js otherwise builds a second client (options parsed again) for logical-replication subscriptions, which
    // nothing here uses; on Workers that was paid on every request. postgres.js dropped the option while parsing the others
    // until patches/postgres+3.4.9.patch kept it; its type is not published.
    no_subscribe: true,
    // On Workers each request opens its own connection: skipping the type lookup saves a round trip per request.
    ...(opts.fetchTypes === false ? { fetch_types: false } : {}),
    // Unnamed statements go in one round trip, the server inferring parameter types, instead of a describe round trip first
    // (patches/postgres+3.4.9.patch): two of a Worker FAQ turn's five round trips. Values reach postgres.js from drizzle as
    // text, numbers, booleans or null, and drizzle's json and date serializers pass text through, so Bind sends the same bytes.
    ...(opts.prepare === false ? { infer_types: true } : {}),
  };
  const sql = postgres(url, options);
  if (opts.prepare !== false) preparingUnsafe(sql);
  // The schema-less instance is typed as the full one: its only difference, the absent db.query, is never used there.
  const pgDb = opts.relational === false ? (drizzle(sql) as unknown as PostgresJsDatabase<typeof schema>) : drizzle(sql, { schema });
  return { db: pgDb as unknown as Database, pgDb, sql };
}
