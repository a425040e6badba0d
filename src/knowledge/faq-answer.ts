// Turns a knowledge entry into a reply: the curated answer, its sources, the legal-reference line and the speakable version.
import { HOTLINES } from '../core/hotlines.js';
import { answerAsText } from '../core/answer-text.js';
import { VOICE_MAX_CHARS } from '../core/render.js';
import type { AnswerBlock, Citation, Reply, StructuredAnswer } from '../core/types.js';
import type { WordSet } from '../lexicon/compile.js';
import { parseAnswerMarkdown } from './answer-blocks.js';
import type { KnowledgeEntry, KnowledgeSource } from './entry-schema.js';
import { focusedSpeech, prepareSpeech } from './focused-speech.js';
import type { Aspect } from './knowledge-words.js';

/** The one line every legal answer ends with (reference row 12: 12348 gives free legal advice). */
export const LEGAL_DISCLAIMER = `以上内容仅供参考，具体情况可拨打${HOTLINES.legal}公共法律服务热线免费咨询。`;
const LEGAL_DISCLAIMER_SPOKEN = `仅供参考，可打${HOTLINES.legal}免费咨询。`;

export function formatSource(source: KnowledgeSource): string {
  const name = /^[\p{Script=Han}]+$/u.test(source.name) && !source.name.includes('报道') ? `《${source.name}》` : source.name;
  return [name, source.article, source.body].filter(Boolean).join(' ');
}

/** An entry's citation, made once per entry object: the Han-script test in formatSource was 1.2% of all CPU samples under bench:ceiling. */
const citations = new WeakMap<KnowledgeEntry, Citation>();

export function citationFor(entry: KnowledgeEntry): Citation {
  let citation = citations.get(entry);
  if (!citation) citations.set(entry, (citation = { id: entry.id, title: entry.title, source: entry.sources.map(formatSource).join('；') }));
  return { ...citation };
}

export interface AnswerOptions {
  /** A model's wording of the answer, already checked against the entries; the curated text otherwise. */
  phrased?: string;
  /** Further entries the answer drew on (cited after the main one). */
  related?: KnowledgeEntry[];
  /** The driver's question, so the spoken version can lead with the part of the answer that was asked for. */
  question?: string;
  /** Words that never say what was asked (怎么, 什么), left out when finding the part of the answer asked for. */
  functionWords?: Iterable<string>;
  /** What a question may ask for (an amount, a time, a count): a spoken answer that leaves it out leads with the sentence stating it. */
  aspects?: readonly Aspect[];
}

// Entries are parsed once: their bodies never change while the process runs.
const parsedBodies = new WeakMap<KnowledgeEntry, AnswerBlock[]>();
export function entryBlocks(entry: KnowledgeEntry): AnswerBlock[] {
  let blocks = parsedBodies.get(entry);
  if (!blocks) parsedBodies.set(entry, (blocks = parseAnswerMarkdown(entry.answer)));
  return blocks;
}

/** What answering an entry builds on first use (its parsed body, its speech's sentence pool), built now. */
export function prepareAnswer(entry: KnowledgeEntry): void {
  entryBlocks(entry);
  prepareSpeech(entry);
}

export function answerReply(entry: KnowledgeEntry, opts: AnswerOptions = {}): Reply {
  const cited = [entry, ...(opts.related ?? []).filter((e) => e.id !== entry.id)];
  const legal = cited.some((e) => e.legal);
  const answer: StructuredAnswer = {
    blocks: opts.phrased ? parseAnswerMarkdown(opts.phrased) : entryBlocks(entry),
    source: cited.map((e) => citationFor(e).source).join('；'),
    ...(legal ? { note: LEGAL_DISCLAIMER } : {}),
  };
  const spoken = focusedSpeech(entry, opts.question, opts.functionWords, opts.aspects);
  const withNote = `${spoken}${LEGAL_DISCLAIMER_SPOKEN}`;
  const speech = legal && Array.from(withNote).length <= VOICE_MAX_CHARS ? withNote : spoken;
  return { text: answerAsText(answer), answer, speech, citations: cited.map(citationFor) };
}

const PAY_CATEGORIES = new Set(['wage-arrears', 'freight-dispute']);

/**
 * When a driver asks about money owed without saying whether they are employed or an owner-operator, the routing
 * entry (which covers both routes) answers instead of sending them down one route by guess. Who is owed is read by the
 * rules of knowledge/lexicon/knowledge/pay-routing.yaml (`owed`, `employed`, `owner-operator`).
 */
export function needsPayRouting(text: string, entry: KnowledgeEntry, payRouting: WordSet): boolean {
  if (!PAY_CATEGORIES.has(entry.category)) return false;
  const said = new Set(payRouting.matching(text));
  return said.has('owed') && !said.has('employed') && !said.has('owner-operator');
}
