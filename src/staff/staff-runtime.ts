// What the staff console works with: accounts and sessions, the console service, access rules, regions and live events.
import type { Notifier } from '../core/notifier.js';
import type { StaffEvent } from '../handoff/handoff-service.js';
import type { RegionDirectory } from '../china/regions.js';
import type { Access } from './access.js';
import type { AuthService } from './auth-service.js';
import type { ConsoleService } from './console-service.js';
import type { KnowledgeConsole } from './knowledge-console.js';
import type { StaffStore } from './types.js';

export interface StaffRuntime {
  store: StaffStore;
  auth: AuthService;
  console: ConsoleService;
  access: Access;
  regions: RegionDirectory;
  /** Queue and transcript events for live staff pages. */
  events: Notifier<StaffEvent>;
  clock: () => Date;
  /** Why the case pages are empty, when no case service is connected. */
  casesReason: string;
  /** The 未答问题 page: unanswered questions, paraphrases, drafts of new entries. */
  knowledge: KnowledgeConsole;
}
