// Wires the domains, stores and engine together over one open database; used by the server, the CLI, tests and benchmarks.
import { fileURLToPath } from 'node:url';
import { createCasesDomain, type CasesDomain } from './cases/wiring.js';
import type { Config } from './config.js';
import { unavailableSkill } from './core/basic-skills.js';
import { createEngine, type Engine } from './core/engine.js';
import { createNotifier, type Notifier } from './core/notifier.js';
import type { ConversationStore, DriverDirectory, OutboxItem, OutboxStore } from './core/ports.js';
import type { Flow, Intent, KnowledgeProbe, Skill } from './core/types.js';
import { silentLogger, type Logger } from './log.js';
import { createConversationStore } from './store/conversation-store.js';
import type { DatabaseHandle } from './store/database.js';
import { openStations, type StationsModule } from './stations/stations-module.js';
import { createOutboxStore } from './store/outbox-store.js';
import { createSpeechToText, createTextToSpeech, type SpeechToText, type TextToSpeech } from './llm/speech.js';

/** The notifier key under which every outbox item of one channel is published, for that channel's dispatcher. */
export const channelUpdatesKey = (channel: string) => `channel:${channel}`;

export interface Runtime {
  config: Config;
  log: Logger;
  database: DatabaseHandle;
  engine: Engine;
  conversations: ConversationStore & DriverDirectory;
  outbox: OutboxStore;
  /** Stations, their search index and bookings. */
  stations: StationsModule;
  /** The clock turns and routes read "now" from (fixed in tests). */
  clock: () => Date;
  /** Live listeners per driver id for outbox items (server-sent events, channel dispatchers). */
  updates: Notifier<OutboxItem>;
  /** Speech services; undefined when no OpenAI-compatible endpoint (or TTS model) is configured. */
  speech: { stt: SpeechToText | undefined; tts: TextToSpeech | undefined };
  /** Queues a message that is not a direct reply and tells live listeners. */
  deliver(item: Omit<OutboxItem, 'id' | 'createdAt'>): Promise<OutboxItem>;
  /** Grievance cases: the service staff and channels call (see src/cases/case-service.ts). */
  cases: CasesDomain;
  /** Stops timers and background work; the caller closes the database. */
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  database: DatabaseHandle;
  log?: Logger;
  clock?: () => Date;
  /** The knowledge root (entries, stations, gazetteer, routing rules); defaults to the repository's knowledge/. */
  knowledgeDir?: string;
}

export const KNOWLEDGE_DIR = fileURLToPath(new URL('../knowledge', import.meta.url));

export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const log = opts.log ?? silentLogger;
  const db = opts.database.db;
  const conversations = createConversationStore(db);
  const outbox = createOutboxStore(db);
  const updates = createNotifier<OutboxItem>();
  const knowledge: KnowledgeProbe | undefined = undefined;
  async function deliver(item: Omit<OutboxItem, 'id' | 'createdAt'>): Promise<OutboxItem> {
    const stored = await outbox.enqueue(item);
    updates.publish(stored.driverId, stored);
    updates.publish(channelUpdatesKey(stored.channel), stored);
    return stored;
  }
  const knowledgeDir = opts.knowledgeDir ?? KNOWLEDGE_DIR;
  const cases = createCasesDomain({ config: opts.config, db, knowledgeDir, log, clock: opts.clock, knowledge, deliver });
  const stations = await openStations({ db, knowledgeDir, log });

  const skills: Partial<Record<Intent, Skill>> = {
    faq: unavailableSkill('政策问答'),
    station: stations.stationSkill,
    booking: stations.bookingSkill,
    ...cases.skills,
    handoff: unavailableSkill('转人工'),
  };
  const flows: Flow[] = [...cases.flows, stations.bookingFlow];

  const stopSweep = cases.startSweepTimer();
  const engine = createEngine({ store: conversations, skills, flows, knowledge, clock: opts.clock, log });

  return {
    config: opts.config,
    log,
    database: opts.database,
    engine,
    conversations,
    outbox,
    stations,
    clock: opts.clock ?? (() => new Date()),
    updates,
    speech: { stt: createSpeechToText(opts.config.llm), tts: createTextToSpeech(opts.config.llm) },
    cases,
    deliver,
    async stop() {
      await stopSweep();
    },
  };
}
