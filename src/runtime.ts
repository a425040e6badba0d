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
import { openStations, type StationsModule } from './stations/stations-module.js';
import { createOutboxStore } from './store/outbox-store.js';

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
  /** The knowledge root (stations, gazetteer); defaults to the repository's knowledge/. */
  knowledgeDir?: string;
}

export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const log = opts.log ?? silentLogger;
  const db = opts.database.db;
  const conversations = createConversationStore(db);
  const outbox = createOutboxStore(db);
  const updates = createNotifier<OutboxItem>();
  const stations = await openStations({ db, knowledgeDir: opts.knowledgeDir, log });

  const skills: Partial<Record<Intent, Skill>> = {
    faq: unavailableSkill('政策问答'),
    station: stations.stationSkill,
    booking: stations.bookingSkill,
    grievance: unavailableSkill('诉求登记'),
    case_status: unavailableSkill('诉求查询'),
    handoff: unavailableSkill('转人工'),
  };
  const flows: Flow[] = [stations.bookingFlow];
  const knowledge: KnowledgeProbe | undefined = undefined;

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
    async deliver(item) {
      const stored = await outbox.enqueue(item);
      updates.publish(stored.driverId, stored);
      return stored;
    },
    async stop() {},
  };
}
