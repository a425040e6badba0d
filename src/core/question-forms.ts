// Whether a message (or one clause of it) asks or tells: the words are data (knowledge/lexicon/core/question-forms.yaml, story-marks.yaml); A-not-A is read here.
import type { Lexicon } from '../lexicon/compile.js';

/** Whether a text says something: a compiled word-rule set is one. */
interface Words {
  test(text: string): boolean;
}

export interface QuestionForms {
  /** Asks with a question word, particle or shape; a bare topic does not. */
  asksExplicitly(text: string): boolean;
  /** Asks something rather than tells: explicitly, or as a bare topic ("套路贷", "绿通"). */
  asks(text: string): boolean;
}

// A-not-A (赔不赔, 管不管, 有没有) asks whatever the verb, so it is a shape of the grammar, not a word list.
const A_NOT_A = /(\p{Script=Han})\s?[不没]\s?\1/u;
/** A bare topic is short; a story has a teller, a tense or a complaint in it (core/story-marks). */
const BARE_TOPIC_MAX = 6;

export function questionFormsOf(forms: Words, storyMarks: Words): QuestionForms {
  const asksExplicitly = (text: string) => forms.test(text) || A_NOT_A.test(text);
  return {
    asksExplicitly,
    asks: (text) => asksExplicitly(text) || (Array.from(text).length <= BARE_TOPIC_MAX && !storyMarks.test(text)),
  };
}

const built = new WeakMap<Lexicon, QuestionForms>();

/** The question forms of a compiled lexicon, built once per lexicon; a missing file is a start-up error naming it. */
export function questionForms(lexicon: Lexicon): QuestionForms {
  let forms = built.get(lexicon);
  if (!forms) built.set(lexicon, (forms = questionFormsOf(lexicon.set('core/question-forms'), lexicon.set('core/story-marks'))));
  return forms;
}
