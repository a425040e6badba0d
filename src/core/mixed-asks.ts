// Two requests for two domains in one message ("最近的暖心之家在哪？顺便问下疲劳驾驶扣几分"): each part goes to its own skill.
import type { IntentDecision } from './intent.js';
import type { Intent } from './types.js';

/** The words a split needs: a clause announcing another question (顺便问下, 另外), station words anywhere, and a question's shape. */
export interface MixedAskWords {
  /** Matches at the start of a clause that announces another question; the match is taken off the part. */
  nextAsk: RegExp;
  mentionsStation(text: string): boolean;
  /** Whether a part has the shape of a question (src/core/question-forms): a told part ("高兴惨了。") asks nothing. */
  asks(text: string): boolean;
  /** Whether a part asks about a station's services, prices or who may stay (能修车不, 住一晚多少钱, 能进吗): the station's to answer. */
  aboutStation(text: string): boolean;
  /**
   * Whether a question is answered on its own words: the knowledge base answers it and it does not lean on what came
   * before ("他扣我工资合法吗", "是免费的不" are about the complaint or the stay just named).
   */
  standsAlone(text: string): boolean;
  /** Whether two parts share a content word (乱罚款 … 罚了两百): then the question is about the matter the request names. */
  shareContent(a: string, b: string): boolean;
}

/** A part of the message and the intent that answers it. */
export interface MixedAsk {
  text: string;
  intent: Intent;
}

/**
 * The detector's rules that mean a part is a request of its own: a station searched for or asked about by name, a bed
 * booked, a complaint asked to be filed, and a question the knowledge base answers. A statement of where the driver is
 * ("我在服务区停车") is no search, a story is no filing request, and a part the base only shares words with is no question.
 */
const ASKING_RULES: Partial<Record<Intent, ReadonlySet<string>>> = {
  station: new Set(['station-search', 'named-station', 'station-at-place']),
  booking: new Set(['booking-words']),
  grievance: new Set(['grievance-filing']),
  faq: new Set(['knowledge-match']),
};
/** The intents whose part a split may pair with a policy question. */
const AT_A_STATION: ReadonlySet<Intent> = new Set(['station', 'booking']);
// 我要投诉 / 我要反映一下: a request that names nothing yet.
const BARE_REQUEST_CHARS = 6;
const SENTENCE_END = /(?<=[？?！!。；;])/u;
const PAUSE = /[\s，,]+/gu;
// Beyond three sentences a message tells a story, and its questions are about the story.
const MAX_SENTENCES = 3;

/**
 * Where the message may split in two: at a pause before a clause that announces another question, and, in a message
 * about stations, after a sentence. Every split costs a search or two, so a message with neither is never split.
 */
function splits(text: string, words: MixedAskWords): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const pause of text.matchAll(PAUSE)) {
    const at = pause.index ?? 0;
    const rest = text.slice(at + pause[0].length);
    const lead = words.nextAsk.exec(rest);
    const asked = lead ? rest.slice(lead[0].length).replace(/^[\s，,：:]+/u, '') : '';
    if (at > 0 && asked) out.push([text.slice(0, at), asked]);
  }
  const sentences = text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
  if (sentences.length >= 2 && sentences.length <= MAX_SENTENCES && words.mentionsStation(text)) {
    for (let i = 1; i < sentences.length; i++) out.push([sentences.slice(0, i).join(''), sentences.slice(i).join('')]);
  }
  return out;
}

/**
 * The two parts, when the message holds a policy question and a station search, a booking or a complaint to file (either
 * order), each part a request of its own; undefined otherwise, and the message is answered as one.
 */
export function mixedAsks(text: string, detect: (part: string) => IntentDecision, words: MixedAskWords): [MixedAsk, MixedAsk] | undefined {
  for (const [a, b] of splits(text, words)) {
    if (!words.asks(b)) continue;
    const first = detect(a);
    if (!ASKING_RULES[first.intent]?.has(first.rule)) continue;
    // A policy question must ask; a search, a booking or a filing request may be asked for ("帮我找个…暖心之家，再问下…").
    if (first.intent === 'faq' && !words.asks(a)) continue;
    const second = detect(b);
    if (!ASKING_RULES[second.intent]?.has(second.rule)) continue;
    if ((first.intent === 'faq') === (second.intent === 'faq')) continue;
    const [other, question] = first.intent === 'faq' ? [second.intent, a] : [first.intent, b];
    // "金堂暖心之家在哪？能修车不？": the question is about the station the other part named, not the knowledge base's.
    if (AT_A_STATION.has(other) && words.aboutStation(question)) continue;
    // "我要投诉 另外货主说货少了要我赔": a bare request to file, and what follows is the matter to file.
    const request = first.intent === 'faq' ? b : a;
    if (other === 'grievance' && Array.from(request).length <= BARE_REQUEST_CHARS) continue;
    if (other !== 'station' && words.shareContent(request, question)) continue;
    if (!words.standsAlone(question)) continue;
    return [
      { text: a, intent: first.intent },
      { text: b, intent: second.intent },
    ];
  }
  return undefined;
}
