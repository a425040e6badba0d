// Benchmark: CPU time the built Worker spends per request in workerd (cold start, FAQ turn, filing turn) against the 10 ms budget,
// beside the floor of a Worker that only opens a request's database client and runs two statements.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import postgres from 'postgres';
import { readTestSettings } from '../src/config.js';
import { openDatabase } from '../src/store/database.js';
import { startWorker } from '../scripts/worker-bundle.js';
import { percentile, summarise } from './support.js';

const CPU_BUDGET_MS = 10;
const ROUNDS = Number(process.argv[2] ?? 200);
// A request's CPU on Workers includes what it hands to waitUntil (here closing its database client), so let that finish first.
const SETTLE_MS = 40;

/** workerd's own CPU time in ms (every thread, nanosecond schedstat), read from /proc. */
function cpuMs(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  return ns / 1e6;
}

/** The workerd process Miniflare started as this process's child. */
function workerdPid(): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'workerd' && ppid === process.pid) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  throw new Error('no workerd child process found');
}

// FAQ questions from the held-out eval set, so the measured turns are the real retrieval path, not one cached answer.
const questions = readFileSync(resolve(import.meta.dirname, '../tests/eval/held-out.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { text: string; expect: { intent: string[] } })
  .filter((q) => q.expect.intent.includes('faq'))
  .map((q) => q.text);

const adminUrl = readTestSettings().databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `nuanxin_bench_worker_${process.pid}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
await admin.unsafe(`CREATE DATABASE "${dbName}"`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const migrated = await openDatabase({ kind: 'postgres', url: url.toString(), max: 1 });
await migrated.close();

/** CPU per request of the Worker in workerd process `pid`: waits for the previous request's waitUntil work first. */
function cpuMeter(pid: number) {
  const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));
  return async function measure(request: () => Promise<Response>): Promise<number> {
    await settle();
    const before = cpuMs(pid);
    const res = await request();
    if (res.status !== 200) throw new Error(`worker answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    await settle();
    return cpuMs(pid) - before;
  };
}

/**
 * The same rounds against bench/worker-floor.ts in its own workerd: a request's postgres.js client (our settings and patch),
 * two statements, closed in waitUntil. No FAQ turn can cost less on Workers with a connection per request.
 */
async function measureFloor(databaseUrl: string, rounds: number): Promise<number[]> {
  const { compatibility_date, compatibility_flags } = unstable_readConfig({ config: resolve(import.meta.dirname, '../wrangler.toml') });
  const outfile = resolve(import.meta.dirname, '../dist/bench/worker-floor.js');
  await build({
    entryPoints: [join(import.meta.dirname, 'worker-floor.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker'],
    external: ['cloudflare:*', 'node:*'],
    outfile,
    logLevel: 'warning',
  });
  const floorWorker = new Miniflare({
    scriptPath: outfile,
    modules: true,
    // As wrangler.toml configures the app's Worker (and startWorker runs it).
    ...(compatibility_date ? { compatibilityDate: compatibility_date } : {}),
    ...(compatibility_flags ? { compatibilityFlags: compatibility_flags } : {}),
    bindings: { DATABASE_URL: databaseUrl },
  });
  await floorWorker.ready;
  try {
    const measure = cpuMeter(workerdPid());
    // The isolate's first request compiles and connects for the first time; the app's is reported apart, so is this one.
    await measure(() => floorWorker.dispatchFetch('http://worker.test/'));
    const xs: number[] = [];
    for (let i = 0; i < rounds; i++) xs.push(await measure(() => floorWorker.dispatchFetch('http://worker.test/')));
    return xs;
  } finally {
    await floorWorker.dispose();
  }
}

function line(name: string, xs: number[]): string {
  const s = summarise(xs);
  const p90 = percentile(
    [...xs].sort((a, b) => a - b),
    90,
  );
  return `${name.padEnd(34)} p50 ${s.p50.toFixed(2).padStart(6)} ms  p90 ${p90.toFixed(2).padStart(6)} ms  p99 ${s.p99.toFixed(2).padStart(6)} ms  mean ${s.mean.toFixed(2).padStart(6)} ms`;
}

const returningTurns: number[] = [];
// One try for the whole run, so the bench's database is dropped whatever fails.
try {
  const mf = await startWorker({ DATABASE_URL: url.toString(), LOG_LEVEL: 'warn', COOKIE_SECRET: 'b'.repeat(40) });
  try {
    const pid = workerdPid();
    // Everything workerd did to start: its own boot, Miniflare's helper workers, and our module scope (the knowledge index).
    const startup = cpuMs(pid);
    const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));
    const measure = cpuMeter(pid);
    const chat = (userId: string, text: string) => () =>
      mf.dispatchFetch('http://worker.test/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId, text }),
      });

    // What workerd burns with nothing to do over the same window, to read the figures against.
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      await settle();
      const before = cpuMs(pid);
      await settle();
      idle.push(cpuMs(pid) - before);
    }
    const cold = await measure(chat('cold', questions[0] as string));
    const health: number[] = [];
    const firstContact: number[] = [];
    const returning: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      health.push(await measure(() => mf.dispatchFetch('http://worker.test/healthz')));
      firstContact.push(await measure(chat(`faq-new-${i}`, questions[i % questions.length] as string)));
      // Twenty drivers asking in turn: their identity and conversation already exist, as for most real turns.
      returning.push(await measure(chat(`faq-${i % 20}`, questions[(i + 7) % questions.length] as string)));
    }
    const filing: number[] = [];
    for (let i = 0; i < Math.min(ROUNDS, 40); i++) {
      const user = `file-${i}`;
      await measure(chat(user, '我是金堂的，成都顺达物流公司欠我运费三万，三个月了，我自己的车，电话13812345678'));
      await measure(chat(user, '同意'));
      filing.push(await measure(chat(user, '确认')));
    }

    console.log(`workerd CPU per request (process ${pid}, ${ROUNDS} rounds, ${questions.length} distinct FAQ questions, PostgreSQL on loopback)`);
    console.log(line('idle, same window', idle));
    console.log(`${'workerd start-up, whole process'.padEnd(34)} ${startup.toFixed(2)} ms`);
    console.log(`${'first request of the isolate (FAQ)'.padEnd(34)} ${cold.toFixed(2)} ms`);
    console.log(line('GET /healthz (no database)', health));
    console.log(line('FAQ turn, first contact', firstContact));
    console.log(line('FAQ turn, returning driver', returning));
    console.log(line('case confirmation turn', filing));
    // Miniflare routes every request through its own entry worker in the same process; /healthz shows that floor.
    const floor = summarise(health).p50;
    const net = (xs: number[]) => xs.map((x) => x - floor);
    console.log(line('FAQ turn, returning, net of floor', net(returning)));
    for (const [name, xs] of [
      ['first contact', firstContact],
      ['returning driver', returning],
    ] as const) {
      const gross = summarise(xs).p99;
      const netP99 = summarise(net(xs)).p99;
      console.log(
        `ratio FAQ p99 / ${CPU_BUDGET_MS} ms budget, ${name}: ${(gross / CPU_BUDGET_MS).toFixed(2)} gross, ${(netP99 / CPU_BUDGET_MS).toFixed(2)} net of floor`,
      );
    }
    returningTurns.push(...returning);
  } finally {
    await mf.dispose();
  }
  // After the app's workerd has gone, so the process read is the floor Worker's alone.
  const floorTurns = await measureFloor(url.toString(), ROUNDS);
  console.log(line('floor: client + 2 statements only', floorTurns));
  const floor = summarise(floorTurns);
  const app = summarise(returningTurns);
  console.log(
    `ratio returning FAQ turn / floor: p50 ${(app.p50 / floor.p50).toFixed(2)}, p99 ${(app.p99 / floor.p99).toFixed(2)}; floor p99 / ${CPU_BUDGET_MS} ms budget ${(floor.p99 / CPU_BUDGET_MS).toFixed(2)}`,
  );
} finally {
  await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
}
