// Regressions from issue 12: message ids scoped to their sender, NUL and lone surrogates refused with a 400 on every route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeCasePort } from '../support/fake-case-port.js';
import { addStaff, loggedIn, Browserless } from '../support/staff-client.js';
import { testDriver } from '../support/test-db.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

const NOW = new Date('2026-11-25T02:00:00Z');
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const replyTexts = (body: { replies?: { text: string }[] }) => (body.replies ?? []).map((r) => r.text).join('\n');

describe(`message ids belong to their sender (${testDriver})`, () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime({ clock: () => NOW, env: { COOKIE_SECRET: 'c'.repeat(40) } });
  });
  afterAll(async () => t.close());

  it("never answers one driver with another driver's stored replies for the same message id", async () => {
    const victim = await t.chat({ userId: 'driverC', text: '老板欠我运费两万元不给', messageId: 'gw-b1' });
    expect(victim.status).toBe(200);
    const attacker = await t.chat({ userId: 'attackerB', text: '你好', messageId: 'gw-b1' });
    expect(attacker.status).toBe(200);
    expect(replyTexts(attacker.body)).not.toBe(replyTexts(victim.body));
    expect(replyTexts(attacker.body)).not.toMatch(/2万|两万|20000/);
    expect(attacker.body.conversationId).not.toBe(victim.body.conversationId);
    // B's own message was stored and answered, not dropped as a duplicate.
    const again = await t.chat({ userId: 'attackerB', text: '你好', messageId: 'gw-b1' });
    expect(replyTexts(again.body)).toBe(replyTexts(attacker.body));
  });

  it('answers a re-sent id with the same text from the store, and a re-used id with different text with 409', async () => {
    const first = await t.chat({ userId: 'driverD', text: '连续开车多久要休息', messageId: 'm-1' });
    const retry = await t.chat({ userId: 'driverD', text: '连续开车多久要休息', messageId: 'm-1' });
    expect(retry.status).toBe(200);
    expect(retry.body.replies).toEqual(first.body.replies);
    const reused = await t.chat({ userId: 'driverD', text: '附近有司机之家吗', messageId: 'm-1' });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatchObject({ code: 'message_id_reused', field: 'messageId' });
  });

  it('keeps two browsers apart on /web/chat when they send the same message id', async () => {
    const first = await t.app.request('/web/chat', json({ text: '老板欠我运费三万元', messageId: 'web-1' }));
    const cookieA = first.headers.get('set-cookie')!.split(';')[0]!;
    const a = (await first.json()) as { replies: { text: string }[] };
    const b = (await (await t.app.request('/web/chat', json({ text: '你好', messageId: 'web-1' }))).json()) as { replies: { text: string }[] };
    expect(replyTexts(b)).not.toBe(replyTexts(a));
    const reused = await t.app.request('/web/chat', json({ text: '你好', messageId: 'web-1' }, { cookie: cookieA }));
    expect(reused.status).toBe(409);
  });
});

describe(`NUL, control characters and lone surrogates get a 400 naming the field (${testDriver})`, () => {
  let t: TestRuntime;
  let admin: Browserless;
  let conversationId: string;
  const caseId = 'SC-2026-001';

  beforeAll(async () => {
    const cases = createFakeCasePort(() => NOW);
    t = await createTestRuntime({ clock: () => NOW, staffCases: cases, env: { COOKIE_SECRET: 'c'.repeat(40) } });
    await addStaff(t.runtime, 'admin', 'admin', null);
    admin = await loggedIn(t.app, 'admin');
    const r = await t.chat({ userId: 'nul-driver', text: '转人工' });
    conversationId = r.body.conversationId;
    cases.add({ id: caseId, regionCode: null, conversationId });
  });
  afterAll(async () => t.close());

  async function expectRefused(res: Response | { status: number; body: any }, field: string) {
    const body = res instanceof Response ? await res.json() : res.body;
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.error.code).toBe('invalid_characters');
    expect(body.error.field).toBe(field);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  }

  it('on the public chat, updates, voice and web routes', async () => {
    await expectRefused(await t.app.request('/api/chat/updates?userId=a%00b'), 'userId');
    await expectRefused(await t.app.request('/api/chat/stream?userId=a%00b'), 'userId');
    await expectRefused(await t.chat({ userId: 'a\u0000b', text: '你好' }), 'userId');
    await expectRefused(await t.chat({ userId: 'u1', text: '你好\u0000' }), 'text');
    await expectRefused(await t.chat({ userId: 'u1', text: '你好', messageId: 'x\u0000' }), 'messageId');
    await expectRefused(await t.chat({ userId: 'u1', text: '你好', location: { lat: 30, lon: 104, label: '\u0007' } }), 'location.label');
    await expectRefused(await t.app.request('/voice/turn', json({ callId: 'c\u0000', transcript: '你好' })), 'callId');
    await expectRefused(await t.app.request('/voice/turn', json({ callId: 'c1', caller: '138\u0000', transcript: '你好' })), 'caller');
    await expectRefused(await t.app.request('/voice/turn', json({ callId: 'c1', turnId: 't\u0000', transcript: '你好' })), 'turnId');
    await expectRefused(await t.app.request('/web/chat', json({ text: '你好', messageId: 'w\u0000' })), 'messageId');
    await expectRefused(await t.app.request('/api/stations/%00'), 'path');
  });

  it('on a re-delivery of a message id or turn id (once 500)', async () => {
    for (let i = 0; i < 2; i++) {
      await expectRefused(await t.app.request('/web/chat', json({ text: '你好', messageId: 'again\u0000' })), 'messageId');
      await expectRefused(await t.app.request('/voice/turn', json({ callId: 'c2', turnId: 'again\u0000', transcript: '你好' })), 'turnId');
    }
  });

  it('on the staff login form and every staff write', async () => {
    const anon = new Browserless(t.app);
    const form = await (await anon.request('/staff/login')).text();
    const token = /name="_csrf" value="([^"]*)"/.exec(form)?.[1] ?? '';
    const login = await anon.request('/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ username: 'x\u0000', password: 'whatever-long', _csrf: token }).toString(),
    });
    expect(login.status).toBeLessThan(500);
    expect(login.status).not.toBe(303);
    await expectRefused(await admin.api('POST', `/conversations/${conversationId}/notes`, { text: '备注\u0000' }), 'text');
    await expectRefused(await admin.api('POST', `/conversations/${conversationId}/reply`, { text: '您好\u0000' }), 'text');
    await expectRefused(await admin.api('POST', '/canned', { title: '问候\u0000', text: '您好' }), 'title');
    await expectRefused(await admin.api('POST', `/cases/${caseId}/status`, { status: 'resolved\u0000' }), 'status');
    await expectRefused(await admin.api('POST', `/cases/${caseId}/notes`, { text: '\ud800' }), 'text');
  });

  it('keeps two userIds that differ only in a lone surrogate from becoming one driver', async () => {
    await expectRefused(await t.chat({ userId: 'lone\ud800', text: '你好' }), 'userId');
    await expectRefused(await t.chat({ userId: 'lone\udc00', text: '你好' }), 'userId');
    expect(await t.runtime.conversations.findDriver('api', 'lone\ufffd')).toBeUndefined();
  });

  it('still accepts tabs, newlines, emoji and right-to-left marks in free text', async () => {
    const res = await t.chat({ userId: 'u-ok', text: '你好\t\n🚛\u200f' });
    expect(res.status).toBe(200);
  });
});
