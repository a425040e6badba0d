// Named prepared statements for PGlite: each statement text is parsed once, and a call is one batch (bind, execute, sync).
import { parse, protocol, type PGlite, type QueryOptions, type Results } from '@electric-sql/pglite';

/** Longer statements (bulk inserts, imports) stay unnamed: each would be kept by the session for nothing. */
const MAX_PREPARED_CHARS = 4096;
/** The session keeps at most this many; the statements of the running code are a few dozen. */
const MAX_STATEMENTS = 500;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * PGlite's `query` sends parse, describe, bind, describe, execute and sync as six calls into the WebAssembly PostgreSQL,
 * and parses and plans the statement again every time: in a FAQ turn (two statements) the parse was 1.0 ms and the bind,
 * where planning happens, 1.6 ms of about 6 ms in queries. Here a statement with parameters is parsed once under a name
 * (a parse, describe and sync batch; the parameter types it reports choose the serializers, as `query` does), and each
 * call is one batch of bind, describe, execute and sync; results go through PGlite's own parser. Calls hold the same locks
 * as `query`, so they never run inside another caller's transaction; transactions keep PGlite's own path.
 */
export function preparePgliteQueries(client: PGlite): void {
  const plain = client.query.bind(client);
  const statements = new Map<string, { name: string; types: number[] }>();

  async function run<T>(text: string, params: unknown[], options?: QueryOptions): Promise<Results<T>> {
    let statement = statements.get(text);
    if (!statement) {
      const name = `nx${statements.size}`;
      const described = await client.execProtocol(
        concat([protocol.serialize.parse({ name, text }), protocol.serialize.describe({ type: 'S', name }), protocol.serialize.sync()]),
      );
      statement = { name, types: parse.parseDescribeStatementResults(described.messages) };
      statements.set(text, statement);
    }
    const { name, types } = statement;
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const oid = types[i] as number;
      const serialize = options?.serializers?.[oid] ?? client.serializers[oid];
      return serialize ? (serialize(param) as string) : String(param);
    });
    const result = await client.execProtocol(
      concat([
        protocol.serialize.bind({ statement: name, values }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
    );
    // parseResults would copy PGlite's 318 type parsers into a new object to lay the caller's few over them (drizzle passes
    // its own for dates on every query): 110 µs a call, and parseResults was 11% of the server's samples on PGlite. A
    // lookup through the prototype chain finds the same parser without the copy.
    const parsers = options?.parsers ? Object.assign(Object.create(client.parsers) as typeof client.parsers, options.parsers) : client.parsers;
    return parse.parseResults(result.messages, parsers, options?.parsers ? { ...options, parsers: undefined } : options)[0] as Results<T>;
  }

  client.query = async function query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    const prepare =
      params !== undefined &&
      params.length > 0 &&
      text.length <= MAX_PREPARED_CHARS &&
      !options?.blob &&
      (statements.has(text) || statements.size < MAX_STATEMENTS);
    if (!prepare) return plain<T>(text, params, options);
    await client._checkReady();
    return client._runExclusiveTransaction(() =>
      client._runExclusiveQuery(async () => {
        try {
          return await run<T>(text, params, options);
        } catch (err) {
          // As PGlite's own errors carry them (src/errors.ts reads the code; logs read the query).
          if (err instanceof Error) Object.assign(err, { query: text, params, queryOptions: options });
          throw err;
        }
      }),
    );
  } as PGlite['query'];
}
