// The gateway's two ways to reach the engine: in this process, or over the HTTP chat API of a running nuanxin server.
import { z } from 'zod';
import type { Reply } from '../../core/types.js';
import type { Engine } from '../../core/engine.js';
import { WECHATY_CHANNEL, type GatewayPort } from './bot.js';
import { withoutUnsafeText } from '../../http/text-guard.js';

export function inProcessPort(runtime: { engine: Pick<Engine, 'handle'> }): GatewayPort {
  return {
    async handle(input) {
      const result = await runtime.engine.handle({ channel: WECHATY_CHANNEL, render: 'text', ...input });
      return { replies: result.replies };
    },
  };
}

/** Identities on the HTTP API are namespaced so they never collide with other gateways' users. */
export const httpUserId = (contactId: string) => `wechaty:${contactId}`.slice(0, 128);

const replySchema = z.object({ replies: z.array(z.object({ text: z.string() }).loose()) });
const updatesSchema = z.object({ updates: z.array(z.object({ id: z.number(), text: z.string(), createdAt: z.string() }).loose()), next: z.number() });

export class GatewayHttpError extends Error {
  constructor(readonly status: number) {
    super(`nuanxin answered HTTP ${status}`);
    this.name = 'GatewayHttpError';
  }
}

export function httpPort(
  baseUrl: string,
  apiKey: string | undefined,
): GatewayPort & {
  updates(contactId: string, after: number): Promise<{ updates: { id: number; text: string; createdAt: string }[]; next: number }>;
} {
  const root = baseUrl.replace(/\/$/, '');
  const headers = { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
  return {
    async handle(input) {
      const res = await fetch(`${root}/api/chat`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          userId: httpUserId(input.externalUserId),
          text: withoutUnsafeText(input.text),
          messageId: `wechaty:${input.messageId}`.slice(0, 128),
          ...(input.location ? { location: input.location } : {}),
        }),
        signal: AbortSignal.timeout(30_000),
      });
      if (!res.ok) throw new GatewayHttpError(res.status);
      return { replies: replySchema.parse(await res.json()).replies as Reply[] };
    },
    async updates(contactId, after) {
      const q = new URLSearchParams({ userId: httpUserId(contactId), after: String(after) });
      const res = await fetch(`${root}/api/chat/updates?${q}`, { headers, signal: AbortSignal.timeout(15_000) });
      if (!res.ok) throw new GatewayHttpError(res.status);
      return updatesSchema.parse(await res.json());
    },
  };
}
