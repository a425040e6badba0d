// `npm run bench:chat`: in-process turn latency, HTTP turns/s against a bare Hono hello-world (the ratio), and RSS after start-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config.js';
import { createRuntime } from '../src/runtime.js';
import { openDatabase } from '../src/store/database.js';
import { load, residentMemoryMiB, startChild, summarise } from './support.js';
import { ensureBuilt } from '../scripts/ensure-built.js';

const QUESTIONS = [
  '你好',
  '疲劳驾驶是怎么规定的',
  '劳动仲裁收费吗',
  '附近的暖心之家',
  '谢谢',
  '帮我写一首诗',
  '超限运输的重量标准',
  '法律援助热线是多少',
];
const SECONDS = Number(process.argv.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 10);

async function inProcess(): Promise<void> {
  const database = await openDatabase({ kind: 'pglite' });
  const runtime = await createRuntime({ config: parseConfig({ LOG_LEVEL: 'silent' }), database });
  for (let i = 0; i < 50; i++)
    await runtime.engine.handle({ channel: 'bench', externalUserId: `warm${i % 5}`, text: QUESTIONS[i % QUESTIONS.length]!, render: 'text' });
  const samples: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t0 = performance.now();
    await runtime.engine.handle({
      channel: 'bench',
      externalUserId: `u${i % 50}`,
      text: QUESTIONS[i % QUESTIONS.length]!,
      render: i % 4 === 0 ? 'voice' : 'text',
    });
    samples.push(performance.now() - t0);
  }
  const s = summarise(samples);
  console.log(`in-process turn (PGlite in memory, 1000 turns): p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms`);
  await runtime.stop();
  await database.close();
}

async function overHttp(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nuanxin-bench-'));
  // The server as `npm start` runs it (built JavaScript, its caches and the PGlite template), built first if stale and
  // untimed; `npm run dev` (tsx) transpiles at run time and reads every source file, ~1.5x the time and +90 MiB.
  await ensureBuilt({ quiet: true });
  const started = performance.now();
  const server = await startChild(
    'scripts/start.js',
    { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error', DATABASE_URL: '' },
    /health:\s+(http:\/\/\S+)\/healthz/,
  );
  const startMs = performance.now() - started;
  await fetch(`${server.url}/healthz`);
  const rss = residentMemoryMiB(server.child.pid!);
  console.log(
    `built server start-up on a fresh PGlite data dir: ${(startMs / 1000).toFixed(1)} s; resident memory after start-up: ${rss.toFixed(0)} MiB`,
  );

  let n = 0;
  const ours = await load({
    url: `${server.url}/api/chat`,
    method: 'POST',
    connections: 10,
    duration: SECONDS,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ userId: `load${n % 100}`, text: QUESTIONS[n++ % QUESTIONS.length] }) }) }],
  });
  const rssAfter = residentMemoryMiB(server.child.pid!);
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const hello = await startChild('bench/hello-server.ts', {}, /listening (http:\/\/\S+)/);
  const base = await load({
    url: `${hello.url}/api/chat`,
    method: 'POST',
    connections: 10,
    duration: SECONDS,
    headers: { 'content-type': 'application/json' },
    body: '{"userId":"u","text":"hi"}',
  });
  await hello.stop();

  console.log(
    `HTTP /api/chat on PGlite (10 connections, ${SECONDS} s): ${ours.requestsPerSecond.toFixed(0)} turns/s, p50 ${ours.p50} ms, p99 ${ours.p99} ms, errors ${ours.errors}, non-2xx ${ours.non2xx}`,
  );
  console.log(`bare Hono hello-world (same settings):  ${base.requestsPerSecond.toFixed(0)} req/s, p50 ${base.p50} ms, p99 ${base.p99} ms`);
  console.log(`ratio nuanxin / hello-world: ${(ours.requestsPerSecond / base.requestsPerSecond).toFixed(3)}`);
  console.log(`resident memory after the load: ${rssAfter.toFixed(0)} MiB`);
}

await inProcess();
await overHttp();
