// Entry point for `npm start`: reads the configuration, starts the server and stops it cleanly on SIGINT/SIGTERM.
import { readConfigOrExit } from './config.js';
import { createLogger } from './log.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const log = createLogger(config.logLevel);
  const server = await startServer(config, { log });
  const store = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  process.stdout.write(
    [
      `nuanxin is running on ${store}, ${config.llm ? `model ${config.llm.chatModel}` : 'offline (no model key)'}`,
      `  health:   ${server.url}/healthz`,
      `  console:  ${server.url}/staff`,
      ...(server.demoLogin
        ? [`  first start: demo console login (shown once) — username ${server.demoLogin.username}, password ${server.demoLogin.password}`]
        : []),
      `  chat API: curl -s ${server.url}/api/chat -H 'content-type: application/json' -d '{"userId":"u1","text":"你好"}'`,
      '',
    ].join('\n'),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info('shutting down', { signal });
      server.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          log.error('shutdown failed', { error: err instanceof Error ? err.message : String(err) });
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`nuanxin failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
