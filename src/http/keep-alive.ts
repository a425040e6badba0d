// Work that must outlive its response (WeChat late replies, server-sent event streams): on Workers it is handed to waitUntil.
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';

/** On Workers the execution context keeps `work` alive and holds the request's database open; on Node the process goes on anyway. */
export function keepAlive(c: Context, work: Promise<unknown>): void {
  // Its failures are logged where they happen; here they must not become unhandled rejections.
  const guarded = work.catch(() => undefined);
  let ctx: { waitUntil(p: Promise<unknown>): void } | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    // Hono throws when the adapter gives no execution context, as @hono/node-server does.
    ctx = undefined;
  }
  ctx?.waitUntil(guarded);
}

let openStreams = 0;

/** Server-sent event streams open in this process now (the metrics' SSE client gauge). */
export const openStreamCount = (): number => openStreams;

/**
 * Server-sent events whose callback keeps running after the response headers are sent: on Workers the stream's lifetime is
 * registered with waitUntil too, so the request's database client stays open while the stream still reads from it.
 */
export function keptStreamSSE(c: Context, run: (stream: SSEStreamingApi) => Promise<void>): Response {
  let finished: () => void = () => undefined;
  keepAlive(c, new Promise<void>((resolve) => (finished = resolve)));
  return streamSSE(c, async (stream) => {
    openStreams += 1;
    try {
      await run(stream);
    } finally {
      openStreams -= 1;
      finished();
    }
  });
}
