// With a model configured (msw), opening a handed-off conversation adds the model's checked digest to its summary, once.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_PREFIX } from '../../src/handoff/digest.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';
import { addStaff, loggedIn, type Browserless } from '../support/staff-client.js';

const BASE = 'http://llm.test/v1';
const server = setupServer();
const completion = (content: string) => ({
  id: 'c1',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
});
let digestCalls = 0;
let digestText = '';

// Monday 2026-03-02 10:00 in Beijing: inside the default working hours.
const clock = () => new Date('2026-03-02T02:00:00Z');

describe(`handoff digest (${testDriver})`, () => {
  let t: TestRuntime;
  let agent: Browserless;
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    // FAQ rewording fails (the curated text is used); the digest prompt gets the scripted line.
    server.use(
      http.post(`${BASE}/chat/completions`, async ({ request }) => {
        const body = (await request.json()) as { messages: Array<{ content: string }> };
        if (!body.messages[0]?.content.includes('转人工原因')) return HttpResponse.json({ error: { message: 'busy' } }, { status: 503 });
        digestCalls++;
        return HttpResponse.json(completion(digestText));
      }),
    );
    t = await createTestRuntime({ clock, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: BASE, LLM_TIMEOUT_MS: '500' } });
    await addStaff(t.runtime, 'yantan', 'agent', '510311', '沿滩坐席');
    agent = await loggedIn(t.app, 'yantan');
  });
  afterEach(() => {
    digestCalls = 0;
  });
  afterAll(async () => {
    await t.close();
    server.close();
  });

  async function handedOff(userId: string, story: string): Promise<string> {
    await t.chat({ userId, text: story });
    const asked = await t.chat({ userId, text: '转人工' });
    expect(asked.body.mode).toBe('human');
    return asked.body.conversationId as string;
  }
  const summaryOf = async (id: string) => ((await agent.api('GET', `/conversations/${id}`)).body.handoff as { summary: string }).summary;
  async function settled(id: string) {
    for (let i = 0; i < 50 && digestCalls === 0; i++) await new Promise((r) => setTimeout(r, 20));
    // The page hands the digest to the background; give its write a moment after the model answered.
    await new Promise((r) => setTimeout(r, 200));
    return summaryOf(id);
  }

  it('adds the digest under the template summary after the page is opened, and asks the model once', async () => {
    digestText = '司机在沿滩被货主拖欠运费三个月，想追回运费；还没说货主是谁。';
    const id = await handedOff('dg1', '我在沿滩，货主欠我运费三个月了');
    expect(await summaryOf(id)).not.toContain(DIGEST_PREFIX);
    const page = await agent.request(`/staff/conversations/${id}`);
    expect(page.status).toBe(200);
    const summary = await settled(id);
    expect(summary).toContain('司机要求转人工');
    expect(summary.split('\n').at(-1)).toBe(`${DIGEST_PREFIX}${digestText}`);
    expect(digestCalls).toBe(1);

    await agent.request(`/staff/conversations/${id}`);
    await new Promise((r) => setTimeout(r, 200));
    expect(digestCalls).toBe(1);
    const panel = await agent.request(`/staff/partials/conversations/${id}/panel`);
    expect(await panel.text()).toContain(digestText);
  });

  it('keeps only the template summary when the model adds a figure nobody said', async () => {
    digestText = '司机被拖欠运费5000元，想追回。';
    const id = await handedOff('dg2', '我在沿滩，货主欠我运费三个月了');
    await agent.request(`/staff/conversations/${id}`);
    const summary = await settled(id);
    expect(digestCalls).toBe(1);
    expect(summary).not.toContain(DIGEST_PREFIX);
    expect(summary).toContain('欠我运费');
  });

  it('does not ask the model once staff have already answered the driver', async () => {
    digestText = '司机在沿滩被货主拖欠运费三个月。';
    const id = await handedOff('dg3', '我在沿滩，货主欠我运费三个月了');
    const handoff = (await agent.api('GET', `/conversations/${id}`)).body.handoff as { id: string };
    expect((await agent.api('POST', `/handoffs/${handoff.id}/claim`)).status).toBe(200);
    expect((await agent.api('POST', `/conversations/${id}/reply`, { text: '您好，我是沿滩的工作人员。' })).status).toBe(200);
    await agent.request(`/staff/conversations/${id}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(digestCalls).toBe(0);
    expect(await summaryOf(id)).not.toContain(DIGEST_PREFIX);
  });
});
