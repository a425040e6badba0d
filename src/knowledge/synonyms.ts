// Colloquial words mapped to the one form the knowledge base indexes (knowledge/lexicon/knowledge/synonyms.yaml), applied to entries and questions alike.
import type { WordSet } from '../lexicon/compile.js';

/** Rewrites colloquial words in a question to the form the index stores. */
export function canonicalWords(text: string, synonyms: WordSet): string {
  return synonyms.rewrite(text);
}

/** Adds the canonical form after each colloquial word of an entry's text, keeping the original for exact matches. */
export function withCanonicalWords(text: string, synonyms: WordSet): string {
  let out = text;
  for (const rule of synonyms.rules) {
    const canonical = rule.to ?? '';
    out = out.replace(new RegExp(rule.pattern.source, rule.pattern.flags), (word) => (word === canonical ? word : `${word}（${canonical}）`));
  }
  return out;
}

/** The names of the synonym rules a question fires, for explanations. */
export function firedSynonyms(text: string, synonyms: WordSet): string[] {
  return synonyms.matching(text);
}
