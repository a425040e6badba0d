// Persistence on the embedded default: messages and half-finished flows survive a restart, and shutdown is clean.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/engine.js';
import type { Flow, SkillResult, TurnContext } from '../../src/core/types.js';
import { createConversationStore } from '../../src/store/conversation-store.js';
import { openDatabase } from '../../src/store/database.js';
import { seedPgliteDir, startServerProcess } from '../support/server-process.js';
import { testDetectIntent as detectIntent } from '../support/intent-words.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'nuanxin-restart-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A two-question form, standing in for any domain flow: it remembers answers in flow state only. */
const surveyFlow: Flow = {
  name: 'survey',
  async continue(ctx: TurnContext): Promise<SkillResult> {
    const data = { ...(ctx.state.flow?.data ?? {}) };
    if (!data.name) {
      data.name = ctx.text;
      return {
        intent: 'grievance',
        replies: [{ text: '您在哪个县？' }],
        state: { ...ctx.state, flow: { name: 'survey', data, startedAt: ctx.state.flow!.startedAt } },
      };
    }
    return { intent: 'grievance', replies: [{ text: `记下了：${String(data.name)}，${ctx.text}` }], state: { ...ctx.state, flow: undefined } };
  },
  resumePrompt: () => undefined,
};
const startSurvey = {
  async handle(ctx: TurnContext): Promise<SkillResult> {
    return { replies: [{ text: '您贵姓？' }], state: { ...ctx.state, flow: { name: 'survey', data: {}, startedAt: ctx.now.toISOString() } } };
  },
};

describe('restart on PGlite', () => {
  it('keeps a half-filled flow across a database restart', async () => {
    const dataDir = join(tempDir(), 'pglite');
    await seedPgliteDir(dataDir);
    const message = (text: string) => ({ channel: 'api', externalUserId: 'driver-1', text, render: 'text' as const });

    const first = await openDatabase({ kind: 'pglite', dataDir });
    const engine1 = createEngine({ detectIntent, store: createConversationStore(first.db), skills: { grievance: startSurvey }, flows: [surveyFlow] });
    expect((await engine1.handle(message('我要投诉'))).replies[0]?.text).toBe('您贵姓？');
    expect((await engine1.handle(message('张'))).replies[0]?.text).toBe('您在哪个县？');
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir });
    const engine2 = createEngine({
      detectIntent,
      store: createConversationStore(second.db),
      skills: { grievance: startSurvey },
      flows: [surveyFlow],
    });
    expect((await engine2.handle(message('沿滩'))).replies[0]?.text).toBe('记下了：张，沿滩');
    await second.close();
  }, 120_000);

  it('serves, shuts down cleanly on SIGTERM, and finds its messages after a restart', async () => {
    const dataDir = tempDir();
    await seedPgliteDir(join(dataDir, 'pglite'));
    const start = () => startServerProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' });
    const send = async (base: string, text: string, messageId: string) => {
      const res = await fetch(`${base}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'persist', text, messageId }),
      });
      return (await res.json()) as { conversationId: string; replies: { text: string }[] };
    };

    const a = start();
    const base = await a.url;
    const before = await send(base, '你好', 'p-1');
    expect(existsSync(join(dataDir, 'nuanxin.pid'))).toBe(true);
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(existsSync(join(dataDir, 'nuanxin.pid'))).toBe(false);

    const b = start();
    const base2 = await b.url;
    // The same message id after a restart is still recognised: the stored reply comes back.
    const again = await send(base2, '你好', 'p-1');
    expect(again).toEqual(before);
    const next = await send(base2, '谢谢', 'p-2');
    expect(next.conversationId).toBe(before.conversationId);
    b.child.kill('SIGINT');
    expect(await b.exited).toBe(0);
  }, 90_000);
});
