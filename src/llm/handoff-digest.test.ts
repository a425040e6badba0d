// The staff digest through a mocked model (msw): a grounded line is kept; invented figures, statutes, timeouts and errors give nothing.
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, LLM_BASE, testLlmConfig } from '../../tests/support/openai-fake.js';
import { silentLogger } from '../log.js';
import { createHandoffDigest } from './handoff-digest.js';
import { loadPrompts } from './prompt-files.js';

const BASE = LLM_BASE;
const config = testLlmConfig;
const completion = chatCompletion;

const server = setupServer();
const prompts: string[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  prompts.length = 0;
});
afterAll(() => server.close());

function modelSays(content: string) {
  server.use(
    http.post(`${BASE}/chat/completions`, async ({ request }) => {
      const body = (await request.json()) as { messages: Array<{ content: string }> };
      prompts.push(body.messages[0]?.content ?? '');
      return HttpResponse.json(completion(content));
    }),
  );
}

const digest = createHandoffDigest(config, silentLogger, loadPrompts());
const transcript = [
  { author: 'driver' as const, text: '我在沿滩，货主欠我运费三个月了，一共八千块' },
  { author: 'bot' as const, text: '可以登记诉求，也可以申请劳动仲裁。' },
  { author: 'driver' as const, text: '转人工' },
];

describe('handoff digest', () => {
  it('keeps a grounded line and sends the reason and the conversation in the prompt', async () => {
    modelSays('司机在沿滩被货主拖欠运费三个月、共八千元，希望有人帮忙追讨；还没说货主名称。\n多余的第二行');
    const line = await digest({ reason: '司机要求转人工', transcript });
    expect(line).toBe('司机在沿滩被货主拖欠运费三个月、共八千元，希望有人帮忙追讨；还没说货主名称。');
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain('转人工原因：司机要求转人工');
    expect(prompts[0]).toContain('司机：我在沿滩，货主欠我运费三个月了，一共八千块');
    expect(prompts[0]).toContain('助手：可以登记诉求');
  });

  it('refuses a figure the conversation never had', async () => {
    modelSays('司机被拖欠运费五千元，希望追讨。');
    expect(await digest({ reason: '司机要求转人工', transcript })).toBeUndefined();
  });

  it('refuses a statute or article the conversation never named', async () => {
    modelSays('司机被拖欠运费，可依《保障中小企业款项支付条例》追讨。');
    expect(await digest({ reason: '司机要求转人工', transcript })).toBeUndefined();
    modelSays('司机被拖欠运费，可依第十五条追讨。');
    expect(await digest({ reason: '司机要求转人工', transcript })).toBeUndefined();
  });

  it('gives nothing when the model is slow, failing or rambling', async () => {
    server.use(
      http.post(`${BASE}/chat/completions`, async () => {
        await delay(1000);
        return HttpResponse.json(completion('太迟了'));
      }),
    );
    expect(await digest({ reason: '司机要求转人工', transcript })).toBeUndefined();
    server.use(http.post(`${BASE}/chat/completions`, () => HttpResponse.json({ error: { message: 'busy' } }, { status: 429 })));
    expect(await digest({ reason: '司机要求转人工', transcript })).toBeUndefined();
    modelSays('很长'.repeat(100));
    expect(await digest({ reason: '司机要求转人工', transcript })).toBeUndefined();
  });
});
