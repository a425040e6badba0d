// WeChat server API: access token (fetched, cached, refreshed early and on rejection), customer-service messages, media download.
import type { Logger } from '../../log.js';

/** errcodes that mean the access token is stale: fetch a new one and try again. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** errcodes worth retrying later (system busy, rate limits). */
const TRANSIENT_ERRORS = new Set([-1, 45009, 45047]);

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(`WeChat API error ${errcode}: ${message}`);
    this.name = 'WechatApiError';
  }
  /** 45015: the driver has not written for 48 h, so customer-service messages are refused until they write again. */
  get outsideWindow(): boolean {
    return this.errcode === 45015;
  }
  get transient(): boolean {
    return TRANSIENT_ERRORS.has(this.errcode);
  }
}

export interface WechatApiClient {
  sendText(openId: string, content: string): Promise<void>;
  /** Downloads a temporary media file (a voice message's AMR/SPEEX audio). */
  downloadMedia(mediaId: string): Promise<{ data: Uint8Array; contentType: string }>;
}

export interface WechatApiOptions {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com, or a relay with a whitelisted address. */
  apiBaseUrl: string;
  log: Logger;
  clock?: () => number;
  /** Attempts for one call (token refresh does not count); waits double from `backoffMs`. */
  attempts?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function createWechatApiClient(opts: WechatApiOptions): WechatApiClient {
  const clock = opts.clock ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const attempts = opts.attempts ?? 4;
  const backoffMs = opts.backoffMs ?? 500;
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(force: boolean): Promise<string> {
    const res = await fetch(`${opts.apiBaseUrl}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: opts.appId, secret: opts.appSecret, force_refresh: force }),
    });
    if (!res.ok) throw new WechatApiError(-1, `token endpoint answered HTTP ${res.status}`);
    const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
    if (!body.access_token) throw new WechatApiError(body.errcode ?? -1, body.errmsg ?? 'no access_token');
    // Refresh five minutes early so a send never races the expiry.
    cached = { token: body.access_token, expiresAt: clock() + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }

  function token(force = false): Promise<string> {
    if (!force && cached && cached.expiresAt > clock()) return Promise.resolve(cached.token);
    // One refresh at a time, so a burst of sends does not burn the daily token quota.
    inflight ??= fetchToken(force).finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function withRetries<T>(what: string, call: (accessToken: string) => Promise<T>): Promise<T> {
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await call(await token());
      } catch (err) {
        if (err instanceof WechatApiError && TOKEN_ERRORS.has(err.errcode) && !refreshed) {
          refreshed = true;
          cached = undefined;
          await token(true);
          attempt--;
          continue;
        }
        const retry = !(err instanceof WechatApiError) || err.transient;
        if (!retry || attempt >= attempts) throw err;
        opts.log.warn('wechat api retry', { what, attempt, error: err instanceof Error ? err.message : String(err) });
        await sleep(backoffMs * 2 ** (attempt - 1));
      }
    }
  }

  return {
    async sendText(openId, content) {
      await withRetries('message/custom/send', async (accessToken) => {
        const res = await fetch(`${opts.apiBaseUrl}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(accessToken)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ touser: openId, msgtype: 'text', text: { content } }),
        });
        if (!res.ok) throw new WechatApiError(-1, `HTTP ${res.status}`);
        const body = (await res.json()) as { errcode?: number; errmsg?: string };
        if (body.errcode) throw new WechatApiError(body.errcode, body.errmsg ?? '');
      });
    },
    async downloadMedia(mediaId) {
      return withRetries('media/get', async (accessToken) => {
        const res = await fetch(
          `${opts.apiBaseUrl}/cgi-bin/media/get?access_token=${encodeURIComponent(accessToken)}&media_id=${encodeURIComponent(mediaId)}`,
        );
        if (!res.ok) throw new WechatApiError(-1, `HTTP ${res.status}`);
        const contentType = res.headers.get('content-type') ?? '';
        if (/json|text\/plain/.test(contentType)) {
          const body = (await res.json()) as { errcode?: number; errmsg?: string };
          throw new WechatApiError(body.errcode ?? -1, body.errmsg ?? 'no media');
        }
        return { data: new Uint8Array(await res.arrayBuffer()), contentType };
      });
    },
  };
}
