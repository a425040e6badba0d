// The Node runtime: reads the assets from the repository's files and builds the runtime (server, CLI, tests, benchmarks).
import type { Assets } from './assets/assets.js';
import { loadChartLibrary } from './assets/chart-library.js';
import { cachedIndexGroundwork } from './assets/index-cache.js';
import { KNOWLEDGE_DIR, loadNodeAssets } from './assets/node-assets.js';
import { buildRuntime, indexOptionsFor, knowledgeIndexFor, type Runtime, type RuntimeOptions } from './composition-root.js';
import type { CandidateChooser } from './knowledge/faq-skill.js';
import type { ChooserFactory } from './llm/entry-choice.js';

export { KNOWLEDGE_DIR };
export { knowledgeIndexFor, type Runtime, type StaffRuntime } from './composition-root.js';

export interface NodeRuntimeOptions extends Omit<RuntimeOptions, 'assets'> {
  /** Defaults to the files under `knowledgeDir`. */
  assets?: Assets;
  /** The knowledge root (entries, stations, gazetteer, routing rules); defaults to the repository's knowledge/. */
  knowledgeDir?: string;
}

/**
 * The LangChain chooser, loaded with the first choice the model is asked for: LangChain and LangSmith are some 260
 * modules, a third of what the server loaded at start-up, and a server without a model key never needs them.
 */
const lazyKnowledgeChooser: ChooserFactory = (...args) => {
  let chooser: Promise<CandidateChooser> | undefined;
  return {
    async choose(question, candidates) {
      if (candidates.length === 0) return undefined;
      chooser ??= import('./llm/knowledge-chooser.js').then((m) => m.createKnowledgeChooser(...args));
      // Like the chooser's own failures: no choice, and the offline decision stands.
      return (await chooser.catch(() => undefined))?.choose(question, candidates);
    },
  };
};

export function createRuntime(opts: NodeRuntimeOptions): Promise<Runtime> {
  const { knowledgeDir, ...rest } = opts;
  const assets = opts.assets ?? loadNodeAssets(knowledgeDir);
  // The built server reads the curated index's groundwork from its cache; buildRuntime then finds the index made.
  if (!opts.assets) knowledgeIndexFor(assets, cachedIndexGroundwork(assets, indexOptionsFor(assets), knowledgeDir));
  // The model's choice composes through LangChain on Node (the knowledge base plugs into LangChain applications here).
  return buildRuntime({
    chartLibrary: loadChartLibrary,
    chooser: lazyKnowledgeChooser,
    ...rest,
    assets,
  });
}
