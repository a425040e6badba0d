// WeChat retries that reach another server process (two runtimes over one database) while a slow model turn runs: one turn, one answer.
import { sql } from 'drizzle-orm';
import { delay, http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/store/rows.js';
import { createMockNetwork, mswListenOptions } from '../support/msw.js';
import { testDriver } from '../support/test-db.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { APPID, messageXml, OPENID, postPlain, TOKEN } from './wechat-oa-helpers.js';

const network = createMockNetwork();
beforeAll(() => network.listen(mswListenOptions));
afterEach(() => network.resetHandlers());
afterAll(() => network.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LLM = 'http://llm.test/v1';
const QUESTION = '劳动仲裁要花钱吗';

/** A model answering after `delayMs`, and the WeChat customer-service API; both count their calls. */
function upstreams(delayMs: number) {
  const calls = { model: 0, sent: [] as string[] };
  network.use(
    http.post(`${LLM}/chat/completions`, async () => {
      calls.model++;
      await delay(delayMs);
      const message = { role: 'assistant', content: '劳动仲裁不收费。' };
      return HttpResponse.json({
        id: 'c1',
        object: 'chat.completion',
        created: 0,
        model: 'm',
        choices: [{ index: 0, finish_reason: 'stop', message }],
      });
    }),
    http.post('https://api.weixin.qq.com/cgi-bin/stable_token', () => HttpResponse.json({ access_token: 'TOKEN_1', expires_in: 7200 })),
    http.post('https://api.weixin.qq.com/cgi-bin/message/custom/send', async ({ request }) => {
      calls.sent.push(((await request.json()) as { text: { content: string } }).text.content);
      return HttpResponse.json({ errcode: 0, errmsg: 'ok' });
    }),
  );
  return calls;
}

const env = (budgetMs: number) => ({
  WECHAT_TOKEN: TOKEN,
  WECHAT_APPID: APPID,
  WECHAT_APPSECRET: 'secret',
  WECHAT_REPLY_BUDGET_MS: String(budgetMs),
  OPENAI_API_KEY: 'sk-test',
  OPENAI_BASE_URL: LLM,
  LLM_TIMEOUT_MS: '5000',
});

/** Two "processes": runtimes with their own engine and reply window over one database. */
async function withTwoProcesses(budgetMs: number, run: (a: TestRuntime, b: TestRuntime) => Promise<void>) {
  const a = await createTestRuntime({ env: env(budgetMs) });
  const b = await a.sibling();
  try {
    await run(a, b);
  } finally {
    await b.close();
    await a.close();
  }
}

async function stored(t: TestRuntime) {
  const rows = await t.runtime.database.db.query.messages.findMany();
  const claims = rowsOf<{ n: number }>(await t.runtime.database.db.execute(sql`select count(*)::int as n from reply_claims`))[0]?.n;
  return { inbound: rows.filter((r) => r.direction === 'in').length, outbound: rows.filter((r) => r.direction === 'out').length, claims };
}

describe(`a WeChat retry on another process during a slow turn (${testDriver})`, () => {
  it('runs the turn once and pushes the answer once when every request gave up waiting', async () => {
    const calls = upstreams(2000);
    await withTwoProcesses(500, async (a, b) => {
      const xml = messageXml({ MsgType: 'text', Content: QUESTION, MsgId: '24000000000000200' });
      const first = postPlain(a.app, xml);
      await sleep(700);
      const retry = postPlain(b.app, xml);
      expect((await Promise.all([first, retry])).map((r) => r.text)).toEqual(['success', 'success']);
      for (let i = 0; i < 40 && calls.sent.length === 0; i++) await sleep(100);
      // Time for the other process to finish waiting for the stored turn and, without the claim, to push it again.
      await sleep(800);
      expect(calls.model).toBe(1);
      expect(calls.sent).toHaveLength(1);
      expect(calls.sent[0]).toContain('劳动仲裁不收费');
      expect(await stored(a)).toEqual({ inbound: 1, outbound: 1, claims: 1 });
    });
  });

  it('answers passively once when both requests are still waiting as the answer arrives', async () => {
    const calls = upstreams(1500);
    await withTwoProcesses(3000, async (a, b) => {
      const xml = messageXml({ MsgType: 'text', Content: QUESTION, MsgId: '24000000000000201' });
      const first = postPlain(a.app, xml);
      await sleep(400);
      const answers = await Promise.all([first, postPlain(b.app, xml)]);
      const passive = answers.filter((r) => r.text.startsWith('<xml>'));
      expect(passive).toHaveLength(1);
      expect(passive[0]?.content).toContain('劳动仲裁不收费');
      expect(answers.filter((r) => r.text === 'success')).toHaveLength(1);
      await sleep(300);
      expect(calls.sent).toHaveLength(0);
      expect(calls.model).toBe(1);
      expect(await stored(a)).toEqual({ inbound: 1, outbound: 1, claims: 1 });
    });
  });

  it('takes over a message whose lease ran out because its process died, and answers it', async () => {
    const calls = upstreams(0);
    await withTwoProcesses(4800, async (a) => {
      const msgId = '24000000000000202';
      // What a process killed mid-turn leaves: the inbound message with its lease, and no reply.
      await a.runtime.conversations.beginTurn({
        channel: 'wechat-oa',
        externalUserId: OPENID,
        text: QUESTION,
        messageId: msgId,
        lease: { owner: 'a-dead-process', ms: 2000 },
      });
      const started = Date.now();
      const retry = postPlain(a.app, messageXml({ MsgType: 'text', Content: QUESTION, MsgId: msgId }));
      await sleep(500);
      // The lease is still live (for 1.5 s more: room for a slow machine): nobody answers it yet.
      expect((await stored(a)).outbound).toBe(0);
      expect(calls.model).toBe(0);
      const answer = await retry;
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      expect(answer.content).toContain('劳动仲裁不收费');
      expect(calls.model).toBe(1);
      expect(await stored(a)).toEqual({ inbound: 1, outbound: 1, claims: 1 });
    });
  });
});
