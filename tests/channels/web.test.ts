// Web chat routes: cookie identity (signed, HttpOnly, not forgeable), chat, voice upload limits and transcription, live staff replies.
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockNetwork, mswListenOptions } from '../support/msw.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

const network = createMockNetwork();
beforeAll(() => network.listen(mswListenOptions));
afterEach(() => network.resetHandlers());
afterAll(() => network.close());

async function withRuntime(env: Record<string, string>, run: (t: TestRuntime) => Promise<void>) {
  const t = await createTestRuntime({ env: { COOKIE_SECRET: 'x'.repeat(40), ...env } });
  try {
    await run(t);
  } finally {
    await t.close();
  }
}

const chat = (t: TestRuntime, body: unknown, cookie?: string) =>
  t.app.request('/web/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

describe('web chat', () => {
  it('serves the Chinese page and its assets with a strict CSP', async () => {
    await withRuntime({}, async (t) => {
      const page = await t.app.request('/');
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await page.text();
      expect(html).toContain('lang="zh-CN"');
      expect(html).toContain('按住说话');
      expect((await t.app.request('/static/app.js')).headers.get('content-type')).toContain('javascript');
    });
  });

  it('issues a signed HttpOnly SameSite=Lax cookie and keeps one conversation per cookie', async () => {
    await withRuntime({}, async (t) => {
      const first = await chat(t, { text: '你好' });
      expect(first.status).toBe(200);
      const setCookie = first.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/nx_web=[^;]+\.[^;]+;/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      const cookie = setCookie.split(';')[0] as string;
      const second = await chat(t, { text: '重复一遍' }, cookie);
      expect(second.headers.get('set-cookie')).toBeNull();
      const a = (await first.json()) as { replies: { text: string }[] };
      const b = (await second.json()) as { replies: { text: string }[] };
      expect(b.replies[0]?.text).toBe(a.replies.map((r) => r.text).join('\n'));
      // A forged cookie value is not accepted: the server issues a fresh identity.
      const forged = await chat(t, { text: '你好' }, `nx_web=${cookie.split('=')[1]?.split('.')[0]}.forgedsig`);
      expect(forged.headers.get('set-cookie')).toMatch(/nx_web=/);
      expect(forged.headers.get('set-cookie')).not.toContain(cookie);
    });
  });

  it('validates the body', async () => {
    await withRuntime({}, async (t) => {
      expect((await chat(t, { text: '  ' })).status).toBe(400);
      expect((await chat(t, { text: '附近', location: { lat: 200, lon: 0 } })).status).toBe(400);
      const res = await t.app.request('/web/chat', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
      expect(res.status).toBe(415);
    });
  });

  it('passes a shared location to the engine and returns station cards', async () => {
    await withRuntime({}, async (t) => {
      const res = await chat(t, { text: '附近的暖心之家', location: { lat: 29.27, lon: 104.87 } });
      const body = (await res.json()) as { replies: { stations?: { name: string; address: string }[] }[] };
      expect(body.replies[0]?.stations?.[0]).toMatchObject({ name: '沿滩服务区暖心之家', address: expect.stringContaining('沿滩') });
    });
  });

  it('transcribes hold-to-talk audio server-side and caps its size', async () => {
    let uploads = 0;
    network.use(
      http.post('https://stt.test/v1/audio/transcriptions', async ({ request }) => {
        uploads++;
        const file = (await request.formData()).get('file') as File;
        expect(file.type).toBe('audio/webm');
        return HttpResponse.json({ text: '你好' });
      }),
    );
    await withRuntime({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'https://stt.test/v1', SPEECH_MAX_BYTES: String(64 * 1024) }, async (t) => {
      const ok = await t.app.request('/api/voice', {
        method: 'POST',
        headers: { 'content-type': 'audio/webm;codecs=opus' },
        body: new Uint8Array(2000).fill(7),
      });
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as { transcript: string; replies: { text: string }[] };
      expect(body.transcript).toBe('你好');
      expect(body.replies[0]?.text).toContain('暖心助手');
      const big = await t.app.request('/api/voice', { method: 'POST', headers: { 'content-type': 'audio/webm' }, body: new Uint8Array(65 * 1024) });
      expect(big.status).toBe(413);
      const wrong = await t.app.request('/api/voice', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(wrong.status).toBe(415);
      expect(uploads).toBe(1);
    });
  });

  it('explains that voice is off when no speech service is configured', async () => {
    await withRuntime({}, async (t) => {
      const off = await t.app.request('/api/voice', { method: 'POST', headers: { 'content-type': 'audio/webm' }, body: new Uint8Array(2000) });
      expect(off.status).toBe(503);
      expect(((await off.json()) as { error: { message: string } }).error.message).toContain('请打字');
    });
  });

  it('streams staff replies for this cookie only', async () => {
    await withRuntime({}, async (t) => {
      const first = await chat(t, { text: '你好' });
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const other = await chat(t, { text: '你好' });
      const otherCookie = (other.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const driverId = (await t.runtime.database.db.query.driverIdentities.findMany()).find(
        (i) => i.channel === 'web' && cookie.includes(i.externalId.slice(0, 8)),
      )?.driverId;
      expect(driverId).toBeDefined();
      const controller = new AbortController();
      const res = await t.app.request('/web/stream', { headers: { cookie }, signal: controller.signal });
      const otherRes = await t.app.request('/web/stream', { headers: { cookie: otherCookie }, signal: controller.signal });
      await t.runtime.deliver({
        driverId: driverId as string,
        conversationId: null,
        channel: 'web',
        kind: 'staff_reply',
        text: '师傅您好，我是小李',
        payload: null,
      });
      const read = async (r: Response, until: RegExp) => {
        const reader = (r.body as ReadableStream<Uint8Array>).getReader();
        let text = '';
        const deadline = Date.now() + 4000;
        while (!until.test(text) && Date.now() < deadline) {
          const chunk = await Promise.race([
            reader.read(),
            new Promise<{ value: undefined; done: true }>((r2) => setTimeout(() => r2({ value: undefined, done: true }), 500)),
          ]);
          if (chunk.value) text += new TextDecoder().decode(chunk.value);
        }
        return text;
      };
      expect(await read(res, /小李/)).toMatch(/event: update[\s\S]*小李/);
      expect(await read(otherRes, /小李/)).not.toContain('小李');
      controller.abort();
      expect(await t.runtime.outbox.listUndelivered('web', { limit: 5 })).toEqual([]);
    });
  });
});
