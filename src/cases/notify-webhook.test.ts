// The case webhook: WeCom text or JSON, retried with backoff, never carrying personal data.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookNotifier } from './notify-webhook.js';

const URL = 'https://qyapi.example.test/cgi-bin/webhook/send?key=test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const notice = { kind: 'urgent' as const, total: 1, cases: [{ number: 'SC-2026-000007', category: 'accident', priority: 'urgent', level: 'city' }] };

describe('case webhook', () => {
  it('posts a WeCom text message with only number, category, priority and level', async () => {
    const bodies: unknown[] = [];
    server.use(http.post(URL, async ({ request }) => (bodies.push(await request.json()), HttpResponse.json({ errcode: 0 }))));
    const n = createWebhookNotifier({ url: URL, format: 'wecom', baseDelayMs: 1 });
    n.notify({ ...notice, cases: [{ ...notice.cases[0]!, phone: '13812345678', description: '秘密' } as never] });
    await n.flush();
    expect(bodies).toHaveLength(1);
    const body = bodies[0] as { msgtype: string; text: { content: string } };
    expect(body.msgtype).toBe('text');
    expect(body.text.content).toContain('SC-2026-000007');
    expect(body.text.content).toContain('交通事故');
    expect(JSON.stringify(body)).not.toMatch(/1381234|秘密/);
  });

  it('retries server errors and WeCom error codes, then succeeds', async () => {
    let calls = 0;
    server.use(
      http.post(URL, () => {
        calls++;
        if (calls === 1) return new HttpResponse(null, { status: 502 });
        if (calls === 2) return HttpResponse.json({ errcode: 45009, errmsg: 'api freq out of limit' });
        return HttpResponse.json({ errcode: 0 });
      }),
    );
    const n = createWebhookNotifier({ url: URL, format: 'json', baseDelayMs: 1 });
    n.notify(notice);
    await n.flush();
    expect(calls).toBe(3);
  });

  it('gives up after the bounded attempts, and does not retry a 4xx', async () => {
    let calls = 0;
    const warnings: string[] = [];
    server.use(http.post(URL, () => (calls++, new HttpResponse(null, { status: 500 }))));
    const n = createWebhookNotifier({ url: URL, format: 'json', attempts: 3, baseDelayMs: 1, log: { warn: (m) => warnings.push(m) } });
    n.notify(notice);
    await n.flush();
    expect(calls).toBe(3);
    expect(warnings).toContain('case webhook gave up');

    calls = 0;
    server.use(http.post(URL, () => (calls++, new HttpResponse(null, { status: 404 }))));
    n.notify(notice);
    await n.flush();
    expect(calls).toBe(1);
  });

  it('posts the JSON format without extra fields', async () => {
    const bodies: unknown[] = [];
    server.use(http.post(URL, async ({ request }) => (bodies.push(await request.json()), HttpResponse.json({}))));
    const n = createWebhookNotifier({ url: URL, format: 'json', baseDelayMs: 1 });
    n.notify({ kind: 'overdue', total: 12, cases: notice.cases });
    await n.flush();
    expect(bodies[0]).toEqual({ kind: 'overdue', total: 12, cases: notice.cases });
  });
});
