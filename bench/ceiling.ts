// `npm run bench:ceiling [-- --seconds=N --connections=N]`: FAQ turns/s over HTTP on PostgreSQL (a new driver each turn, the built server) and, in the same run, the machine's durable ceiling: as many postgres.js connections each committing an inbound and an outbound message row in a loop; prints the ratio, then the same FAQ turns on PGlite (a fresh data dir).
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { readTestSettings } from '../src/config.js';
import { openDatabase } from '../src/store/database.js';
import { load, processCpuMs, startChild } from './support.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 10);
const FAQ = ['疲劳驾驶是怎么规定的', '劳动仲裁收费吗', '超限运输的重量标准', '法律援助热线是多少', '绿色通道什么车免费', '挂靠车出事谁担责'];
/** `--cpu-prof=DIR` writes the server's V8 CPU profile of the FAQ run there (summarise it with bench/profile-top.ts). */
const CPU_PROF_DIR = process.argv.find((a) => a.startsWith('--cpu-prof='))?.split('=')[1];
const adminUrl = readTestSettings().databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// A fresh database beside the admin one, migrated, dropped at the end.
const dbName = `nuanxin_ceiling_${process.pid}_${Date.now()}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
await admin.unsafe(`CREATE DATABASE "${dbName}"`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const dataDir = mkdtempSync(join(tmpdir(), 'nuanxin-ceiling-'));
console.log(
  `bench:ceiling on ${new Date().toISOString()}, database ${dbName} on ${url.host}, ${CONNECTIONS} connections, ${SECONDS} s each, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

try {
  await (await openDatabase({ kind: 'postgres', url: url.toString(), max: 1 })).close();
  // The production path: the built server (scripts/start.js builds it when stale), PostgreSQL pool of its default size.
  const server = await startChild(
    'scripts/start.js',
    { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error', DATABASE_URL: url.toString(), OPENAI_API_KEY: '', CASE_SWEEP_INTERVAL_MS: '0' },
    /health:\s+(http:\/\/\S+)\/healthz/,
    CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : [],
  );
  let n = 0;
  /** The turns/s move with whatever else the machine runs; the server's own CPU per turn moves much less. */
  const faqTurns = async (server: { url: string; child: { pid?: number } }) => {
    const cpuBefore = processCpuMs(server.child.pid as number);
    const result = await load({
      url: `${server.url}/api/chat`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        { setupRequest: (req) => ({ ...req, body: JSON.stringify({ userId: `ceiling-${process.pid}-${n++}`, text: FAQ[n % FAQ.length] }) }) },
      ],
    });
    return { ...result, serverCpuMsPerTurn: (processCpuMs(server.child.pid as number) - cpuBefore) / Math.max(1, result.total) };
  };
  let faq;
  try {
    await load({ url: `${server.url}/healthz`, connections: 2, duration: 1 }); // JIT warm-up of the HTTP path
    faq = await faqTurns(server);
  } finally {
    await server.stop();
  }

  // The ceiling: the same number of connections, each BEGIN; INSERT inbound; INSERT outbound; COMMIT in a loop.
  const sql = postgres(url.toString(), { max: CONNECTIONS, onnotice: () => undefined });
  const [conversation] = await sql<{ id: string }[]>`select id from conversations limit 1`;
  if (!conversation) throw new Error('the FAQ run stored no conversation');
  let commits = 0;
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline) {
        await sql.begin(async (tx) => {
          await tx`insert into messages (conversation_id, direction, author, text, channel) values (${conversation.id}, 'in', 'driver', '劳动仲裁收费吗', 'api')`;
          await tx`insert into messages (conversation_id, direction, author, text, channel) values (${conversation.id}, 'out', 'bot', '劳动争议仲裁不收费。', 'api')`;
        });
        commits++;
      }
    }),
  );
  await sql.end({ timeout: 5 });
  const ceiling = commits / SECONDS;
  console.log(
    `FAQ turns over HTTP (new driver each turn): ${faq.requestsPerSecond.toFixed(1)}/s, p50 ${faq.p50} ms, p99 ${faq.p99} ms, errors ${faq.errors}, non-2xx ${faq.non2xx}; server CPU ${faq.serverCpuMsPerTurn.toFixed(2)} ms per turn`,
  );
  console.log(`durable ceiling (BEGIN; 2 INSERTs; COMMIT): ${ceiling.toFixed(1)}/s`);
  console.log(`ratio FAQ turns / ceiling: ${((faq.requestsPerSecond / ceiling) * 100).toFixed(1)}%`);
  if (faq.errors || faq.non2xx) process.exitCode = 1;

  // The same FAQ turns on the embedded database: the built server on a fresh PGlite data dir.
  const pgliteDir = mkdtempSync(join(tmpdir(), 'nuanxin-ceiling-pglite-'));
  try {
    const embedded = await startChild(
      'scripts/start.js',
      { DATA_DIR: pgliteDir, PORT: '0', LOG_LEVEL: 'error', DATABASE_URL: '', OPENAI_API_KEY: '', CASE_SWEEP_INTERVAL_MS: '0' },
      /health:\s+(http:\/\/\S+)\/healthz/,
    );
    try {
      await load({ url: `${embedded.url}/healthz`, connections: 2, duration: 1 });
      const onPglite = await faqTurns(embedded);
      console.log(
        `the same FAQ turns on PGlite: ${onPglite.requestsPerSecond.toFixed(1)}/s, p50 ${onPglite.p50} ms, p99 ${onPglite.p99} ms, errors ${onPglite.errors}, non-2xx ${onPglite.non2xx}; server CPU ${onPglite.serverCpuMsPerTurn.toFixed(2)} ms per turn`,
      );
      if (onPglite.errors || onPglite.non2xx) process.exitCode = 1;
    } finally {
      await embedded.stop();
    }
  } finally {
    rmSync(pgliteDir, { recursive: true, force: true });
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end({ timeout: 5 });
}
