// Two questions for two domains in one message ("最近的暖心之家在哪？顺便问下疲劳驾驶扣几分"): each part goes to its own skill.
import type { IntentDecision } from './intent.js';
import type { Intent } from './types.js';

/** The words a split needs: a clause announcing another question (顺便问下, 另外), station words anywhere, and a question's shape. */
export interface MixedAskWords {
  nextAsk: { test(text: string): boolean };
  mentionsStation(text: string): boolean;
  /** Whether a part has the shape of a question (src/core/question-forms): a told part ("高兴惨了。") asks nothing. */
  asks(text: string): boolean;
  /** Whether a part asks about a station's services, prices or who may stay (能修车不, 住一晚多少钱, 能进吗): the station's to answer. */
  aboutStation(text: string): boolean;
}

/** A part of the message and the intent that answers it. */
export interface MixedAsk {
  text: string;
  intent: Intent;
}

/**
 * The detector's rules that mean a part asks on its own: a station searched for or asked about by name, and a question
 * the knowledge base answers. A statement of where the driver is ("我在服务区停车") is no search, and a part the base
 * only shares words with is no question.
 */
const ASKING_RULES: Partial<Record<Intent, ReadonlySet<string>>> = {
  station: new Set(['station-search', 'named-station', 'station-at-place']),
  faq: new Set(['knowledge-match']),
};
const SENTENCE_END = /(?<=[？?！!。；;])/u;
const PAUSE = /[\s，,]+/gu;
// Beyond three sentences a message tells a story, and its questions are about the story.
const MAX_SENTENCES = 3;

/** Where the message may split in two: after a sentence, or at a pause before a clause that announces another question. */
function splits(text: string, nextAsk: MixedAskWords['nextAsk']): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const sentences = text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
  if (sentences.length >= 2 && sentences.length <= MAX_SENTENCES) {
    for (let i = 1; i < sentences.length; i++) out.push([sentences.slice(0, i).join(''), sentences.slice(i).join('')]);
  }
  for (const pause of text.matchAll(PAUSE)) {
    const at = pause.index ?? 0;
    const rest = text.slice(at + pause[0].length);
    if (at > 0 && rest && nextAsk.test(rest)) out.push([text.slice(0, at), rest]);
  }
  return out;
}

/**
 * The two parts, when the message asks for a station and a policy answer in turn (either order), each part asking on its
 * own; undefined otherwise, and the message is answered as one.
 */
export function mixedAsks(text: string, detect: (part: string) => IntentDecision, words: MixedAskWords): [MixedAsk, MixedAsk] | undefined {
  // Every split costs a search or two: only a message that names a station or what one offers can hold a search.
  if (!words.mentionsStation(text)) return undefined;
  for (const [a, b] of splits(text, words.nextAsk)) {
    if (!words.asks(a) || !words.asks(b)) continue;
    const first = detect(a);
    if (!ASKING_RULES[first.intent]?.has(first.rule)) continue;
    const second = detect(b);
    if (second.intent === first.intent || !ASKING_RULES[second.intent]?.has(second.rule)) continue;
    // "金堂暖心之家在哪？能修车不？": the second part asks about the station the first named, not the knowledge base.
    if (words.aboutStation(first.intent === 'faq' ? a : b)) continue;
    return [
      { text: a, intent: first.intent },
      { text: b, intent: second.intent },
    ];
  }
  return undefined;
}
