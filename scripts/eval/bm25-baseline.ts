// The honest yardstick: a plain, untuned BM25 (MiniSearch, character unigrams and bigrams) over the same entries, answering every question with its top entry.
import MiniSearch from 'minisearch';
import { answerReply } from '../../src/knowledge/faq-answer.js';
import type { KnowledgeEntry } from '../../src/knowledge/entry-schema.js';
import type { ChatResponse, EvalCase } from './eval-cases.js';

const HAN = /\p{Script=Han}/u;

/**
 * Character unigrams and bigrams of every Chinese run, whole Latin words and numbers; lower case, NFKC width. No
 * stopwords, synonyms, dialect, script conversion or stemming: nothing learnt from the eval files.
 */
export function charGrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text
    .normalize('NFKC')
    .toLowerCase()
    .match(/\p{Script=Han}+|[a-z0-9.]+/gu) ?? []) {
    if (!HAN.test(run)) {
      out.push(run);
      continue;
    }
    const chars = Array.from(run);
    chars.forEach((c, i) => {
      out.push(c);
      if (i + 1 < chars.length) out.push(`${c}${chars[i + 1]}`);
    });
  }
  return out;
}

export interface Bm25Baseline {
  /** The top entry for a question, or undefined when no term matches at all. */
  top(question: string): KnowledgeEntry | undefined;
  /** What a bot built on it would reply: the top entry's curated answer, always as an FAQ answer. */
  reply(c: EvalCase): ChatResponse;
}

export function createBm25Baseline(entries: readonly KnowledgeEntry[]): Bm25Baseline {
  const search = new MiniSearch<{ id: string; title: string; questions: string; tags: string; answer: string }>({
    fields: ['title', 'questions', 'tags', 'answer'],
    tokenize: charGrams,
    processTerm: (t) => t,
  });
  search.addAll(entries.map((e) => ({ id: e.id, title: e.title, questions: e.questions.join('\n'), tags: e.tags.join(' '), answer: e.answer })));
  const byId = new Map(entries.map((e) => [e.id, e]));
  const top = (question: string) => {
    const hit = search.search(question, { combineWith: 'OR' })[0];
    return hit ? byId.get(hit.id as string) : undefined;
  };
  return {
    top,
    reply(c) {
      const entry = top(c.text);
      return entry ? { intent: 'faq', replies: [answerReply(entry, { question: c.text })] } : { intent: 'unknown', replies: [{ text: '' }] };
    },
  };
}
