// Regressions from issue 12: WeChat requests outside ±300 s or replaying a (timestamp, nonce) with another body are refused; long texts and forged ids are answered safely.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { freshNonce, messageXml, nowTimestamp, OPENID, postPlain, signedQuery, TOKEN } from './wechat-oa-helpers.js';

describe('WeChat webhook replay protection', () => {
  let t: TestRuntime;
  let other: TestRuntime;
  const seen: string[] = [];
  beforeAll(async () => {
    t = await createTestRuntime({ env: { WECHAT_TOKEN: TOKEN } });
    other = await t.sibling();
    for (const rt of [t, other]) {
      const real = rt.runtime.engine.handle.bind(rt.runtime.engine);
      rt.runtime.engine = { handle: (m) => (seen.push(m.text), real(m)) };
    }
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('refuses a correctly signed request from 2010, and one 10 minutes in the future', async () => {
    const before = seen.length;
    const old = await postPlain(t.app, messageXml({ MsgType: 'text', Content: '你好', MsgId: '1' }), signedQuery({}, '1262304000'));
    expect(old.status).toBe(403);
    const future = await postPlain(
      t.app,
      messageXml({ MsgType: 'text', Content: '你好', MsgId: '2' }),
      signedQuery({}, String(Number(nowTimestamp()) + 600)),
    );
    expect(future.status).toBe(403);
    expect((await t.app.request(`/wechat/oa?${signedQuery({ echostr: 'e' }, '1262304000')}`)).status).toBe(403);
    expect(seen.length).toBe(before);
  });

  it("accepts WeChat's retry of one message (same pair, same body) and refuses the pair with another body, in any process", async () => {
    const ts = nowTimestamp();
    const nonce = freshNonce();
    const query = signedQuery({}, ts, nonce);
    const xml = messageXml({ MsgType: 'text', Content: '连续开车多久要休息', MsgId: '24000000000000101' });
    const first = await postPlain(t.app, xml, query);
    expect(first.status).toBe(200);
    const retry = await postPlain(other.app, xml, query);
    // Not refused: the retry is handled as before (the answer was already sent once, so this one says 'success').
    expect(retry.status).toBe(200);
    const before = seen.length;
    const forged = await postPlain(other.app, messageXml({ MsgType: 'text', Content: '转人工', MsgId: '24000000000000102' }), query);
    expect(forged.status).toBe(403);
    expect((await postPlain(t.app, messageXml({ MsgType: 'text', Content: '转人工', MsgId: '24000000000000103' }), query)).status).toBe(403);
    expect(seen.length).toBe(before);
  });

  it('forgets pairs older than the window in the hourly housekeeping', async () => {
    await t.runtime.wechatNonces.remember(1_000, 'ancient', 'x');
    expect((await t.runtime.hourly()).wechatNoncesPruned).toBeGreaterThanOrEqual(1);
  });

  it('answers a text over 4,096 characters politely instead of a 400 that WeChat would retry', async () => {
    const res = await postPlain(t.app, messageXml({ MsgType: 'text', Content: '运费'.repeat(2_500), MsgId: '24000000000000104' }));
    expect(res.status).toBe(200);
    expect(res.content).toMatch(/太长/);
  });

  it('refuses a FromUserName carrying NUL or a control character, and echoes nothing of it', async () => {
    for (const from of [`${OPENID}\u0000x`, `${OPENID}\u0001`]) {
      const xml = messageXml({ MsgType: 'text', Content: '你好', MsgId: '24000000000000105', FromUserName: from });
      const res = await postPlain(t.app, xml);
      expect(res.status).toBe(400);
      expect(res.text).not.toContain('<xml>');
      expect(JSON.parse(res.text).error.code).toBe('invalid_characters');
    }
  });
});
