// Wires the domains, stores and engine together over one open database; used by the server, the CLI, tests and benchmarks.
import type { Config } from './config.js';
import { unavailableSkill } from './core/basic-skills.js';
import { createEngine, type Engine } from './core/engine.js';
import { createNotifier, type Notifier } from './core/notifier.js';
import type { ConversationStore, DriverDirectory, OutboxItem, OutboxStore } from './core/ports.js';
import type { Flow, Intent, Skill } from './core/types.js';
import type { KnowledgeEntry } from './knowledge/entry-schema.js';
import { createFaqSkill, createKnowledgeProbe, createNotFoundSkill } from './knowledge/faq-skill.js';
import { loadEntries } from './knowledge/load-entries.js';
import { buildKnowledgeIndex, type KnowledgeIndex } from './knowledge/search-index.js';
import { createAnswerAssistant } from './llm/answer-assistant.js';
import { silentLogger, type Logger } from './log.js';
import { createConversationStore } from './store/conversation-store.js';
import type { DatabaseHandle } from './store/database.js';
import { createOutboxStore } from './store/outbox-store.js';

export interface Runtime {
  config: Config;
  log: Logger;
  database: DatabaseHandle;
  engine: Engine;
  conversations: ConversationStore & DriverDirectory;
  outbox: OutboxStore;
  /** Live listeners per driver id for outbox items (server-sent events, channel dispatchers). */
  updates: Notifier<OutboxItem>;
  /** The curated knowledge base, indexed once at start-up. */
  knowledge: KnowledgeIndex;
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
  /** Knowledge entries; read from knowledge/entries when omitted. */
  knowledgeEntries?: readonly KnowledgeEntry[];
}

// The curated entries change only with a deploy, so one index serves every runtime in the process (tests make many).
let defaultIndex: KnowledgeIndex | undefined;

export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const log = opts.log ?? silentLogger;
  const db = opts.database.db;
  const conversations = createConversationStore(db);
  const outbox = createOutboxStore(db);
  const updates = createNotifier<OutboxItem>();

  const knowledge = opts.knowledgeEntries ? buildKnowledgeIndex(opts.knowledgeEntries) : (defaultIndex ??= buildKnowledgeIndex(loadEntries()));
  const assistant = opts.config.llm ? createAnswerAssistant(opts.config.llm, log) : undefined;
  const faqDeps = { index: knowledge, assistant };

  const skills: Partial<Record<Intent, Skill>> = {
    faq: createFaqSkill(faqDeps),
    unknown: createNotFoundSkill(faqDeps),
    station: unavailableSkill('找暖心之家'),
    booking: unavailableSkill('床位预约'),
    grievance: unavailableSkill('诉求登记'),
    case_status: unavailableSkill('诉求查询'),
    handoff: unavailableSkill('转人工'),
  };
  const flows: Flow[] = [];
  const engine = createEngine({ store: conversations, skills, flows, knowledge: createKnowledgeProbe(knowledge), clock: opts.clock, log });

  return {
    config: opts.config,
    log,
    database: opts.database,
    engine,
    conversations,
    outbox,
    updates,
    knowledge,
    async deliver(item) {
      const stored = await outbox.enqueue(item);
      updates.publish(stored.driverId, stored);
      return stored;
    },
    async stop() {},
  };
}
