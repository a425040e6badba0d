// In-memory BM25F index over knowledge entries (words, bigrams, pinyin), with homophone repair and a coverage-based confidence.
import { isQuestionText } from '../core/intent.js';
import type { Normalise } from '../core/normalise.js';
import type { KnowledgeEntry } from './entry-schema.js';
import { buildPostings, type Postings } from './postings.js';
import { canonicalWords, withCanonicalWords } from './synonyms.js';
import { placeNames } from './place-names.js';
import { soundPairs } from './sound-pairs.js';
import type { KnowledgeWords } from './knowledge-words.js';
import { contentWords, createLexicon, features, isDictionaryWord, syllables } from './text-features.js';
import { typedPinyinToHan } from './typed-pinyin.js';
import { coversTopics, namedTopics } from './topic-words.js';

export interface SearchHit {
  entry: KnowledgeEntry;
  /** BM25F score; only comparable within one query. */
  score: number;
  /** 0–1: how much of the question's content this entry covers, or how near its closest curated question is. */
  confidence: number;
  /** The entry's curated question (or title) nearest to the question, and how near (0–1). */
  nearest?: { similarity: number; question: string };
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

// Field weights: titles and curated paraphrases say what an entry answers; the body only supports.
export const FIELDS = [
  { weight: 3, head: true, words: true, pinyin: true, chars: true },
  { weight: 2.5, head: true, words: true, pinyin: true, chars: true },
  { weight: 2, head: true, words: true, pinyin: true, chars: true },
  { weight: 0.6, head: false, words: false, pinyin: false, chars: false },
] as const;
const KIND_WEIGHT: Record<string, number> = { w: 1, b: 1, p: 0.6, n: 1.5, l: 1, c: 0 };
const K1 = 1.2;
// Bit flags per posting: the term occurs in a heading field (title, questions, tags) or in the body.
export const IN_HEAD = 1;
export const IN_BODY = 2;
const UNSEEN_WEIGHT = 0.6;
const UNSEEN_QUANTITY = 0.2;
// A word the knowledge base has never seen that starts with a numeral (三年, 两万, 五个多) is a quantity the driver gives.
const TRAILING_NUMERALS = /(?<=\p{Script=Han}{2})[一二两三四五六七八九十]+$/u;
const QUANTITY_WORD = /^[一二两三四五六七八九十半几百千万]/u;
// "How many / how long" words (几天, 多长) ask for a quantity; however rare in the knowledge base, they are not what an
// entry is about, so they never anchor one.
const ASKED_QUANTITY = /^[第好]?[几多]/u;
// "几个 / 几天 / 多少吨" asks for a number in a unit; an entry that states one in that unit ("24个", "5日", "49吨") answers it
// although it never repeats the question word.
const ASKED_UNIT = /^(?:第|好)?(?:几|多少)(个月|月|个|天|日|年|周|次|分钟|分|小时|钟头|吨|米|厘米|元|块|万|倍|条|项|种|公里|千克|公斤)$/u;
const ASKED_UNIT_TAIL = new RegExp(ASKED_UNIT.source.slice(1), 'u');
const UNIT_FORMS: Record<string, string> = { 天: '天|日', 日: '天|日', 块: '元|块', 个月: '个月|月', 钟头: '小时', 公斤: '千克|公斤' };
// Drivers ask in another unit than the entry states (几个月 for "30日", 多少公斤 for "18吨", 多少厘米 for "2.55米"): a
// number in a unit of the same measure answers too, with a little less credit.
const UNIT_FAMILIES: readonly string[] = ['年|个月|月|周|天|日|小时|钟头|分钟', '吨|千克|公斤', '米|厘米|公里', '元|块|万'];
const FAMILY_CREDIT = 0.7;
const UNIT_MISS = 0.85;
// "几个|月", "第几|条": the segmenter splits an asked quantity from its unit, which then reads as a topic word.
const ASKED_HEAD = /^(?:第|好)?(?:几|多少)个?$/u;
const UNIT_WORD = /^(?:个月|月|天|日|年|周|次|分钟|小时|钟头|吨|米|厘米|元|块|万|倍|条|项|种|公里|千克|公斤)$/u;
const STATED_NUMBER = '(?:\\d|[两三四五六七八九十百千万])';
const UNIT_CREDIT = 0.8;

function askedUnitsJoined(words: Array<{ word: string; joined: boolean }>): Array<{ word: string; joined: boolean }> {
  const out: Array<{ word: string; joined: boolean }> = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    if (prev && ASKED_HEAD.test(prev.word) && UNIT_WORD.test(w.word)) out[out.length - 1] = { word: `${prev.word}${w.word}`, joined: false };
    else out.push(w);
  }
  return out;
}
const ANCHOR_LIFT = 0.5;
// Candidates re-ranked by score × (RERANK_BASE + coverage), so an entry that answers all of the question beats one
// that repeats some of its words often.
const RERANK_BASE = 0.2;
const RERANK_POOL = 8;

// An entry that never mentions a topic the question names (手机, 年审) keeps this share of its coverage: below the
// answer threshold however much else it shares with the question, yet still ranked among its peers.
const TOPIC_MISS = 0.45;
// Content weight, as a share of the rarest term's idf, below which a question is too thin to be answered with confidence.
const MIN_SUBSTANCE = 0.3;
// A story that ends in a question ("给老板开了三年车 … 还能仲裁不 时效过了没有"): the question clauses alone say what is
// asked, and an entry that covers them answers although the story's words dilute its coverage of the whole.
const CLAUSE_BREAK = /[\s，,。；;！!？?]+/u;
const FOCUS_WEIGHT = 0.5;
const FOCUS_MIN_WORDS = 2;

/** The question clauses a longer story ends with, or undefined when the text is one question or ends in a statement. */
export function askedClauses(text: string): string | undefined {
  const clauses = text.split(CLAUSE_BREAK).filter((c) => c.length > 0);
  let i = clauses.length;
  while (i > 0 && isQuestionText(clauses[i - 1] as string)) i--;
  return i === 0 || i === clauses.length ? undefined : clauses.slice(i).join(' ');
}

// The sources join the body: drivers also ask by statute and article ("民法典836条讲的啥").
function fieldTexts(e: KnowledgeEntry): string[] {
  const sources = e.sources.map((s) => [s.name, s.article].filter(Boolean).join('')).join('。');
  return [e.title, e.questions.join('。'), e.tags.join('。'), `${e.answer}\n${e.speech}\n${sources}`];
}

/** One content word of the question, resolved against the dictionary once so each candidate costs only lookups. */
type WordPlan =
  | { kind: 'exact'; term: number; weight: number }
  | { kind: 'char'; term: number; weight: number }
  | {
      kind: 'han';
      pairs: Array<{ bigram: number; pinyin: number; idf: number; alike: number }>;
      chars: number[];
      joined: boolean;
      weight: number;
      share: number;
      anchorable: boolean;
      /** For a "how many" word: a stated number in its unit, and in a unit of the same measure. */
      unit?: RegExp;
      family?: RegExp;
    };

export interface IndexOptions {
  /** Place names (a gazetteer's); a national list is always included. */
  places?: Iterable<string>;
  /** The knowledge domain's word rules (knowledge/lexicon/knowledge). */
  words: KnowledgeWords;
  /** The core normaliser with the dialect rules (knowledge/lexicon/core). */
  normalise: Normalise;
}

export function buildKnowledgeIndex(entries: readonly KnowledgeEntry[], opts: IndexOptions): KnowledgeIndex {
  const places = new Set([...placeNames(), ...(opts.places ?? [])]);
  const { words: kw, normalise: normaliseText } = opts;
  const fw = kw.functionWords;
  const n = entries.length;
  const postings: Postings = buildPostings(
    entries.map((e) => {
      const texts = fieldTexts(e).map((t) => withCanonicalWords(normaliseText(t), kw.synonyms));
      return FIELDS.map((f, i) => features(texts[i] ?? '', { ...f, functionWords: fw }));
    }),
    FIELDS,
  );
  const fullTexts = entries.map((e) => withCanonicalWords(normaliseText(fieldTexts(e).join('\n')), kw.synonyms));
  const maxIdf = Math.log(1 + (n + 0.5) / 0.5);
  const idfOf = (term: number) => (term < 0 ? maxIdf : (postings.idf[term] as number));
  const id = (term: string) => postings.dict.get(term) ?? -1;

  const { byPinyin, typedPairs, typedSyllables } = soundPairs(postings);
  const known = (bigram: string) => postings.dict.has(`b:${bigram}`);
  const lexicon = createLexicon(
    Array.from(postings.dict.keys(), (t) => (t.startsWith('w:') ? t.slice(2) : '')),
    fw,
  );

  // The nearest curated question: each entry's title and questions as term sets, weighted like the ranking's terms, so
  // a new wording is judged by the closest way drivers already asked it, not only by the entry's words as a whole.
  const termWeight = (t: number, term: string) => (KIND_WEIGHT[term[0] as string] ?? 0) * (postings.idf[t] as number);
  // Built on first use per entry: the nearest curated question is only reported, so an index of 10,000 entries pays
  // for the few entries questions actually reach, not for all of them at start-up.
  type Paraphrase = { question: string; terms: Map<number, number>; weight: number };
  const paraphraseCache = new Map<number, Paraphrase[]>();
  function paraphrasesOf(doc: number): Paraphrase[] {
    let cached = paraphraseCache.get(doc);
    if (cached) return cached;
    const e = entries[doc] as KnowledgeEntry;
    cached = [e.title, ...e.questions].map((q) => {
      const terms = termWeights(features(canonicalWords(normaliseText(q), kw.synonyms), { pinyin: true, query: true, lexicon, functionWords: fw }));
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
      const t = id(term);
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

  /** Whether replacing chars[i], chars[i+1] by a, b makes a known pair with a neighbour that is not a function character. */
  function supported(chars: string[], i: number, a: string, b: string): boolean {
    const before = chars[i - 1];
    const after = chars[i + 2];
    return (before !== undefined && !fw.words.has(before) && known(`${before}${a}`)) || (after !== undefined && !fw.words.has(after) && known(`${b}${after}`));
  }

  function repair(raw: string): string {
    // "受不受理" asks about 受理: the A-not-A form of a two-character word is that word for retrieval.
    const typed = typedPinyinToHan(normaliseText(raw), {
      inventory: typedSyllables,
      pairFor: (pair) => (byPinyin.get(pair) ?? typedPairs.get(pair))?.bigram,
      isKnownWord: (word) => postings.dict.has(`l:${word}`),
    });
    const text = canonicalWords(typed, kw.synonyms).replace(/(\p{Script=Han})[不没]\1(\p{Script=Han})/gu, (form, a: string, b: string) =>
      lexicon.words.has(a + b) ? a + b : form,
    );
    return text.replace(/[\p{Script=Han}]{2,}/gu, (run) => {
      const chars = Array.from(run);
      const syl = syllables(run);
      if (syl.length !== chars.length) return run;
      for (let i = 0; i + 1 < chars.length; i++) {
        if (known(`${chars[i]}${chars[i + 1]}`)) continue;
        const fix = byPinyin.get(`${syl[i]} ${syl[i + 1]}`);
        if (!fix) continue;
        const [a, b] = Array.from(fix.bigram);
        // Recognisers swap one character for a homophone (公伤, 园助, 六周); a pair with both changed is a different word.
        if ((a === chars[i]) === (b === chars[i + 1])) continue;
        // Never break a neighbouring pair that is already right (驾驶|是 must not become 驾实施, 开始施行 not 开实施行).
        const right = (pair: string) => known(pair) || isDictionaryWord(pair);
        if (i > 0 && a !== chars[i] && right(`${chars[i - 1]}${chars[i]}`)) continue;
        if (i + 2 < chars.length && b !== chars[i + 1] && right(`${chars[i + 1]}${chars[i + 2]}`)) continue;
        // A real word (火车) is misheard only when the re-reading also joins its neighbour into the knowledge base's
        // words (工商认定 → 工伤认定, 车祸无忧 → 车货无忧); on its own it is what the driver meant.
        if (isDictionaryWord(`${chars[i]}${chars[i + 1]}`) && !supported(chars, i, a as string, b as string)) continue;
        chars[i] = a as string;
        chars[i + 1] = b as string;
      }
      return chars.join('');
    });
  }

  /** A pair of characters the knowledge base has never seen, by sight or by sound. */
  const unseenPair = (a: string, b: string) => id(`b:${a}${b}`) < 0 && id(`p:${syllables(a + b).join(' ')}`) < 0;

  /**
   * A run of single characters the segmenter could not place is often several words (搞|套路贷, 车子|挂靠): wherever a
   * pair is unknown by sight and sound there is a word boundary, so the run is split there. A run with no known pair at
   * all stays whole, as one unknown word.
   */
  function runPieces(cs: string[]): string[][] {
    if (!cs.some((c, i) => i + 1 < cs.length && !unseenPair(c, cs[i + 1] as string))) return [cs];
    const pieces: string[][] = [];
    let cur: string[] = [];
    cs.forEach((c, i) => {
      if (i > 0 && unseenPair(cs[i - 1] as string, c)) {
        pieces.push(cur);
        cur = [];
      }
      cur.push(c);
    });
    pieces.push(cur);
    return pieces;
  }

  /** The stated numbers that answer an asked quantity: in its own unit, and in another unit of the same measure. */
  function unitTests(asked: string, unit: string): { unit: RegExp; family?: RegExp } {
    if (asked.startsWith('第')) return { unit: new RegExp(`第\\s*${STATED_NUMBER}+\\s*${unit}`, 'u') };
    const own = UNIT_FORMS[unit] ?? unit;
    const family = UNIT_FAMILIES.find((f) => f.split('|').includes(unit));
    return {
      unit: new RegExp(`${STATED_NUMBER}\\s*(?:${own})`, 'u'),
      ...(family ? { family: new RegExp(`${STATED_NUMBER}\\s*(?:${family})`, 'u') } : {}),
    };
  }

  function hanPlan(cs: string[], joined: boolean, word: string): WordPlan | undefined {
    if (cs.length === 1) return { kind: 'char', term: id(`c:${cs[0]}`), weight: 0.5 };
    const syl = syllables(cs.join(''));
    const pairs = [];
    let seen = false;
    for (let i = 0; i + 1 < cs.length; i++) {
      const bigram = id(`b:${cs[i]}${cs[i + 1]}`);
      const pinyin = syl.length === cs.length ? id(`p:${syl[i]} ${syl[i + 1]}`) : -1;
      if (bigram >= 0 || pinyin >= 0) seen = true;
      // A sound-alike stands in for a pair the knowledge base has never seen (公伤 → 工伤), unless that pair is a
      // real word (火车 is not a mishearing of 货车); a known pair that merely sounds like another (人工 ~ 认定) is a
      // different word too.
      // Only a sound shared with a pair inside a heading word counts: pairs across word boundaries (套路运|是) sound like
      // anything.
      const alike = bigram < 0 && syl.length === cs.length && byPinyin.has(`${syl[i]} ${syl[i + 1]}`) && !isDictionaryWord(`${cs[i]}${cs[i + 1]}`) ? 0.8 : 0.3;
      pairs.push({ bigram, pinyin, idf: idfOf(bigram), alike });
    }
    // A place the knowledge base never mentions is where the driver is, not what they ask about.
    if (!seen && places.has(cs.join(''))) return undefined;
    const weight = pairs.reduce((sum, p) => sum + p.idf, 0) / pairs.length;
    // A run the segmenter could not split may end in the asked figure (扣几分, 罚多少元).
    const asked = ASKED_UNIT.exec(cs.join('')) ?? (joined ? ASKED_UNIT_TAIL.exec(cs.join('')) : null);
    const unit = asked?.[1];
    return {
      kind: 'han',
      pairs,
      chars: cs.map((c) => id(`c:${c}`)),
      joined,
      weight,
      // A word the knowledge base has never seen may be a paraphrase as easily as a new topic, so it weighs less
      // than a word that belongs to other entries.
      share: seen ? 1 : QUANTITY_WORD.test(word) ? UNSEEN_QUANTITY : UNSEEN_WEIGHT,
      anchorable: !ASKED_QUANTITY.test(word),
      ...(unit && asked ? unitTests(asked[0], unit) : {}),
    };
  }

  function plan(text: string): WordPlan[] {
    const out: WordPlan[] = [];
    for (const { word, joined } of askedUnitsJoined(contentWords(text, fw, lexicon))) {
      if (/^\d/.test(word) || /^[a-z]/.test(word)) {
        const term = id(/^\d/.test(word) ? `n:${word}` : `l:${word}`);
        // A short number no entry uses (40吨, 5个小时) is the driver's own quantity, not a topic; a five-digit unknown
        // one (12306) may well be the topic, a hotline the knowledge base does not know.
        // Up to four digits covers a year no entry names (2003年, the date of a rumour) and a hotline half remembered
        // (1234几): the driver's own figures, not the topic.
        const quantity = term < 0 && /^\d{1,4}(\.\d+)?$/.test(word);
        out.push({ kind: 'exact', term, weight: quantity ? UNSEEN_QUANTITY * maxIdf : idfOf(term) });
        continue;
      }
      // A count glued onto a topic word (超限四|五次) is the driver's figure: the run keeps only the word.
      const cs = Array.from((joined ? word.replace(TRAILING_NUMERALS, '') || word : word).match(/\p{Script=Han}/gu) ?? []);
      if (cs.length === 0) continue;
      const pieces = joined && cs.length >= 3 ? runPieces(cs) : [cs];
      for (const piece of pieces) {
        const planned = hanPlan(piece, joined && piece.length > 2, pieces.length > 1 ? piece.join('') : word);
        if (planned) out.push(planned);
      }
    }
    return out;
  }

  /** 0 for common words, 1 for words as rare as those only a few entries use; relative to the index size. */
  const anchorStrength = (idf: number) => Math.min(1, Math.max(0, (idf / maxIdf - 0.3) / 0.4));

  /** Weighted share of the question's content words that the entry contains (exactly, by bigrams, or by sound). */
  function coverage(words: WordPlan[], doc: number): number {
    let total = 0;
    let got = 0;
    let anchor = 0;
    // Whether the question asks for a figure in a unit (扣几分, 多少吨) that this entry never states in any unit of that measure.
    let unitMissed = false;
    for (const w of words) {
      if (w.kind !== 'han') {
        const mask = postings.presence(w.term, doc);
        total += w.weight;
        if (w.kind === 'char') got += mask & IN_HEAD ? w.weight : 0;
        else got += mask & IN_HEAD ? w.weight : mask & IN_BODY ? 0.7 * w.weight : 0;
        if (w.kind === 'exact' && mask & IN_HEAD) anchor = Math.max(anchor, anchorStrength(w.weight));
        continue;
      }
      let credit = 0;
      let full = 0;
      for (const p of w.pairs) {
        full += p.idf;
        const mask = postings.presence(p.bigram, doc);
        if (mask & IN_HEAD) credit += p.idf;
        else if (mask & IN_BODY) credit += 0.7 * p.idf;
        else if (postings.presence(p.pinyin, doc)) credit += p.alike * p.idf;
      }
      let ratio = full === 0 ? 0 : credit / full;
      // A run the segmenter left as single characters (挂|靠|出) may be several words, so each character found in the
      // headings also counts, a little less than a matching pair.
      // Two characters are one pair already; only longer runs can hide several words.
      if (w.joined && w.chars.length > 2) {
        const found = w.chars.filter((c) => postings.presence(c, doc) & IN_HEAD).length;
        ratio = Math.max(ratio, (0.85 * found) / w.chars.length);
      }
      if (w.unit && ratio < UNIT_CREDIT && w.unit.test(fullTexts[doc] as string)) ratio = UNIT_CREDIT;
      else if (w.family && ratio < FAMILY_CREDIT && w.family.test(fullTexts[doc] as string)) ratio = FAMILY_CREDIT;
      if (w.unit && !w.unit.test(fullTexts[doc] as string) && !w.family?.test(fullTexts[doc] as string)) unitMissed = true;
      total += w.share * w.weight;
      got += w.share * w.weight * Math.min(1, ratio);
      if (ratio >= 0.8 && w.anchorable) anchor = Math.max(anchor, anchorStrength(w.weight));
    }
    if (total === 0) return 0;
    // A question whose only content is a common character or two ("是管什么的") names no topic, however fully an
    // entry contains it.
    const substance = Math.min(1, total / (MIN_SUBSTANCE * maxIdf));
    // A distinctive term found in the entry's headings (套路贷, 留置权, 12328) is strong evidence even when the rest of a
    // long, story-like question is not covered, so it lifts the coverage part of the way to 1.
    const covered = got / total;
    // An entry that states no figure of the asked kind cannot answer "扣几分", however well it matches the rest.
    return substance * (covered + (1 - covered) * ANCHOR_LIFT * anchor) * (unitMissed ? UNIT_MISS : 1);
  }

  const scores = new Float64Array(n);
  const touched: number[] = [];

  function withoutComparisons(text: string): string {
    let out = text;
    for (const rule of kw.comparison.rules) out = out.replace(new RegExp(rule.pattern.source, `${rule.pattern.flags}g`), ' ');
    return out;
  }

  function rank(terms: ReadonlySet<string>, limit: number): Array<{ doc: number; score: number }> {
    touched.length = 0;
    for (const term of terms) {
      const kind = KIND_WEIGHT[term[0] as string] ?? 0;
      const t = id(term);
      if (t < 0 || kind === 0) continue;
      const w = kind * (postings.idf[t] as number) * (K1 + 1);
      const end = postings.offsets[t + 1] as number;
      for (let i = postings.offsets[t] as number; i < end; i++) {
        const d = postings.docs[i] as number;
        const tf = postings.tfs[i] as number;
        if (scores[d] === 0) touched.push(d);
        scores[d] = (scores[d] as number) + (w * tf) / (K1 + tf);
      }
    }
    const top: number[] = [];
    for (const d of touched) {
      const s = scores[d] as number;
      if (top.length === limit && s <= (scores[top[limit - 1] as number] as number)) continue;
      let i = top.length < limit ? top.length : limit - 1;
      while (i > 0 && (scores[top[i - 1] as number] as number) < s) {
        top[i] = top[i - 1] as number;
        i--;
      }
      top[i] = d;
    }
    const hits = top.map((d) => ({ doc: d, score: scores[d] as number }));
    for (const d of touched) scores[d] = 0;
    return hits;
  }

  function search(raw: string, limit = 5): SearchHit[] {
    const text = repair(raw);
    const words = plan(text);
    // Found before repair: synonyms may rewrite a question word away (哪里告 → 起诉).
    const askedRaw = askedClauses(normaliseText(raw));
    const asked = askedRaw ? repair(askedRaw) : undefined;
    // One word ("平台管不管") leans on the story for its subject: too thin to judge entries by.
    const askedPlan = asked ? plan(asked) : [];
    const askedWords = askedPlan.filter((w) => w.kind !== 'char').length >= FOCUS_MIN_WORDS ? askedPlan : undefined;
    // A topic named only as what the question compares with ("跟养老保险一样") need not be in the answer.
    const topics = namedTopics(withoutComparisons(text), kw.uncoveredTopics);
    const terms = new Set(features(text, { pinyin: true, query: true, lexicon, functionWords: fw }));
    const query = termWeights(terms);
    let queryWeight = 0;
    for (const w of query.values()) queryWeight += w;
    const pool = rank(terms, Math.max(limit, RERANK_POOL)).map((h) => {
      const onTopic = coversTopics(topics, fullTexts[h.doc] as string);
      const whole = coverage(words, h.doc);
      // Blended with the whole, so a bare question clause that leans on the story ("平台管不管") cannot carry an entry alone.
      const confidence = askedWords ? Math.max(whole, (1 - FOCUS_WEIGHT) * whole + FOCUS_WEIGHT * coverage(askedWords, h.doc)) : whole;
      // Reported, not scored: lifting confidence or rank by it measured no better (docs/retrieval.md), but it tells staff
      // and kb:explain which curated wording a question is closest to.
      const near = nearestParaphrase(query, queryWeight, h.doc);
      return { ...h, onTopic, near, confidence: onTopic ? confidence : TOPIC_MISS * confidence };
    });
    // An entry that names the question's topic outranks every one that does not.
    const rankOf = (h: (typeof pool)[number]) => h.score * (RERANK_BASE + h.confidence);
    pool.sort((a, b) => Number(b.onTopic) - Number(a.onTopic) || rankOf(b) - rankOf(a));
    return pool.slice(0, limit).map(({ doc, score, confidence, near }) => ({ entry: entries[doc] as KnowledgeEntry, score, confidence, nearest: near }));
  }

  function explain(raw: string, limit = 3): SearchExplanation {
    const repaired = repair(raw);
    const named = namedTopics(withoutComparisons(repaired), kw.uncoveredTopics);
    const hits = search(raw, limit);
    const termIds = [...new Set(features(repaired, { pinyin: true, query: true, lexicon, functionWords: fw }))].map((term) => ({ term, t: id(term) })).filter((x) => x.t >= 0);
    return {
      repaired,
      synonyms: kw.synonyms.matching(normaliseText(raw)),
      topics: named.map((r) => r.name),
      words: contentWords(repaired, fw, lexicon).map((w) => w.word),
      candidates: hits.map((h) => {
        const doc = entries.indexOf(h.entry);
        const terms = termIds
          .map(({ term, t }) => {
            const tf = postings.tf(t, doc);
            const contribution = ((KIND_WEIGHT[term[0] as string] ?? 0) * (postings.idf[t] as number) * (K1 + 1) * tf) / (K1 + tf);
            return { term, contribution: Math.round(contribution * 100) / 100 };
          })
          .filter((x) => x.contribution > 0)
          .sort((a, b) => b.contribution - a.contribution);
        return {
          id: h.entry.id,
          title: h.entry.title,
          score: Math.round(h.score * 100) / 100,
          confidence: Math.round(h.confidence * 1000) / 1000,
          onTopic: coversTopics(named, fullTexts[doc] as string),
          ...(h.nearest ? { nearest: h.nearest } : {}),
          terms,
        };
      }),
    };
  }

  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    entries,
    entry: (id) => byId.get(id),
    words: kw,
    normalise: normaliseText,
    contentWords: (text) => contentWords(text, fw),
    search,
    repair,
    explain,
    withQuestions(added) {
      const grown = entries.map((e) => (added[e.id]?.length ? { ...e, questions: [...e.questions, ...(added[e.id] ?? [])] } : e));
      return buildKnowledgeIndex(grown, opts);
    },
    confidence(text) {
      return search(text, 1)[0]?.confidence ?? 0;
    },
  };
}
