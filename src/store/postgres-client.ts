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
/**
 * Seconds a closed connection waits before it reconnects, by failures in a row. postgres.js's default grows as
 * 3^n / 100 to 20 s, and a statement handed to a waiting connection waits with it: after a database restart, turns sat
 * up to 20 s (a reliability test timed out at 180 s on a loaded machine) although the server was back within a second.
 * The server answers 503 with retry-after when the database is down, so a short, capped wait serves drivers better; ten
 * connections retrying twice a second put no load on a database that is starting.
 */
const MAX_RECONNECT_DELAY_S = 0.5;
function reconnectDelaySeconds(failures: number): number {
  // Jittered as postgres.js's own, so the pool's connections do not knock together.
  return (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** failures, MAX_RECONNECT_DELAY_S);
}

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

type ParsedOptions = postgres.Sql['options'] & {
  shared: { retries: number; typeArrayMap: Record<string, unknown> };
  parameters: Record<string, string>;
  serializers: Record<string, unknown>;
  parsers: Record<string, unknown>;
};

/**
 * postgres() parses its options on every call (the URL, the environment, defaults, type tables): with a client per
 * request on Workers that was 7% of the isolate's CPU over FAQ turns (a V8 profile). The parsed options are kept per URL
 * and settings; each client gets its own copy of what postgres.js writes to (server parameters, retry state, type
 * tables, which drizzle also sets). postgres() takes parsed options as they are, as it does for its own inner client.
 */
const parsedOptions = new Map<string, ParsedOptions>();
const MAX_PARSED_OPTIONS = 8;

function ownCopy(parsed: ParsedOptions): ParsedOptions {
  return {
    ...parsed,
    parameters: {},
    shared: { retries: 0, typeArrayMap: {} },
    serializers: { ...parsed.serializers },
    parsers: { ...parsed.parsers },
  };
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
    backoff: reconnectDelaySeconds,
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
  const reuse = opts.prepare === false;
  const key = `${url}\u0000${options.max}\u0000${opts.fetchTypes}`;
  const parsed = reuse ? parsedOptions.get(key) : undefined;
  const sql = parsed ? postgres(ownCopy(parsed) as unknown as postgres.Options<Record<string, postgres.PostgresType>>) : postgres(url, options);
  // Taken before drizzle or a connection writes to the client's options.
  if (reuse && !parsed && parsedOptions.size < MAX_PARSED_OPTIONS) parsedOptions.set(key, ownCopy(sql.options as ParsedOptions));
  if (!reuse) preparingUnsafe(sql);
  // The schema-less instance is typed as the full one: its only difference, the absent db.query, is never used there.
  const pgDb = opts.relational === false ? (drizzle(sql) as unknown as PostgresJsDatabase<typeof schema>) : drizzle(sql, { schema });
  return { db: pgDb as unknown as Database, pgDb, sql };
}
