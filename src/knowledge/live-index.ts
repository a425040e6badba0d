// The knowledge index the runtime answers from: the curated entries plus staff-attached paraphrases and published entries from the database, rebuilt when they change.
import type { KnowledgeEntry } from './entry-schema.js';
import { entryOf } from './draft-entry.js';
import { knowledgeEntrySchema } from './entry-schema.js';
import type { LearningStore } from './learning-types.js';
import type { KnowledgeIndex } from './search-index.js';

export interface LiveIndexDeps {
  /** The index over the curated files (shared by every runtime of the process). */
  base: KnowledgeIndex;
  /** Builds an index over entries the way the base was built (same words, normaliser and place names). */
  build(entries: readonly KnowledgeEntry[]): KnowledgeIndex;
  source: Pick<LearningStore, 'version' | 'listParaphrases' | 'publishedEntries'>;
  clock: () => Date;
  /** How stale another process's change may be before this one notices (one small query per period). */
  checkEveryMs?: number;
  log?: { warn(msg: string, fields?: Record<string, unknown>): void };
}

export interface LiveKnowledgeIndex extends KnowledgeIndex {
  /** Swaps in a new index when paraphrases or published entries changed; `force` skips the period (after a change here). */
  refresh(force?: boolean): Promise<void>;
}

const DEFAULT_CHECK_MS = 10_000;

export function createLiveIndex(deps: LiveIndexDeps): LiveKnowledgeIndex {
  let current = deps.base;
  let version = '';
  let checkedAt = -Infinity;
  let chain: Promise<void> = Promise.resolve();
  const every = deps.checkEveryMs ?? DEFAULT_CHECK_MS;

  async function rebuild(): Promise<void> {
    const next = await deps.source.version();
    if (next === version) return;
    const [paraphrases, published] = await Promise.all([deps.source.listParaphrases(), deps.source.publishedEntries()]);
    const curatedIds = new Set(deps.base.entries.map((e) => e.id));
    const added: KnowledgeEntry[] = [];
    for (const p of published) {
      const parsed = knowledgeEntrySchema.safeParse(entryOf(p.entry, p.publishedAt.toISOString().slice(0, 10)));
      // An entry with the id of a curated file defers to the file (the file is what a deploy reviewed).
      if (parsed.success && !curatedIds.has(parsed.data.id)) added.push(parsed.data);
      else deps.log?.warn('published entry left out of the index', { id: p.entry.id });
    }
    const byEntry = new Map<string, string[]>();
    for (const p of paraphrases) byEntry.set(p.entryId, [...(byEntry.get(p.entryId) ?? []), p.text]);
    const entries = [...deps.base.entries, ...added].map((e) => {
      const more = (byEntry.get(e.id) ?? []).filter((q) => !e.questions.includes(q));
      return more.length ? { ...e, questions: [...e.questions, ...more] } : e;
    });
    current = paraphrases.length === 0 && added.length === 0 ? deps.base : deps.build(entries);
    version = next;
  }

  const live: LiveKnowledgeIndex = {
    get entries() {
      return current.entries;
    },
    get words() {
      return current.words;
    },
    entry: (id) => current.entry(id),
    normalise: (text, opts) => current.normalise(text, opts),
    contentWords: (text) => current.contentWords(text),
    search: (text, limit) => current.search(text, limit),
    confidence: (text) => current.confidence(text),
    repair: (text) => current.repair(text),
    explain: (text, limit) => current.explain(text, limit),
    prepare: () => current.prepare(),
    withQuestions: (added) => current.withQuestions(added),
    refresh(force = false) {
      const now = deps.clock().getTime();
      if (!force && now - checkedAt < every) return chain;
      checkedAt = now;
      // One rebuild at a time, in order: a forced refresh after a change here runs after any check already under way.
      chain = chain.then(rebuild).catch((err: unknown) => {
        // The index in use keeps answering; the next turn checks again.
        checkedAt = -Infinity;
        deps.log?.warn('knowledge index refresh failed', { error: err instanceof Error ? err.message : String(err) });
      });
      return chain;
    },
  };
  return live;
}
