// The Cloudflare Worker entry: the same Hono app on `fetch`, and the case deadline sweep, callback reminders and handoff escalation on the cron trigger (`scheduled`).
import type { Hono } from 'hono';
import assets from 'nuanxin:assets';
import { createApp } from './app.js';
import { ConfigError, parseConfig, type Config } from './config.js';
import { createLogger } from './log.js';
import { prepareAnswer } from './knowledge/faq-answer.js';
import { buildRuntime, knowledgeIndexFor, type Runtime } from './composition-root.js';
import { connectPostgres } from './store/postgres-client.js';
import type { DatabaseHandle } from './store/database.js';
import { requestDatabase, withRequestDatabase } from './cloudflare/request-database.js';
import type { ExecutionContext, WorkerHandler } from './cloudflare/types.js';

export interface WorkerEnv {
  /** A Hyperdrive binding (wrangler.toml) pools connections at the edge; preferred over DATABASE_URL when present. */
  HYPERDRIVE?: { connectionString: string };
  [key: string]: unknown;
}

interface Built {
  runtime: Runtime;
  app: Hono;
}

// Parsed once per env object: validating the whole configuration on every request was a fifth of an FAQ turn's CPU.
const configs = new WeakMap<WorkerEnv, Config>();

function configFrom(env: WorkerEnv): Config {
  let config = configs.get(env);
  if (!config) {
    config = parseWorkerConfig(env);
    configs.set(env, config);
  }
  return config;
}

/** Only string bindings (vars and secrets) are configuration; bindings such as HYPERDRIVE are objects. */
function parseWorkerConfig(env: WorkerEnv): Config {
  const vars: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') vars[k] = v;
  if (env.HYPERDRIVE) vars.DATABASE_URL = env.HYPERDRIVE.connectionString;
  const config = parseConfig(vars);
  if (!config.databaseUrl)
    throw new ConfigError('DATABASE_URL', 'set on Workers (wrangler secret put DATABASE_URL, or a Hyperdrive binding in wrangler.toml)');
  return config;
}

// Built while the isolate starts (Workers' start-up allowance of a second), so requests do not pay for it: the index, and
// what each entry otherwise builds on the first question reaching it (in bench:worker, turns reaching new entries were
// the 90th percentile and above).
const startIndex = knowledgeIndexFor(assets);
startIndex.prepare();
for (const entry of startIndex.entries) prepareAnswer(entry);

// One runtime per isolate (knowledge and station indexes built once); its database calls resolve to the current request's client.
let built: Promise<Built> | undefined;

function runtimeFor(env: WorkerEnv): Promise<Built> {
  built ??= (async () => {
    const config = configFrom(env);
    const log = createLogger(config.logLevel, (line) => console.log(line));
    const database: DatabaseHandle = { db: requestDatabase, driver: 'postgres', close: async () => undefined };
    // No timers on Workers: an isolate may be evicted at any moment, so periodic work runs from `scheduled`.
    const runtime = await buildRuntime({ config, database, log, assets, backgroundTimers: false, caseSweepTimer: false });
    return { runtime, app: createApp(runtime) };
  })().catch((err: unknown) => {
    built = undefined;
    throw err;
  });
  return built;
}

/**
 * Opens a client for this request only and closes it once the response and everything handed to waitUntil (WeChat's late
 * replies) are done: that work still queries the database after the response has gone.
 */
async function withDatabase<T>(env: WorkerEnv, ctx: ExecutionContext, work: (b: Built, requestCtx: ExecutionContext) => Promise<T>): Promise<T> {
  const url = configFrom(env).databaseUrl as string;
  const { db, sql } = connectPostgres(url, { max: 1, fetchTypes: false, relational: false, prepare: false });
  const pending = new Set<Promise<unknown>>();
  const requestCtx: ExecutionContext = {
    waitUntil(promise) {
      const tracked: Promise<unknown> = promise.catch(() => undefined).finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    passThroughOnException: () => ctx.passThroughOnException(),
    props: ctx.props,
  };
  try {
    return await withRequestDatabase(db, async () => work(await runtimeFor(env), requestCtx));
  } finally {
    ctx.waitUntil(
      (async () => {
        while (pending.size) await Promise.allSettled([...pending]);
        await sql.end({ timeout: 5 });
      })(),
    );
  }
}

export default {
  async fetch(request, env, ctx) {
    try {
      return await withDatabase(env, ctx, async ({ app }, requestCtx) => app.fetch(request, env, requestCtx));
    } catch (err) {
      // Only start-up failures land here (the app maps its own errors); say so plainly, never with the secret.
      const message = err instanceof ConfigError ? err.message : '系统正在启动或暂时连不上，请稍后重试';
      console.error(JSON.stringify({ level: 'error', msg: 'worker start failed', error: err instanceof Error ? err.message : String(err) }));
      return Response.json({ error: { code: 'unavailable', message } }, { status: 503, headers: { 'retry-after': '5' } });
    }
  },

  async scheduled(controller, env, ctx) {
    await withDatabase(env, ctx, async ({ runtime }) => {
      if (controller.cron === HOURLY_CRON) {
        runtime.log.info('hourly housekeeping', await runtime.hourly());
        return;
      }
      const cases = await runtime.cases.service.sweep();
      const handoffs = await runtime.handoffs.escalateDue();
      await runtime.cases.notifier.flush();
      runtime.log.info('scheduled sweep', { cron: controller.cron, ...cases, handoffsEscalated: handoffs.length });
    });
  },
} satisfies WorkerHandler<WorkerEnv>;

/** Matches the second trigger in wrangler.toml: staff session clean-up once an hour. */
const HOURLY_CRON = '17 * * * *';
