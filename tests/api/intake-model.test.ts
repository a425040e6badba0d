// Grievance intake through /api/chat with a model configured (msw): the model fills a counterpart the rules missed, and what it invents is ignored.
import { sql } from 'drizzle-orm';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, LLM_BASE } from '../support/openai-fake.js';
import { testDriver } from '../support/test-db.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

const server = setupServer();
const NOW = new Date('2026-11-25T10:00:00+08:00'); // a Wednesday
// The rules find category, amount, time, place, employment and phone here, but not who 宏达 is (no 公司/物流 after it).
const STORY = '我在金堂，去年九月开始给宏达拉货，运费三万二，一直不结，我自己的车，电话13812345678';
let slotCalls = 0;

/** The model answers the slot prompt with `slots`; every other prompt (choosing an entry, rewording) gets no usable answer. */
function modelProposes(slots: string) {
  server.use(
    http.post(`${LLM_BASE}/chat/completions`, async ({ request }) => {
      const prompt = ((await request.json()) as { messages: Array<{ content: string }> }).messages[0]?.content ?? '';
      if (!prompt.includes('登记表需要的信息')) return HttpResponse.json(chatCompletion('无'));
      slotCalls++;
      return HttpResponse.json(chatCompletion(slots));
    }),
  );
}

describe(`intake with a model (${testDriver})`, () => {
  let t: TestRuntime;
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    t = await createTestRuntime({
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: LLM_BASE, LLM_TIMEOUT_MS: '500', CASE_SWEEP_INTERVAL_MS: '0' },
      clock: () => NOW,
    });
  });
  afterEach(() => {
    server.resetHandlers();
    slotCalls = 0;
  });
  afterAll(async () => {
    await t.close();
    server.close();
  });

  async function say(userId: string, text: string) {
    const res = await t.chat({ userId, text });
    expect(res.status).toBe(200);
    return (res.body.replies as { text: string }[]).map((r) => r.text).join('\n');
  }
  /** The one case filed in this file (only the first conversation confirms). */
  async function filedCases() {
    // amount_yuan is a bigint: postgres.js returns it as a string, PGlite as a number; the cast makes both a number.
    const result = await t.database.db.execute(sql`select counterpart, amount_yuan::float8 as amount_yuan, county_code, phone from cases`);
    return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  }

  it('takes the counterpart the rules missed from the model, and files it', async () => {
    modelProposes('好的：{"counterpart":"宏达","amountYuan":32000,"county":"金堂","category":"freight","employment":"owner_operator"}');
    const first = await say('m1', STORY);
    expect(slotCalls).toBe(1);
    expect(first).not.toContain('对方是谁');
    expect(first).toContain('同意');
    const summary = await say('m1', '同意');
    expect(summary).toContain('对方：宏达');
    expect(summary).toContain('3.2万元');
    expect(await say('m1', '确认')).toMatch(/编号/);
    expect(await filedCases()).toEqual([
      expect.objectContaining({ counterpart: '宏达', county_code: '510121', phone: '13812345678', amount_yuan: 32000 }),
    ]);
  });

  it('ignores what the model invents: a longer name, another amount, place and phone, a kind of party', async () => {
    modelProposes('{"counterpart":"宏达物流有限公司","amountYuan":50000,"county":"广元","phone":"13900000000","category":"wage"}');
    const story = '我在金堂，去年九月开始给宏达拉货，运费三万二，一直不结，我自己的车';
    expect(await say('m2', story)).toContain('对方是谁');
    expect(slotCalls).toBe(1);
    modelProposes('{"counterpart":"老板"}');
    expect(await say('m4', '在金堂跑车，老板欠我运费三万二，去年九月开始就不结了')).toContain('对方是谁');
    slotCalls = 0;
    // A short answer is the rules' work: no model call.
    expect(await say('m2', '不知道')).toContain('手机号');
    expect(slotCalls).toBe(0);
    await say('m2', '13812345678');
    const summary = await say('m2', '同意');
    expect(summary).toContain('对方：不清楚');
    expect(summary).toContain('运费结算');
    expect(summary).toContain('3.2万元');
    expect(summary).not.toMatch(/宏达物流有限公司|5万|广元|13900000000|拖欠工资/);
  });

  it('goes on with the rules alone when the model fails', async () => {
    server.use(http.post(`${LLM_BASE}/chat/completions`, () => HttpResponse.json({ error: { message: 'down' } }, { status: 503 })));
    expect(await say('m3', STORY)).toContain('对方是谁');
  });
});
