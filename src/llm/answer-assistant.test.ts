// The model path, offline with msw: rewording that passes the guard, hallucinated figures rejected, timeouts and errors fall back.
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, LLM_BASE, testLlmConfig } from '../../tests/support/openai-fake.js';
import { loadEntries } from '../knowledge/load-entries.js';
import { silentLogger } from '../log.js';
import { loadPrompts } from './prompt-files.js';
import { createAnswerAssistant } from './answer-assistant.js';

const BASE = LLM_BASE;
const config = testLlmConfig;
const entries = loadEntries();
const fatigue = entries.find((e) => e.id === 'fatigue-driving-rule');
if (!fatigue) throw new Error('fatigue-driving-rule entry missing');

const completion = chatCompletion;

const server = setupServer();
const seen: Array<{ model: string; prompt: string }> = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

function reply(content: string) {
  server.use(
    http.post(`${BASE}/chat/completions`, async ({ request }) => {
      const body = (await request.json()) as { model: string; messages: Array<{ content: string }> };
      seen.push({ model: body.model, prompt: body.messages[0]?.content ?? '' });
      return HttpResponse.json(completion(content));
    }),
  );
}

describe('answer assistant', () => {
  const assistant = createAnswerAssistant(config, silentLogger, loadPrompts());

  it('returns a rewording whose figures are all in the entry, built from the prompt template', async () => {
    reply('连续开车别超过4个小时，停下来至少歇20分钟，不然算疲劳驾驶。');
    const text = await assistant.phraseAnswer('开多久要歇', [fatigue]);
    expect(text).toBe('连续开车别超过4个小时，停下来至少歇20分钟，不然算疲劳驾驶。');
    expect(seen[0]?.model).toBe('test-model');
    expect(seen[0]?.prompt).toContain('开多久要歇');
    expect(seen[0]?.prompt).toContain(fatigue.title);
    expect(seen[0]?.prompt).not.toContain('{{');
  });

  it('rejects an answer with a number the entry does not contain', async () => {
    reply('连续开车不能超过4小时，疲劳驾驶记12分。');
    expect(await assistant.phraseAnswer('疲劳驾驶扣几分', [fatigue])).toBeUndefined();
  });

  it('falls back when the model is slower than the timeout', async () => {
    server.use(
      http.post(`${BASE}/chat/completions`, async () => {
        await delay(2_000);
        return HttpResponse.json(completion('太晚了'));
      }),
    );
    const started = Date.now();
    expect(await assistant.phraseAnswer('开多久要歇', [fatigue])).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it.each([429, 500, 503])('falls back on HTTP %i without retrying', async (status) => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/chat/completions`, () => {
        calls++;
        return HttpResponse.json({ error: { message: 'no' } }, { status });
      }),
    );
    expect(await assistant.phraseAnswer('开多久要歇', [fatigue])).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('rewrites a follow-up into a standalone question, but not one that adds figures', async () => {
    reply('挂靠车主被欠运费怎么办');
    expect(await assistant.rewriteQuestion(['受雇司机被欠工资怎么办'], '那挂靠的呢')).toBe('挂靠车主被欠运费怎么办');
    reply('挂靠车主被欠运费3年内怎么办');
    expect(await assistant.rewriteQuestion(['受雇司机被欠工资怎么办'], '那挂靠的呢')).toBeUndefined();
    expect(await assistant.rewriteQuestion([], '那挂靠的呢')).toBeUndefined();
  });
});
