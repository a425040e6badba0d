// The public chat API contract: shape of answers, every error case, auth, idempotent re-delivery and updates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';

describe(`POST /api/chat (${testDriver})`, () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime();
  });
  afterAll(async () => t.close());

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    t.app.request('/api/chat', { method: 'POST', headers, body });

  it('answers a greeting with the documented shape', async () => {
    const { status, body } = await t.chat({ userId: 'u1', text: '你好' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ intent: 'smalltalk', mode: 'bot' });
    expect(typeof body.conversationId).toBe('string');
    expect(body.replies.length).toBeGreaterThan(0);
    expect(typeof body.replies[0].text).toBe('string');
  });

  it('keeps one conversation per user', async () => {
    const a = await t.chat({ userId: 'same-user', text: '你好' });
    const b = await t.chat({ userId: 'same-user', text: '谢谢' });
    const other = await t.chat({ userId: 'other-user', text: '你好' });
    expect(a.body.conversationId).toBe(b.body.conversationId);
    expect(other.body.conversationId).not.toBe(a.body.conversationId);
  });

  it.each([
    ['missing text', { userId: 'u1' }, 'text'],
    ['missing userId', { text: '你好' }, 'userId'],
    ['empty text', { userId: 'u1', text: '   ' }, 'text'],
    ['text too long', { userId: 'u1', text: '啊'.repeat(2001) }, 'text'],
    ['userId too long', { userId: 'x'.repeat(129), text: '你好' }, 'userId'],
    ['wrong type', { userId: 42, text: '你好' }, 'userId'],
    ['unknown channel', { userId: 'u1', text: '你好', channel: 'fax' }, 'channel'],
    ['latitude out of range', { userId: 'u1', text: '附近', location: { lat: 123, lon: 104 } }, 'location.lat'],
  ])('rejects %s with 400 naming the field', async (_name, payload, field) => {
    const res = await post(JSON.stringify(payload));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; field?: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.field).toBe(field);
    expect(body.error.message).toContain(field);
  });

  it('rejects malformed JSON with 400 and no stack trace', async () => {
    const res = await post('{"userId": "u1", "text": ');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe('invalid_json');
    expect(text).not.toMatch(/at .*\.ts|stack/i);
  });

  it('rejects non-JSON bodies with 415', async () => {
    const res = await post('userId=u1&text=hi', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
  });

  it('rejects bodies over 16 KB with 413', async () => {
    const res = await post(JSON.stringify({ userId: 'u1', text: '你好', pad: 'x'.repeat(17 * 1024) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await t.app.request('/api/nothing');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('treats a re-delivered message as one message with the same reply', async () => {
    const first = await t.chat({ userId: 'redeliver', text: '你好', messageId: 'm-1' });
    const again = await t.chat({ userId: 'redeliver', text: '你好', messageId: 'm-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const { messages } = await import('../../db/schema.js');
    const { eq } = await import('drizzle-orm');
    const rows = await t.database.db.select().from(messages).where(eq(messages.conversationId, first.body.conversationId));
    expect(rows.filter((r) => r.direction === 'in')).toHaveLength(1);
    expect(rows.filter((r) => r.direction === 'out')).toHaveLength(first.body.replies.length);
  });

  it('handles concurrent re-deliveries of one message once', async () => {
    const results = await Promise.all([1, 2, 3].map(() => t.chat({ userId: 'race', text: '你好', messageId: 'm-race' })));
    for (const r of results) expect(r.body).toEqual(results[0]!.body);
    const { messages } = await import('../../db/schema.js');
    const { eq } = await import('drizzle-orm');
    const rows = await t.database.db.select().from(messages).where(eq(messages.channelMessageId, 'm-race'));
    expect(rows).toHaveLength(1);
  });

  it('renders voice replies short and without URLs or markdown', async () => {
    const { body } = await t.chat({ userId: 'voice-user', text: '嗯 你好', channel: 'voice' });
    for (const reply of body.replies) {
      expect(Array.from(reply.text as string).length).toBeLessThanOrEqual(120);
      expect(reply.text).not.toMatch(/https?:|\*\*|^#|\n/);
    }
  });

  it('returns queued updates in order after a cursor', async () => {
    const { body } = await t.chat({ userId: 'updates-user', text: '你好' });
    const conversation = await t.runtime.conversations.getConversation(body.conversationId);
    for (const text of ['第一条', '第二条']) {
      await t.runtime.deliver({
        driverId: conversation!.driverId,
        conversationId: conversation!.id,
        channel: 'api',
        kind: 'staff_reply',
        text,
        payload: null,
      });
    }
    const res = await t.app.request('/api/chat/updates?userId=updates-user&after=0');
    const page = (await res.json()) as { updates: { id: number; text: string }[]; next: number };
    expect(page.updates.map((u) => u.text)).toEqual(['第一条', '第二条']);
    const after = await t.app.request(`/api/chat/updates?userId=updates-user&after=${page.updates[0]!.id}`);
    expect(((await after.json()) as { updates: { text: string }[] }).updates.map((u) => u.text)).toEqual(['第二条']);
    const nobody = await t.app.request('/api/chat/updates?userId=nobody');
    expect(((await nobody.json()) as { updates: unknown[] }).updates).toEqual([]);
    const bad = await t.app.request('/api/chat/updates');
    expect(bad.status).toBe(400);
  });

  it('streams updates as server-sent events', async () => {
    const { body } = await t.chat({ userId: 'stream-user', text: '你好' });
    const conversation = await t.runtime.conversations.getConversation(body.conversationId);
    const controller = new AbortController();
    const res = await t.app.request('/api/chat/stream?userId=stream-user', { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await t.runtime.deliver({
      driverId: conversation!.driverId,
      conversationId: conversation!.id,
      channel: 'api',
      kind: 'staff_reply',
      text: '工作人员回复',
      payload: null,
    });
    let received = '';
    const decoder = new TextDecoder();
    while (!received.includes('工作人员回复')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += decoder.decode(chunk.value);
    }
    controller.abort();
    expect(received).toContain('event: update');
    expect(received).toContain('工作人员回复');
  });

  it('streams a reply another process wrote, which this process never heard of, within the poll interval', async () => {
    const { body } = await t.chat({ userId: 'stream-other', text: '你好' });
    const conversation = await t.runtime.conversations.getConversation(body.conversationId);
    const controller = new AbortController();
    const res = await t.app.request('/api/chat/stream?userId=stream-other', { signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes('event: ready')) received += decoder.decode((await reader.read()).value);
    // Straight into the outbox, as a staff reply from another server process or Worker isolate lands: no in-process event.
    await t.runtime.outbox.enqueue({
      driverId: conversation!.driverId,
      conversationId: conversation!.id,
      channel: 'api',
      kind: 'staff_reply',
      text: '另一台服务器的回复',
      payload: null,
    });
    const started = Date.now();
    while (!received.includes('另一台服务器的回复')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += decoder.decode(chunk.value);
    }
    controller.abort();
    expect(received).toContain('另一台服务器的回复');
    expect(Date.now() - started).toBeLessThan(8000);
  }, 15_000);
});

describe('POST /api/chat with CHAT_API_KEY', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime({ env: { CHAT_API_KEY: 'k'.repeat(24) } });
  });
  afterAll(async () => t.close());

  it('refuses requests without the bearer token', async () => {
    const res = await t.app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u', text: '你好' }),
    });
    expect(res.status).toBe(401);
    const wrong = await t.app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
      body: JSON.stringify({ userId: 'u', text: '你好' }),
    });
    expect(wrong.status).toBe(401);
  });

  it('accepts the right token', async () => {
    const { status } = await t.chat({ userId: 'u', text: '你好' });
    expect(status).toBe(200);
  });
});
