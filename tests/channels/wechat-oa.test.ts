// Official Account webhook: signatures, plain and safe mode, hostile XML, message types, the 5-second rule and retries.
import { createCipheriv } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWechatCipher, WechatCryptoError, wechatSignature } from '../../src/channels/wechat-oa/crypto.js';
import { startOaDispatcher } from '../../src/channels/wechat-oa/dispatcher.js';
import type { InboundMessage } from '../../src/core/types.js';
import { createMockNetwork, mswListenOptions } from '../support/msw.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { AES_KEY, APPID, messageXml, OPENID, postEncrypted, postPlain, signedQuery, TOKEN } from './wechat-oa-helpers.js';

const network = createMockNetwork();
beforeAll(() => network.listen(mswListenOptions));
afterEach(() => network.resetHandlers());
afterAll(() => network.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts WeChat API calls and records customer-service messages. */
function wechatApi(opts: { failFirstSendWith?: number } = {}) {
  const calls = { token: 0, sent: [] as { touser: string; content: string }[], sendAttempts: 0, media: 0 };
  let failed = false;
  network.use(
    http.post('https://api.weixin.qq.com/cgi-bin/stable_token', async ({ request }) => {
      const body = (await request.json()) as { appid: string; secret: string };
      expect(body.appid).toBe(APPID);
      calls.token++;
      return HttpResponse.json({ access_token: `TOKEN_${calls.token}`, expires_in: 7200 });
    }),
    http.post('https://api.weixin.qq.com/cgi-bin/message/custom/send', async ({ request }) => {
      calls.sendAttempts++;
      if (opts.failFirstSendWith && !failed) {
        failed = true;
        return HttpResponse.json({ errcode: opts.failFirstSendWith, errmsg: 'simulated' });
      }
      const token = new URL(request.url).searchParams.get('access_token');
      if (!token?.startsWith('TOKEN_')) return HttpResponse.json({ errcode: 40001, errmsg: 'invalid credential' });
      const body = (await request.json()) as { touser: string; text: { content: string } };
      calls.sent.push({ touser: body.touser, content: body.text.content });
      return HttpResponse.json({ errcode: 0, errmsg: 'ok' });
    }),
  );
  return calls;
}

/** `delay`: milliseconds every turn waits before it runs, or a promise it waits for (a test's gate, free of timing). */
async function withRuntime(
  env: Record<string, string>,
  run: (t: TestRuntime, seen: InboundMessage[]) => Promise<void>,
  delay: number | Promise<void> = 0,
) {
  const t = await createTestRuntime({ env: { WECHAT_TOKEN: TOKEN, ...env } });
  const seen: InboundMessage[] = [];
  const real = t.runtime.engine.handle.bind(t.runtime.engine);
  t.runtime.engine = {
    async handle(message) {
      seen.push(message);
      if (typeof delay === 'number') {
        if (delay) await sleep(delay);
      } else await delay;
      return real(message);
    },
  };
  try {
    await run(t, seen);
  } finally {
    await t.close();
  }
}

describe('safe-mode crypto', () => {
  it('round-trips and rejects tampering, another AppID and bad padding', () => {
    const cipher = createWechatCipher(AES_KEY, APPID);
    const xml = messageXml({ MsgType: 'text', Content: '你好 <&> ]]>', MsgId: '1234567890123456789' });
    const sealed = cipher.encrypt(xml);
    expect(cipher.decrypt(sealed)).toBe(xml);
    expect(() => createWechatCipher(AES_KEY, 'wxOTHERAPP').decrypt(sealed)).toThrow(/another AppID/);
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    expect(() => cipher.decrypt(bytes.toString('base64'))).toThrow(WechatCryptoError);
    expect(() => cipher.decrypt('not base64 at all!!')).toThrow(WechatCryptoError);
  });

  it('rejects a final block whose last byte equals the pad but whose other padding bytes do not', () => {
    // Built with the key so the case is deterministic: a body whose padding fills the whole last AES block
    // (pad ≥ 17), then that block replaced by garbage ending in the same pad byte, as a tampered ciphertext
    // decrypts once in a few hundred tries.
    const key = Buffer.from(`${AES_KEY}=`, 'base64');
    const seal = (plain: Buffer) => {
      const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
      return Buffer.concat([c.update(plain), c.final()]).toString('base64');
    };
    const cipher = createWechatCipher(AES_KEY, APPID);
    const head = Buffer.concat([Buffer.alloc(16, 7), Buffer.alloc(4), Buffer.from(APPID, 'utf8')]);
    const fill = 32 - (head.length % 32) < 17 ? 16 : 0;
    const xml = Buffer.from('x'.repeat(fill), 'utf8');
    head.writeUInt32BE(xml.length, 16);
    const plain = Buffer.concat([head.subarray(0, 20), xml, head.subarray(20)]);
    const pad = 32 - (plain.length % 32);
    expect(pad).toBeGreaterThanOrEqual(17);
    const good = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
    expect(cipher.decrypt(seal(good))).toBe(xml.toString('utf8'));
    const tampered = Buffer.from(good);
    tampered.fill(0xa5, tampered.length - 16, tampered.length - 1);
    expect(() => cipher.decrypt(seal(tampered))).toThrow(/bad padding/);
  });

  it('signs the sorted parts with sha1', () => {
    // sha1("123abc" sorted: ["1","2","3"] → "123") computed independently
    expect(wechatSignature('3', '1', '2')).toBe('40bd001563085fc35165329ea1ff5c5ecbdbbeef');
  });
});

describe('/wechat/oa', () => {
  it('is off without WECHAT_TOKEN', async () => {
    const t = await createTestRuntime();
    try {
      expect((await t.app.request(`/wechat/oa?${signedQuery({ echostr: 'x' })}`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('answers the GET verification only with a valid signature', async () => {
    await withRuntime({}, async ({ app }) => {
      const ok = await app.request(`/wechat/oa?${signedQuery({ echostr: '7261829374' })}`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('7261829374');
      const bad = await app.request('/wechat/oa?signature=0000&timestamp=1&nonce=2&echostr=7261829374');
      expect(bad.status).toBe(401);
      expect(await bad.text()).not.toContain('7261829374');
    });
  });

  it('answers a text message passively in plain mode and refuses an unsigned one', async () => {
    await withRuntime({}, async ({ app }) => {
      const res = await postPlain(app, messageXml({ MsgType: 'text', Content: '你好', MsgId: '24000000000000001' }));
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<ToUserName><!\[CDATA\[oDRIVER_openid_0001]]><\/ToUserName>/);
      expect(res.content).toContain('暖心助手');
      const unsigned = await app.request('/wechat/oa?timestamp=1&nonce=2', {
        method: 'POST',
        body: messageXml({ MsgType: 'text', Content: '你好' }),
      });
      expect(unsigned.status).toBe(401);
    });
  });

  it('answers a legal question as WeChat text: 【】 labels, numbered lines, one source line, and “详细” gives it whole', async () => {
    await withRuntime({}, async ({ app }) => {
      const res = await postPlain(app, messageXml({ MsgType: 'text', Content: '挂靠的车出了事故哪个赔', MsgId: '24000000000000051' }));
      const content = res.content ?? '';
      expect(content).toContain('【责任】');
      expect(content).toMatch(/^1\. 出事先打122报警/m);
      expect(content).not.toMatch(/\*\*|^\s*#|^\s*[-*+]\s/m);
      expect(content.match(/来源：/g)).toHaveLength(1);
      expect(content).not.toContain('依据：');
      const more = await postPlain(app, messageXml({ MsgType: 'text', Content: '详细', MsgId: '24000000000000052' }));
      expect(more.content).toContain('连带责任');
      expect(more.content).toContain('来源：《民法典》 第1211条');
    });
  });

  it('decrypts and encrypts in safe mode and checks msg_signature', async () => {
    await withRuntime({ WECHAT_AES_KEY: AES_KEY, WECHAT_APPID: APPID }, async ({ app }) => {
      const res = await postEncrypted(app, messageXml({ MsgType: 'text', Content: '你好', MsgId: '24000000000000002' }));
      expect(res.status).toBe(200);
      expect(res.envelopeOk).toBe(true);
      expect(res.content).toContain('暖心助手');
      const forged = await app.request(`/wechat/oa?${signedQuery({ encrypt_type: 'aes', msg_signature: 'f'.repeat(40) })}`, {
        method: 'POST',
        body: '<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>',
      });
      expect(forged.status).toBe(401);
    });
  });

  it('rejects malformed, entity-laden and oversized bodies and keeps working', async () => {
    await withRuntime({}, async ({ app }) => {
      expect((await postPlain(app, '<xml><Content>unclosed')).status).toBe(400);
      const xxe = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&x;</Content></xml>`;
      const refused = await postPlain(app, xxe);
      expect(refused.status).toBe(400);
      expect(refused.text).not.toContain('root:');
      expect((await postPlain(app, messageXml({ MsgType: 'text' }).replace('<CreateTime>1760000000</CreateTime>', ''))).status).toBe(400);
      expect((await postPlain(app, `<xml><Content>${'长'.repeat(40_000)}</Content></xml>`)).status).toBe(413);
      const after = await postPlain(app, messageXml({ MsgType: 'text', Content: '你好', MsgId: '24000000000000003' }));
      expect(after.content).toContain('暖心助手');
    });
  });

  it('uses the voice Recognition field, and asks to type or call without it and without speech service', async () => {
    await withRuntime({}, async ({ app }, seen) => {
      await postPlain(app, messageXml({ MsgType: 'voice', MediaId: 'm1', Format: 'amr', Recognition: '你好。', MsgId: '24000000000000004' }));
      expect(seen.at(-1)).toMatchObject({ channel: 'wechat-oa', text: '你好。', transcript: true, externalUserId: OPENID });
      const res = await postPlain(app, messageXml({ MsgType: 'voice', MediaId: 'm2', Format: 'amr', MsgId: '24000000000000005' }));
      expect(res.content).toMatch(/请打字.*12328/);
      expect(seen).toHaveLength(1);
    });
  });

  it('fetches the voice media and transcribes it when a speech service is configured', async () => {
    const calls = wechatApi();
    network.use(
      http.get('https://api.weixin.qq.com/cgi-bin/media/get', ({ request }) => {
        expect(new URL(request.url).searchParams.get('media_id')).toBe('MEDIA_9');
        return new HttpResponse(new Uint8Array([0x23, 0x21, 0x41, 0x4d, 0x52, 0x0a, 1, 2, 3]), { headers: { 'content-type': 'audio/amr' } });
      }),
      http.post('https://stt.test/v1/audio/transcriptions', async ({ request }) => {
        const form = await request.formData();
        expect(form.get('model')).toBe('sensevoice');
        expect(form.get('file')).toBeInstanceOf(File);
        return HttpResponse.json({ text: '你好' });
      }),
    );
    await withRuntime(
      { WECHAT_APPID: APPID, WECHAT_APPSECRET: 'secret', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'https://stt.test/v1', STT_MODEL: 'sensevoice' },
      async ({ app }, seen) => {
        const res = await postPlain(app, messageXml({ MsgType: 'voice', MediaId: 'MEDIA_9', Format: 'amr', MsgId: '24000000000000006' }));
        expect(seen.at(-1)).toMatchObject({ text: '你好', transcript: true });
        expect(res.content).toContain('暖心助手');
        expect(calls.token).toBe(1);
      },
    );
  });

  it('sends a location to the engine as a station search with coordinates', async () => {
    await withRuntime({}, async ({ app, runtime }, seen) => {
      await postPlain(
        app,
        messageXml({
          MsgType: 'location',
          Location_X: '30.8411',
          Location_Y: '104.4313',
          Scale: '15',
          Label: '四川省成都市金堂县',
          MsgId: '24000000000000007',
        }),
      );
      expect(seen.at(-1)).toMatchObject({ location: { lat: 30.8411, lon: 104.4313, label: '四川省成都市金堂县' } });
      const driverId = await runtime.conversations.findDriver('wechat-oa', OPENID);
      const convs = await runtime.database.db.query.conversations.findMany();
      expect(convs.find((c) => c.driverId === driverId)?.state).toMatchObject({ lastIntent: 'station' });
    });
  });

  it('welcomes a new follower, answers menu clicks and stays quiet on unsubscribe', async () => {
    await withRuntime({}, async ({ app }, seen) => {
      const welcome = await postPlain(app, messageXml({ MsgType: 'event', Event: 'subscribe', EventKey: '' }));
      expect(welcome.content).toMatch(/感谢关注[\s\S]*政策[\s\S]*暖心之家[\s\S]*诉求/);
      const policy = await postPlain(app, messageXml({ MsgType: 'event', Event: 'CLICK', EventKey: '政策问答', CreateTime: 1_760_000_010 }));
      expect(policy.content).toContain('问题');
      const nearby = await postPlain(app, messageXml({ MsgType: 'event', Event: 'CLICK', EventKey: '附近驿站', CreateTime: 1_760_000_011 }));
      expect(nearby.content).toContain('位置');
      await postPlain(
        app,
        messageXml({ MsgType: 'event', Event: 'LOCATION', Latitude: '30.1', Longitude: '104.2', Precision: '50', CreateTime: 1_760_000_012 }),
      );
      await postPlain(app, messageXml({ MsgType: 'event', Event: 'CLICK', EventKey: '附近驿站', CreateTime: 1_760_000_013 }));
      expect(seen.at(-1)).toMatchObject({ text: '附近的暖心之家', location: { lat: 30.1, lon: 104.2 } });
      await postPlain(app, messageXml({ MsgType: 'event', Event: 'CLICK', EventKey: '我要反映', CreateTime: 1_760_000_014 }));
      expect(seen.at(-1)).toMatchObject({ text: '我要反映问题', messageId: `${OPENID}:1760000014` });
      await postPlain(app, messageXml({ MsgType: 'event', Event: 'CLICK', EventKey: '转人工', CreateTime: 1_760_000_015 }));
      expect(seen.at(-1)?.text).toBe('转人工');
      const bye = await postPlain(app, messageXml({ MsgType: 'event', Event: 'unsubscribe', CreateTime: 1_760_000_016 }));
      expect(bye.text).toBe('success');
    });
  });
});

describe('the 5-second rule and WeChat retries', () => {
  const countTurns = async (t: TestRuntime) => {
    const rows = await t.runtime.database.db.query.messages.findMany();
    return { inbound: rows.filter((r) => r.direction === 'in').length, outbound: rows.filter((r) => r.direction === 'out').length };
  };

  it('replays one message three times: the retry that finds the answer ready replies passively, once', async () => {
    const calls = wechatApi();
    // The turn is held until the first two attempts have timed out and the third is waiting, then released with the
    // whole budget left for it, so no wall-clock race decides the outcome on a slow machine.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    await withRuntime(
      { WECHAT_APPID: APPID, WECHAT_APPSECRET: 'secret', WECHAT_REPLY_BUDGET_MS: '1500' },
      async (t) => {
        const xml = messageXml({ MsgType: 'text', Content: '你好', MsgId: '24000000000000100' });
        const first = await postPlain(t.app, xml);
        const second = await postPlain(t.app, xml);
        const waiting = postPlain(t.app, xml);
        await sleep(150);
        release();
        const third = await waiting;
        const answers = [first, second, third];
        expect(answers.map((a) => a.text.startsWith('<xml>'))).toEqual([false, false, true]);
        expect(answers[0]?.text).toBe('success');
        expect(answers[2]?.content).toContain('暖心助手');
        await sleep(300);
        expect(calls.sent).toHaveLength(0);
        expect(await countTurns(t)).toEqual({ inbound: 1, outbound: 1 });
      },
      gate,
    );
  });

  it('when every attempt times out, the answer goes once through the customer-service API', async () => {
    const calls = wechatApi();
    await withRuntime(
      { WECHAT_APPID: APPID, WECHAT_APPSECRET: 'secret', WECHAT_REPLY_BUDGET_MS: '500' },
      async (t) => {
        const xml = messageXml({ MsgType: 'text', Content: '你好', MsgId: '24000000000000101' });
        const answers = [];
        for (let i = 0; i < 3; i++) answers.push(await postPlain(t.app, xml));
        expect(answers.map((a) => a.text)).toEqual(['success', 'success', 'success']);
        // The push follows the slow turn; on a loaded machine the turn takes longer, so wait for it rather than a fixed time.
        await expect.poll(() => calls.sent.length, { timeout: 5000 }).toBe(1);
        await sleep(300);
        expect(calls.sent).toHaveLength(1);
        expect(calls.sent[0]).toMatchObject({ touser: OPENID });
        expect(calls.sent[0]?.content).toContain('暖心助手');
        expect(calls.token).toBe(1);
        // A fourth, late retry finds the message answered.
        expect((await postPlain(t.app, xml)).text).toBe('success');
        expect(await countTurns(t)).toEqual({ inbound: 1, outbound: 1 });
      },
      1800,
    );
  });

  it('refreshes a rejected access token and retries the send', async () => {
    const calls = wechatApi({ failFirstSendWith: 40001 });
    await withRuntime(
      { WECHAT_APPID: APPID, WECHAT_APPSECRET: 'secret', WECHAT_REPLY_BUDGET_MS: '500' },
      async (t) => {
        await postPlain(t.app, messageXml({ MsgType: 'text', Content: '你好', MsgId: '24000000000000102' }));
        await expect.poll(() => calls.sent.length, { timeout: 5000 }).toBe(1);
        expect(calls.sendAttempts).toBe(2);
        expect(calls.token).toBe(2);
        expect(calls.sent).toHaveLength(1);
      },
      800,
    );
  });

  it('without a customer-service API, keeps a slow answer for the follower to fetch', async () => {
    await withRuntime(
      { WECHAT_REPLY_BUDGET_MS: '500' },
      async (t) => {
        const slow = await postPlain(t.app, messageXml({ MsgType: 'text', Content: '你好', MsgId: '24000000000000103' }));
        expect(slow.content).toMatch(/回复任意文字/);
        // Wait for the slow turn to finish (its reply stored) rather than a fixed time a loaded machine may overrun.
        // The fetch reads the answer kept for pickup, which is written after the slow turn ends.
        const kept = async () => (await t.runtime.outbox.listUndelivered('wechat-oa', { limit: 10 })).some((item) => item.kind === 'late_reply');
        await expect.poll(kept, { timeout: 5000 }).toBe(true);
        const fetched = await postPlain(t.app, messageXml({ MsgType: 'text', Content: '1', MsgId: '24000000000000104' }));
        expect(fetched.content).toContain('暖心助手');
      },
      900,
    );
  });

  it('delivers staff replies from the outbox through the customer-service API', async () => {
    const calls = wechatApi();
    await withRuntime({ WECHAT_APPID: APPID, WECHAT_APPSECRET: 'secret' }, async (t) => {
      await postPlain(t.app, messageXml({ MsgType: 'text', Content: '你好', MsgId: '24000000000000105' }));
      const dispatcher = startOaDispatcher(t.runtime);
      try {
        const driverId = (await t.runtime.conversations.findDriver('wechat-oa', OPENID)) as string;
        const item = await t.runtime.deliver({
          driverId,
          conversationId: null,
          channel: 'wechat-oa',
          kind: 'staff_reply',
          text: '师傅您好，我是工作人员小李。',
          payload: null,
        });
        await expect.poll(() => calls.sent.length, { timeout: 5000 }).toBe(1);
        expect(calls.sent).toEqual([{ touser: OPENID, content: '师傅您好，我是工作人员小李。' }]);
        // The delivered mark is written after the API call returns: wait for it as for the call itself.
        await expect.poll(() => t.runtime.outbox.listUndelivered('wechat-oa', { limit: 10 }), { timeout: 5000 }).toEqual([]);
        expect(item.channel).toBe('wechat-oa');
      } finally {
        dispatcher?.stop();
      }
    });
  });
});
