// Reads WeChat XML (entities and DOCTYPE refused) into a validated message, and writes passive replies.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { refuseUnsafeText } from '../../http/text-guard.js';

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignoreAttributes: true,
  // MsgId is a 64-bit number: keep every value as the exact string WeChat sent.
  parseTagValue: false,
  trimValues: true,
});

const field = z.string().max(4096).optional();
/** The body limit (64 KB) bounds it; a long text gets a polite answer (inbound.ts), never a 400 that WeChat would retry. */
const content = z.string().optional();

export const wechatMessageSchema = z.object({
  ToUserName: z.string().min(1).max(128),
  FromUserName: z.string().min(1).max(128),
  CreateTime: z.string().regex(/^\d{1,12}$/),
  MsgType: z.string().min(1).max(32),
  MsgId: z
    .string()
    .regex(/^\d{1,24}$/)
    .optional(),
  Content: content,
  MediaId: field,
  Format: field,
  Recognition: field,
  Location_X: field,
  Location_Y: field,
  Scale: field,
  Label: field,
  Event: field,
  EventKey: field,
  Latitude: field,
  Longitude: field,
});

export type WechatMessage = z.infer<typeof wechatMessageSchema>;

/** Parses one `<xml>` document into flat string fields; malformed or hostile input is a 400, never a crash. */
export function parseWechatXml(xml: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new AppError('bad_request', 'XML with a DOCTYPE or entity declarations is refused');
  if (XMLValidator.validate(xml) !== true) throw new AppError('bad_request', 'the body is not well-formed XML');
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    throw new AppError('bad_request', 'the body is not well-formed XML');
  }
  const root = (doc as { xml?: unknown }).xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new AppError('bad_request', 'expected an <xml> document');
  const flat: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(root)) if (typeof v === 'string') flat[k] = v;
  return flat;
}

export function readWechatMessage(xml: string): WechatMessage {
  const fields = parseWechatXml(xml);
  // XML 1.0 cannot carry NUL or most controls, so WeChat never sends them: such a message is forged, and no id in it is echoed.
  refuseUnsafeText(fields);
  const parsed = wechatMessageSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('bad_request', `message field ${issue?.path.join('.') ?? ''} is invalid`);
  }
  return parsed.data;
}

function cdata(value: string): string {
  return `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

export function textReplyXml(to: string, from: string, content: string, now: Date): string {
  return `<xml><ToUserName>${cdata(to)}</ToUserName><FromUserName>${cdata(from)}</FromUserName><CreateTime>${Math.floor(now.getTime() / 1000)}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(content)}</Content></xml>`;
}

export function encryptedEnvelopeXml(encrypt: string, signature: string, timestamp: string, nonce: string): string {
  return `<xml><Encrypt>${cdata(encrypt)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`;
}
