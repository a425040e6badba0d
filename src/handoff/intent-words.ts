// The handoff domain's intent words (knowledge/lexicon/handoff/*.yaml: asking for a person) as the detector core intent detection orders.
import type { HandoffIntentWords } from '../core/intent.js';
import type { Lexicon } from '../lexicon/compile.js';

/** A missing file is a start-up error naming it. */
export function handoffIntentWords(lexicon: Lexicon): HandoffIntentWords {
  return { askForPerson: lexicon.set('handoff/ask-for-person') };
}
