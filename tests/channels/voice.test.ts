// Phone channels: Twilio TwiML with a checked signature, the generic JSON turn, repeat, "短信发我", and TTS over msw.
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { twilioSignature } from '../../src/channels/voice/twilio.js';
import { createMockNetwork, mswListenOptions } from '../support/msw.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

const network = createMockNetwork();
beforeAll(() => network.listen(mswListenOptions));
afterEach(() => network.resetHandlers());
afterAll(() => network.close());

const AUTH = 'twilio-auth-token-for-tests';
const PUBLIC = 'https://nuanxin.example.cn';

async function withRuntime(env: Record<string, string>, run: (t: TestRuntime) => Promise<void>) {
  const t = await createTestRuntime({ env });
  try {
    await run(t);
  } finally {
    await t.close();
  }
}

function twilioPost(t: TestRuntime, params: Record<string, string>, signature?: string) {
  const body = new URLSearchParams(params).toString();
  return t.app.request('/voice/twilio', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature ?? twilioSignature(AUTH, `${PUBLIC}/voice/twilio`, params),
    },
    body,
  });
}

const turn = async (t: TestRuntime, body: Record<string, unknown>) => {
  const res = await t.app.request('/voice/turn', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { speech: string; text: string; hangup: boolean } };
};

describe('/voice/twilio', () => {
  it('greets with a Mandarin speech Gather, answers a SpeechResult, and refuses a bad signature', async () => {
    await withRuntime({ TWILIO_AUTH_TOKEN: AUTH, PUBLIC_BASE_URL: PUBLIC }, async (t) => {
      const greet = await twilioPost(t, { CallSid: 'CA1', From: '+8613800000001' });
      expect(greet.status).toBe(200);
      const xml = await greet.text();
      expect(xml).toMatch(/<Gather input="speech" language="cmn-Hans-CN"[^>]*action="\/voice\/twilio"/);
      expect(xml).toMatch(/<Say language="cmn-CN">您好/);

      const answer = await (await twilioPost(t, { CallSid: 'CA1', From: '+8613800000001', SpeechResult: '你好' })).text();
      expect(answer).toMatch(/<Gather[^>]*><Say[^>]*>[^<]*暖心助手/);
      const spoken = /<Say language="cmn-CN">([^<]*)<\/Say><\/Gather>/.exec(answer)?.[1] ?? '';
      expect(Array.from(spoken).length).toBeLessThanOrEqual(121);
      expect(spoken).not.toMatch(/https?:/);

      const bye = await (await twilioPost(t, { CallSid: 'CA1', From: '+8613800000001', SpeechResult: '再见' })).text();
      expect(bye).toContain('<Hangup/>');

      const forged = await twilioPost(t, { CallSid: 'CA1', SpeechResult: '你好' }, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=');
      expect(forged.status).toBe(403);
      const tampered = await twilioPost(
        t,
        { CallSid: 'CA1', SpeechResult: '转人工' },
        twilioSignature(AUTH, `${PUBLIC}/voice/twilio`, { CallSid: 'CA1', SpeechResult: '你好' }),
      );
      expect(tampered.status).toBe(403);
    });
  });

  it('is not mounted without TWILIO_AUTH_TOKEN', async () => {
    await withRuntime({}, async (t) => {
      expect((await twilioPost(t, { CallSid: 'CA1' })).status).toBe(404);
    });
  });
});

describe('/voice/turn', () => {
  it('answers short and speakable, repeats on 重复一遍, and hangs up on goodbye', async () => {
    await withRuntime({}, async (t) => {
      const first = await turn(t, { callId: 'call-1', caller: '13800000002', transcript: '嗯，那个，你好' });
      expect(first.status).toBe(200);
      expect(Array.from(first.body.speech).length).toBeLessThanOrEqual(121);
      expect(first.body.hangup).toBe(false);
      const again = await turn(t, { callId: 'call-1', caller: '13800000002', transcript: '重复一遍' });
      expect(again.body.text).toBe(first.body.text);
      const unknown = await turn(t, { callId: 'call-1', caller: '13800000002', transcript: '火星上天气怎么样' });
      expect(unknown.body.text).toContain('12328');
      expect(unknown.body.speech).toContain('一二三二八');
      expect(unknown.body.speech).not.toMatch(/\d{3,}/);
      expect((await turn(t, { callId: 'call-1', transcript: '好了谢谢' })).body.hangup).toBe(true);
      expect((await turn(t, { callId: 'call-1', transcript: '   ' })).body.speech).toContain('没听清');
      expect((await turn(t, { callId: '', transcript: 'x' })).status).toBe(400);
    });
  });

  it('短信发我 hands the full last answer to the driver’s text channel, or says why it cannot', async () => {
    await withRuntime({}, async (t) => {
      await turn(t, { callId: 'call-2', caller: '13800000003', transcript: '你好' });
      const none = await turn(t, { callId: 'call-2', caller: '13800000003', transcript: '短信发我' });
      expect(none.body.text).toContain('公众号');
      // Link the caller to a WeChat identity (as account linking will), then ask again.
      const driverId = (await t.runtime.conversations.findDriver('voice', '13800000003')) as string;
      const { driverIdentities } = await import('../../db/schema.js');
      await t.runtime.database.db.insert(driverIdentities).values({ driverId, channel: 'wechat-oa', externalId: 'oLINKED' });
      const sent = await turn(t, { callId: 'call-2', caller: '13800000003', transcript: '短信发我' });
      expect(sent.body.text).toContain('微信');
      const items = await t.runtime.outbox.listUndelivered('wechat-oa', { limit: 5 });
      expect(items).toHaveLength(1);
      expect(items[0]?.text).toMatch(/暖心助手[\s\S]*1\. /);
    });
  });

  it('requires the gateway key when CHAT_API_KEY is set', async () => {
    await withRuntime({ CHAT_API_KEY: 'gateway-key' }, async (t) => {
      expect((await turn(t, { callId: 'c', transcript: '你好' })).status).toBe(401);
    });
  });
});

describe('speech services', () => {
  it('synthesises speech through /v1/audio/speech with digits spelt', async () => {
    let input = '';
    network.use(
      http.post('https://tts.test/v1/audio/speech', async ({ request }) => {
        const body = (await request.json()) as { input: string; model: string };
        input = body.input;
        expect(body.model).toBe('cosyvoice');
        return new HttpResponse(new Uint8Array([0xff, 0xfb, 0x90, 0x00]), { headers: { 'content-type': 'audio/mpeg' } });
      }),
    );
    await withRuntime({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'https://tts.test/v1', TTS_MODEL: 'cosyvoice' }, async (t) => {
      const res = await t.app.request('/voice/tts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: '请拨打12328' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('audio/mpeg');
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xfb, 0x90, 0x00]));
      expect(input).toBe('请拨打一二三二八');
    });
  });

  it('says TTS is not configured without TTS_MODEL', async () => {
    await withRuntime({}, async (t) => {
      const res = await t.app.request('/voice/tts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: '你好' }),
      });
      expect(res.status).toBe(404);
    });
  });
});
