// Wires the domains, stores and engine together over one open database; used by the server, the CLI, tests and benchmarks.
import type { Config } from './config.js';
import { unavailableSkill } from './core/basic-skills.js';
import { createEngine, type Engine } from './core/engine.js';
import { createNotifier, type Notifier } from './core/notifier.js';
import type { ConversationStore, DriverDirectory, OutboxItem, OutboxStore } from './core/ports.js';
import type { Flow, Intent, KnowledgeProbe, Skill } from './core/types.js';
import { silentLogger, type Logger } from './log.js';
import { createConversationStore } from './store/conversation-store.js';
import type { DatabaseHandle } from './store/database.js';
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
  /** Live listeners per driver id for outbox items (server-sent events, channel dispatchers). */
  updates: Notifier<OutboxItem>;
  /** Speech services; undefined when no OpenAI-compatible endpoint (or TTS model) is configured. */
  speech: { stt: SpeechToText | undefined; tts: TextToSpeech | undefined };
  /** Queues a message that is not a direct reply and tells live listeners. */
  deliver(item: Omit<OutboxItem, 'id' | 'createdAt'>): Promise<OutboxItem>;
  /** Stops timers and background work; the caller closes the database. */
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  database: DatabaseHandle;
  log?: Logger;
  clock?: () => Date;
}

export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const log = opts.log ?? silentLogger;
  const db = opts.database.db;
  const conversations = createConversationStore(db);
  const outbox = createOutboxStore(db);
  const updates = createNotifier<OutboxItem>();

  const skills: Partial<Record<Intent, Skill>> = {
    faq: unavailableSkill('政策问答'),
    station: unavailableSkill('找暖心之家'),
    booking: unavailableSkill('床位预约'),
    grievance: unavailableSkill('诉求登记'),
    case_status: unavailableSkill('诉求查询'),
    handoff: unavailableSkill('转人工'),
  };
  const flows: Flow[] = [];
  const knowledge: KnowledgeProbe | undefined = undefined;

  const engine = createEngine({ store: conversations, skills, flows, knowledge, clock: opts.clock, log });

  return {
    config: opts.config,
    log,
    database: opts.database,
    engine,
    conversations,
    outbox,
    updates,
    speech: { stt: createSpeechToText(opts.config.llm), tts: createTextToSpeech(opts.config.llm) },
    async deliver(item) {
      const stored = await outbox.enqueue(item);
      updates.publish(stored.driverId, stored);
      updates.publish(channelUpdatesKey(stored.channel), stored);
      return stored;
    },
    async stop() {},
  };
}
