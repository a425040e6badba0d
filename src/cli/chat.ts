// `npm run chat`: a terminal chat with the same engine, in process on the configured database or over HTTP with NUANXIN_URL.
import { createInterface } from 'node:readline/promises';
import { readConfigOrExit, type Config } from '../config.js';
import type { Reply } from '../core/types.js';
import { createRuntime } from '../runtime.js';
import { openConfiguredDatabase } from '../open-database.js';

type Send = (text: string) => Promise<{ intent: string; replies: Reply[] }>;

async function connect(config: Config, userId: string): Promise<{ send: Send; close: () => Promise<void>; where: string }> {
  if (config.nuanxinUrl) {
    const url = new URL('/api/chat', config.nuanxinUrl).toString();
    return {
      where: config.nuanxinUrl,
      close: async () => undefined,
      async send(text) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(config.chatApiKey ? { authorization: `Bearer ${config.chatApiKey}` } : {}) },
          body: JSON.stringify({ userId, text }),
        });
        const body = (await res.json()) as { intent: string; replies: Reply[]; error?: { message: string } };
        if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
        return body;
      },
    };
  }
  const { database, release } = await openConfiguredDatabase(config);
  const runtime = await createRuntime({ config, database });
  return {
    where: config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`,
    async close() {
      await runtime.stop();
      await database.close();
      release();
    },
    send: (text) => runtime.engine.handle({ channel: 'cli', externalUserId: userId, text, render: 'text' }),
  };
}

function show(reply: Reply): string {
  const lines = [reply.text];
  for (const c of reply.citations ?? []) lines.push(`  [来源] ${c.title}${c.source ? ` — ${c.source}` : ''}`);
  if (reply.caseId) lines.push(`  [诉求编号] ${reply.caseId}`);
  if (reply.quickReplies?.length) lines.push(`  [可以说] ${reply.quickReplies.join(' / ')}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const userId = process.argv[2] ?? 'terminal';
  const session = await connect(config, userId);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  process.stdout.write(`暖心助手 (${session.where}) — 输入问题，回车发送；输入 /quit 退出。\n`);
  rl.setPrompt('你> ');
  rl.prompt();
  try {
    // Iterating the interface (rather than question()) keeps lines that arrive while a turn is still running.
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === '/quit' || line === '/exit') break;
      if (line) {
        try {
          const turn = await session.send(line);
          for (const reply of turn.replies) process.stdout.write(`暖心> ${show(reply)}\n`);
        } catch (err) {
          process.stdout.write(`(出错了: ${err instanceof Error ? err.message : String(err)})\n`);
        }
      }
      rl.prompt();
    }
  } finally {
    rl.close();
    await session.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`chat failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
