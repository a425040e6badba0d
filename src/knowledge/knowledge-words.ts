// The knowledge domain's word rules (knowledge/lexicon/knowledge/*.yaml), compiled once and passed to retrieval: no word lists in code.
import { questionForms, type QuestionForms } from '../core/question-forms.js';
import { createNormaliser, type Normalise } from '../core/normalise.js';
import { ruleOf, type Lexicon, type WordSet } from '../lexicon/compile.js';
import { heardWords } from './heard-words.js';
import { isDictionaryWord, syllables } from './text-features.js';

export interface FunctionWords {
  /** Words that never name a topic (的, 怎么, 网上 …). */
  words: ReadonlySet<string>;
  /** The one-character ones, for pairs made only of function characters (了一, 都要). */
  chars: ReadonlySet<string>;
}

export interface KnowledgeWords {
  /** Colloquial words → the form the index stores (rewrite). */
  synonyms: WordSet;
  functionWords: FunctionWords;
  /** Narrow topics an answer must name (match; one rule per topic). */
  uncoveredTopics: WordSet;
  /** Everyday matters outside a driver's work (games, pets, school): uncovered topics too, and never a grievance of theirs. */
  everydayTopics: WordSet;
  /** A short message going on from the previous question: rules `leads` and `refers-back`. */
  followUp: WordSet;
  /** What a follow-up changes while keeping the topic (place, road, vehicle, time, person): one rule per kind. */
  circumstances: WordSet;
  /** What a follow-up asks (money, points, duration) and how an entry answers it: rules of the same names. */
  askedAspects: WordSet;
  answerAspects: WordSet;
  /** Driving, transport and drivers' rights: a question about these is a gap, not off-topic. */
  driverDomain: WordSet;
  /** Rules `owed`, `employed`, `owner-operator`. */
  payRouting: WordSet;
  /** Rules `conjunction`, `predicate-start`. */
  compound: WordSet;
  /** What a question compares its subject with ("跟养老保险一样"): a reference point, not a topic the answer must name. */
  comparison: WordSet;
  /** How a reply picks an option of a clarifying question: rules `first`, `second`. */
  optionPicks: WordSet;
  /** Requests for help evading weigh stations or monitors: rules `slip-past-checks`, `defeat-monitors`. */
  evasionRequests: WordSet;
  /** Asking the assistant to do a task (write, recommend, call someone): driver words inside it do not make it a driver question. */
  taskRequests: WordSet;
  /** Public service numbers (12328, 110 …): an entry titled with one is about that service. */
  serviceNumbers: WordSet;
  /** "我是货车司机，…" (rewrite to nothing): who is asking, not what the question is about. */
  selfIntroduction: WordSet;
  /** Short words typed in pinyin (shei, zai na), read only in a message typed wholly in pinyin (rewrite). */
  typedPinyinWords: WordSet;
  /** Drivers' topics written in English (legal aid, truck driver) → the indexed words; topic-less English dropped (rewrite). */
  englishWords: WordSet;
  /** Whether a message or clause asks rather than tells (core/question-forms). */
  question: QuestionForms;
  /** A turn to an aside (顺便问一下): what follows is what is asked. */
  asides: WordSet;
  /** Being on a run (拉货到乐山, 等装货): setting before an aside, like a road. */
  tripSetting: WordSet;
}

export function functionWordSet(words: Iterable<string>): FunctionWords {
  const set = new Set(words);
  return { words: set, chars: new Set([...set].filter((w) => Array.from(w).length === 1)) };
}

/** The knowledge domain's sets from a compiled lexicon; a missing file is a start-up error naming it. */
export function knowledgeWords(lexicon: Lexicon): KnowledgeWords {
  return {
    synonyms: lexicon.set('knowledge/synonyms'),
    functionWords: functionWordSet(lexicon.set('knowledge/function-words').words),
    uncoveredTopics: lexicon.set('knowledge/uncovered-topics'),
    everydayTopics: lexicon.set('knowledge/everyday-topics'),
    followUp: lexicon.set('knowledge/follow-up'),
    circumstances: lexicon.set('knowledge/circumstances'),
    askedAspects: lexicon.set('knowledge/asked-aspects'),
    answerAspects: lexicon.set('knowledge/answer-aspects'),
    driverDomain: lexicon.set('knowledge/driver-domain'),
    payRouting: lexicon.set('knowledge/pay-routing'),
    compound: lexicon.set('knowledge/compound'),
    comparison: lexicon.set('knowledge/comparison'),
    optionPicks: lexicon.set('knowledge/option-picks'),
    evasionRequests: lexicon.set('knowledge/evasion-requests'),
    taskRequests: lexicon.set('knowledge/task-requests'),
    serviceNumbers: lexicon.set('knowledge/service-numbers'),
    selfIntroduction: lexicon.set('knowledge/self-introduction'),
    typedPinyinWords: lexicon.set('knowledge/typed-pinyin-words'),
    englishWords: lexicon.set('knowledge/english-words'),
    question: questionForms(lexicon),
    asides: lexicon.set('knowledge/asides'),
    tripSetting: lexicon.set('knowledge/trip-setting'),
  };
}

/** What a question may ask about its topic (an amount, points, a time, a count) and how a text shows it answers that. */
export interface Aspect {
  name: string;
  asks: RegExp;
  answers: RegExp;
}

const aspectsByWords = new WeakMap<KnowledgeWords, readonly Aspect[]>();
/**
 * The aspects of knowledge/lexicon/knowledge/asked-aspects paired by rule name with answer-aspects: "交多少钱" asks for an
 * amount, which a text stating one in 元 answers.
 */
export function aspectsOf(words: KnowledgeWords): readonly Aspect[] {
  let all = aspectsByWords.get(words);
  if (!all) {
    all = words.askedAspects.rules.map((r) => ({ name: r.name, asks: new RegExp(r.pattern.source, 'u'), answers: ruleOf(words.answerAspects, r.name) }));
    aspectsByWords.set(words, all);
  }
  return all;
}

/** A set's rule by name (for the code that pairs rules: aspects, compound parts). */
export { ruleOf };

/** The core normaliser with the dialect, filler and misheard-word rules of knowledge/lexicon/core. */
export function normaliserFor(lexicon: Lexicon): Normalise {
  const functionChars = functionWordSet(lexicon.set('knowledge/function-words').words).chars;
  return createNormaliser({
    dialect: lexicon.set('core/dialect'),
    fillers: lexicon.set('core/speech-fillers'),
    heard: heardWords(lexicon.set('core/heard-words').words, (ch) => syllables(ch)[0] ?? ch, isDictionaryWord, (ch) =>
      functionChars.has(ch),
    ),
  });
}

/** What an index is built with: the knowledge words and the normaliser, both from one compiled lexicon. */
export function retrievalLanguage(lexicon: Lexicon): { words: KnowledgeWords; normalise: Normalise } {
  return { words: knowledgeWords(lexicon), normalise: normaliserFor(lexicon) };
}
