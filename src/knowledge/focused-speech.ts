// The spoken answer for one question: the entry's curated speech, led by the answer sentence that covers what was asked
// when the curated speech leaves it out ("法律援助要带啥子材料" is answered in the text, not in the speech).
import { toSpeakable, truncateSpeech, VOICE_MAX_CHARS } from '../core/render.js';
import { normaliseText } from '../core/normalise.js';
import type { KnowledgeEntry } from './entry-schema.js';
import type { Aspect } from './knowledge-words.js';
const MIN_SENTENCE_CHARS = 8;
const MAX_LEADS = 2;

/** Character pairs of the Han runs in a text, and its numbers whole (a hotline asked for by number counts). */
function pairs(text: string): Set<string> {
  const out = new Set<string>(text.match(/\d{3,}/g) ?? []);
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const cs = Array.from(run);
    for (let i = 0; i + 1 < cs.length; i++) {
      out.add(`${cs[i]}${cs[i + 1]}`);
    }
  }
  return out;
}

// Per-turn work that depends only on the entry or the word list, done once: entries and the function-word list never change
// while the process runs (a rebuilt index brings new objects), and on Workers this was a sizeable part of a turn's CPU.
const longestFirstByList = new WeakMap<object, string[]>();
const coveredByEntry = new WeakMap<KnowledgeEntry, Set<string>>();
interface Sentence {
  sentence: string;
  has: Set<string>;
}
const sentencesByEntry = new WeakMap<KnowledgeEntry, Sentence[]>();

function longestFirstOf(functionWords: Iterable<string>): string[] {
  const cacheable = typeof functionWords === 'object';
  let list = cacheable ? longestFirstByList.get(functionWords) : undefined;
  if (!list) {
    // Longest first, so 怎么办 goes before 怎么.
    list = [...functionWords].filter((w) => w.length > 1).sort((a, b) => b.length - a.length);
    if (cacheable) longestFirstByList.set(functionWords, list);
  }
  return list;
}

/** The question's content: function words cut out, so 什么/怎么 never count as what was asked. */
function asked(question: string, functionWords: Iterable<string>): Set<string> {
  let text = question;
  for (const w of longestFirstOf(functionWords)) if (text.includes(w)) text = text.split(w).join(' ');
  return pairs(text);
}

function coveredBy(entry: KnowledgeEntry): Set<string> {
  let covered = coveredByEntry.get(entry);
  if (!covered) {
    covered = pairs(normaliseText(`${entry.speech}。${entry.title}`));
    coveredByEntry.set(entry, covered);
  }
  return covered;
}

function sentencePool(entry: KnowledgeEntry): Sentence[] {
  let pool = sentencesByEntry.get(entry);
  if (!pool) {
    pool = sentences(entry.answer).map((sentence) => ({ sentence, has: pairs(sentence) }));
    sentencesByEntry.set(entry, pool);
  }
  return pool;
}

// Headings ("**怎么选**", "以下情况…：") and cross-references (见"…") are not sayable on their own.
function sentences(answer: string): string[] {
  return answer
    .split(/\n+/)
    .filter((line) => !/[:：]\s*(\*\*)?\s*$/u.test(line))
    .map(toSpeakable)
    .flatMap((line) => line.split(/(?<=[。；！？])/u))
    .map((s) => s.replace(/^[^：:]{1,8}[：:]/u, '').trim())
    .filter((s) => Array.from(s).length >= MIN_SENTENCE_CHARS && !/见[“"「]/u.test(s));
}

/**
 * A question asking for an amount, a time or a count ("法律援助法一共有多少条") that the curated speech does not state is
 * led by the answer sentence stating it that shares most of the question's words (on a tie the first: answers state the
 * common case before the rarer ones, 1名劳动者 before 10名以上).
 */
function aspectLeads(entry: KnowledgeEntry, question: string, askedPairs: Set<string>, pool: Sentence[], aspects: readonly Aspect[]): Sentence[] {
  const compact = question.replace(/\s+/gu, '');
  const unsaid = aspects.filter((a) => a.asks.test(compact) && !a.answers.test(entry.speech));
  const leads: Sentence[] = [];
  for (const aspect of unsaid.slice(0, MAX_LEADS)) {
    let best: { s: Sentence; shared: number } | undefined;
    for (const s of pool) {
      if (leads.includes(s) || !aspect.answers.test(s.sentence)) continue;
      let shared = 0;
      for (const p of askedPairs) if (s.has.has(p)) shared++;
      if (!best || shared > best.shared) best = { s, shared };
    }
    if (best && best.shared > 0) leads.push(best.s);
  }
  return leads;
}

/** An entry's sentence pool and covered pairs now rather than on its first answer (see KnowledgeIndex.prepare). */
export function prepareSpeech(entry: KnowledgeEntry): void {
  coveredBy(entry);
  sentencePool(entry);
}

/**
 * The entry's speech, or — when the question asks about a detail the answer text gives but neither the speech nor
 * the entry's headings mention — the answer sentences that say it (at most two), followed by as much of the speech
 * as fits.
 * Words in the title are what the whole entry is about, so the curated speech already answers them; tags and curated
 * questions are not (tags name details such as 工资条 or 阳光行动, and with 12+ curated questions per entry they name
 * details only the answer text gives, such as a law's date). Counting tags as answered cost 3 eval questions, none gained.
 */
export function focusedSpeech(
  entry: KnowledgeEntry,
  question: string | undefined,
  functionWords: Iterable<string> = [],
  aspects: readonly Aspect[] = [],
): string {
  if (!question) return entry.speech;
  const covered = coveredBy(entry);
  const askedPairs = asked(normaliseText(question), functionWords);
  const pool = sentencePool(entry);
  const leads = aspectLeads(entry, question, askedPairs, pool, aspects);
  let open = [...askedPairs].filter((p) => !covered.has(p) && !leads.some((l) => l.has.has(p)));
  if (open.length === 0 && leads.length === 0) return entry.speech;
  // Greedy: the sentence that says most of what is missing, then one more if it adds something the first did not.
  for (let round = leads.length; round < MAX_LEADS && open.length > 0; round++) {
    let best: { sentence: string; has: Set<string>; hits: string[] } | undefined;
    for (const { sentence, has } of pool) {
      if (leads.some((l) => l.sentence === sentence)) continue;
      const hits = open.filter((p) => has.has(p));
      if (hits.length > 0 && (!best || hits.length > best.hits.length || (hits.length === best.hits.length && sentence.length < best.sentence.length))) {
        best = { sentence, has, hits };
      }
    }
    if (!best) break;
    leads.push(best);
    const got = best.hits;
    open = open.filter((p) => !got.includes(p));
  }
  if (leads.length === 0) return entry.speech;
  const lead = leads.map(({ sentence: l }) => (/[。；！？]$/u.test(l) ? l : `${l}。`)).join('');
  // A cut at a semicolon still ends the spoken turn.
  return truncateSpeech(`${lead}${entry.speech}`, VOICE_MAX_CHARS).replace(/；$/u, '。');
}
