// One load run against a child Node server: FAQ turns and multi-turn case filings at fixed rates, then the stored messages and cases counted against what was sent.
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/store/database.js';
import { load, startChild, type LoadResult } from './support.js';

const FAQ = ['疲劳驾驶是怎么规定的', '劳动仲裁收费吗', '超限运输的重量标准', '法律援助热线是多少', '绿色通道什么车免费', '挂靠车出事谁担责'];
const FILING = ['我是金堂的，成都顺达物流公司欠我运费三万，三个月了，我自己的车，电话13812345678', '同意', '确认'];

export interface LoadReport {
  faq: LoadResult;
  filing: LoadResult;
  hello: LoadResult;
  /** Chat turns sent, those answered 200 before the run ended, and driver messages the database holds. */
  sentTurns: number;
  answeredTurns: number;
  storedDriverMessages: number;
  /** Confirmations sent (each one files a case), those answered with a case id before the run ended, and cases the database holds. */
  sentConfirmations: number;
  filedCases: number;
  storedCases: number;
}

/** `databaseUrl` is an admin URL: a fresh database is created beside it and dropped after; without one the server runs on PGlite in a temp dir. */
export async function runLoad(opts: { seconds: number; faqRate: number; filingRate: number; databaseUrl?: string }): Promise<LoadReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nuanxin-load-'));
  let dbUrl = '';
  let admin: postgres.Sql | undefined;
  const dbName = `nuanxin_load_${process.pid}_${Date.now()}`;
  if (opts.databaseUrl) {
    admin = postgres(opts.databaseUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`CREATE DATABASE "${dbName}"`);
    const u = new URL(opts.databaseUrl);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
  }
  const server = await startChild(
    'src/main.ts',
    { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error', DATABASE_URL: dbUrl, OPENAI_API_KEY: '', CASE_SWEEP_INTERVAL_MS: '0' },
    /health:\s+(http:\/\/\S+)\/healthz/,
  );
  try {
    let faqN = 0;
    let sentTurns = 0;
    let answeredTurns = 0;
    let filedCases = 0;
    let sentConfirmations = 0;
    const counted = (status: number) => {
      if (status === 200) answeredTurns++;
    };
    const common = { method: 'POST' as const, duration: opts.seconds, headers: { 'content-type': 'application/json' } };
    const faqRun = load({
      ...common,
      url: `${server.url}/api/chat`,
      connections: 8,
      overallRate: opts.faqRate,
      requests: [
        {
          setupRequest: (req) => {
            sentTurns++;
            return { ...req, body: JSON.stringify({ userId: `faq${faqN % 200}`, text: FAQ[faqN++ % FAQ.length] }) };
          },
          onResponse: (status) => counted(status),
        },
      ],
    });
    let driverN = 0;
    // Each connection files one case after another: its context carries the driver through the three turns.
    const step = (i: number): autocannon.Request => ({
      setupRequest: (req, context) => {
        const driver = context as { driver?: string };
        if (i === 0) driver.driver = `filer${driverN++}`;
        sentTurns++;
        if (i === 2) sentConfirmations++;
        return { ...req, body: JSON.stringify({ userId: driver.driver, text: FILING[i] }) };
      },
      onResponse: (status, body) => {
        counted(status);
        if (i === 2 && status === 200 && body.includes('"caseId"')) filedCases++;
      },
    });
    const filingRun = load({
      ...common,
      url: `${server.url}/api/chat`,
      connections: 4,
      overallRate: opts.filingRate,
      requests: [step(0), step(1), step(2)],
    });
    const [faq, filing] = await Promise.all([faqRun, filingRun]);
    // Requests still in flight when autocannon stops are finished by the server; let them land before counting.
    await new Promise((r) => setTimeout(r, 2000));

    await server.stop();
    const counts = await countStored(dbUrl, dataDir);
    const hello = await startChild('bench/hello-server.ts', {}, /listening (http:\/\/\S+)/);
    const base = await load({
      ...common,
      url: `${hello.url}/api/chat`,
      connections: 8,
      overallRate: opts.faqRate,
      body: '{"userId":"u","text":"hi"}',
    });
    await hello.stop();
    return { faq, filing, hello: base, sentTurns, answeredTurns, sentConfirmations, filedCases, ...counts };
  } finally {
    await server.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    if (admin) {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    }
  }
}

async function countStored(dbUrl: string, dataDir: string): Promise<{ storedDriverMessages: number; storedCases: number }> {
  const database = dbUrl
    ? await openDatabase({ kind: 'postgres', url: dbUrl, max: 1 }, { migrate: false })
    : await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') }, { migrate: false });
  try {
    const result = await database.db.execute(
      sql`select (select count(*)::int from messages where direction = 'in') as messages, (select count(*)::int from cases) as cases`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { messages: number; cases: number }[];
    return { storedDriverMessages: rows[0]!.messages, storedCases: rows[0]!.cases };
  } finally {
    await database.close();
  }
}
