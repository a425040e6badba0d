// The cases domain's intent words (knowledge/lexicon/cases/*.yaml: emergencies, filing, stories, case status) as the detectors core intent detection orders.
import type { CaseIntentWords } from '../core/intent.js';
import type { Lexicon } from '../lexicon/compile.js';

/** A missing file is a start-up error naming it. */
export function caseIntentWords(lexicon: Lexicon): CaseIntentWords {
  const emergency = lexicon.set('cases/emergency');
  return {
    // Injury is weighed apart (cases/injury, with the question check): "受伤了能申请法律援助吗" is a question to answer.
    emergency: { test: (text) => emergency.matching(text).some((kind) => kind !== 'injury') },
    injury: lexicon.set('cases/injury'),
    status: lexicon.set('cases/case-status'),
    filing: lexicon.set('cases/grievance-filing'),
    filingQuestion: lexicon.set('cases/filing-question'),
    story: lexicon.set('cases/grievance-story'),
  };
}
