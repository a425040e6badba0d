// /api/chat with a model configured (msw): the model's wording is used when grounded, the curated answer otherwise.
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LEGAL_DISCLAIMER } from '../../src/knowledge/faq-answer.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';

const BASE = 'http://llm.test/v1';
const server = setupServer();
const completion = (content: string) => ({
  id: 'c1',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
});

describe(`FAQ with a model (${testDriver})`, () => {
  let t: TestRuntime;
  let n = 0;
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    t = await createTestRuntime({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: BASE, LLM_TIMEOUT_MS: '300' } });
  });
  afterEach(() => server.resetHandlers());
  afterAll(async () => {
    await t.close();
    server.close();
  });
  const ask = async (text: string, userId = `llm-${n++}`) => (await t.chat({ userId, text })).body;

  it('uses a grounded rewording and keeps citations and the legal line', async () => {
    server.use(http.post(`${BASE}/chat/completions`, () => HttpResponse.json(completion('劳动仲裁不收费，费用由财政保障。'))));
    const body = await ask('劳动仲裁收费吗');
    expect(body.intent).toBe('faq');
    expect(body.replies[0].text).toMatch(/^劳动仲裁不收费，费用由财政保障。/);
    expect(body.replies[0].text.trim().split('\n').at(-1)).toBe(LEGAL_DISCLAIMER);
    expect(body.replies[0].citations[0].id).toBe('labour-arbitration-cost-and-timeline');
  });

  it('falls back to the curated answer when the model invents a figure', async () => {
    server.use(http.post(`${BASE}/chat/completions`, () => HttpResponse.json(completion('劳动仲裁收费300元。'))));
    const body = await ask('劳动仲裁收费吗');
    expect(body.replies[0].text).not.toContain('300元');
    expect(body.replies[0].text).toMatch(/不收费|免费/);
  });

  it('falls back to the curated answer on a timeout', async () => {
    server.use(
      http.post(`${BASE}/chat/completions`, async () => {
        await delay(2_000);
        return HttpResponse.json(completion('太晚了'));
      }),
    );
    const body = await ask('疲劳驾驶怎么规定的');
    expect(body.intent).toBe('faq');
    expect(body.replies[0].text).toMatch(/20\s*分钟/);
    expect(body.replies[0].text).not.toContain('太晚了');
  });

  it('answers a follow-up by restating it with the earlier question', async () => {
    server.use(
      http.post(`${BASE}/chat/completions`, async ({ request }) => {
        const prompt = ((await request.json()) as { messages: Array<{ content: string }> }).messages[0]?.content ?? '';
        if (prompt.includes('改写')) return HttpResponse.json(completion('挂靠车主被欠运费怎么办'));
        return HttpResponse.json(completion('无'));
      }),
    );
    const user = 'llm-follow-up';
    expect((await ask('受雇司机被欠工资怎么办', user)).intent).toBe('faq');
    const body = await ask('那挂靠的呢', user);
    expect(body.intent).toBe('faq');
    expect(body.replies[0].citations[0].id).toMatch(/^freight-|employee-or-owner-operator/);
  });
});
