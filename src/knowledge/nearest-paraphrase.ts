// The curated question of an entry nearest to a driver's question, weighted like the ranking's terms.
import type { Normalise } from '../core/normalise.js';
import type { KnowledgeEntry } from './entry-schema.js';
import type { KnowledgeWords } from './knowledge-words.js';
import { canonicalWords } from './synonyms.js';
import { features, type Lexicon } from './text-features.js';

/** Ranking weight per term kind (w: word, b: character pair, p: pinyin pair, n: number, l: Latin, c: single character). */
export const KIND_WEIGHT: Record<string, number> = { w: 1, b: 1, p: 0.6, n: 1.5, l: 1, c: 0 };

export interface ParaphraseContext {
  entries: readonly KnowledgeEntry[];
  /** A term's id in the index, -1 when unknown. */
  id(term: string): number;
  idf: ArrayLike<number>;
  normalise: Normalise;
  synonyms: KnowledgeWords['synonyms'];
  lexicon: Lexicon;
  functionWords: KnowledgeWords['functionWords'];
}

export function paraphraseMatcher(ctx: ParaphraseContext) {
  // The nearest curated question: each entry's title and questions as term sets, weighted like the ranking's terms, so
  // a new wording is judged by the closest way drivers already asked it, not only by the entry's words as a whole.
  const termWeight = (t: number, term: string) => (KIND_WEIGHT[term[0] as string] ?? 0) * (ctx.idf[t] as number);
  // Built on first use per entry: the nearest curated question is only reported, so an index of 10,000 entries pays
  // for the few entries questions actually reach, not for all of them at start-up.
  type Paraphrase = { question: string; terms: Map<number, number>; weight: number };
  const paraphraseCache = new Map<number, Paraphrase[]>();
  function paraphrasesOf(doc: number): Paraphrase[] {
    let cached = paraphraseCache.get(doc);
    if (cached) return cached;
    const e = ctx.entries[doc] as KnowledgeEntry;
    cached = [e.title, ...e.questions].map((q) => {
      const terms = termWeights(features(canonicalWords(ctx.normalise(q), ctx.synonyms), { pinyin: true, query: true, lexicon: ctx.lexicon, functionWords: ctx.functionWords }));
      let weight = 0;
      for (const w of terms.values()) weight += w;
      return { question: q, terms, weight };
    });
    paraphraseCache.set(doc, cached);
    return cached;
  }

  /** Term ids with their ranking weights (kind × idf); terms the index does not know are left out. */
  function termWeights(terms: Iterable<string>): Map<number, number> {
    const out = new Map<number, number>();
    for (const term of terms) {
      const t = ctx.id(term);
      if (t >= 0 && termWeight(t, term) > 0) out.set(t, termWeight(t, term));
    }
    return out;
  }

  /**
   * The entry's curated question nearest to a question's terms: the harmonic mean of how much of that question the
   * driver's words contain and how much of the driver's words it contains (idf-weighted, so common words count little).
   */
  function nearestParaphrase(query: Map<number, number>, queryWeight: number, doc: number): { similarity: number; question: string } {
    let best = { similarity: 0, question: '' };
    for (const p of paraphrasesOf(doc)) {
      if (p.weight === 0 || queryWeight === 0) continue;
      let shared = 0;
      for (const [t, w] of p.terms) if (query.has(t)) shared += w;
      const contained = shared / p.weight;
      const precision = shared / queryWeight;
      const similarity = contained + precision === 0 ? 0 : (2 * contained * precision) / (contained + precision);
      if (similarity > best.similarity) best = { similarity, question: p.question };
    }
    return best;
  }

  /** Every entry's term sets now, for a runtime that pays start-up once and each request by the millisecond (the Worker). */
  function prepareAll(): void {
    for (let doc = 0; doc < ctx.entries.length; doc++) paraphrasesOf(doc);
  }

  return { termWeights, nearestParaphrase, prepareAll };
}
