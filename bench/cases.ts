// `npm run bench:cases`: cases filed per second through the engine, and the overdue sweep over 100,000 open cases, on PGlite and PostgreSQL.
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { parseConfig, readTestSettings } from '../src/config.js';
import { createRuntime } from '../src/runtime.js';
import { openDatabase, type DatabaseHandle } from '../src/store/database.js';

const FILINGS = 300;
const CONCURRENCY = 16;
const SWEEP_CASES = 100_000;
const FIRST = '我是金堂的，成都顺达物流公司欠我运费三万，三个月了，自己的车，电话13812345678';

interface Figures {
  driver: string;
  casesPerSecond: number;
  turnsPerSecond: number;
  sweepIdleMs: number;
  sweepMs: number;
  escalated: number;
  eventsWritten: number;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function run(driver: string, database: DatabaseHandle): Promise<Figures> {
  let now = new Date('2026-11-25T10:00:00+08:00');
  const config = parseConfig({ LOG_LEVEL: 'silent', CASE_SWEEP_INTERVAL_MS: '0' });
  const runtime = await createRuntime({ config, database, clock: () => now });
  const fileOne = async (i: number) => {
    for (const text of [FIRST, '同意', '确认']) {
      const r = await runtime.engine.handle({ channel: 'bench', externalUserId: `driver-${i}`, text, render: 'text', messageId: `${i}-${text}` });
      if (text === '确认' && !r.replies.some((x) => x.caseId)) throw new Error(`driver ${i}: no case filed: ${r.replies[0]?.text}`);
    }
  };
  // Warm-up: code paths, OpenCC dictionaries, prepared plans.
  for (let i = 0; i < 5; i++) await fileOne(-1 - i);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < FILINGS) await fileOne(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  // 100,000 open cases across Sichuan's counties, assigned and not yet due.
  const db = database.db;
  const [driverRow] = rowsOf<{ id: string }>(await db.execute(sql`insert into drivers default values returning id`));
  await db.execute(sql`
    insert into cases (number, driver_id, channel, intake_key, category, description, county_code, city_code, status, priority, level, desk,
                       transfer_due_at, feedback_due_at, resolve_due_at, created_at, updated_at)
    select 'SC-2025-' || lpad(g::text, 6, '0'), ${driverRow!.id}, 'bench', 'bulk-' || g,
           (array['freight','wage','illegal_fees','theft'])[1 + g % 4], '批量诉求', '510121', '510100', 'assigned', 'normal', 'county', 'county:510121',
           ${now.toISOString()}::timestamptz + interval '2 hours', ${now.toISOString()}::timestamptz + interval '2 days',
           ${now.toISOString()}::timestamptz + interval '7 days', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from generate_series(1, ${SWEEP_CASES}) g`);
  await db.execute(sql`analyze cases`);

  let t0 = performance.now();
  const idle = await runtime.cases.service.sweep(now);
  const sweepIdleMs = performance.now() - t0;
  if (idle.escalated !== 0) throw new Error('idle sweep escalated cases');

  now = new Date('2026-12-10T10:00:00+08:00'); // every open case is past its deadlines
  t0 = performance.now();
  const swept = await runtime.cases.service.sweep(now);
  const sweepMs = performance.now() - t0;
  const [events] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from case_events where kind = 'escalated'`));
  await runtime.stop();
  return {
    driver,
    casesPerSecond: FILINGS / seconds,
    turnsPerSecond: (FILINGS * 3) / seconds,
    sweepIdleMs,
    sweepMs,
    escalated: swept.escalated,
    eventsWritten: events!.n,
  };
}

async function withPostgres(url: string): Promise<Figures> {
  const name = `nuanxin_bench_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString(), max: CONCURRENCY });
  try {
    return await run('postgres', database);
  } finally {
    await database.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const results: Figures[] = [];
  const pglite = await openDatabase({ kind: 'pglite' });
  try {
    results.push(await run('pglite', pglite));
  } finally {
    await pglite.close();
  }
  const { databaseUrl } = readTestSettings();
  if (databaseUrl) results.push(await withPostgres(databaseUrl));
  else process.stdout.write('PostgreSQL skipped: set TEST_DATABASE_URL to include it.\n');

  process.stdout.write(
    `\nbench:cases — ${FILINGS} filings (3 turns each, ${CONCURRENCY} drivers at a time); sweep over ${SWEEP_CASES.toLocaleString('en')} open cases\n`,
  );
  process.stdout.write('driver    cases/s  turns/s  sweep idle ms  sweep all-overdue ms  escalated  events\n');
  for (const r of results) {
    process.stdout.write(
      `${r.driver.padEnd(9)} ${r.casesPerSecond.toFixed(1).padStart(7)}  ${r.turnsPerSecond.toFixed(1).padStart(7)}  ${r.sweepIdleMs.toFixed(0).padStart(13)}  ${r.sweepMs.toFixed(0).padStart(20)}  ${String(r.escalated).padStart(9)}  ${String(r.eventsWritten).padStart(6)}\n`,
    );
  }
  const [a, b] = results;
  if (a && b) {
    process.stdout.write(
      `ratio postgres/pglite: filing ${(b.casesPerSecond / a.casesPerSecond).toFixed(2)}×, sweep time ${(b.sweepMs / a.sweepMs).toFixed(2)}×\n`,
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
