// The words and checks src/core/mixed-asks.ts needs, from the word rules and the knowledge base (wired by the composition root).
import { baseAnswers } from './core/intent.js';
import type { MixedAskWords } from './core/mixed-asks.js';
import { questionForms } from './core/question-forms.js';
import type { KnowledgeProbe } from './core/types.js';
import { leansOnPrevious } from './knowledge/follow-up.js';
import { functionWordSet } from './knowledge/knowledge-words.js';
import type { KnowledgeIndex } from './knowledge/search-index.js';
import { ANSWER_THRESHOLD } from './knowledge/thresholds.js';
import { ruleOf, type Lexicon } from './lexicon/compile.js';

const STATION_SETS = ['stations/need', 'stations/amenities', 'stations/station-questions'];

export function mixedAskWordsFor(lexicon: Lexicon, index: KnowledgeIndex, probe: KnowledgeProbe): MixedAskWords {
  const rules = lexicon.set('core/mixed-asks');
  const stationFollowUp = ruleOf(rules, 'station-follow-up');
  const functionChars = functionWordSet(lexicon.set('knowledge/function-words').words).chars;
  const content = (text: string) => new Set(Array.from(text.match(/\p{Script=Han}/gu) ?? []).filter((c) => !functionChars.has(c)));
  return {
    nextAsk: ruleOf(rules, 'next-ask'),
    mentionsStation: (text) => lexicon.set('stations/place').test(text) || lexicon.set('stations/need').test(text),
    asks: (text) => questionForms(lexicon).asks(text),
    aboutStation: (text) => stationFollowUp.test(text) || STATION_SETS.some((id) => lexicon.set(id).test(text)),
    shareContent: (a, b) => {
      const inA = content(a);
      return [...content(b)].some((c) => inA.has(c));
    },
    standsAlone: (text) => {
      const outcome = probe.assess(text);
      return baseAnswers(outcome) && !leansOnPrevious(index, text, outcome.confidence, ANSWER_THRESHOLD);
    },
  };
}
