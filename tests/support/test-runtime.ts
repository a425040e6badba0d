// A runtime and app over a fresh test database (or a given one, as a second server process would share it), with a fixed configuration and no network.
import type { Hono } from 'hono';
import { createApp } from '../../src/app.js';
import { parseConfig, type Config } from '../../src/config.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import type { DatabaseHandle } from '../../src/store/database.js';
import type { StaffCases } from '../../src/staff/case-port.js';
import type { Metrics, MetricsExposition } from '../../src/core/metrics.js';
import { openTestDatabase } from './test-db.js';

export interface TestRuntime {
  runtime: Runtime;
  app: Hono;
  database: DatabaseHandle;
  /** A second runtime over the same database, as another server process or Worker isolate would be; close it before this one. */
  sibling(opts?: { env?: Record<string, string> }): Promise<TestRuntime>;
  /** POST /api/chat with a JSON body; returns status and parsed body. */
  chat(body: Record<string, unknown>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export interface TestRuntimeOptions {
  env?: Record<string, string>;
  clock?: () => Date;
  database?: DatabaseHandle;
  staffCases?: StaffCases;
  /** A metrics port (and its exposition for GET /metrics), as the Node server passes one. */
  metrics?: Metrics & MetricsExposition;
}

export async function createTestRuntime(opts: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const config: Config = parseConfig({ LOG_LEVEL: 'silent', ...opts.env });
  const database = opts.database ?? (await openTestDatabase());
  const ownsDatabase = !opts.database;
  const runtime = await createRuntime({
    config,
    database,
    clock: opts.clock,
    staffCases: opts.staffCases,
    metrics: opts.metrics,
    metricsExposition: opts.metrics,
  });
  const app = createApp(runtime);
  return {
    runtime,
    app,
    database,
    sibling: (more = {}) => createTestRuntime({ ...opts, env: { ...opts.env, ...more.env }, database }),
    async chat(body) {
      const res = await app.request('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(config.chatApiKey ? { authorization: `Bearer ${config.chatApiKey}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await runtime.stop();
      // A database given by the caller is shared with other runtimes; its opener closes it.
      if (ownsDatabase) await database.close();
    },
  };
}
