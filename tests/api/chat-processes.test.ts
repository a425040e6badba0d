// /api/chat re-deliveries reaching another server process (two runtimes over one database) while a slow model turn runs.
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDriver } from '../support/test-db.js';
import { createTestRuntime } from '../support/test-runtime.js';

const BASE = 'http://llm.test/v1';
const server = setupServer();
let modelCalls = 0;
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.use(
    http.post(`${BASE}/chat/completions`, async () => {
      modelCalls++;
      await delay(1200);
      const message = { role: 'assistant', content: '劳动仲裁不收费。' };
      return HttpResponse.json({
        id: 'c1',
        object: 'chat.completion',
        created: 0,
        model: 'm',
        choices: [{ index: 0, finish_reason: 'stop', message }],
      });
    }),
  );
});
afterAll(() => server.close());

it(`answers a re-delivery on another process with the first delivery's reply, running the turn once (${testDriver})`, async () => {
  const a = await createTestRuntime({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: BASE, LLM_TIMEOUT_MS: '5000' } });
  const b = await a.sibling();
  try {
    const body = { userId: 'two-processes', text: '劳动仲裁要花钱吗', messageId: 'm-two-processes' };
    const first = a.chat(body);
    await new Promise((r) => setTimeout(r, 300));
    const [one, two] = await Promise.all([first, b.chat(body)]);
    expect(one.status).toBe(200);
    expect(two).toEqual(one);
    expect(one.body.replies[0].text).toContain('劳动仲裁不收费');
    expect(modelCalls).toBe(1);
    const rows = await a.database.db.query.messages.findMany();
    expect(rows.filter((r) => r.direction === 'in')).toHaveLength(1);
    expect(rows.filter((r) => r.direction === 'out')).toHaveLength(one.body.replies.length);
  } finally {
    await b.close();
    await a.close();
  }
});
