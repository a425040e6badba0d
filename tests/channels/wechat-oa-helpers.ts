// Builds WeChat webhook requests the way the platform does: signed query strings, message XML, safe-mode envelopes.
import type { Hono } from 'hono';
import { createWechatCipher, wechatSignature } from '../../src/channels/wechat-oa/crypto.js';
import { parseWechatXml } from '../../src/channels/wechat-oa/xml.js';

export const TOKEN = 'nuanxinToken123';
export const APPID = 'wx1234567890abcdef';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const OPENID = 'oDRIVER_openid_0001';
export const OA = 'gh_nuanxin0001';

export function messageXml(fields: Record<string, string | number>): string {
  const base = { ToUserName: OA, FromUserName: OPENID, CreateTime: 1_760_000_000, ...fields };
  const body = Object.entries(base)
    .map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`))
    .join('');
  return `<xml>${body}</xml>`;
}

/** Now, as WeChat stamps its requests (the webhook refuses timestamps more than 5 minutes away). */
export const nowTimestamp = () => String(Math.floor(Date.now() / 1000));
/** A fresh nonce per request, as WeChat sends; a pair reused with another body is refused as a replay. */
export const freshNonce = () => String(Math.floor(Math.random() * 1e10));

export function signedQuery(extra: Record<string, string> = {}, timestamp = nowTimestamp(), nonce = freshNonce()): string {
  const q = new URLSearchParams({ signature: wechatSignature(TOKEN, timestamp, nonce), timestamp, nonce, openid: OPENID, ...extra });
  return q.toString();
}

export async function postPlain(app: Hono, xml: string, query = signedQuery()): Promise<{ status: number; text: string; content?: string }> {
  const res = await app.request(`/wechat/oa?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
  const text = await res.text();
  let content: string | undefined;
  if (text.startsWith('<xml>')) content = parseWechatXml(text).Content as string;
  return { status: res.status, text, content };
}

export async function postEncrypted(app: Hono, xml: string): Promise<{ status: number; text: string; content?: string; envelopeOk?: boolean }> {
  const cipher = createWechatCipher(AES_KEY, APPID);
  const timestamp = nowTimestamp();
  const nonce = freshNonce();
  const encrypt = cipher.encrypt(xml);
  const query = signedQuery({ encrypt_type: 'aes', msg_signature: wechatSignature(TOKEN, timestamp, nonce, encrypt) }, timestamp, nonce);
  const res = await app.request(`/wechat/oa?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: `<xml><ToUserName><![CDATA[${OA}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
  });
  const text = await res.text();
  if (!text.startsWith('<xml>')) return { status: res.status, text };
  const envelope = parseWechatXml(text);
  const sealed = String(envelope.Encrypt);
  const envelopeOk = wechatSignature(TOKEN, String(envelope.TimeStamp), String(envelope.Nonce), sealed) === envelope.MsgSignature;
  const inner = parseWechatXml(cipher.decrypt(sealed));
  return { status: res.status, text, content: String(inner.Content), envelopeOk };
}
