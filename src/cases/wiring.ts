// Builds the cases domain for the runtime: rules, gazetteer, store, service, conversation skills/flows and the sweep timer.
import type { Config } from '../config.js';
import type { Flow, KnowledgeProbe, Skill } from '../core/types.js';
import type { Logger } from '../log.js';
import type { Gazetteer } from '../stations/station-schema.js';
import { createCaseStore } from '../store/case-store.js';
import type { Database } from '../store/database.js';
import { createCallbackFlow } from './callback-flow.js';
import { createCaseService, type CaseService, type DriverMessage } from './case-service.js';
import { createIntake } from './intake-flow.js';
import { createWebhookNotifier, silentNotifier, type CaseNotifier } from './notify-webhook.js';
import { createPlaceFinder, type PlaceFinder } from './places.js';
import type { RoutingRules } from './routing.js';
import { createCaseStatusSkill } from './status-skill.js';

export interface CasesDomain {
  service: CaseService;
  places: PlaceFinder;
  notifier: CaseNotifier;
  skills: { grievance: Skill; case_status: Skill };
  flows: Flow[];
  /** Starts the periodic sweep (if configured); the returned function stops it and waits for a running sweep. */
  startSweepTimer(): () => Promise<void>;
}

export interface CasesDomainOptions {
  config: Config;
  db: Database;
  rules: RoutingRules;
  gazetteer: Gazetteer;
  log: Logger;
  clock?: () => Date;
  knowledge?: KnowledgeProbe;
  deliver: (message: DriverMessage) => Promise<unknown>;
}

export function createCasesDomain(opts: CasesDomainOptions): CasesDomain {
  const rules = opts.rules;
  const places = createPlaceFinder(opts.gazetteer);
  const cfg = opts.config.cases;
  const notifier = cfg.webhookUrl ? createWebhookNotifier({ url: cfg.webhookUrl, format: cfg.webhookFormat, log: opts.log }) : silentNotifier;
  const service = createCaseService({
    store: createCaseStore(opts.db),
    rules,
    notifier,
    deliver: opts.deliver,
    clock: opts.clock,
    callbackDelayMs: cfg.callbackDelayMinutes * 60_000,
    log: opts.log,
  });
  const intake = createIntake({ service, places, knowledge: opts.knowledge });
  return {
    service,
    places,
    notifier,
    skills: { grievance: intake.skill, case_status: createCaseStatusSkill({ service, places }) },
    flows: [intake.flow, createCallbackFlow({ service, knowledge: opts.knowledge })],
    startSweepTimer() {
      if (!cfg.sweepIntervalMs) return async () => notifier.flush();
      let running: Promise<unknown> | undefined;
      const timer = setInterval(() => {
        if (running) return;
        running = service
          .sweep()
          .then((r) => {
            if (r.escalated || r.callbacksSent) opts.log.info('case sweep', r);
          })
          .catch((err: unknown) => opts.log.error('case sweep failed', { error: err instanceof Error ? err.message : String(err) }))
          .finally(() => (running = undefined));
      }, cfg.sweepIntervalMs);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running;
        await notifier.flush();
      };
    },
  };
}
