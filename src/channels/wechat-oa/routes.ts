// The Official Account webhook (/wechat/oa): signature check, plain and safe mode, the 5-second rule and retry deduplication.
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { OutboxItem } from '../../core/ports.js';
import type { GeoPoint } from '../../core/types.js';
import { AppError } from '../../errors.js';
import { keepAlive } from '../../http/keep-alive.js';
import type { Config } from '../../config.js';
import type { Engine } from '../../core/engine.js';
import type { DriverDirectory, OutboxStore, ReplyClaims, SignedRequestNonces } from '../../core/ports.js';
import type { SpeechToText } from '../../llm/speech.js';
import type { Logger } from '../../log.js';
import { repliesAsText, splitByBytes } from '../shared/text-reply.js';
import { createWechatApiClient, type WechatApiClient } from './api-client.js';
import { createWechatCipher, signatureMatches, wechatSignature, WechatCryptoError, type WechatCipher } from './crypto.js';
import { toAction, TYPE_OR_CALL, type OaAction } from './inbound.js';
import { createReplyWindow, type Outcome } from './reply-window.js';
import { encryptedEnvelopeXml, parseWechatXml, readWechatMessage, textReplyXml } from './xml.js';

export const OA_CHANNEL = 'wechat-oa';
/** WeChat cuts text messages at 2048 bytes; keep a margin. */
const MAX_TEXT_BYTES = 2000;
const MAX_BODY_BYTES = 64 * 1024;
/** WeChat's own recommendation: refuse requests whose timestamp is more than five minutes from our clock. */
const TIMESTAMP_WINDOW_S = 300;
const LOCATION_TTL_MS = 30 * 60_000;
const FAILED = '抱歉，系统刚才出了点问题，请稍后再发一次。急事请拨打12328交通运输服务热线。';
/** What a follower sends to fetch an answer that was not ready in 5 seconds. */
const FETCH_WAITING = /^\s*(1|１|结果|查看|查看结果|好了吗|好了没)\s*$/;
const SLOW_NO_PUSH = '正在为您查询，请稍等十几秒后回复任意文字（比如“1”）查看结果。';

export interface OaChannel {
  routes: Hono;
  /** The customer-service API when an AppID and AppSecret are configured (verified accounts only). */
  api: WechatApiClient | undefined;
  /** Sends a text to a follower: customer-service API, else kept in the outbox until they write again. */
  push(openId: string, text: string): Promise<boolean>;
}

/** What the Official Account channel uses of the runtime. */
export interface OaChannelDeps {
  config: Pick<Config, 'wechatOa' | 'speechMaxBytes'>;
  log: Logger;
  engine: Pick<Engine, 'handle'>;
  conversations: Pick<DriverDirectory, 'findDriver'>;
  outbox: Pick<OutboxStore, 'enqueue' | 'listUndelivered' | 'markDelivered'>;
  replyClaims: Pick<ReplyClaims, 'claim'>;
  speech: { stt: SpeechToText | undefined };
  /** (timestamp, nonce) pairs already seen, shared by every process, so a replayed request is refused. */
  wechatNonces: SignedRequestNonces;
  clock: () => Date;
}

const channels = new WeakMap<OaChannelDeps, OaChannel | undefined>();

/** One channel per runtime, shared by the routes and the outbox dispatcher (the token cache and reply window live here). */
export function oaChannelFor(runtime: OaChannelDeps): OaChannel | undefined {
  if (!channels.has(runtime)) channels.set(runtime, createOaChannel(runtime));
  return channels.get(runtime);
}

function createOaChannel(runtime: OaChannelDeps): OaChannel | undefined {
  const conf = runtime.config.wechatOa;
  if (!conf) return undefined;
  const log = runtime.log;
  const cipher: WechatCipher | undefined = conf.aesKey && conf.appId ? createWechatCipher(conf.aesKey, conf.appId) : undefined;
  const api =
    conf.appId && conf.appSecret
      ? createWechatApiClient({ appId: conf.appId, appSecret: conf.appSecret, apiBaseUrl: conf.apiBaseUrl, log })
      : undefined;
  const window = createReplyWindow({ onLateError: (err) => log.error('wechat late reply failed', { error: String(err) }) });
  const locations = new Map<string, { point: GeoPoint; at: number }>();

  async function push(openId: string, text: string): Promise<boolean> {
    if (api) {
      try {
        for (const part of splitByBytes(text, MAX_TEXT_BYTES)) await api.sendText(openId, part);
        return true;
      } catch (err) {
        log.warn('wechat customer-service send failed; kept for pickup', { error: err instanceof Error ? err.message : String(err) });
      }
    }
    return false;
  }

  /** Answers that could not be pushed wait in the outbox until the follower writes again. */
  async function keepForPickup(openId: string, text: string): Promise<void> {
    const driverId = await runtime.conversations.findDriver(OA_CHANNEL, openId);
    if (!driverId) return;
    await runtime.outbox.enqueue({ driverId, conversationId: null, channel: OA_CHANNEL, kind: 'late_reply', text, payload: null });
  }

  async function pickup(openId: string): Promise<string[]> {
    const driverId = await runtime.conversations.findDriver(OA_CHANNEL, openId);
    if (!driverId) return [];
    const items: OutboxItem[] = await runtime.outbox.listUndelivered(OA_CHANNEL, { driverId, limit: 5 });
    if (!items.length) return [];
    await runtime.outbox.markDelivered(items.map((i) => i.id));
    return items.map((i) => i.text);
  }

  async function transcribe(action: Extract<OaAction, { kind: 'voice' }>): Promise<string | undefined> {
    const stt = runtime.speech.stt;
    if (!stt || !api) return undefined;
    const media = await api.downloadMedia(action.mediaId);
    if (media.data.byteLength > runtime.config.speechMaxBytes) return undefined;
    return stt.transcribe(media.data, {
      name: `voice.${action.format.replace(/[^a-z0-9]/g, '') || 'amr'}`,
      type: media.contentType || `audio/${action.format}`,
    });
  }

  async function work(openId: string, action: OaAction): Promise<Outcome> {
    try {
      if (action.kind === 'engine' && FETCH_WAITING.test(action.text)) {
        const waiting = await pickup(openId);
        if (waiting.length) return { text: waiting.join('\n\n') };
      }
      let engineAction = action;
      if (action.kind === 'voice') {
        const text = await transcribe(action).catch((err: unknown) => {
          log.warn('wechat voice transcription failed', { error: err instanceof Error ? err.message : String(err) });
          return undefined;
        });
        if (text === undefined) return { text: TYPE_OR_CALL };
        if (!text) return { text: '没听清，请再说一遍，或者打字告诉我。' };
        engineAction = { kind: 'engine', text, messageId: action.messageId, transcript: true };
      }
      if (engineAction.kind !== 'engine') return undefined;
      const result = await runtime.engine.handle({
        channel: OA_CHANNEL,
        externalUserId: openId,
        text: engineAction.text,
        render: 'text',
        messageId: engineAction.messageId,
        ...(engineAction.location ? { location: engineAction.location } : {}),
        ...(engineAction.transcript ? { transcript: true } : {}),
      });
      const waiting = await pickup(openId).catch(() => []);
      const text = [engineAction.prefix, repliesAsText(result.replies, { links: 'html' }), ...waiting].filter(Boolean).join('\n\n');
      return text ? { text } : undefined;
    } catch (err) {
      log.error('wechat message failed', { error: err instanceof Error ? err.message : String(err) });
      return { text: FAILED };
    }
  }

  /**
   * A WeChat retry that reached another process may hold the same answer: the database decides which request sends it.
   * When it cannot be asked, the answer goes anyway: twice is better than never.
   */
  async function claim(messageId: string, outcome: Outcome): Promise<boolean> {
    if (!outcome?.text) return true;
    try {
      return await runtime.replyClaims.claim(OA_CHANNEL, messageId);
    } catch (err) {
      log.warn('wechat reply claim failed; answering anyway', { error: err instanceof Error ? err.message : String(err) });
      return true;
    }
  }

  async function late(openId: string, outcome: Outcome): Promise<void> {
    if (!outcome?.text) return;
    if (!(await push(openId, outcome.text))) await keepForPickup(openId, outcome.text);
  }

  function verifyQuery(c: Context): { timestamp: string; nonce: string } {
    const { signature, timestamp = '', nonce = '' } = c.req.query();
    if (!timestamp || !nonce || !signatureMatches(wechatSignature(conf!.token, timestamp, nonce), signature)) {
      throw new AppError('unauthorized', 'the WeChat signature does not match');
    }
    // A signature never expires by itself: without a window, a request captured in 2010 would still be processed.
    const skew = Math.abs(Math.floor(runtime.clock().getTime() / 1000) - Number(timestamp));
    if (!/^\d{1,12}$/.test(timestamp) || !(skew <= TIMESTAMP_WINDOW_S)) {
      throw new AppError('forbidden', `请求时间戳超出允许范围（±${TIMESTAMP_WINDOW_S} 秒），请检查服务器时钟`, 'timestamp');
    }
    return { timestamp, nonce };
  }

  /**
   * In plain mode the signature covers only (token, timestamp, nonce), not the body, so a captured pair could carry any
   * message. The first body seen with a pair is the only one it may carry; the same body again is WeChat's own retry.
   */
  async function refuseReplay(timestamp: string, nonce: string, raw: string): Promise<void> {
    const digest = createHash('sha256').update(raw).digest('base64url');
    if ((await runtime.wechatNonces.remember(Number(timestamp), nonce, digest)) === 'replay') {
      throw new AppError('forbidden', '这个签名（timestamp、nonce）已经用过，请求被拒绝', 'nonce');
    }
  }

  const routes = new Hono();

  routes.get('/', (c) => {
    verifyQuery(c);
    return c.text(c.req.query('echostr') ?? '');
  });

  routes.post(
    '/',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError('payload_too_large', 'the message body is larger than 64 KB');
      },
    }),
    async (c) => {
      const { timestamp, nonce } = verifyQuery(c);
      const raw = await c.req.text();
      await refuseReplay(timestamp, nonce, raw);
      const encrypted = c.req.query('encrypt_type') === 'aes';
      let xml = raw;
      if (encrypted) {
        if (!cipher) throw new AppError('bad_request', 'safe mode needs WECHAT_AES_KEY and WECHAT_APPID');
        const envelope = parseWechatXml(raw);
        const encrypt = typeof envelope.Encrypt === 'string' ? envelope.Encrypt : '';
        if (!encrypt || !signatureMatches(wechatSignature(conf.token, timestamp, nonce, encrypt), c.req.query('msg_signature'))) {
          throw new AppError('unauthorized', 'the WeChat msg_signature does not match');
        }
        try {
          xml = cipher.decrypt(encrypt);
        } catch (err) {
          if (err instanceof WechatCryptoError) throw new AppError('bad_request', err.message);
          throw err;
        }
      }
      const msg = readWechatMessage(xml);
      const openId = msg.FromUserName;
      const recent = locations.get(openId);
      const action = toAction(msg, recent && Date.now() - recent.at < LOCATION_TTL_MS ? recent.point : undefined);

      let outcome: Outcome;
      if (action.kind === 'ignore') outcome = undefined;
      else if (action.kind === 'remember-location') {
        if (locations.size > 50_000) locations.clear();
        locations.set(openId, { point: action.location, at: Date.now() });
        outcome = undefined;
      } else if (action.kind === 'reply') outcome = { text: action.text };
      else {
        const key = `${openId}\u0000${action.messageId}`;
        const answer = await window.answer(
          key,
          conf.replyBudgetMs,
          () => work(openId, action),
          (o) => late(openId, o),
          {
            keepAlive: (pending) => keepAlive(c, pending),
            claim: (o) => claim(action.messageId, o),
          },
        );
        if (answer.kind === 'reply') outcome = answer.outcome;
        // Unverified accounts cannot push: say so now, and keep the answer for the follower's next message.
        else if (answer.kind === 'later' && !api) outcome = { text: SLOW_NO_PUSH };
        else outcome = undefined;
      }
      if (!outcome?.text) return c.text('success');

      const [first = '', ...rest] = splitByBytes(outcome.text, MAX_TEXT_BYTES);
      if (rest.length) keepAlive(c, late(openId, { text: rest.join('\n') }));
      const reply = textReplyXml(openId, msg.ToUserName, first, new Date());
      if (!encrypted || !cipher) return c.body(reply, 200, { 'content-type': 'application/xml; charset=utf-8' });
      const replyNonce = Math.random().toString(36).slice(2, 12);
      const replyTimestamp = String(Math.floor(Date.now() / 1000));
      const sealed = cipher.encrypt(reply);
      const envelope = encryptedEnvelopeXml(sealed, wechatSignature(conf.token, replyTimestamp, replyNonce, sealed), replyTimestamp, replyNonce);
      return c.body(envelope, 200, { 'content-type': 'application/xml; charset=utf-8' });
    },
  );

  return { routes, api, push };
}
