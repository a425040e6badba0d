// Slot extraction through a mocked model (msw): the first JSON object of the reply is the proposal; errors, timeouts, prose and short replies give {}.
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, LLM_BASE, testLlmConfig } from '../../tests/support/openai-fake.js';
import type { Logger } from '../log.js';
import { loadPrompts } from './prompt-files.js';
import { createSlotProposer, firstJsonObject } from './slot-extraction.js';

const server = setupServer();
const prompts: string[] = [];
const warnings: unknown[][] = [];
const log: Logger = { warn: (...a: unknown[]) => warnings.push(a), info() {}, debug() {}, error() {} };
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  prompts.length = 0;
  warnings.length = 0;
});
afterAll(() => server.close());

function modelSays(content: string) {
  server.use(
    http.post(`${LLM_BASE}/chat/completions`, async ({ request }) => {
      const body = (await request.json()) as { messages: Array<{ content: string }> };
      prompts.push(body.messages[0]?.content ?? '');
      return HttpResponse.json(chatCompletion(content));
    }),
  );
}

const propose = createSlotProposer(testLlmConfig, log, loadPrompts());
const story = '我在德阳给鑫盛物流拉了三趟货，一共八千块一直不给结，我自己的车';

describe('slot extraction by the model', () => {
  it('returns the JSON the model gives, with the categories and the story in the prompt', async () => {
    modelSays('{"counterpart":"鑫盛物流","amountYuan":8000,"county":"德阳","category":"freight"}');
    expect(await propose(story)).toEqual({ counterpart: '鑫盛物流', amountYuan: 8000, county: '德阳', category: 'freight' });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain(`司机说：\n${story}`);
    expect(prompts[0]).toContain('wage：拖欠工资');
    expect(prompts[0]).toContain('只输出 JSON');
  });

  it('takes the first JSON object out of prose or a code fence', async () => {
    modelSays('好的，结果如下：\n```json\n{"counterpart":"鑫盛物流","note":"含}括号"}\n```\n另外 {"counterpart":"别的"}');
    expect(await propose(story)).toEqual({ counterpart: '鑫盛物流', note: '含}括号' });
    expect(firstJsonObject('无 {"a":{"b":1}} 尾')).toBe('{"a":{"b":1}}');
    expect(firstJsonObject('{"a":1')).toBeUndefined();
  });

  it('gives {} for malformed output and logs its length, not the driver’s words', async () => {
    for (const reply of ['对方是鑫盛物流', '{counterpart: 鑫盛物流}', '["鑫盛物流"]', '{"counterpart":"鑫盛物流"']) {
      modelSays(reply);
      expect(await propose(story), reply).toEqual({});
    }
    expect(warnings).toHaveLength(4);
    expect(JSON.stringify(warnings)).not.toContain('鑫盛');
    expect(warnings[0]?.[1]).toEqual({ replyChars: '对方是鑫盛物流'.length, textChars: Array.from(story).length });
  });

  it('gives {} on a 500 and a 429', async () => {
    server.use(http.post(`${LLM_BASE}/chat/completions`, () => HttpResponse.json({ error: { message: 'boom' } }, { status: 500 })));
    expect(await propose(story)).toEqual({});
    server.use(http.post(`${LLM_BASE}/chat/completions`, () => HttpResponse.json({ error: { message: 'busy' } }, { status: 429 })));
    expect(await propose(story)).toEqual({});
    expect(JSON.stringify(warnings)).not.toContain('鑫盛');
  });

  it('gives {} when the model is slower than the timeout', async () => {
    server.use(
      http.post(`${LLM_BASE}/chat/completions`, async () => {
        await delay(1_000);
        return HttpResponse.json(chatCompletion('{"counterpart":"鑫盛物流"}'));
      }),
    );
    expect(await propose(story)).toEqual({});
  });

  it('waits at most three seconds even when the configured timeout is longer', async () => {
    server.use(http.post(`${LLM_BASE}/chat/completions`, async () => (await delay('infinite'), HttpResponse.json(chatCompletion('{}')))));
    const patient = createSlotProposer({ ...testLlmConfig, timeoutMs: 60_000 }, log, loadPrompts());
    expect(await patient(story)).toEqual({});
  }, 4_500);

  it('does not call the model for a short answer to a form question', async () => {
    modelSays('{"county":"金堂"}');
    expect(await propose('金堂')).toEqual({});
    expect(await propose(' 不知道，没留 ')).toEqual({});
    expect(prompts).toHaveLength(0);
  });
});
