// In-memory BM25F index over knowledge entries (words, bigrams, pinyin), with homophone repair and a coverage-based confidence.
import { normaliseText } from '../core/normalise.js';
import type { KnowledgeEntry } from './entry-schema.js';
import { contentWords, features, hanRuns, syllables } from './text-features.js';

export interface SearchHit {
  entry: KnowledgeEntry;
  /** BM25F score; only comparable within one query. */
  score: number;
  /** 0–1: how much of the question's content this entry covers. */
  confidence: number;
}

export interface KnowledgeIndex {
  readonly entries: readonly KnowledgeEntry[];
  /** Best entries first; `text` may be raw (it is normalised here). */
  search(text: string, limit?: number): SearchHit[];
  /** The top hit's confidence, for intent detection. */
  confidence(text: string): number;
  /** The question after normalisation and homophone repair, for logs and tests. */
  repair(text: string): string;
}

// Field weights: titles and curated paraphrases say what an entry answers; the body only supports.
const FIELDS = [
  { name: 'title', weight: 3, pinyin: true, chars: true },
  { name: 'questions', weight: 2.5, pinyin: true, chars: true },
  { name: 'tags', weight: 2, pinyin: true, chars: true },
  { name: 'answer', weight: 0.6, pinyin: false, chars: false },
] as const;
const KIND_WEIGHT: Record<string, number> = { w: 1, b: 1, p: 0.6, n: 1.5, l: 1, c: 0 };
const K1 = 1.2;
const B = 0.6;
// Bit flags per posting: the term occurs in a heading field (title, questions, tags) or only in the body.
const IN_HEAD = 1;
const IN_BODY = 2;
const UNSEEN_WEIGHT = 0.6;
const ANCHOR_LIFT = 0.5;
// Candidates re-ranked by score × (RERANK_BASE + coverage), so an entry that answers all of the question beats one
// that repeats some of its words often.
const RERANK_BASE = 0.5;
const RERANK_POOL = 8;

interface Postings {
  docs: Int32Array;
  tfs: Float32Array;
  masks: Uint8Array;
  idf: number;
}

function fieldTexts(e: KnowledgeEntry): string[] {
  return [e.title, e.questions.join('。'), e.tags.join('。'), `${e.answer}\n${e.speech}`];
}

function bisect(docs: Int32Array, doc: number): number {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = docs[mid] as number;
    if (v === doc) return mid;
    if (v < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function buildKnowledgeIndex(entries: readonly KnowledgeEntry[]): KnowledgeIndex {
  const n = entries.length;
  // Pass 1: terms per field per document, and average field lengths.
  const perDoc = entries.map((e) => {
    const texts = fieldTexts(e).map((t) => normaliseText(t));
    return FIELDS.map((f, i) => features(texts[i] ?? '', { pinyin: f.pinyin, chars: f.chars }));
  });
  const avgLen = FIELDS.map((_, f) => perDoc.reduce((sum, d) => sum + (d[f]?.length ?? 0), 0) / Math.max(1, n) || 1);

  // Pass 2: BM25F pseudo term frequency per (term, doc), built in document order so postings are sorted.
  const building = new Map<string, { docs: number[]; tfs: number[]; masks: number[] }>();
  perDoc.forEach((fields, doc) => {
    const tf = new Map<string, { tf: number; mask: number }>();
    fields.forEach((terms, f) => {
      const field = FIELDS[f];
      if (!field) return;
      const norm = 1 - B + (B * terms.length) / (avgLen[f] ?? 1);
      const mask = field.name === 'answer' ? IN_BODY : IN_HEAD;
      for (const t of terms) {
        const cur = tf.get(t) ?? { tf: 0, mask: 0 };
        cur.tf += field.weight / norm;
        cur.mask |= mask;
        tf.set(t, cur);
      }
    });
    for (const [term, { tf: v, mask }] of tf) {
      let p = building.get(term);
      if (!p) building.set(term, (p = { docs: [], tfs: [], masks: [] }));
      p.docs.push(doc);
      p.tfs.push(v);
      p.masks.push(mask);
    }
  });
  const postings = new Map<string, Postings>();
  for (const [term, p] of building) {
    const df = p.docs.length;
    postings.set(term, {
      docs: Int32Array.from(p.docs),
      tfs: Float32Array.from(p.tfs),
      masks: Uint8Array.from(p.masks),
      idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)),
    });
  }
  const maxIdf = Math.log(1 + (n + 0.5) / 0.5);

  // Homophone repair: a tone-less pinyin pair → the character pair inside a heading word that uses it most often.
  // Only pairs inside words qualify, so a function-word pair (歇一) never replaces a real one (写一).
  const byPinyin = new Map<string, { bigram: string; df: number }>();
  for (const [term, p] of postings) {
    if (!term.startsWith('w:')) continue;
    const headDf = p.masks.reduce((c, m) => c + (m & IN_HEAD ? 1 : 0), 0);
    const chars = Array.from(term.slice(2));
    if (headDf === 0 || chars.length < 2 || chars.some((c) => !/\p{Script=Han}/u.test(c))) continue;
    const syl = syllables(chars.join(''));
    if (syl.length !== chars.length) continue;
    for (let i = 0; i + 1 < chars.length; i++) {
      const key = `${syl[i]} ${syl[i + 1]}`;
      const cur = byPinyin.get(key);
      if (!cur || cur.df < headDf) byPinyin.set(key, { bigram: `${chars[i]}${chars[i + 1]}`, df: headDf });
    }
  }

  const known = (bigram: string) => postings.has(`b:${bigram}`);

  function repair(raw: string): string {
    const text = normaliseText(raw);
    return text.replace(/[\p{Script=Han}]{2,}/gu, (run) => {
      const chars = Array.from(run);
      const syl = syllables(run);
      if (syl.length !== chars.length) return run;
      for (let i = 0; i + 1 < chars.length; i++) {
        const pair = `${chars[i]}${chars[i + 1]}`;
        if (known(pair)) continue;
        const fix = byPinyin.get(`${syl[i]} ${syl[i + 1]}`);
        if (!fix) continue;
        const [a, b] = Array.from(fix.bigram);
        // Recognisers swap one character for a homophone (公伤, 园助, 六周); a pair with both changed is a different word.
        if ((a === chars[i]) === (b === chars[i + 1])) continue;
        // Never break a neighbouring pair that is already right (驾驶|是 must not become 驾实施).
        if (i > 0 && a !== chars[i] && known(`${chars[i - 1]}${chars[i]}`)) continue;
        if (i + 2 < chars.length && b !== chars[i + 1] && known(`${chars[i + 1]}${chars[i + 2]}`)) continue;
        chars[i] = a as string;
        chars[i + 1] = b as string;
      }
      return chars.join('');
    });
  }

  function presence(term: string, doc: number): number {
    const p = postings.get(term);
    if (!p) return 0;
    const at = bisect(p.docs, doc);
    return at < 0 ? 0 : (p.masks[at] as number);
  }

  const idfOf = (term: string) => postings.get(term)?.idf ?? maxIdf;

  function seenAnywhere(cs: string[], syl: string[]): boolean {
    for (let i = 0; i + 1 < cs.length; i++) {
      if (postings.has(`b:${cs[i]}${cs[i + 1]}`)) return true;
      if (syl.length === cs.length && postings.has(`p:${syl[i]} ${syl[i + 1]}`)) return true;
    }
    return false;
  }

  /** Weighted share of the question's content words that the entry contains (exactly, by bigrams, or by sound). */
  function coverage(text: string, doc: number): number {
    let total = 0;
    let got = 0;
    let anchor = 0;
    for (const { word: w, joined } of contentWords(text)) {
      if (/^\d/.test(w) || /^[a-z]/.test(w)) {
        const term = /^\d/.test(w) ? `n:${w}` : `l:${w}`;
        const weight = idfOf(term);
        const mask = presence(term, doc);
        total += weight;
        got += mask & IN_HEAD ? weight : mask & IN_BODY ? 0.7 * weight : 0;
        if (mask & IN_HEAD) anchor = Math.max(anchor, anchorStrength(weight));
        continue;
      }
      const chars = hanRuns(w).join('');
      const cs = Array.from(chars);
      if (cs.length === 0) continue;
      if (cs.length === 1) {
        const weight = 0.5;
        total += weight;
        got += presence(`c:${chars}`, doc) & IN_HEAD ? weight : 0;
        continue;
      }
      const syl = syllables(chars);
      let weight = 0;
      let credit = 0;
      for (let i = 0; i + 1 < cs.length; i++) {
        const b = `b:${cs[i]}${cs[i + 1]}`;
        const idf = idfOf(b);
        weight += idf;
        const mask = presence(b, doc);
        if (mask & IN_HEAD) credit += idf;
        else if (mask & IN_BODY) credit += 0.7 * idf;
        else if (syl.length === cs.length && presence(`p:${syl[i]} ${syl[i + 1]}`, doc)) credit += 0.8 * idf;
      }
      // A run the segmenter left as single characters (挂|靠|出) may be several words, so each character found in the
      // headings also counts, a little less than a matching pair.
      if (joined) {
        const charShare = cs.filter((c) => presence(`c:${c}`, doc) & IN_HEAD).length / cs.length;
        credit = Math.max(credit, 0.85 * charShare * weight);
      }
      const pairs = cs.length - 1;
      if (credit >= 0.8 * weight) anchor = Math.max(anchor, anchorStrength(weight / pairs));
      // A word the knowledge base has never seen may be a paraphrase as easily as a new topic, so it weighs less
      // than a word that belongs to other entries.
      const share = seenAnywhere(cs, syl) ? 1 : UNSEEN_WEIGHT;
      total += (share * weight) / pairs;
      got += (share * Math.min(credit, weight)) / pairs;
    }
    if (total === 0) return 0;
    // A distinctive term found in the entry's headings (套路贷, 留置权, 12328) is strong evidence even when the rest of a
    // long, story-like question is not covered, so it lifts the coverage part of the way to 1.
    const covered = got / total;
    return covered + (1 - covered) * ANCHOR_LIFT * anchor;
  }

  /** 0 for common words, 1 for words as rare as those only a few entries use; relative to the index size. */
  function anchorStrength(idf: number): number {
    return Math.min(1, Math.max(0, (idf / maxIdf - 0.3) / 0.4));
  }

  const scores = new Float64Array(n);
  const touched: number[] = [];

  function search(raw: string, limit = 5): SearchHit[] {
    const text = repair(raw);
    const pool = rank(text, Math.max(limit, RERANK_POOL)).map((h) => ({ ...h, confidence: coverage(text, h.doc) }));
    pool.sort((a, b) => b.score * (RERANK_BASE + b.confidence) - a.score * (RERANK_BASE + a.confidence));
    return pool.slice(0, limit).map(({ entry, score, confidence }) => ({ entry, score, confidence }));
  }

  function rank(text: string, limit: number): Array<{ doc: number; entry: KnowledgeEntry; score: number }> {
    const terms = new Set(features(text, { pinyin: true, query: true }));
    touched.length = 0;
    for (const term of terms) {
      const kind = KIND_WEIGHT[term[0] as string] ?? 0;
      const p = postings.get(term);
      if (!p || kind === 0) continue;
      const w = kind * p.idf * (K1 + 1);
      const { docs, tfs } = p;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i] as number;
        const tf = tfs[i] as number;
        if (scores[d] === 0) touched.push(d);
        scores[d] = (scores[d] as number) + (w * tf) / (K1 + tf);
      }
    }
    const top: number[] = [];
    for (const d of touched) {
      const s = scores[d] as number;
      if (top.length < limit || s > (scores[top[top.length - 1] as number] as number)) {
        let i = top.length < limit ? top.length : top.length - 1;
        top[i] = d;
        while (i > 0 && (scores[top[i - 1] as number] as number) < s) {
          top[i] = top[i - 1] as number;
          top[i - 1] = d;
          i--;
        }
      }
    }
    const hits = top.map((d) => ({ doc: d, entry: entries[d] as KnowledgeEntry, score: scores[d] as number }));
    for (const d of touched) scores[d] = 0;
    return hits;
  }

  return {
    entries,
    search,
    repair,
    confidence(text) {
      return search(text, 1)[0]?.confidence ?? 0;
    },
  };
}
