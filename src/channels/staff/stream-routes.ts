// Live staff updates over server-sent events: the queue changed, and new messages of one conversation's transcript.
import { Hono } from 'hono';
import type { SSEStreamingApi } from 'hono/streaming';
import { keptStreamSSE } from '../../http/keep-alive.js';
import { validate } from '../../http/json-body.js';
import { STAFF_EVENTS_KEY, type StaffEvent } from '../../handoff/handoff-service.js';
import { afterQuery, idParam } from './api-schema.js';
import { actorOf, type StaffChannelDeps, type StaffEnv } from './session.js';

// Other server processes write to the same database without our in-process events: poll as a fallback.
const POLL_MS = 3000;

/** Waits for a relevant event or the poll interval; returns false once the client has gone. */
function waiter(runtime: StaffChannelDeps, stream: SSEStreamingApi, relevant: (e: StaffEvent) => boolean) {
  let wake: (() => void) | undefined;
  let dirty = false;
  const unsubscribe = runtime.staff.events.subscribe(STAFF_EVENTS_KEY, (e) => {
    if (!relevant(e)) return;
    dirty = true;
    wake?.();
  });
  stream.onAbort(() => {
    unsubscribe();
    wake?.();
  });
  return async (): Promise<{ event: boolean }> => {
    if (!dirty) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
    const event = dirty;
    dirty = false;
    return { event };
  };
}

export function streamRoutes(runtime: StaffChannelDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();

  /** Tells the inbox to refresh when a handoff in the staff member's region appears or changes. */
  app.get('/events', (c) => {
    const actor = actorOf(c);
    const sessionToken = c.get('session').id;
    // Open handoffs as this staff member sees them; a change another process made shows up here on the next poll.
    const openQueue = async () =>
      (await runtime.staff.console.queue(actor, { statuses: ['waiting', 'active'] }))
        .map((h) => `${h.id}:${h.status}:${h.claimedBy}:${h.escalatedTo}`)
        .join('|');
    return keptStreamSSE(c, async (stream) => {
      const next = waiter(runtime, stream, (e) => runtime.staff.access.canSee(actor.staff, e.regionCode));
      let ticks = 0;
      let seen = await openQueue();
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted) {
        let { event } = await next();
        if (stream.aborted) break;
        const now = await openQueue();
        event ||= now !== seen;
        seen = now;
        if (event) await stream.writeSSE({ event: 'queue', data: '{}' });
        // Re-check the session now and then so a stream does not outlive a logout or expiry.
        if (++ticks % 10 === 0 && !(await runtime.staff.store.findSession(sessionToken))) {
          await stream.writeSSE({ event: 'expired', data: '{}' });
          break;
        }
        if (!event) await stream.writeSSE({ event: 'ping', data: '' });
      }
    });
  });

  /** New transcript messages and handoff changes of one conversation. */
  app.get('/conversations/:id/stream', async (c) => {
    const { id } = validate(idParam, c.req.param());
    const actor = actorOf(c);
    const lastEventId = Number(c.req.header('last-event-id') ?? validate(afterQuery, c.req.query()).after) || 0;
    // Authorises (and audits a refusal) before the stream opens.
    await runtime.staff.console.transcriptSince(actor, id, Number.MAX_SAFE_INTEGER);
    return keptStreamSSE(c, async (stream) => {
      const next = waiter(runtime, stream, (e) => e.conversationId === id);
      let cursor = lastEventId;
      let handoffSignature = '';
      for (;;) {
        const messages = await runtime.staff.console.transcriptSince(actor, id, cursor).catch(() => undefined);
        if (!messages) {
          await stream.writeSSE({ event: 'expired', data: '{}' });
          break;
        }
        for (const m of messages) {
          cursor = m.id;
          await stream.writeSSE({ id: String(m.id), event: 'message', data: JSON.stringify(m) });
        }
        const view = await runtime.staff.console.conversation(actor, id).catch(() => undefined);
        const h = view?.open ?? view?.handoff;
        const signature = `${view?.conversation.mode}|${h?.id}|${h?.status}|${h?.claimedBy}|${h?.escalatedTo}|${h?.summary.length}`;
        if (signature !== handoffSignature) {
          if (handoffSignature)
            await stream.writeSSE({ event: 'handoff', data: JSON.stringify({ mode: view?.conversation.mode, handoff: h ?? null }) });
          handoffSignature = signature;
        }
        if (stream.aborted) break;
        await next();
        if (stream.aborted) break;
      }
    });
  });

  return app;
}
