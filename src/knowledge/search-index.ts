// In-memory BM25F index over knowledge entries (words, bigrams, pinyin), with homophone repair and a coverage-based confidence.
import type { QuestionForms } from '../core/question-forms.js';
import { CLAUSE_OR_PAUSE, joinSpokenWords } from '../core/normalise.js';
import type { KnowledgeEntry } from './entry-schema.js';
import { buildPostings, type Postings } from './postings.js';
import { withCanonicalWords } from './synonyms.js';
import { placeNames } from './place-names.js';
import { soundPairs, type SoundPairs } from './sound-pairs.js';
import { contentWords, createLexicon, features, isDictionaryWord, syllables } from './text-features.js';
import { coversTopics, namedTopics } from './topic-words.js';
import { ASKED_QUANTITY, ASKED_UNIT, ASKED_UNIT_TAIL, FAMILY_CREDIT, QUANTITY_WORD, TRAILING_NUMERALS, UNIT_CREDIT, UNIT_MISS, askedUnitsJoined, unitTests } from './asked-units.js';
import { homophoneRepair } from './homophone-repair.js';
import { KIND_WEIGHT, paraphraseMatcher } from './nearest-paraphrase.js';
import type { IndexOptions, KnowledgeIndex, SearchExplanation, SearchHit } from './search-types.js';

export type { IndexOptions, KnowledgeIndex, SearchExplanation, SearchHit } from './search-types.js';

// Field weights: titles and curated paraphrases say what an entry answers; the body only supports.
export const FIELDS = [
  { weight: 3, head: true, words: true, pinyin: true, chars: true },
  { weight: 2.5, head: true, words: true, pinyin: true, chars: true },
  { weight: 2, head: true, words: true, pinyin: true, chars: true },
  { weight: 0.6, head: false, words: false, pinyin: false, chars: false },
] as const;
const K1 = 1.2;
// Bit flags per posting: the term occurs in a heading field (title, questions, tags) or in the body.
export const IN_HEAD = 1;
export const IN_BODY = 2;
const UNSEEN_WEIGHT = 0.6;
const UNSEEN_QUANTITY = 0.2;
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
// A place the knowledge base mentions but no entry is about (云南 in one curated question) is where the driver is or comes
// from: it counts for a little of a question's coverage, so an entry sharing only the place cannot look like the answer.
const PLACE_SHARE = 0.3;
// A story that ends in a question ("给老板开了三年车 … 还能仲裁不 时效过了没有"): the question clauses alone say what is
// asked, and an entry that covers them answers although the story's words dilute its coverage of the whole.
const FOCUS_WEIGHT = 0.5;
const FOCUS_MIN_WORDS = 2;

const RECENT_RESULTS = 32;

/** A small memo of the latest results by key (oldest dropped first); `set` returns the value it stored. */
function recentResults<T>() {
  const byKey = new Map<string, T>();
  return {
    get: (key: string) => byKey.get(key),
    set(key: string, value: T): T {
      if (byKey.size >= RECENT_RESULTS) byKey.delete(byKey.keys().next().value as string);
      byKey.set(key, value);
      return value;
    },
  };
}

/** The question clauses a longer story ends with, or undefined when the text is one question or ends in a statement. */
export function askedClauses(text: string, question: QuestionForms): string | undefined {
  const clauses = text.split(CLAUSE_OR_PAUSE).filter((c) => c.length > 0);
  let i = clauses.length;
  while (i > 0 && question.asks(clauses[i - 1] as string)) i--;
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


/**
 * What building an index spends its time on (segmenting and reading every field, the postings, the sound pairs): a pure
 * function of the entries and options, so the Node server can keep it in a file and skip it at start (src/assets/index-cache.ts).
 */
export interface IndexGroundwork {
  postings: Postings;
  /** Each entry's fields as one normalised text, for the asked-unit and topic checks. */
  fullTexts: string[];
  sounds: SoundPairs;
}

export function indexGroundwork(entries: readonly KnowledgeEntry[], opts: IndexOptions): IndexGroundwork {
  const { words: kw, normalise: normaliseText } = opts;
  const fw = kw.functionWords;
  const postings: Postings = buildPostings(
    entries.map((e) => {
      const texts = fieldTexts(e).map((t) => withCanonicalWords(normaliseText(t), kw.synonyms));
      return FIELDS.map((f, i) => features(texts[i] ?? '', { ...f, functionWords: fw }));
    }),
    FIELDS,
  );
  const fullTexts = entries.map((e) => withCanonicalWords(normaliseText(fieldTexts(e).join('\n')), kw.synonyms));
  return { postings, fullTexts, sounds: soundPairs(postings) };
}

/** `groundwork` must have been made from the same entries and options (the default makes it). */
export function buildKnowledgeIndex(entries: readonly KnowledgeEntry[], opts: IndexOptions, groundwork: IndexGroundwork = indexGroundwork(entries, opts)): KnowledgeIndex {
  const places = new Set([...placeNames(), ...(opts.places ?? [])]);
  // A place some entry is about (四川 in 四川暖心之家在哪些地方) is a topic; any other place is where the driver is.
  const titled = new Map<string, boolean>();
  const circumstantialPlace = (word: string) =>
    places.has(word) && !(titled.get(word) ?? titled.set(word, entries.some((e) => e.title.includes(word))).get(word));
  const { words: kw, normalise: normaliseText } = opts;
  const fw = kw.functionWords;
  const n = entries.length;
  const { postings, fullTexts } = groundwork;
  const maxIdf = Math.log(1 + (n + 0.5) / 0.5);
  const idfOf = (term: number) => (term < 0 ? maxIdf : (postings.idf[term] as number));
  const id = (term: string) => postings.dict.get(term) ?? -1;

  const { byPinyin, typedPairs, typedSyllables } = groundwork.sounds;
  // Place names are words too, so a place glued to a verb (攀枝花装的货) is read as the place and the verb, not as junk pairs.
  const lexicon = createLexicon([...Array.from(postings.dict.keys(), (t) => (t.startsWith('w:') ? t.slice(2) : '')), ...(opts.placeWords ?? [])], fw);
  const { termWeights, nearestParaphrase, prepareAll } = paraphraseMatcher({ entries, id, idf: postings.idf, normalise: normaliseText, synonyms: kw.synonyms, lexicon, functionWords: fw });
  const repairText = homophoneRepair({ byPinyin, typedPairs, typedSyllables, normalise: normaliseText, synonyms: kw.synonyms, typedPinyinWords: kw.typedPinyinWords, englishWords: kw.englishWords, functionWords: fw, lexicon, has: (t) => postings.dict.has(t) });

  // A transcript spaces words apart ("工伤 保险 要 我 出钱"): retrieval reads characters as one run, before the repair (its
  // synonyms span words) and after it (pinyin it read comes back spaced). One turn asks the same text several times (the
  // intent probe's confidence, the decision, the skill's repair): both are
  // pure functions of the text for this index, so the last few results are kept.
  const repairs = recentResults<string>();
  const repair = (raw: string) => repairs.get(raw) ?? repairs.set(raw, joinSpokenWords(repairText(joinSpokenWords(raw))));

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
      share: circumstantialPlace(cs.join('')) ? PLACE_SHARE : seen ? 1 : QUANTITY_WORD.test(word) ? UNSEEN_QUANTITY : UNSEEN_WEIGHT,
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

  // The nearest curated question is worked out only when read: wide searches (a follow-up's topic test) read confidences
  // alone, and comparing every curated question of 40 entries was a tenth of a Worker turn's CPU.
  type Ranked = { doc: number; score: number; confidence: number; onTopic: boolean; nearest(): SearchHit['nearest'] };
  const searches = recentResults<Ranked[]>();

  /** The pool depends on the limit only through max(limit, RERANK_POOL), so every limit up to the pool shares one result. */
  function search(raw: string, limit = 5): SearchHit[] {
    const k = Math.max(limit, RERANK_POOL);
    const key = `${k}\u0000${raw}`;
    const pool = searches.get(key) ?? searches.set(key, rankedPool(raw, k));
    return pool
      .slice(0, limit)
      .map(({ doc, score, confidence, nearest, onTopic }) => ({
        entry: entries[doc] as KnowledgeEntry,
        score,
        confidence,
        get nearest() {
          return nearest();
        },
        ...(onTopic ? {} : { missesTopic: true as const }),
      }));
  }

  function rankedPool(raw: string, k: number): Ranked[] {
    const text = repair(raw);
    const words = plan(text);
    // Found before repair: synonyms may rewrite a question word away (哪里告 → 起诉).
    const askedRaw = askedClauses(normaliseText(raw), opts.words.question);
    const asked = askedRaw ? repair(askedRaw) : undefined;
    // One word ("平台管不管") leans on the story for its subject: too thin to judge entries by.
    const askedPlan = asked ? plan(asked) : [];
    const askedWords = askedPlan.filter((w) => w.kind !== 'char').length >= FOCUS_MIN_WORDS ? askedPlan : undefined;
    // A topic named only as what the question compares with ("跟养老保险一样") need not be in the answer.
    const topics = namedTopics(withoutComparisons(text), kw.uncoveredTopics, kw.everydayTopics);
    const terms = new Set(features(text, { pinyin: true, query: true, lexicon, functionWords: fw }));
    const query = termWeights(terms);
    let queryWeight = 0;
    for (const w of query.values()) queryWeight += w;
    const pool = rank(terms, k).map((h) => {
      const onTopic = coversTopics(topics, fullTexts[h.doc] as string);
      const whole = coverage(words, h.doc);
      // Blended with the whole, so a bare question clause that leans on the story ("平台管不管") cannot carry an entry alone.
      const confidence = askedWords ? Math.max(whole, (1 - FOCUS_WEIGHT) * whole + FOCUS_WEIGHT * coverage(askedWords, h.doc)) : whole;
      // Reported, not scored: lifting confidence or rank by it measured no better (docs/retrieval.md), but it tells staff
      // and kb:explain which curated wording a question is closest to.
      return { ...h, onTopic, confidence: onTopic ? confidence : TOPIC_MISS * confidence };
    });
    // An entry that names the question's topic outranks every one that does not.
    const rankOf = (h: (typeof pool)[number]) => h.score * (RERANK_BASE + h.confidence);
    pool.sort((a, b) => Number(b.onTopic) - Number(a.onTopic) || rankOf(b) - rankOf(a));
    return pool.map(({ doc, score, confidence, onTopic }) => {
      let near: SearchHit['nearest'] | undefined;
      return { doc, score, confidence, onTopic, nearest: () => (near ??= nearestParaphrase(query, queryWeight, doc)) };
    });
  }

  function explain(raw: string, limit = 3): SearchExplanation {
    const repaired = repair(raw);
    const named = namedTopics(withoutComparisons(repaired), kw.uncoveredTopics, kw.everydayTopics);
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
    prepare: prepareAll,
    withQuestions(added) {
      const grown = entries.map((e) => (added[e.id]?.length ? { ...e, questions: [...e.questions, ...(added[e.id] ?? [])] } : e));
      return buildKnowledgeIndex(grown, opts);
    },
    confidence(text) {
      return search(text, 1)[0]?.confidence ?? 0;
    },
  };
}
