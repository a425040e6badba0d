// Driver web chat: the page (/), its chat and voice endpoints, and a live stream of staff replies, all keyed by the cookie identity.
import { Hono } from 'hono';
import { WEB_STATIC_FILES as STATIC } from '../../assets/assets.js';
import { bodyLimit } from 'hono/body-limit';
import { keptStreamSSE } from '../../http/keep-alive.js';
import { z } from 'zod';
import { streamOutbox } from '../shared/outbox-stream.js';
import { HOTLINES } from '../../core/hotlines.js';
import { AppError } from '../../errors.js';
import { jsonBodyLimit, readJson } from '../../http/json-body.js';
import type { Assets } from '../../assets/assets.js';
import type { Config } from '../../config.js';
import type { Engine } from '../../core/engine.js';
import type { Notifier } from '../../core/notifier.js';
import type { DriverDirectory, OutboxItem, OutboxStore } from '../../core/ports.js';
import type { SpeechToText } from '../../llm/speech.js';
import type { Logger } from '../../log.js';
import type { LearningLoop } from '../../knowledge/learning-loop.js';
import { locationSchema } from '../shared/location-schema.js';
import type { Reply } from '../../core/types.js';
import { answerAsHtml } from './answer-html.js';
import { createWebIdentity } from './identity.js';

export const WEB_CHANNEL = 'web';

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

const chatSchema = z.object({
  text: z
    .string()
    .max(2000)
    .refine((t) => t.trim().length > 0, '请输入内容'),
  location: locationSchema.optional(),
  messageId: z.string().min(1).max(128).optional(),
  transcript: z.boolean().optional(),
});

/** A 👎 under a bot answer names the driver's own message it answered (the id the page sent it with). */
const feedbackSchema = z.object({ messageId: z.string().min(1).max(128) });

/** What the driver web chat uses of the runtime. */
export interface WebChannelDeps {
  config: Pick<Config, 'speechMaxBytes'>;
  log: Logger;
  engine: Pick<Engine, 'handle'>;
  conversations: Pick<DriverDirectory, 'findDriver'>;
  outbox: Pick<OutboxStore, 'listSince' | 'markDelivered'>;
  updates: Pick<Notifier<OutboxItem>, 'subscribe'>;
  speech: { stt: SpeechToText | undefined };
  assets: Pick<Assets, 'webStatic'>;
  cookieSecret: string;
  /** Records a 👎 for the 未答问题 page. */
  learning: Pick<LearningLoop, 'thumbsDown'>;
}

export function webRoutes(runtime: WebChannelDeps): Hono {
  const app = new Hono();
  const files = runtime.assets.webStatic;
  const identity = createWebIdentity(runtime.cookieSecret);

  const page = (name: (typeof STATIC)[number]) =>
    app.get(name === 'index.html' ? '/' : `/static/${name}`, (c) =>
      c.body(files[name], 200, {
        'content-type': TYPES[name.split('.').pop() as string] as string,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        ...(name === 'index.html'
          ? {
              'content-security-policy':
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; media-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
              'x-frame-options': 'DENY',
              'referrer-policy': 'no-referrer',
              // The cookie is Secure exactly when the page came over HTTPS: keep the browser on HTTPS from then on.
              ...(new URL(c.req.url).protocol === 'https:' ? { 'strict-transport-security': 'max-age=31536000' } : {}),
            }
          : {}),
      }),
    );
  for (const name of STATIC) page(name);

  async function answer(userId: string, body: z.infer<typeof chatSchema>) {
    const result = await runtime.engine.handle({
      channel: WEB_CHANNEL,
      externalUserId: userId,
      text: body.text,
      render: 'text',
      ...(body.location ? { location: body.location } : {}),
      ...(body.messageId ? { messageId: body.messageId } : {}),
      ...(body.transcript ? { transcript: true } : {}),
    });
    return { mode: result.mode, intent: result.intent, replies: result.replies.map(forPage) };
  }

  /** The page shows a knowledge answer as server-escaped HTML; the structured form is not needed beside it. */
  function forPage(reply: Reply) {
    const { answer, ...rest } = reply;
    return answer ? { ...rest, html: answerAsHtml(answer) } : rest;
  }

  // What the page may offer: hold-to-talk only when speech recognition is configured.
  app.get('/web/features', (c) => c.json({ speechToText: Boolean(runtime.speech.stt) }, 200, { 'cache-control': 'no-store' }));

  app.post('/web/chat', jsonBodyLimit(), async (c) => {
    const body = await readJson(c, chatSchema);
    const userId = await identity.ensure(c);
    return c.json(await answer(userId, body));
  });

  // The answer did not help: its question goes to staff. Only this cookie's own messages can be named; a repeat is stored once.
  app.post('/web/feedback', jsonBodyLimit(), async (c) => {
    const body = await readJson(c, feedbackSchema);
    const userId = await identity.ensure(c);
    const result = await runtime.learning.thumbsDown(WEB_CHANNEL, userId, body.messageId);
    if (result === 'unknown-message') throw new AppError('not_found', '没有找到这条消息，可能已经过期');
    return c.json({ recorded: true, message: '收到，已转给工作人员补充答案' });
  });

  const maxAudio = runtime.config.speechMaxBytes;
  app.post(
    '/api/voice',
    bodyLimit({
      maxSize: maxAudio,
      onError: () => {
        throw new AppError('payload_too_large', `录音太长了，请说短一点（最多 ${Math.round(maxAudio / 1024 / 1024)} MB）`);
      },
    }),
    async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!/^audio\/[a-z0-9.+-]+$/.test(type))
        throw new AppError('unsupported_media_type', '请上传录音（audio/webm、audio/ogg、audio/mp4 或 audio/wav）');
      const stt = runtime.speech.stt;
      if (!stt) throw new AppError('unavailable', `语音识别暂未开通，请打字，或拨打${HOTLINES.transport}`);
      const audio = new Uint8Array(await c.req.arrayBuffer());
      if (!audio.byteLength) throw new AppError('bad_request', '没有收到录音，请按住按钮说话');
      const userId = await identity.ensure(c);
      const ext = type.split('/')[1]?.replace(/^x-/, '').split('+')[0] ?? 'webm';
      let transcript: string;
      try {
        transcript = await stt.transcribe(audio, { name: `voice.${ext === 'mpeg' ? 'mp3' : ext}`, type });
      } catch (err) {
        runtime.log.warn('web voice transcription failed', { error: err instanceof Error ? err.message : String(err) });
        throw new AppError('unavailable', '语音识别暂时出了问题，请打字，或稍后再试');
      }
      if (!transcript) return c.json({ transcript: '', mode: 'bot', replies: [{ text: '没听清，请再说一遍，或者打字告诉我。' }] });
      return c.json({ transcript, ...(await answer(userId, { text: transcript.slice(0, 2000), transcript: true })) });
    },
  );

  app.get('/web/stream', async (c) => {
    const userId = await identity.ensure(c);
    const after = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? 0);
    const source = {
      findDriver: () => runtime.conversations.findDriver(WEB_CHANNEL, userId),
      subscribe: runtime.updates.subscribe.bind(runtime.updates),
      listSince: runtime.outbox.listSince.bind(runtime.outbox),
    };
    return keptStreamSSE(c, (stream) =>
      streamOutbox(stream, source, {
        after,
        shows: (item) => item.channel === WEB_CHANNEL,
        delivered: (item) => runtime.outbox.markDelivered([item.id]),
      }),
    );
  });

  return app;
}
