// GET /metrics: Prometheus text behind the chat API's key, counting turns, misses, latency, model calls, database failures, SSE clients and the outbox backlog.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStreamCount } from '../../src/http/keep-alive.js';
import { createPrometheusMetrics } from '../../src/http/prometheus-metrics.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';

const KEY = 'metrics-test-key-0123456789';
const auth = { authorization: `Bearer ${KEY}` };

/** The value of one sample line (`name{labels} value`), or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe(`GET /metrics (${testDriver})`, () => {
  let t: TestRuntime;
  beforeAll(async () => {
    const metrics = createPrometheusMetrics({ processMetrics: false });
    t = await createTestRuntime({ env: { CHAT_API_KEY: KEY }, metrics });
    metrics.watch({ sseClients: openStreamCount, outboxBacklog: () => t.runtime.outbox.backlog() });
  });
  afterAll(async () => t.close());

  const scrape = async () => {
    const res = await t.app.request('/metrics', { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('is protected like the chat API when a key is set', async () => {
    expect((await t.app.request('/metrics')).status).toBe(401);
    expect((await t.app.request('/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const text = await scrape();
    expect(text).toContain('# TYPE nuanxin_turns_total counter');
    expect(text).toContain('# TYPE nuanxin_turn_duration_seconds histogram');
  });

  it('counts turns by channel and intent, the not-found ones, and their latency', async () => {
    const before = await scrape();
    const faqBefore = sample(before, 'nuanxin_turns_total{channel="api",intent="faq"}') ?? 0;
    const countBefore = sample(before, 'nuanxin_turn_duration_seconds_count{channel="api"}') ?? 0;
    const missedBefore = sample(before, 'nuanxin_turns_not_found_total{channel="api"}') ?? 0;

    expect((await t.chat({ userId: 'm-faq', text: '劳动仲裁收费吗' })).body.intent).toBe('faq');
    const miss = await t.chat({ userId: 'm-miss', text: '火星上的停车场几点开门' });
    expect(miss.body.intent).toBe('unknown');
    // A re-delivery of one message id is answered from the stored replies and is not a new turn.
    await t.chat({ userId: 'm-dup', text: '你好', messageId: 'dup-1' });
    await t.chat({ userId: 'm-dup', text: '你好', messageId: 'dup-1' });

    const after = await scrape();
    expect(sample(after, 'nuanxin_turns_total{channel="api",intent="faq"}')).toBe(faqBefore + 1);
    expect(sample(after, 'nuanxin_turns_not_found_total{channel="api"}')).toBe(missedBefore + 1);
    expect(sample(after, 'nuanxin_turn_duration_seconds_count{channel="api"}')).toBe(countBefore + 3);
    expect(sample(after, 'nuanxin_turns_duplicate_total{channel="api"}')).toBe(1);
    expect(sample(after, 'nuanxin_turn_duration_seconds_bucket{le="+Inf",channel="api"}')).toBe(countBefore + 3);
  });

  it('reports the undelivered outbox by channel', async () => {
    const turn = await t.chat({ userId: 'm-outbox', text: '你好' });
    const driverId = await t.runtime.conversations.findDriver('api', 'm-outbox');
    const item = await t.runtime.deliver({
      driverId: driverId!,
      conversationId: turn.body.conversationId,
      channel: 'wechat-oa',
      kind: 'staff',
      text: '您好',
      payload: null,
    });
    expect(sample(await scrape(), 'nuanxin_outbox_backlog{channel="wechat-oa"}')).toBe(1);
    await t.runtime.outbox.markDelivered([item.id]);
    expect(sample(await scrape(), 'nuanxin_outbox_backlog{channel="wechat-oa"}')).toBeUndefined();
  });

  it('counts open server-sent event streams', async () => {
    const controller = new AbortController();
    const res = await t.app.request('/api/chat/stream?userId=m-sse', { headers: auth, signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read(); // the stream's first event: it is open
    expect(sample(await scrape(), 'nuanxin_sse_clients')).toBe(1);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    await expect.poll(async () => sample(await scrape(), 'nuanxin_sse_clients')).toBe(0);
  });

  it('counts database failures and the 503s they become', async () => {
    const before = await scrape();
    const engine = t.runtime.engine;
    const handle = engine.handle;
    engine.handle = () => Promise.reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }));
    try {
      const res = await t.chat({ userId: 'm-down', text: '你好' });
      expect(res.status).toBe(503);
    } finally {
      engine.handle = handle;
    }
    const after = await scrape();
    expect(sample(after, 'nuanxin_database_errors_total')).toBe((sample(before, 'nuanxin_database_errors_total') ?? 0) + 1);
    expect(sample(after, 'nuanxin_http_503_total')).toBe((sample(before, 'nuanxin_http_503_total') ?? 0) + 1);
  });
});

describe(`GET /metrics without a metrics port (${testDriver})`, () => {
  it('is not served (the Worker, tests that do not look)', async () => {
    const t = await createTestRuntime();
    try {
      expect((await t.app.request('/metrics')).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});

describe(`model calls in /metrics (${testDriver})`, () => {
  const BASE = 'http://llm.test/v1';
  const server = setupServer();
  let t: TestRuntime;
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    t = await createTestRuntime({
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: BASE, LLM_TIMEOUT_MS: '300' },
      metrics: createPrometheusMetrics({ processMetrics: false }),
    });
  });
  afterEach(() => server.resetHandlers());
  afterAll(async () => {
    await t.close();
    server.close();
  });

  it('counts answered calls and fallbacks by purpose', async () => {
    const reply = (content: string) => ({
      id: 'c',
      object: 'chat.completion',
      created: 0,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    });
    server.use(http.post(`${BASE}/chat/completions`, () => HttpResponse.json(reply('劳动仲裁不收费，费用由财政保障。'))));
    await t.chat({ userId: 'llm-ok', text: '劳动仲裁收费吗' });
    server.use(http.post(`${BASE}/chat/completions`, () => HttpResponse.json({ error: { message: 'busy' } }, { status: 500 })));
    await t.chat({ userId: 'llm-down', text: '劳动仲裁收费吗' });
    const text = await (await t.app.request('/metrics')).text();
    expect(sample(text, 'nuanxin_model_calls_total{purpose="answer",outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'nuanxin_model_calls_total{purpose="answer",outcome="fallback"}')).toBeGreaterThanOrEqual(1);
  });
});
