// A Worker that does only what every FAQ turn's database work cannot avoid: a request's own postgres.js client, two statements, closed after.
import { connectPostgres } from '../src/store/postgres-client.js';
import type { ExecutionContext } from '../src/cloudflare/types.js';

export default {
  async fetch(_request: Request, env: { DATABASE_URL: string }, ctx: ExecutionContext): Promise<Response> {
    // The same client settings as src/worker.ts, so the floor is the library's cost, not a cheaper configuration.
    const { sql } = connectPostgres(env.DATABASE_URL, { max: 1, fetchTypes: false, relational: false, prepare: false });
    const [first] = await sql.unsafe('select $1::int as turn', [1]);
    const [second] = await sql.unsafe('select $1::text as reply', ['好的']);
    ctx.waitUntil(sql.end({ timeout: 5 }));
    return Response.json({ first, second });
  },
};
