// Entry point for `npm start`: reads the configuration, starts the server and stops it cleanly on SIGINT/SIGTERM.
import { readConfigOrExit } from './config.js';
import { isDatabaseUnavailable } from './errors.js';
import { createLogger, guardStandardStreams, writeStandard } from './log.js';
import { openConfiguredDatabase } from './open-database.js';

/** A supervisor sends SIGKILL after ~10 s; stop first, leaving a margin for the exit itself. */
const SHUTDOWN_LIMIT_MS = 9_000;

async function main(): Promise<void> {
  const config = readConfigOrExit();
  // Before anything can write: a closed stdout/stderr must not become an uncaught exception.
  guardStandardStreams();
  const log = createLogger(config.logLevel);
  // A PostgreSQL restart can reject a promise nobody awaits (postgres.js loses the async stack: porsager/postgres#600);
  // the requests themselves already got a 503, so a lost connection must not take the server down. Anything else still does.
  process.on('unhandledRejection', (err: unknown) => {
    if (isDatabaseUnavailable(err)) {
      log.warn('database connection lost outside a request', { error: err instanceof Error ? err.message : String(err) });
      return;
    }
    log.error('unhandled rejection', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  });
  // The same for a connection error thrown from a socket callback rather than rejected.
  process.on('uncaughtException', (err: Error) => {
    if (isDatabaseUnavailable(err)) {
      log.warn('database connection lost outside a request', { error: err.message });
      return;
    }
    log.error('uncaught exception', { error: err.stack ?? err.message });
    process.exit(1);
  });
  // The database opens while the rest of the server loads: PGlite compiles its WebAssembly on other threads and waits on
  // files, and module loading fills those waits (a reopen's profile showed ~0.5 s of the main thread idle in sequence).
  const opening = openConfiguredDatabase(config);
  opening.catch(() => undefined); // awaited by startServer, which reports the failure
  const { startServer } = await import('./server.js');
  const server = await startServer(config, { log, opening });
  const store = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  writeStandard(
    process.stdout,
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
      // Whatever hangs (a stuck turn, a database that does not answer), the process ends within 10 seconds.
      setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS).unref();
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
  writeStandard(process.stderr, `nuanxin failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
