// What the knowledge index answers (hits, explanations) and what it is built from, apart from how it ranks.
import type { Normalise } from '../core/normalise.js';
import type { KnowledgeEntry } from './entry-schema.js';
import type { KnowledgeWords } from './knowledge-words.js';

export interface SearchHit {
  entry: KnowledgeEntry;
  /** BM25F score; only comparable within one query. */
  score: number;
  /** 0–1: how much of the question's content this entry covers, or how near its closest curated question is. */
  confidence: number;
  /** The entry's curated question (or title) nearest to the question, and how near (0–1). */
  nearest?: { similarity: number; question: string };
  /** Set when the question names a narrow topic (knowledge/lexicon/knowledge/uncovered-topics) this entry never mentions. */
  missesTopic?: true;
  /** Set when a reranking step (the service number, a near twin, the asked aspect) put this entry first over the search's own top. */
  promoted?: true;
}

export interface KnowledgeIndex {
  readonly entries: readonly KnowledgeEntry[];
  /** An entry by id. */
  entry(id: string): KnowledgeEntry | undefined;
  /** The word rules the index was built with, for the stages around it (follow-ups, compound questions, routing). */
  readonly words: KnowledgeWords;
  /** The normaliser questions and entries went through (script, width, digits, dialect; fillers for transcripts). */
  readonly normalise: Normalise;
  /** A question's content words (function words dropped, unplaced characters joined). */
  contentWords(text: string): Array<{ word: string; joined: boolean }>;
  /** Best entries first; `text` may be raw (it is normalised here). */
  search(text: string, limit?: number): SearchHit[];
  /** The top hit's confidence, for intent detection. */
  confidence(text: string): number;
  /** The question after normalisation and homophone repair, for logs and tests. */
  repair(text: string): string;
  /**
   * Builds now what is otherwise built the first time a question reaches an entry (its curated questions as term sets):
   * on Workers a turn reaching new entries paid for it inside the 10 ms budget, while start-up has a second.
   */
  prepare(): void;
  /** What the search saw and why each candidate scored (npm run kb:explain). */
  explain(text: string, limit?: number): SearchExplanation;
  /**
   * A new index over the same entries with more curated questions (paraphrases staff attached at run time), built the
   * same way; swap it in for the next turn. Unknown ids are ignored.
   */
  withQuestions(added: Readonly<Record<string, readonly string[]>>): KnowledgeIndex;
}

export interface SearchExplanation {
  /** The question after synonyms, typed pinyin and homophone repair. */
  repaired: string;
  /** Synonym rules that rewrote it, by name. */
  synonyms: string[];
  /** Narrow topics it names (uncovered-topics rules), which an answer must mention. */
  topics: string[];
  /** Its content words (function words dropped). */
  words: string[];
  candidates: Array<{
    id: string;
    title: string;
    score: number;
    confidence: number;
    onTopic: boolean;
    nearest?: { similarity: number; question: string };
    /** The terms that scored for it, largest contribution first (w: word, b: character pair, p: pinyin pair, n: number). */
    terms: Array<{ term: string; contribution: number }>;
  }>;
}

export interface IndexOptions {
  /** Place names (a gazetteer's); a national list is always included. */
  places?: Iterable<string>;
  /** Place names read as whole words when a question is segmented (src/knowledge/place-names.ts placeWords). */
  placeWords?: Iterable<string>;
  /** The knowledge domain's word rules (knowledge/lexicon/knowledge). */
  words: KnowledgeWords;
  /** The core normaliser with the dialect rules (knowledge/lexicon/core). */
  normalise: Normalise;
}
