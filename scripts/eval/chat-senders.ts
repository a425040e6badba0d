// Ways to send eval questions to /api/chat: in-process over an in-memory PGlite, or to a running server by URL.
import { createApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime.js';
import { openDatabase } from '../../src/store/database.js';
import type { ChatResponse, EvalCase } from './eval-cases.js';

export interface ChatSender {
  send(c: EvalCase): Promise<ChatResponse>;
  close(): Promise<void>;
}

function body(c: EvalCase, run: string) {
  // One user per case, so no case sees another's conversation state.
  return JSON.stringify({ userId: `eval-${run}-${c.id}`, text: c.text, channel: c.channel, ...(c.location ? { location: c.location } : {}) });
}

async function read(res: Response): Promise<ChatResponse> {
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as ChatResponse;
}

/** The whole app in this process, offline: a fresh in-memory database and no model. */
export async function inProcessSender(env: Record<string, string> = { LOG_LEVEL: 'silent' }): Promise<ChatSender> {
  const database = await openDatabase({ kind: 'pglite' });
  const runtime = await createRuntime({ config: parseConfig(env), database });
  const app = createApp(runtime);
  const run = Date.now().toString(36);
  return {
    async send(c) {
      return read(await app.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(c, run) }));
    },
    async close() {
      await runtime.stop();
      await database.close();
    },
  };
}

export function httpSender(base: string, token?: string): ChatSender {
  const url = new URL('/api/chat', base).toString();
  const run = Date.now().toString(36);
  return {
    async send(c) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
      return read(await fetch(url, { method: 'POST', headers, body: body(c, run), signal: AbortSignal.timeout(30_000) }));
    },
    async close() {},
  };
}
