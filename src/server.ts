// Starts the Node server: opens the database, builds the runtime and app, listens, and shuts down cleanly.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { startChannelWorkers } from './channels/workers.js';
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

export async function startServer(config: Config, opts: { log?: Logger } = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config.logLevel);
  const { database, release } = await openConfiguredDatabase(config);
  const metrics = createPrometheusMetrics();
  let runtime: Runtime;
  try {
    runtime = await createRuntime({ config, database, log, backgroundTimers: true, metrics, metricsExposition: metrics });
  } catch (err) {
    await database.close();
    release();
    throw err;
  }
  // Only the embedded default gets a demo account: a PostgreSQL install creates accounts with `npm run staff:add`.
  const demoLogin = config.databaseUrl ? undefined : await ensureDemoAccount(runtime.staff.store);
  const { outbox } = runtime;
  metrics.watch({ sseClients: openStreamCount, outboxBacklog: () => outbox.backlog() });
  const app = createApp(runtime);
  const workers = startChannelWorkers(runtime);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolveListen, reject) => {
    server.once('listening', () => resolveListen());
    server.once('error', reject);
  });
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
        await new Promise<void>((done) => {
          server.close(() => done());
          // Long-lived streams would hold close() open forever.
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        workers.stop();
        await runtime.stop();
        await database.close();
        release();
      })();
      return stopping;
    },
  };
}
