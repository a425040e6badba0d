// The cases domain's intent words (knowledge/lexicon/cases/*.yaml: emergencies, filing, stories, case status) as the detectors core intent detection orders.
import type { CaseIntentWords } from '../core/intent.js';
import type { Lexicon } from '../lexicon/compile.js';

/** A missing file is a start-up error naming it. */
export function caseIntentWords(lexicon: Lexicon): CaseIntentWords {
  return {
    emergency: lexicon.set('cases/emergency'),
    injury: lexicon.set('cases/injury'),
    status: lexicon.set('cases/case-status'),
    filing: lexicon.set('cases/grievance-filing'),
    filingQuestion: lexicon.set('cases/filing-question'),
    story: lexicon.set('cases/grievance-story'),
  };
}
