// Assembles the cases domain from what the composition root hands it: rules, gazetteer, the store, settings; gives back the service, conversation skills/flows and the sweep timer.
import { baseAnswers, type IntentDetector } from '../core/intent.js';
import type { QuestionForms } from '../core/question-forms.js';
import type { Flow, KnowledgeProbe, Skill } from '../core/types.js';
import type { Logger } from '../log.js';
import type { Gazetteer } from '../china/gazetteer.js';
import { createCallbackFlow } from './callback-flow.js';
import type { CaseWords } from './case-words.js';
import { createCaseService, type CaseService, type DriverMessage } from './case-service.js';
import type { CaseStore } from './case-store.js';
import { createIntake } from './intake-flow.js';
import { createWebhookNotifier, silentNotifier, type CaseNotifier } from './notify-webhook.js';
import { createPlaceFinder, type PlaceFinder } from './places.js';
import type { RoutingRules } from './routing.js';
import { createCaseStatusSkill } from './status-skill.js';
import { createEmergencyDetector, type EmergencyWords } from './emergency.js';
import { createSafetyCheck, type SafetyCheck } from './safety-check.js';
import { createCaseFollowUp, type AfterFilingWords } from './case-follow-up.js';
import { createStoryFollowUp } from './story-follow-up.js';
import { guardedSlotModel } from './slot-model.js';
import type { FollowUp } from '../core/engine.js';
import { ruleOf, type WordSet } from '../lexicon/compile.js';
import { createProblemSplitter } from './problem-split.js';

/** How the case module behaves; the composition root fills it from configuration. */
export interface CaseSettings {
  /** Where new, urgent and overdue case alerts are posted (e.g. a WeCom group robot); none when unset. */
  webhookUrl: string | undefined;
  webhookFormat: 'wecom' | 'json';
  /** How often to sweep for overdue cases and due callbacks; 0 turns the timer off. */
  sweepIntervalMs: number;
  /** Delay between resolving a case and asking the driver the callback question. */
  callbackDelayMinutes: number;
}

export interface CasesModule {
  service: CaseService;
  places: PlaceFinder;
  notifier: CaseNotifier;
  skills: { grievance: Skill; case_status: Skill };
  flows: Flow[];
  /** Danger in any state of the conversation (the engine's safety port). */
  safety: SafetyCheck;
  /** Replies about the case this conversation filed (tried before intent detection). */
  followUps: FollowUp[];
  /** Starts the periodic sweep (if configured); the returned function stops it and waits for a running sweep. */
  startSweepTimer(): () => Promise<void>;
}

export interface CasesModuleOptions {
  settings: CaseSettings;
  store: CaseStore;
  rules: RoutingRules;
  gazetteer: Gazetteer;
  log: Logger;
  clock?: () => Date;
  knowledge?: KnowledgeProbe;
  /** The runtime's intent detection, for telling an answer from a new request inside a form. */
  detectIntent: IntentDetector;
  /** Whether a message asks or tells (knowledge/lexicon/core/question-forms.yaml, compiled). */
  question: QuestionForms;
  /** The form's words (knowledge/lexicon/cases: categories, employment, platforms). */
  words: CaseWords;
  deliver: (message: DriverMessage) => Promise<unknown>;
  /** knowledge/lexicon/cases/emergency.yaml, policy-question.yaml and emergency-told.yaml, compiled. */
  emergencyWords: { emergency: EmergencyWords; policyQuestion: EmergencyWords; told?: EmergencyWords };
  /** knowledge/lexicon/cases/after-filing.yaml, compiled. */
  afterFilingWords: AfterFilingWords;
  /** knowledge/lexicon/cases/intake-moves.yaml, compiled. */
  intakeMoves: WordSet;
  /** knowledge/lexicon/core/answers.yaml, compiled: yes and no on every channel. */
  answers: AfterFilingWords;
  /** knowledge/lexicon/cases/problem-split.yaml, compiled: two problems in one message. */
  problemSplit: WordSet;
  /** When nobody is on duty, when staff are back; undefined in working hours. */
  offHoursBack?: (now: Date) => string | undefined;
  /**
   * A model's raw slot proposal for a story (only when a model is configured); kept only where the driver's words back it
   * (guardedSlotModel) and only for fields the rules left empty.
   */
  proposeSlots?: (text: string) => Promise<unknown>;
}

export function createCasesModule(opts: CasesModuleOptions): CasesModule {
  const rules = opts.rules;
  const places = createPlaceFinder(opts.gazetteer);
  const cfg = opts.settings;
  const notifier = cfg.webhookUrl ? createWebhookNotifier({ url: cfg.webhookUrl, format: cfg.webhookFormat, log: opts.log }) : silentNotifier;
  const service = createCaseService({
    store: opts.store,
    rules,
    notifier,
    deliver: opts.deliver,
    clock: opts.clock,
    callbackDelayMs: cfg.callbackDelayMinutes * 60_000,
    log: opts.log,
  });
  // Answered, not only close: a text that shares many words with an entry may still be off-topic for the base.
  const answersWell = (text: string) => {
    const outcome = opts.knowledge?.assess(text);
    return outcome !== undefined && baseAnswers(outcome);
  };
  const emergency = createEmergencyDetector(
    opts.emergencyWords.emergency,
    opts.emergencyWords.policyQuestion,
    answersWell,
    opts.question.asks,
    opts.emergencyWords.told,
  );
  const urgent = { offHours: opts.offHoursBack };
  const intake = createIntake({
    service,
    places,
    knowledge: opts.knowledge,
    detectIntent: opts.detectIntent,
    question: opts.question,
    words: opts.words,
    emergency,
    urgent,
    moves: opts.intakeMoves,
    answers: opts.answers,
    ...(opts.proposeSlots ? { slotModel: guardedSlotModel(opts.proposeSlots, opts.words, opts.log) } : {}),
    splitter: createProblemSplitter(opts.problemSplit, opts.words),
    negatedValue: ruleOf(opts.intakeMoves, 'negated-value'),
  });
  const safety = createSafetyCheck({
    detector: emergency,
    service,
    places,
    words: opts.words,
    urgent,
    ...(opts.knowledge ? { knowledge: opts.knowledge } : {}),
    asks: opts.question.asks,
  });
  return {
    service,
    places,
    notifier,
    skills: { grievance: intake.skill, case_status: createCaseStatusSkill({ service, places }) },
    flows: [intake.flow, createCallbackFlow({ service, knowledge: opts.knowledge, detectIntent: opts.detectIntent })],
    safety,
    followUps: [
      createCaseFollowUp({ service, places, words: opts.afterFilingWords }),
      createStoryFollowUp({
        intake: intake.skill,
        places,
        words: opts.words,
        moves: opts.intakeMoves,
        question: opts.question,
        asksCaseStatus: (text) => opts.detectIntent({ text }, undefined).intent === 'case_status',
      }),
    ],
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
