// Twilio phone calls (POST /voice/twilio): signed webhook in, TwiML out: <Gather input="speech"> in Mandarin around each answer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { validate } from '../../http/json-body.js';
import { spellNumbers } from './speakable.js';
import type { VoiceTurns } from './voice-turn.js';

/** Twilio's scheme: base64(HMAC-SHA1(auth token, full URL + every POST parameter name and value, sorted by name)). */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

function sameSignature(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const callSchema = z.object({
  CallSid: z.string().min(1).max(64),
  From: z.string().max(64).optional(),
  SpeechResult: z.string().max(2000).optional(),
});

const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] as string);

const GREETING = '您好，这里是暖心助手。请说您的问题，比如附近哪里可以洗澡，或者老板欠运费怎么办。';

function twiml(speech: string, opts: { hangup: boolean; action: string }): string {
  const sayTag = `<Say language="cmn-CN">${escapeXml(speech)}</Say>`;
  if (opts.hangup) return `<?xml version="1.0" encoding="UTF-8"?><Response>${sayTag}<Hangup/></Response>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><Response>` +
    `<Gather input="speech" language="cmn-Hans-CN" speechTimeout="auto" action="${escapeXml(opts.action)}" method="POST">${sayTag}</Gather>` +
    `<Say language="cmn-CN">${escapeXml(spellNumbers('没听到您说话。需要帮助请再打过来，或拨打12328。再见。'))}</Say><Hangup/></Response>`
  );
}

/** What the Twilio webhook uses of the runtime. */
export interface TwilioDeps {
  config: Pick<Config, 'twilio'>;
  log: Logger;
}

export function twilioRoutes(runtime: TwilioDeps, turns: VoiceTurns, authToken: string): Hono {
  const app = new Hono();
  app.post(
    '/',
    bodyLimit({
      maxSize: 32 * 1024,
      onError: () => {
        throw new AppError('payload_too_large', 'request body is larger than 32 KB');
      },
    }),
    async (c) => {
      const form = new URLSearchParams(await c.req.text());
      const params = Object.fromEntries(form.entries());
      const requested = new URL(c.req.url);
      const base = runtime.config.twilio?.publicBaseUrl;
      // Behind a proxy the server sees its own URL; Twilio signs the public one.
      const signedUrl = base ? `${base.replace(/\/$/, '')}${requested.pathname}${requested.search}` : requested.toString();
      if (!sameSignature(twilioSignature(authToken, signedUrl, params), c.req.header('x-twilio-signature'))) {
        throw new AppError('forbidden', 'the Twilio signature does not match');
      }
      const call = validate(callSchema, params);
      const action = requested.pathname;
      const reply = (body: string) => c.body(body, 200, { 'content-type': 'text/xml; charset=utf-8' });
      if (call.SpeechResult === undefined) return reply(twiml(GREETING, { hangup: false, action }));
      try {
        const out = await turns.turn({ externalUserId: call.From || call.CallSid, callId: call.CallSid, transcript: call.SpeechResult });
        return reply(twiml(out.speech, { hangup: out.hangup, action }));
      } catch (err) {
        runtime.log.error('voice turn failed', { error: err instanceof Error ? err.message : String(err) });
        return reply(twiml(spellNumbers('抱歉，系统出了点问题。请稍后再打，急事请拨打12328。'), { hangup: true, action }));
      }
    },
  );
  return app;
}
