// The public chat API (/api/chat): a fixed contract that gateways, the CLI, evals and tests drive the assistant through.
import { Hono } from 'hono';
import { keptStreamSSE } from '../../http/keep-alive.js';
import type { OutboxItem } from '../../core/ports.js';
import { requireBearer } from '../../http/bearer.js';
import { jsonBodyLimit, readJson, validate } from '../../http/json-body.js';
import type { Runtime } from '../../runtime.js';
import { chatRequestSchema, updatesQuerySchema } from './chat-schema.js';

/** How often an open stream also reads the outbox, for updates other processes wrote; in-process updates arrive at once. */
const STREAM_POLL_MS = 5000;

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
    return keptStreamSSE(c, async (stream) => {
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
      // The backlog is out and the subscription live: a client may now rely on receiving every later update.
      await stream.writeSSE({ event: 'ready', data: '' });
      while (!stream.aborted) {
        let polled = false;
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(() => {
            polled = true;
            resolve();
          }, STREAM_POLL_MS);
        });
        wake = undefined;
        if (!driverId) {
          // The driver may write their first message after opening the stream.
          driverId = await runtime.conversations.findDriver(API_CHANNEL, query.userId);
          if (driverId) unsubscribe = attach(driverId);
        }
        while (pending.length) await send(pending.shift() as OutboxItem);
        // Replies written by another server process or Worker isolate never reach this process's notifier.
        if (polled && driverId && !stream.aborted) for (const item of await runtime.outbox.listSince(driverId, cursor, 200)) await send(item);
        if (!stream.aborted) await stream.writeSSE({ event: 'ping', data: '' });
      }
    });
  });

  return app;
}
