// Starts the Node server: opens the database, builds the runtime and app, listens, and shuts down cleanly.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { startPushDispatchers } from './channels/push-dispatchers.js';
import type { Config } from './config.js';
import { createPrometheusMetrics } from './http/prometheus-metrics.js';
import { openStreamCount } from './http/keep-alive.js';
import { createLogger, type Logger } from './log.js';
import { createRuntime, type Runtime } from './runtime.js';
import { openConfiguredDatabase } from './open-database.js';
import { ensureDemoAccount } from './staff/demo-account.js';

export interface RunningServer {
  url: string;
  port: number;
  runtime: Runtime;
  /** Set only on the first start of an embedded database: the demo console login, to print once. */
  demoLogin?: { username: string; password: string };
  stop(): Promise<void>;
}

/** How long stop() waits for running turns to answer; main.ts ends the process 9 s after SIGTERM whatever happens. */
const DRAIN_MS = 6_000;

/** Responses still being worked on: started, headers not yet sent (an event stream has sent its headers and never drains). */
function trackResponses(server: ReturnType<typeof serve>) {
  const open = new Set<ServerResponse>();
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.once('close', () => open.delete(res));
  });
  return {
    async drained(limitMs: number): Promise<void> {
      const until = Date.now() + limitMs;
      while (Date.now() < until && [...open].some((res) => !res.headersSent)) await new Promise((r) => setTimeout(r, 25));
    },
  };
}

export async function startServer(
  config: Config,
  /** `opening`: the configured database, already being opened (main.ts starts it while the server's modules load). */
  opts: { log?: Logger; drainMs?: number; opening?: ReturnType<typeof openConfiguredDatabase> } = {},
): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config.logLevel);
  // Milliseconds since the process started at the end of each phase, logged at LOG_LEVEL=debug.
  const phases: Record<string, number> = { modulesLoaded: Math.round(performance.now()) };
  const { database, release } = await (opts.opening ?? openConfiguredDatabase(config));
  phases.databaseOpen = Math.round(performance.now());
  const metrics = createPrometheusMetrics();
  let runtime: Runtime;
  try {
    runtime = await createRuntime({ config, database, log, backgroundTimers: true, metrics, metricsExposition: metrics });
  } catch (err) {
    await database.close();
    release();
    throw err;
  }
  phases.runtimeBuilt = Math.round(performance.now());
  // Only the embedded default gets a demo account: a PostgreSQL install creates accounts with `npm run staff:add`.
  const demoLogin = config.databaseUrl ? undefined : await ensureDemoAccount(runtime.staff.store);
  const { outbox } = runtime;
  metrics.watch({ sseClients: openStreamCount, outboxBacklog: () => outbox.backlog() });
  const app = createApp(runtime);
  const workers = startPushDispatchers(runtime);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolveListen, reject) => {
    server.once('listening', () => resolveListen());
    server.once('error', reject);
  });
  phases.listening = Math.round(performance.now());
  log.debug('server start phases (ms since the process started)', phases);
  const inFlight = trackResponses(server);
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    runtime,
    ...(demoLogin ? { demoLogin } : {}),
    stop() {
      stopping ??= (async () => {
        // Stop accepting, let the turns already running answer, then cut what is left (event streams never end by themselves).
        const closed = new Promise<void>((done) => server.close(() => done()));
        const http = server as unknown as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        http.closeIdleConnections?.();
        await inFlight.drained(opts.drainMs ?? DRAIN_MS);
        http.closeAllConnections?.();
        await closed;
        workers.stop();
        await runtime.stop();
        await database.close();
        release();
      })();
      return stopping;
    },
  };
}
