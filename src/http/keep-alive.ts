// Work that must outlive its response (WeChat's late replies): handed to the Worker's waitUntil, so the isolate is not cut off.
import type { Context } from 'hono';

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
