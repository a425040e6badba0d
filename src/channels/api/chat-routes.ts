// The public chat API (/api/chat): a fixed contract that gateways, the CLI, evals and tests drive the assistant through.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { OutboxItem } from '../../core/ports.js';
import { requireBearer } from '../../http/bearer.js';
import { jsonBodyLimit, readJson, validate } from '../../http/json-body.js';
import type { Runtime } from '../../runtime.js';
import { chatRequestSchema, updatesQuerySchema } from './chat-schema.js';

/** Identity namespace for users named by a trusted gateway. */
export const API_CHANNEL = 'api';

function toUpdate(item: OutboxItem) {
  return { id: item.id, kind: item.kind, text: item.text, payload: item.payload ?? undefined, createdAt: item.createdAt.toISOString() };
}

export function chatRoutes(runtime: Runtime): Hono {
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
    const lastEventId = Number(c.req.header('last-event-id') ?? query.after) || 0;
    return streamSSE(c, async (stream) => {
      let cursor = lastEventId;
      let driverId = await runtime.conversations.findDriver(API_CHANNEL, query.userId);
      const send = async (item: OutboxItem) => {
        if (item.id <= cursor) return;
        cursor = item.id;
        await stream.writeSSE({ id: String(item.id), event: 'update', data: JSON.stringify(toUpdate(item)) });
      };
      const pending: OutboxItem[] = [];
      let wake: (() => void) | undefined;
      const attach = (id: string) =>
        runtime.updates.subscribe(id, (item) => {
          pending.push(item);
          wake?.();
        });
      let unsubscribe = driverId ? attach(driverId) : undefined;
      stream.onAbort(() => {
        unsubscribe?.();
        wake?.();
      });
      if (driverId) for (const item of await runtime.outbox.listSince(driverId, cursor, 200)) await send(item);
      while (!stream.aborted) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 15_000);
        });
        wake = undefined;
        if (!driverId) {
          // The driver may write their first message after opening the stream.
          driverId = await runtime.conversations.findDriver(API_CHANNEL, query.userId);
          if (driverId) unsubscribe = attach(driverId);
        }
        while (pending.length) await send(pending.shift() as OutboxItem);
        if (!stream.aborted) await stream.writeSSE({ event: 'ping', data: '' });
      }
    });
  });

  return app;
}
