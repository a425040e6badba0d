// The Node runtime: reads the assets from the repository's files and builds the runtime (server, CLI, tests, benchmarks).
import type { Assets } from './assets/assets.js';
import { loadChartLibrary } from './assets/chart-library.js';
import { KNOWLEDGE_DIR, loadNodeAssets } from './assets/node-assets.js';
import { buildRuntime, type Runtime, type RuntimeOptions } from './composition-root.js';
import { createKnowledgeChooser } from './llm/knowledge-chooser.js';

export { KNOWLEDGE_DIR };
export { knowledgeIndexFor, type Runtime, type StaffRuntime } from './composition-root.js';

export interface NodeRuntimeOptions extends Omit<RuntimeOptions, 'assets'> {
  /** Defaults to the files under `knowledgeDir`. */
  assets?: Assets;
  /** The knowledge root (entries, stations, gazetteer, routing rules); defaults to the repository's knowledge/. */
  knowledgeDir?: string;
}

export function createRuntime(opts: NodeRuntimeOptions): Promise<Runtime> {
  const { knowledgeDir, ...rest } = opts;
  // The model's choice composes through LangChain on Node (the knowledge base plugs into LangChain applications here).
  return buildRuntime({
    chartLibrary: loadChartLibrary,
    chooser: createKnowledgeChooser,
    ...rest,
    assets: opts.assets ?? loadNodeAssets(knowledgeDir),
  });
}
