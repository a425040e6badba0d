// Model endpoint faults end to end through /api/chat: a hang, 429, 500 and an unreachable host each still get the curated, cited answer, well before the hang would end.
// (Unit-level fallbacks without retries are in src/llm/answer-assistant.test.ts; the grounded rewording path is in tests/api/faq-llm.test.ts.)
import { delay, http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockNetwork, mswListenOptions } from '../support/msw.js';
import { testDriver } from '../support/test-db.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

const BASE = 'http://llm.test/v1';
const TIMEOUT_MS = 300;
const HANG_MS = 20_000;
const network = createMockNetwork();

const faults = {
  'times out': async () => {
    await delay(HANG_MS);
    return HttpResponse.json({});
  },
  'returns 429': () => HttpResponse.json({ error: { message: 'rate limited' } }, { status: 429 }),
  'returns 500': () => HttpResponse.json({ error: { message: 'boom' } }, { status: 500 }),
  'is unreachable': () => HttpResponse.error(),
} as const;

describe(`model endpoint faults (${testDriver})`, () => {
  let t: TestRuntime;
  let n = 0;
  beforeAll(async () => {
    network.listen(mswListenOptions);
    t = await createTestRuntime({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: BASE, LLM_TIMEOUT_MS: String(TIMEOUT_MS) } });
  });
  afterEach(() => network.resetHandlers());
  afterAll(async () => {
    await t.close();
    network.close();
  });

  it.each(Object.keys(faults) as (keyof typeof faults)[])('answers from the knowledge base when the model %s', async (fault) => {
    let calls = 0;
    network.use(
      http.post(`${BASE}/chat/completions`, () => {
        calls++;
        return faults[fault]();
      }),
    );
    const started = Date.now();
    // A follow-up first, so both model calls (restating the question, phrasing the answer) meet the fault.
    await t.chat({ userId: `fault-${n}`, text: '疲劳驾驶是怎么规定的' });
    const res = await t.chat({ userId: `fault-${n++}`, text: '那要罚多少钱' });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    const reply = (res.body as { intent: string; replies: { text: string; citations?: { id: string }[] }[] }).replies[0];
    expect(reply?.citations?.length).toBeGreaterThan(0);
    expect(reply?.text).toContain('来源');
    expect(calls).toBeGreaterThan(0);
    // Four model calls at most, each cut at the timeout: far below one hang.
    expect(elapsed).toBeLessThan(HANG_MS / 4);
  });
});
