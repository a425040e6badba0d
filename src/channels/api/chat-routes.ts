// The public chat API (/api/chat): a fixed contract that gateways, the CLI, evals and tests drive the assistant through.
import { Hono } from 'hono';
import { keptStreamSSE } from '../../http/keep-alive.js';
import { streamOutbox, toUpdate } from '../shared/outbox-stream.js';
import { requireBearer } from '../../http/bearer.js';
import { jsonBodyLimit, readJson, validate } from '../../http/json-body.js';
import type { Config } from '../../config.js';
import type { Engine } from '../../core/engine.js';
import type { Notifier } from '../../core/notifier.js';
import type { DriverDirectory, OutboxItem, OutboxStore } from '../../core/ports.js';
import { chatRequestSchema, updatesQuerySchema } from './chat-schema.js';

/** How often an open stream also reads the outbox, for updates other processes wrote; in-process updates arrive at once. */
const STREAM_POLL_MS = 5000;

/** Identity namespace for users named by a trusted gateway. */
export const API_CHANNEL = 'api';

/** What the chat API uses of the runtime. */
export interface ChatApiDeps {
  config: Pick<Config, 'chatApiKey'>;
  engine: Pick<Engine, 'handle'>;
  conversations: Pick<DriverDirectory, 'findDriver'>;
  outbox: Pick<OutboxStore, 'listSince'>;
  updates: Pick<Notifier<OutboxItem>, 'subscribe'>;
}

export function chatRoutes(runtime: ChatApiDeps): Hono {
  const app = new Hono();
  app.use('*', requireBearer(runtime.config.chatApiKey));

  app.post('/', jsonBodyLimit(), async (c) => {
    const body = await readJson(c, chatRequestSchema);
    const result = await runtime.engine.handle({
      channel: API_CHANNEL,
      externalUserId: body.userId,
      text: body.text,
      location: body.location,
      render: body.channel === 'voice' ? 'voice' : 'text',
      transcript: body.channel === 'voice',
      messageId: body.messageId,
    });
    return c.json({ conversationId: result.conversationId, intent: result.intent, mode: result.mode, replies: result.replies });
  });

  app.get('/updates', async (c) => {
    const query = validate(updatesQuerySchema, c.req.query());
    const driverId = await runtime.conversations.findDriver(API_CHANNEL, query.userId);
    const items = driverId ? await runtime.outbox.listSince(driverId, query.after, query.limit) : [];
    const updates = items.map(toUpdate);
    return c.json({ updates, next: updates.at(-1)?.id ?? query.after });
  });

  app.get('/stream', async (c) => {
    const query = validate(updatesQuerySchema, c.req.query());
    const after = Number(c.req.header('last-event-id') ?? query.after) || 0;
    const source = {
      findDriver: () => runtime.conversations.findDriver(API_CHANNEL, query.userId),
      subscribe: runtime.updates.subscribe.bind(runtime.updates),
      listSince: runtime.outbox.listSince.bind(runtime.outbox),
    };
    return keptStreamSSE(c, (stream) =>
      streamOutbox(stream, source, { after, pollMs: STREAM_POLL_MS, lookupMs: STREAM_POLL_MS, pingMs: STREAM_POLL_MS }),
    );
  });

  return app;
}
