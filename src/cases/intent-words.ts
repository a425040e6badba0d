// The cases domain's intent words (knowledge/lexicon/cases/*.yaml: emergencies, filing, stories, case status) as the detectors core intent detection orders.
import type { CaseIntentWords } from '../core/intent.js';
import { isWordSpaced, joinSpokenWords } from '../core/normalise.js';
import { questionForms } from '../core/question-forms.js';
import type { Lexicon } from '../lexicon/compile.js';
import { dangerIsOver, EMERGENCY_KINDS, isBodily, spokenMatches, type EmergencyKind } from './emergency.js';

const isEmergencyKind = (name: string): name is EmergencyKind => (EMERGENCY_KINDS as readonly string[]).includes(name);

/** A missing file is a start-up error naming it. */
export function caseIntentWords(lexicon: Lexicon): CaseIntentWords {
  const emergency = lexicon.set('cases/emergency');
  const injury = lexicon.set('cases/injury');
  const told = lexicon.set('cases/emergency-told');
  const policyQuestion = lexicon.set('cases/policy-question');
  const status = lexicon.set('cases/case-status');
  const filing = lexicon.set('cases/grievance-filing');
  const question = questionForms(lexicon);
  // A past accident told in a story that asks something ("去年侧翻了…还来得及申请工伤吗") is not a call for help.
  const over = (text: string, kinds: readonly EmergencyKind[]) => dangerIsOver(told, text, question.asks(text) || policyQuestion.test(text), kinds);
  // One reading of the emergency words per message: the emergency and the injury tests both ask for it.
  let last: { text: string; kinds: EmergencyKind[] } | undefined;
  const kindsIn = (text: string): EmergencyKind[] => {
    if (last?.text !== text) last = { text, kinds: spokenMatches(emergency, text).filter(isEmergencyKind) };
    return last.kinds;
  };
  // A word-spaced transcript is also read joined (see isWordSpaced); a plain test is one combined pattern per reading.
  const spokenTest = (words: { test(text: string): boolean }, text: string) =>
    words.test(text) || (isWordSpaced(text) && words.test(joinSpokenWords(text)));
  return {
    // Injury is weighed apart (cases/injury, with the question check): "受伤了能申请法律援助吗" is a question to answer.
    emergency: {
      test(text) {
        const kinds = kindsIn(text);
        const others = kinds.filter((kind) => !isBodily(kind));
        return kinds.includes('self-harm') || (others.length > 0 && !over(text, others));
      },
    },
    // Sudden illness and the emergency detector's own signs of harm (喊不醒, 晕倒: cases/emergency#injury) are weighed
    // like an injury, so what the form would treat as an emergency is one here too.
    injury: {
      test: (text) => (spokenTest(injury, text) || kindsIn(text).some(isBodily)) && !over(text, ['injury', 'illness']),
    },
    // Case status asked in a word-spaced transcript ("我 上 个 月 反映 的 …") is read joined, like the emergency words.
    status: { test: (text) => spokenTest(status, text) },
    // A wish to file told word by word ("我 有 个 事 想 反映") is read joined too.
    filing: { test: (text) => spokenTest(filing, text) },
    filingQuestion: lexicon.set('cases/filing-question'),
    story: lexicon.set('cases/grievance-story'),
  };
}
