// The metrics port on prom-client, for the Node server: counters and a latency histogram in one registry, exposed as Prometheus text.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics, MetricsExposition } from '../core/metrics.js';

/** Read at each scrape rather than kept up to date: live stream count and the undelivered outbox per channel. */
export interface MetricsSources {
  sseClients(): number;
  outboxBacklog(): Promise<{ channel: string; count: number }[]>;
}

export interface PrometheusMetrics extends Metrics, MetricsExposition {
  /** Connects the gauges read at scrape time, once the runtime they read exists. */
  watch(sources: MetricsSources): void;
}

// Turn latency buckets in seconds: an offline FAQ turn takes milliseconds, a turn waiting on a model up to its timeout.
const TURN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createPrometheusMetrics(opts: { processMetrics?: boolean } = {}): PrometheusMetrics {
  const registry = new Registry();
  if (opts.processMetrics !== false) collectDefaultMetrics({ register: registry });
  let sources: MetricsSources | undefined;

  const turns = new Counter({
    name: 'nuanxin_turns_total',
    help: 'Driver turns answered, by channel and intent (re-deliveries answered from the stored replies excluded).',
    labelNames: ['channel', 'intent'] as const,
    registers: [registry],
  });
  const missed = new Counter({
    name: 'nuanxin_turns_not_found_total',
    help: 'Turns the bot could not answer (counted towards a handoff), by channel; divide by nuanxin_turns_total for the not-found rate.',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const duplicates = new Counter({
    name: 'nuanxin_turns_duplicate_total',
    help: 'Re-delivered channel messages answered with the replies already stored.',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'nuanxin_turn_duration_seconds',
    help: 'Time from a message reaching the engine to its stored reply, queueing behind the same driver included.',
    labelNames: ['channel'] as const,
    buckets: TURN_BUCKETS,
    registers: [registry],
  });
  const modelCalls = new Counter({
    name: 'nuanxin_model_calls_total',
    help: 'Model completions by purpose and outcome: ok, or fallback (timeout, refusal, error or empty reply; the offline path answered).',
    labelNames: ['purpose', 'outcome'] as const,
    registers: [registry],
  });
  const databaseErrors = new Counter({
    name: 'nuanxin_database_errors_total',
    help: 'Requests that found the database unreachable or restarting.',
    registers: [registry],
  });
  const unavailable = new Counter({
    name: 'nuanxin_http_503_total',
    help: 'Responses with status 503 (the client was told to retry).',
    registers: [registry],
  });
  new Gauge({
    name: 'nuanxin_sse_clients',
    help: 'Open server-sent event streams (driver web pages, API listeners, staff consoles).',
    registers: [registry],
    collect() {
      this.set(sources?.sseClients() ?? 0);
    },
  });
  new Gauge({
    name: 'nuanxin_outbox_backlog',
    help: 'Outbox messages (staff replies, case updates, callbacks) not yet delivered, by channel.',
    labelNames: ['channel'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      // A scrape during a database outage still answers, without the backlog; the outage shows in the error counters.
      const rows = await sources?.outboxBacklog().catch(() => []);
      for (const row of rows ?? []) this.set({ channel: row.channel }, Number(row.count));
    },
  });

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    watch(next) {
      sources = next;
    },
    turn(t) {
      if (t.duplicate) {
        duplicates.inc({ channel: t.channel });
        return;
      }
      turns.inc({ channel: t.channel, intent: t.intent });
      if (t.missed) missed.inc({ channel: t.channel });
      latency.observe({ channel: t.channel }, t.seconds);
    },
    modelCall(purpose, outcome) {
      modelCalls.inc({ purpose, outcome });
    },
    databaseError() {
      databaseErrors.inc();
    },
    unavailable() {
      unavailable.inc();
    },
  };
}
