// The openai-only chooser (the Worker's) against the model over msw: the same contract as the LangChain one — a valid id or null, and no choice on any failure.
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, LLM_BASE, testLlmConfig } from '../../tests/support/openai-fake.js';
import { loadEntries } from '../knowledge/load-entries.js';
import { silentLogger } from '../log.js';
import { createPlainKnowledgeChooser } from './entry-choice.js';
import { loadPrompts } from './prompt-files.js';

const BASE = LLM_BASE;
const config = testLlmConfig;
const entries = loadEntries();
const candidates = entries.filter((e) => e.id === 'labour-arbitration-time-limit' || e.id === 'labour-arbitration-cost-and-timeline');
const completion = chatCompletion;

const server = setupServer();
const seen: string[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

const modelSays = (content: string) =>
  server.use(
    http.post(`${BASE}/chat/completions`, async ({ request }) => {
      seen.push(((await request.json()) as { messages: Array<{ content: string }> }).messages[0]?.content ?? '');
      return HttpResponse.json(completion(content));
    }),
  );

describe('the openai-only chooser', () => {
  const chooser = createPlainKnowledgeChooser(config, silentLogger, loadPrompts());

  it('has both candidates to choose from', () => expect(candidates).toHaveLength(2));

  it('returns the id the model picks, from a prompt naming every candidate', async () => {
    modelSays('好的 {"id": "labour-arbitration-time-limit"}');
    expect(await chooser.choose('劳动仲裁要在多长时间以内申请', candidates)).toEqual({ id: 'labour-arbitration-time-limit' });
    expect(seen[0]).toContain('[labour-arbitration-cost-and-timeline]');
    expect(seen[0]).not.toContain('{{');
  });

  it('passes on "none", and never calls the model without candidates', async () => {
    modelSays('{"id": null}');
    expect(await chooser.choose('劳动仲裁要在多长时间以内申请', candidates)).toEqual({ id: null });
    expect(await chooser.choose('劳动仲裁要在多长时间以内申请', [])).toBeUndefined();
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['an id outside the candidates', () => modelSays('{"id": "hotline-12366"}')],
    ['malformed JSON', () => modelSays('{"id": labour')],
    [
      'a timeout',
      () => server.use(http.post(`${BASE}/chat/completions`, async () => (await delay(2_000), HttpResponse.json(completion('{"id": null}'))))),
    ],
    ['429', () => server.use(http.post(`${BASE}/chat/completions`, () => HttpResponse.json({ error: { message: 'slow down' } }, { status: 429 })))],
    ['503', () => server.use(http.post(`${BASE}/chat/completions`, () => HttpResponse.json({ error: { message: 'down' } }, { status: 503 })))],
  ])('gives no choice on %s', async (_what, arrange) => {
    arrange();
    expect(await chooser.choose('劳动仲裁要在多长时间以内申请', candidates)).toBeUndefined();
  });
});
