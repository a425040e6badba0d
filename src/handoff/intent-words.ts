// The handoff domain's intent words (knowledge/lexicon/handoff/*.yaml: asking for a person) as the detector core intent detection orders.
import type { HandoffIntentWords } from '../core/intent.js';
import { isWordSpaced, joinSpokenWords } from '../core/normalise.js';
import type { Lexicon } from '../lexicon/compile.js';

/**
 * A missing file is a start-up error naming it. A transcript that spaces every word ("不想 听 机器人 讲 了 找 个 人 来")
 * is read as written and as one run, as the emergency words are: the rules are written for running text.
 */
export function handoffIntentWords(lexicon: Lexicon): HandoffIntentWords {
  const words = lexicon.set('handoff/ask-for-person');
  return { askForPerson: { test: (text) => words.test(text) || (isWordSpaced(text) && words.test(joinSpokenWords(text))) } };
}
