// Voice routes: Twilio (/voice/twilio), a generic JSON turn for other telephony gateways (/voice/turn) and speech synthesis (/voice/tts).
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { requireBearer } from '../../http/bearer.js';
import { jsonBodyLimit, readJson } from '../../http/json-body.js';
import type { Config } from '../../config.js';
import type { TextToSpeech } from '../../llm/speech.js';
import { spellNumbers } from './speakable.js';
import { twilioRoutes, type TwilioDeps } from './twilio.js';
import { createVoiceTurns, type VoiceTurnDeps } from './voice-turn.js';

const turnSchema = z.object({
  callId: z.string().min(1).max(128),
  transcript: z.string().max(2000),
  /** The caller's number, so one driver keeps one conversation across calls. */
  caller: z.string().min(1).max(64).optional(),
  turnId: z.string().min(1).max(128).optional(),
});

const ttsSchema = z.object({ text: z.string().min(1).max(500) });

/** What the voice channel uses of the runtime. */
export interface VoiceChannelDeps extends VoiceTurnDeps, TwilioDeps {
  config: Pick<Config, 'twilio' | 'chatApiKey'>;
  speech: { tts: TextToSpeech | undefined };
}

export function voiceRoutes(runtime: VoiceChannelDeps): Hono {
  const app = new Hono();
  const turns = createVoiceTurns(runtime);
  if (runtime.config.twilio) app.route('/twilio', twilioRoutes(runtime, turns, runtime.config.twilio.authToken));

  const gateway = new Hono();
  const auth = requireBearer(runtime.config.chatApiKey);
  gateway.post('/turn', auth, jsonBodyLimit(), async (c) => {
    const body = await readJson(c, turnSchema);
    const out = await turns.turn({
      externalUserId: body.caller ?? body.callId,
      callId: body.callId,
      transcript: body.transcript,
      ...(body.turnId ? { messageId: `${body.callId}:${body.turnId}` } : {}),
    });
    return c.json(out);
  });
  gateway.post('/tts', auth, jsonBodyLimit(), async (c) => {
    const tts = runtime.speech.tts;
    if (!tts) throw new AppError('not_found', 'speech synthesis is not configured (set TTS_MODEL)');
    const body = await readJson(c, ttsSchema);
    const { audio, contentType } = await tts.synthesize(spellNumbers(body.text));
    return c.body(audio as Uint8Array<ArrayBuffer>, 200, { 'content-type': contentType });
  });
  app.route('/', gateway);
  return app;
}
