// The Worker's postgres.js client sends each statement in one round trip (patches/postgres+3.4.9.patch, `infer_types`) and stores exactly what the describe-first client stores.
import { createServer, connect, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { createConversationStore } from '../../src/store/conversation-store.js';
import { connectPostgres } from '../../src/store/postgres-client.js';

const pg = inject('postgresTemplate');

/**
 * A TCP relay to PostgreSQL that counts the client's turns: each time the client sends after the server has spoken. A
 * describe-first statement needs two (Parse+Describe, then Bind+Execute once ParameterDescription is back), however
 * the bytes are chunked.
 */
async function turnCountingRelay(target: URL): Promise<{ url: string; turns: () => number; server: Server }> {
  let turns = 0;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    let last: 'client' | 'server' = 'server';
    client.on('data', (chunk) => {
      if (last === 'server') turns++;
      last = 'client';
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      last = 'server';
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as AddressInfo).port);
  return { url: url.toString(), turns: () => turns, server };
}

describe.skipIf(!pg)('statements on the Worker client (PostgreSQL)', () => {
  const name = pg ? `nuanxin_t_${pg.template.split('_')[2]}_${process.pid}_onetrip` : '';
  let relay: Awaited<ReturnType<typeof turnCountingRelay>>;
  let admin: postgres.Sql;

  beforeAll(async () => {
    if (!pg) return;
    admin = postgres(pg.adminUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${pg.template}"`);
    const target = new URL(pg.adminUrl);
    target.pathname = `/${name}`;
    relay = await turnCountingRelay(target);
  });

  afterAll(async () => {
    relay?.server.close();
    await admin?.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin?.end();
  });

  /** The client turns `work` takes, after the connection is open. */
  async function turnsOf(sql: postgres.Sql, work: () => Promise<unknown>): Promise<number> {
    await sql`select 1`;
    const before = relay.turns();
    await work();
    return relay.turns() - before;
  }

  it('a turn takes one round trip per statement and stores the same rows as the describe-first client', async () => {
    const worker = connectPostgres(relay.url, { max: 1, fetchTypes: false, relational: false, prepare: false });
    // The same client without the patch's option: postgres.js describes each statement with parameters first.
    const plainSql = postgres(relay.url, { max: 1, fetch_types: false, prepare: false, onnotice: () => undefined });
    const plain = { db: drizzle(plainSql) as unknown as Database, sql: plainSql };
    const turnsPerClient: number[][] = [];
    const stored: unknown[] = [];
    try {
      for (const [who, client] of [
        ['worker', worker],
        ['plain', plain],
      ] as const) {
        const store = createConversationStore(client.db);
        const turns: number[] = [];
        const lease = { owner: `owner-${who}`, ms: 30_000 };
        const first = await store.beginTurn({ channel: 'api', externalUserId: `u-${who}`, text: '第一句', lease });
        await store.commitTurn({
          conversation: first.conversation,
          inboundId: first.inboundId,
          intent: 'faq',
          mode: 'bot',
          state: { faqEntry: 'e1', misses: 0 },
          replies: [{ text: '答一', citations: [{ id: 'e1', title: '标题', source: '来源' }], quickReplies: ['转人工'] }],
        });
        // A returning driver known to the process: the turn is two statements.
        let second: Awaited<ReturnType<typeof store.beginTurn>> | undefined;
        turns.push(
          await turnsOf(client.sql, async () => {
            second = await store.beginTurn({ channel: 'api', externalUserId: `u-${who}`, text: '带\'引号\\和"的第二句', messageId: 'm-2', lease });
          }),
        );
        const conversation = await store.getConversation(second!.conversation.id);
        turns.push(
          await turnsOf(client.sql, () =>
            store.commitTurn({
              conversation: conversation!,
              inboundId: second!.inboundId,
              intent: 'unknown',
              mode: 'bot',
              state: { misses: 1, note: '{"json":"in text"}', n: null },
              replies: [{ text: '答二' }, { text: '答三', speech: '读三' }],
            }),
          ),
        );
        turnsPerClient.push(turns);
        stored.push(
          await client.sql`
            select m.direction, m.author, m.text, m.intent, m.citations, m.payload, m.channel, m.channel_message_id,
              m.lease_owner is not null as leased, m.lease_until > now() as lease_ahead, c.state, c.mode, c.version
            from messages m join conversations c on c.id = m.conversation_id
            where c.id = ${second!.conversation.id} order by m.id`,
        );
      }
      expect(turnsPerClient[0]).toEqual([1, 1]);
      expect(turnsPerClient[1]).toEqual([2, 2]);
      const [fromWorker, fromPlain] = stored as Record<string, unknown>[][];
      expect(fromWorker).toHaveLength(5);
      expect(fromWorker).toEqual(fromPlain);
      expect(fromWorker![2]).toMatchObject({ text: '带\'引号\\和"的第二句', channel_message_id: 'm-2', leased: true, lease_ahead: true });
    } finally {
      await worker.sql.end();
      await plainSql.end();
    }
  });

  it('a second Worker client for the same database reuses the parsed options but has its own state', async () => {
    const open = () => connectPostgres(relay.url, { max: 1, fetchTypes: false, relational: false, prepare: false });
    const [a, b] = [open(), open()];
    try {
      expect(b.sql.options).not.toBe(a.sql.options);
      expect({ ...b.sql.options, parameters: {}, shared: {}, serializers: {}, parsers: {} }).toEqual({
        ...a.sql.options,
        parameters: {},
        shared: {},
        serializers: {},
        parsers: {},
      });
      // One round trip per statement on the reused options too, with the server's parameters recorded per client.
      expect(await turnsOf(b.sql, () => b.sql.unsafe('select $1::text as t', ['b']))).toBe(1);
      expect(b.sql.parameters.server_version).toMatch(/^\d+/);
      expect(a.sql.parameters).toEqual({});
      expect(await a.sql.unsafe('select $1::int + 1 as n', [1])).toEqual([{ n: 2 }]);
    } finally {
      await Promise.all([a.sql.end(), b.sql.end()]);
    }
  });

  it('a parameter the server must type for the client (an object for jsonb) is still described first', async () => {
    const sql = postgres(relay.url, { max: 1, fetch_types: false, prepare: false, onnotice: () => undefined, infer_types: true } as postgres.Options<
      Record<string, postgres.PostgresType>
    >);
    try {
      let rows: unknown;
      const turns = await turnsOf(sql, async () => {
        rows = await sql.unsafe('select $1::jsonb as j, $2::text as t', [{ a: [1, '二'] } as never, 'x']);
      });
      expect(turns).toBe(2);
      expect(rows).toEqual([{ j: { a: [1, '二'] }, t: 'x' }]);
      const typed = await turnsOf(sql, async () => {
        rows = await sql`select ${sql.json({ b: true })} as j, ${7} + 1 as n, ${null}::text as z`;
      });
      expect(typed).toBe(1);
      expect(rows).toEqual([{ j: { b: true }, n: 8, z: null }]);
    } finally {
      await sql.end();
    }
  });
});
