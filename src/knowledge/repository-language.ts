// The repository's own word rules, loaded from knowledge/lexicon on Node, for tests, benchmarks and scripts that build an index without a runtime.
import { compileLexicon, type Lexicon } from '../lexicon/compile.js';
import { loadLexicon } from '../lexicon/load-lexicon.js';
import type { Normalise } from '../core/normalise.js';
import { retrievalLanguage, type KnowledgeWords } from './knowledge-words.js';

let cached: { lexicon: Lexicon; words: KnowledgeWords; normalise: Normalise } | undefined;

/** knowledge/lexicon compiled once per process; throws listing the problems when a file is invalid. */
export function repositoryLanguage(): { lexicon: Lexicon; words: KnowledgeWords; normalise: Normalise } {
  if (!cached) {
    const { data, problems } = loadLexicon();
    if (problems.length > 0) throw new Error(`invalid word rules:\n${problems.join('\n')}`);
    const lexicon = compileLexicon(data);
    cached = { lexicon, ...retrievalLanguage(lexicon) };
  }
  return cached;
}
