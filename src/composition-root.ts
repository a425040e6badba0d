// Wires the domains, stores and engine together over one open database from a given set of assets; no filesystem access, so both the Node server (src/runtime.ts) and the Worker (src/worker.ts) build on it.
import { randomBytes } from 'node:crypto';
import type { Assets, StaticScript } from './assets/assets.js';
import { messageReader } from './knowledge/typed-message.js';
import type { KnowledgeEntry } from './knowledge/entry-schema.js';
import { calendarFrom } from './cases/deadlines.js';
import { createCasesModule, type CasesModule } from './cases/cases-module.js';
import { createCaseStore } from './store/case-store.js';
import type { Config } from './config.js';
import { createSmalltalkSkill } from './core/basic-skills.js';
import { createEngine, type Engine } from './core/engine.js';
import { createMoves } from './core/moves.js';
import { createNotifier, type Notifier } from './core/notifier.js';
import { noMetrics, type Metrics, type MetricsExposition } from './core/metrics.js';
import {
  channelUpdatesKey,
  type ConversationStore,
  type DriverDirectory,
  type OutboxItem,
  type OutboxStore,
  type ReplyClaims,
  type SignedRequestNonces,
} from './core/ports.js';
import type { Flow, Intent, Skill } from './core/types.js';
import { createFaqSkill, createKnowledgeProbe, createNotFoundSkill } from './knowledge/faq-skill.js';
import { isDatabaseUnavailable } from './errors.js';
import { compileLexicon, type Lexicon } from './lexicon/compile.js';
import { placeNames, placeWords } from './knowledge/place-names.js';
import { retrievalLanguage } from './knowledge/knowledge-words.js';
import { intentWordsFor } from './intent-words.js';
import { createIntentDetector } from './core/intent.js';
import { mixedAskWordsFor } from './mixed-ask-words.js';
import { questionForms } from './core/question-forms.js';
import { countyStationsNamed } from './stations/county-station.js';
import type { PlaceMatch } from './stations/place-finder.js';
import { stationWords } from './stations/station-words.js';
import { caseWords } from './cases/case-words.js';
import { buildKnowledgeIndex, type IndexGroundwork, type IndexOptions, type KnowledgeIndex } from './knowledge/search-index.js';
import type { KnowledgeEntry as Entry } from './knowledge/entry-schema.js';
import { answerRejectionAware } from './knowledge/answer-rejection.js';
import { createLearningLoop, type LearningLoop } from './knowledge/learning-loop.js';
import { createLiveIndex } from './knowledge/live-index.js';
import { createKnowledgeLearningStore } from './store/knowledge-learning-store.js';
import { createKnowledgeConsole } from './staff/knowledge-console.js';
import { PROVINCE_CODE } from './china/regions.js';
import { createAnswerAssistant } from './llm/answer-assistant.js';
import { createHandoffDigest } from './llm/handoff-digest.js';
import { createSlotProposer } from './llm/slot-extraction.js';
import { createPlainKnowledgeChooser, type ChooserFactory } from './llm/entry-choice.js';
import { silentLogger, type Logger } from './log.js';
import { createConversationStore } from './store/conversation-store.js';
import type { DatabaseHandle } from './store/database.js';
import { openStations, type StationsModule } from './stations/stations-module.js';
import { createOutboxStore } from './store/outbox-store.js';
import { createBookingStore } from './store/booking-store.js';
import { createStationStore } from './store/station-store.js';
import { createReplyClaimStore } from './store/reply-claim-store.js';
import { createWechatNonceStore } from './store/wechat-nonce-store.js';
import { createSpeechToText, createTextToSpeech, type SpeechToText, type TextToSpeech } from './llm/speech.js';
import { createHandoffStore } from './store/handoff-store.js';
import { createStaffStore } from './store/staff-store.js';
import { createHandoffService, type HandoffService, type StaffEvent } from './handoff/handoff-service.js';
import { botFailedSkill, handoffSkill } from './handoff/handoff-skills.js';
import { createAccess } from './staff/access.js';
import { createAuthService } from './staff/auth-service.js';
import type { StaffCases } from './staff/case-port.js';
import { createStaffCasePort } from './cases/staff-case-adapter.js';
import { createCaseStaffStore } from './store/case-staff-store.js';
import { createConsoleService } from './staff/console-service.js';
import { createRegionDirectory } from './china/regions.js';
import type { StaffRuntime } from './staff/staff-runtime.js';

export type { StaffRuntime };

// WeChat retries a message within about 15 seconds; a day of claims is far more than any retry needs.
const REPLY_CLAIM_KEEP_MS = 24 * 3_600_000;
/** WeChat requests are accepted within ±5 minutes; their nonces are kept a little longer than that window. */
const WECHAT_NONCE_KEEP_S = 15 * 60;

export interface Runtime {
  config: Config;
  log: Logger;
  database: DatabaseHandle;
  engine: Engine;
  conversations: ConversationStore & DriverDirectory;
  outbox: OutboxStore;
  /** Which request sends a channel message's answer when retries reach several processes (WeChat's 5-second rule). */
  replyClaims: ReplyClaims;
  /** Signed WeChat requests seen inside their time window, so a replay is refused by every process. */
  wechatNonces: SignedRequestNonces;
  /** Housekeeping to run once an hour: staff session clean-up and pruning of old reply claims. */
  hourly(): Promise<{ replyClaimsPruned: number; wechatNoncesPruned: number }>;
  /** Stations, their search index and bookings. */
  stations: StationsModule;
  /** The clock turns and routes read "now" from (fixed in tests). */
  clock: () => Date;
  /** Live listeners per driver id for outbox items (server-sent events, channel dispatchers). */
  updates: Notifier<OutboxItem>;
  /** Speech services; undefined when no OpenAI-compatible endpoint (or TTS model) is configured. */
  speech: { stt: SpeechToText | undefined; tts: TextToSpeech | undefined };
  handoffs: HandoffService;
  staff: StaffRuntime;
  /** The knowledge base: the curated entries indexed once, with staff-attached paraphrases and published entries merged live. */
  knowledge: KnowledgeIndex;
  /** Records unanswered and rejected questions for the 未答问题 page (the engine's turn observer, the web page's 👎). */
  learning: LearningLoop;
  /** The word rules of knowledge/lexicon, compiled once per assets object. */
  lexicon: Lexicon;
  /** The read-only data the runtime was built from. */
  assets: Assets;
  /** Queues a message that is not a direct reply and tells live listeners. */
  deliver(item: Omit<OutboxItem, 'id' | 'createdAt'>): Promise<OutboxItem>;
  /** Grievance cases: the service staff and channels call (see src/cases/case-service.ts). */
  cases: CasesModule;
  /**
   * Signs every cookie (driver web chat, staff sessions): COOKIE_SECRET, or a secret kept in the database's app_settings,
   * so restarts and every server process over one database agree.
   */
  cookieSecret: string;
  /** Where turns, model calls and database failures are counted (a no-op unless the composition root passes one in). */
  metrics: Metrics;
  /** The Prometheus text for GET /metrics, when the composition root provides one. */
  metricsExposition?: MetricsExposition;
  /** The dashboard's chart library (ECharts), served by the Node server from node_modules; absent in the Worker. */
  chartLibrary?: () => StaticScript | undefined;
  /** Stops timers and background work; the caller closes the database. */
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  database: DatabaseHandle;
  log?: Logger;
  clock?: () => Date;
  /** Knowledge entries, stations, gazetteer, routing rules, prompts and page files. */
  assets: Assets;
  /** The grievance cases the staff console works on; without one the case pages say the module is not connected. */
  staffCases?: StaffCases;
  /** Runs escalation and session clean-up on timers (the server does; tests call them directly). */
  backgroundTimers?: boolean;
  /** Runs the case sweep on a timer (default on); the Worker runs it from its cron trigger instead. */
  caseSweepTimer?: boolean;
  /** Counts turns, model calls and database failures; the Node server passes a Prometheus registry (src/metrics/). */
  metrics?: Metrics;
  metricsExposition?: MetricsExposition;
  /** The dashboard's chart library; the Node runtime passes ECharts from node_modules, the Worker none (its bundle has a size limit). */
  chartLibrary?: () => StaticScript | undefined;
  /**
   * Builds the model's chooser among the search's candidates when a model is configured. The Node runtime passes the
   * LangChain one (src/llm/knowledge-chooser.ts); the default is the openai-only one, so the Worker bundle carries no LangChain.
   */
  chooser?: ChooserFactory;
}

// The curated entries change only with a deploy, so one index per entries array serves every runtime of a process or
// Worker isolate (tests make many runtimes; a Worker builds one per request) and a cold request does not rebuild it.
// The gazetteer's place names tell the index which words only say where the driver is.
const indexes = new WeakMap<readonly KnowledgeEntry[], KnowledgeIndex>();
/** `groundwork`, when given, was saved from these assets' index (the Node server's cache) and spares building it. */
export function knowledgeIndexFor(assets: Pick<Assets, 'entries' | 'gazetteer' | 'lexicon'>, groundwork?: IndexGroundwork): KnowledgeIndex {
  let index = indexes.get(assets.entries);
  if (!index) indexes.set(assets.entries, (index = buildKnowledgeIndex(assets.entries, indexOptionsFor(assets), groundwork)));
  return index;
}

/** The curated index's options: the knowledge words and normaliser of the word rules, and the gazetteer's place names. */
export function indexOptionsFor(assets: Pick<Assets, 'gazetteer' | 'lexicon'>): IndexOptions {
  return { places: placeNames(assets.gazetteer), placeWords: placeWords(assets.gazetteer), ...retrievalLanguage(lexiconFor(assets)) };
}

/** Builds an index over other entries the way knowledgeIndexFor builds the curated one (same words, normaliser, places). */
export function indexBuilderFor(assets: Pick<Assets, 'gazetteer' | 'lexicon'>): (entries: readonly Entry[]) => KnowledgeIndex {
  const options = indexOptionsFor(assets);
  return (entries) => buildKnowledgeIndex(entries, options);
}

const lexicons = new WeakMap<Assets['lexicon'], Lexicon>();
export function lexiconFor(assets: Pick<Assets, 'lexicon'>): Lexicon {
  let lexicon = lexicons.get(assets.lexicon);
  if (!lexicon) lexicons.set(assets.lexicon, (lexicon = compileLexicon(assets.lexicon)));
  return lexicon;
}

export async function buildRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const assets = opts.assets;
  const log = opts.log ?? silentLogger;
  const metrics = opts.metrics ?? noMetrics;
  const db = opts.database.db;
  const conversations = createConversationStore(db);
  const outbox = createOutboxStore(db);
  const updates = createNotifier<OutboxItem>();
  const clock = opts.clock ?? (() => new Date());
  const lexicon = lexiconFor(assets);
  const learningStore = createKnowledgeLearningStore(db);
  const buildIndex = indexBuilderFor(assets);
  const knowledge = createLiveIndex({ base: knowledgeIndexFor(assets), build: buildIndex, source: learningStore, clock, log });
  const knowledgeProbe = createKnowledgeProbe(knowledge);
  // The station catalog opens after the flows that detect intent are built; until then no text names a station.
  const opened: { stations?: StationsModule['catalog'] } = {};
  const placesIn = (text: string) => opened.stations?.places.find(text) ?? [];
  const countyStationWords = stationWords(lexicon).countyStation;
  const stationAt = (text: string, found: readonly PlaceMatch[]) =>
    found.some((p) => p.kind === 'station') ||
    countyStationsNamed(text, found, (code) => opened.stations?.onlyStationIn(code), countyStationWords).length > 0;
  // A recogniser spells a name by sound (金汤 服务区 for 金堂): read so only where no place is written and a word for a
  // service area or driver home stands in the message (喇叭和大灯 holds the sound of 喇叭河 and names no station).
  const stationPlace = lexicon.set('stations/place');
  const namesStation = (text: string) => {
    const found = placesIn(text);
    if (stationAt(text, found)) return true;
    return found.length === 0 && stationPlace.test(text) && stationAt(text, opened.stations?.places.findBySound(text) ?? []);
  };
  const namesPlace = (text: string) => placesIn(text).some((p) => p.kind !== 'station');
  const detectIntent = createIntentDetector(intentWordsFor(lexicon, { test: namesStation }, { test: namesPlace }));
  async function deliver(item: Omit<OutboxItem, 'id' | 'createdAt'>): Promise<OutboxItem> {
    const stored = await outbox.enqueue(item);
    updates.publish(stored.driverId, stored);
    updates.publish(channelUpdatesKey(stored.channel), stored);
    return stored;
  }
  const cases = createCasesModule({
    settings: opts.config.cases,
    store: createCaseStore(db),
    rules: assets.routingRules,
    gazetteer: assets.gazetteer,
    log,
    clock: opts.clock,
    knowledge: knowledgeProbe,
    detectIntent,
    question: questionForms(lexicon),
    words: caseWords(lexicon),
    deliver,
    emergencyWords: {
      emergency: lexicon.set('cases/emergency'),
      policyQuestion: lexicon.set('cases/policy-question'),
      told: lexicon.set('cases/emergency-told'),
    },
    afterFilingWords: lexicon.set('cases/after-filing'),
    intakeMoves: lexicon.set('cases/intake-moves'),
    answers: lexicon.set('core/answers'),
    problemSplit: lexicon.set('cases/problem-split'),
    offHoursBack: (now) => handoffs.offHoursBack(now),
    ...(opts.config.llm ? { proposeSlots: createSlotProposer(opts.config.llm, log, assets.prompts, { metrics }) } : {}),
  });
  const stations = await openStations({
    store: createStationStore(db),
    bookingStore: createBookingStore(db),
    data: assets,
    log,
    words: stationWords(lexicon),
    followUpWords: {
      references: lexicon.set('stations/references'),
      questions: lexicon.set('stations/station-questions'),
      coverage: lexicon.set('stations/coverage'),
      answers: lexicon.set('core/answers'),
      moves: lexicon.set('stations/booking-moves'),
      places: lexicon.set('stations/place'),
      needs: lexicon.set('stations/need'),
    },
  });

  opened.stations = stations.catalog;
  const regions = createRegionDirectory(assets.gazetteer);
  const learning = createLearningLoop({
    store: learningStore,
    rejections: lexicon.set('knowledge/answer-rejected'),
    probe: knowledgeProbe,
    regionOf(text, location, state) {
      const data = state.flow?.data ?? {};
      for (const key of ['countyCode', 'regionCode', 'cityCode']) {
        const v = data[key] ?? state[key];
        if (typeof v === 'string' && regions.kind(v) && v !== PROVINCE_CODE) return v;
      }
      return (location && regions.nearest(location)) ?? regions.detect(text) ?? null;
    },
  });
  const staffEvents = createNotifier<StaffEvent>();
  const handoffStore = createHandoffStore(db);
  const staffStore = createStaffStore(db);
  const staffCases: StaffCases =
    opts.staffCases ??
    createStaffCasePort({ service: cases.service, queries: createCaseStaffStore(db), placeName: (code) => regions.name(code), clock });
  const handoffs = createHandoffService({
    store: handoffStore,
    regions,
    workingHours: opts.config.handoff.workingHours,
    calendar: calendarFrom(assets.routingRules),
    escalateMinutes: opts.config.handoff.escalateMinutes,
    clock,
    deliver,
    events: staffEvents,
    caseRegion: staffCases.connected ? async (id) => (await staffCases.getCase(id))?.regionCode : undefined,
    log,
  });
  const access = createAccess(regions);
  const staff: StaffRuntime = {
    store: staffStore,
    auth: createAuthService(staffStore, opts.config.staff, clock),
    console: createConsoleService({
      handoffs,
      handoffStore,
      staffStore,
      access,
      regions,
      cases: staffCases,
      clock,
      escalateMinutes: opts.config.handoff.escalateMinutes,
      deliver,
      ...(opts.config.llm ? { digest: createHandoffDigest(opts.config.llm, log, assets.prompts, { metrics }) } : {}),
    }),
    access,
    regions,
    events: staffEvents,
    clock,
    casesReason: staffCases.connected ? '' : staffCases.reason,
    knowledge: createKnowledgeConsole({ store: learningStore, index: knowledge, build: buildIndex, staffStore, access, regions, clock }),
  };

  const assistant = opts.config.llm ? createAnswerAssistant(opts.config.llm, log, assets.prompts, { metrics }) : undefined;
  const chooser = opts.config.llm ? (opts.chooser ?? createPlainKnowledgeChooser)(opts.config.llm, log, assets.prompts, { metrics }) : undefined;
  const faqDeps = { index: knowledge, assistant, chooser };

  const skills: Partial<Record<Intent, Skill>> = {
    smalltalk: createSmalltalkSkill(lexicon.set('core/pleasantries'), lexicon.set('core/capability-question')),
    faq: createFaqSkill(faqDeps),
    station: stations.stationSkill,
    booking: stations.bookingSkill,
    ...cases.skills,
    handoff: handoffSkill(handoffs),
    unknown: botFailedSkill(handoffs, answerRejectionAware(createNotFoundSkill(faqDeps), lexicon.set('knowledge/answer-rejected'))),
  };
  const flows: Flow[] = [...cases.flows, stations.bookingFlow, stations.locationFlow];

  const stopSweep = opts.caseSweepTimer === false ? () => cases.notifier.flush() : cases.startSweepTimer();
  const turns = createEngine({
    store: conversations,
    skills,
    flows,
    knowledge: knowledgeProbe,
    detectIntent,
    clock: opts.clock,
    log,
    normalise: messageReader(knowledge),
    onHandoff: (conversation, request, ctx) => handoffs.start(conversation, request, ctx),
    onHumanModeMessage: (conversation, text, ctx) => handoffs.onDriverMessage(conversation, text, ctx),
    onUrgentWhileHuman: (conversation, request, ctx) => handoffs.urgentWhileHuman(conversation, request, ctx),
    safety: cases.safety,
    mixedAskWords: mixedAskWordsFor(lexicon, knowledge, knowledgeProbe),
    followUps: [
      createMoves({
        moves: lexicon.set('core/moves'),
        answers: lexicon.set('core/answers'),
        handoff: handoffSkill(handoffs),
        question: questionForms(lexicon),
      }),
      ...cases.followUps,
      ...stations.followUps,
    ],
    isRetryable: isDatabaseUnavailable,
    turnLeaseMs: opts.config.turnLeaseMs,
    metrics,
    onTurnCommitted: (turn) => learning.observe(turn),
  });
  // Paraphrases staff attached in another process reach this one's index within the live index's check period.
  const engine: Engine = {
    async handle(message) {
      await knowledge.refresh();
      return turns.handle(message);
    },
  };
  const replyClaims = createReplyClaimStore(db);
  const wechatNonces = createWechatNonceStore(db);
  /** Hourly housekeeping (a Node timer, or the Worker's hourly cron): expired staff sessions, and reply claims older than a day. */
  const hourly = async () => {
    await staff.auth.sweep();
    const replyClaimsPruned = await replyClaims.prune(new Date(clock().getTime() - REPLY_CLAIM_KEEP_MS));
    const wechatNoncesPruned = await wechatNonces.prune(Math.floor(clock().getTime() / 1000) - WECHAT_NONCE_KEEP_S);
    return { replyClaimsPruned, wechatNoncesPruned };
  };
  const timers: NodeJS.Timeout[] = [];
  if (opts.backgroundTimers) {
    const every = (ms: number, task: () => Promise<unknown>, what: string) => {
      const timer = setInterval(() => {
        task().catch((err: unknown) => log.error(`${what} failed`, { error: err instanceof Error ? err.message : String(err) }));
      }, ms);
      timer.unref();
      timers.push(timer);
    };
    every(30_000, () => handoffs.escalateDue(), 'handoff escalation');
    every(3_600_000, hourly, 'hourly housekeeping');
  }

  return {
    config: opts.config,
    log,
    database: opts.database,
    engine,
    conversations,
    outbox,
    replyClaims,
    wechatNonces,
    hourly,
    stations,
    clock: opts.clock ?? (() => new Date()),
    updates,
    speech: { stt: createSpeechToText(opts.config.llm), tts: createTextToSpeech(opts.config.llm) },
    cases,
    knowledge,
    learning,
    lexicon,
    assets,
    handoffs,
    staff,
    deliver,
    metrics,
    ...(opts.metricsExposition ? { metricsExposition: opts.metricsExposition } : {}),
    ...(opts.chartLibrary ? { chartLibrary: opts.chartLibrary } : {}),
    cookieSecret: opts.config.cookieSecret ?? (await staffStore.setting('cookie_secret', () => randomBytes(32).toString('base64url'))),
    async stop() {
      for (const t of timers) clearInterval(t);
      await stopSweep();
    },
  };
}
