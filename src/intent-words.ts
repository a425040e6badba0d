// Assembles intent detection from every domain's words (one compiled lexicon): core keeps the order, the domains own the words.
import { caseIntentWords } from './cases/intent-words.js';
import { smalltalkWords } from './core/conversation-words.js';
import { questionForms } from './core/question-forms.js';
import { createIntentDetector, type IntentDetector, type IntentWords, type WordTest } from './core/intent.js';
import { handoffIntentWords } from './handoff/intent-words.js';
import type { Lexicon } from './lexicon/compile.js';
import { stationIntentWords } from './stations/intent-words.js';

/**
 * namedStation: whether a text names a station of the live catalog (the lexicon cannot: staff import stations);
 * namedPlace: whether it names a county or city of the gazetteer.
 */
export function intentWordsFor(lexicon: Lexicon, namedStation?: WordTest, namedPlace?: WordTest): IntentWords {
  return {
    smalltalk: smalltalkWords(lexicon),
    question: questionForms(lexicon),
    cases: caseIntentWords(lexicon),
    handoff: handoffIntentWords(lexicon),
    stations: { ...stationIntentWords(lexicon), ...(namedStation ? { named: namedStation } : {}), ...(namedPlace ? { namedPlace } : {}) },
  };
}

const detectors = new WeakMap<Lexicon, IntentDetector>();
/** One detector per compiled lexicon. */
export function intentDetectorFor(lexicon: Lexicon): IntentDetector {
  let detector = detectors.get(lexicon);
  if (!detector) detectors.set(lexicon, (detector = createIntentDetector(intentWordsFor(lexicon))));
  return detector;
}
