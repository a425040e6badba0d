// One driver's outbox as server-sent events (staff replies, case updates, callback questions), shared by the API and web channels.
import type { SSEStreamingApi } from 'hono/streaming';
import type { OutboxItem } from '../../core/ports.js';

/** What a stream needs to read one driver's outbox: found by a channel identity, live in this process, and in the store. */
export interface OutboxSource {
  /** The driver behind the stream's channel identity; undefined until their first message creates them. */
  findDriver(): Promise<string | undefined>;
  subscribe(driverId: string, listener: (item: OutboxItem) => void): () => void;
  listSince(driverId: string, afterId: number, limit: number): Promise<OutboxItem[]>;
}

export interface OutboxStreamOptions {
  /** The last item id the client already has (Last-Event-ID or ?after=). */
  after: number;
  /** Items this channel shows; the others advance the cursor silently. */
  shows?: (item: OutboxItem) => boolean;
  /** Runs once an item was written to the client (the web channel marks it delivered). */
  delivered?: (item: OutboxItem) => Promise<void>;
  /** How often the store is read again, for updates other processes or Worker isolates wrote (in-process ones arrive at once). */
  pollMs?: number;
  /** How often a stream whose driver does not exist yet looks again. */
  lookupMs?: number;
  /** A comment-free `ping` event at least this often keeps proxies from closing an idle stream. */
  pingMs?: number;
}

const BACKLOG_LIMIT = 200;

/** The item as clients receive it. */
export function toUpdate(item: OutboxItem) {
  return { id: item.id, kind: item.kind, text: item.text, payload: item.payload ?? undefined, createdAt: item.createdAt.toISOString() };
}

/**
 * Sends the backlog, then `ready` (from then on every later update is delivered), then each update as it happens, until the
 * client goes away. Items are sent once, in id order, whichever path (notifier or store) brings them first.
 */
export async function streamOutbox(stream: SSEStreamingApi, source: OutboxSource, opts: OutboxStreamOptions): Promise<void> {
  const pollMs = opts.pollMs ?? 5_000;
  const lookupMs = opts.lookupMs ?? 2_000;
  const pingMs = opts.pingMs ?? 15_000;
  let cursor = Number.isSafeInteger(opts.after) && opts.after > 0 ? opts.after : 0;
  const pending: OutboxItem[] = [];
  let wake: (() => void) | undefined;
  let unsubscribe: (() => void) | undefined;
  let driverId: string | undefined;

  const send = async (item: OutboxItem) => {
    if (item.id <= cursor) return;
    cursor = item.id;
    if (opts.shows && !opts.shows(item)) return;
    await stream.writeSSE({ id: String(item.id), event: 'update', data: JSON.stringify(toUpdate(item)) });
    await opts.delivered?.(item);
  };
  const attach = async () => {
    driverId = await source.findDriver();
    if (!driverId || stream.aborted) return;
    unsubscribe = source.subscribe(driverId, (item) => {
      pending.push(item);
      wake?.();
    });
    for (const item of await source.listSince(driverId, cursor, BACKLOG_LIMIT)) await send(item);
  };

  stream.onAbort(() => {
    unsubscribe?.();
    wake?.();
  });
  await attach();
  await stream.writeSSE({ event: 'ready', data: '' });
  let lastPing = Date.now();
  while (!stream.aborted) {
    let polled = false;
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(
        () => {
          polled = true;
          resolve();
        },
        driverId ? pollMs : lookupMs,
      );
    });
    wake = undefined;
    // The driver may write their first message after opening the stream.
    if (!driverId && !stream.aborted) await attach();
    while (pending.length) await send(pending.shift() as OutboxItem);
    if (polled && driverId && !stream.aborted) for (const item of await source.listSince(driverId, cursor, BACKLOG_LIMIT)) await send(item);
    if (!stream.aborted && Date.now() - lastPing >= pingMs) {
      await stream.writeSSE({ event: 'ping', data: '' });
      lastPing = Date.now();
    }
  }
}
