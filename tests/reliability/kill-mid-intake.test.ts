// The server SIGKILLed in the middle of a grievance form (no clean shutdown) and started again on the same PGlite folder: the form resumes where it was and files one case.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { seedPgliteDir, startServerProcess } from '../support/server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'nuanxin-kill-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = () => startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '', OPENAI_API_KEY: '', CASE_SWEEP_INTERVAL_MS: '0' });

async function say(base: string, text: string) {
  const res = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'killed', text }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { intent: string; replies: { text: string; caseId?: string }[] };
  return { ...body, all: body.replies.map((r) => r.text).join('\n') };
}

it('resumes a half-filled grievance form after the server is killed with SIGKILL', async () => {
  await seedPgliteDir(join(dataDir, 'pglite'));

  const a = start();
  const base = await a.url;
  expect((await say(base, '我是金堂的，成都顺达物流公司欠我运费三万，三个月了，我自己的车，电话13812345678')).intent).toBe('grievance');
  const summary = await say(base, '同意');
  expect(summary.all).toContain('成都顺达物流公司');
  a.child.kill('SIGKILL');
  expect(await a.exited).toBe('SIGKILL');

  // The pid file of the killed process is still there; the new server sees that process is gone and takes the folder.
  const b = start();
  const base2 = await b.url;
  const filed = await say(base2, '确认');
  const caseId = filed.replies.find((r) => r.caseId)?.caseId;
  expect(caseId).toMatch(/^SC-\d{4}-\d{6}$/);
  b.child.kill('SIGTERM');
  expect(await b.exited).toBe(0);

  const check = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') }, { migrate: false });
  const result = await check.db.execute(sql`select count(*)::int as n from cases`);
  await check.close();
  expect((result as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(1);
}, 120_000);
