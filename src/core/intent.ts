// Intent detection: the order of the domains' detectors and their tie-breaks, with the knowledge base's confidence deciding FAQ vs. unknown.
import type { GeoPoint, Intent, KnowledgeOutcome, KnowledgeProbe } from './types.js';
import type { QuestionForms } from './question-forms.js';
import { CLAUSE_OR_PAUSE } from './normalise.js';

export interface IntentInput {
  text: string;
  location?: GeoPoint;
}

export interface IntentDecision {
  intent: Intent;
  /** Why this intent won, for logs and tests. */
  rule: string;
  faqConfidence: number;
}

/** Whether a text says something: a compiled word-rule set (knowledge/lexicon/<domain>/*.yaml) is one. */
export interface WordTest {
  test(text: string): boolean;
}

/** The stations domain's words (knowledge/lexicon/stations). */
export interface StationIntentWords {
  booking: WordTest;
  /** Asking how booking works (能在网上预约吗), not asking to book. */
  bookingQuestion: WordTest;
  /** 暖心之家, 服务区 … */
  place: WordTest;
  /** A shower, a meal, a bed, parking. */
  need: WordTest;
  /** Rules of the road sharing words with needs ("停车警告标志"). */
  roadRule: WordTest;
  /** Looking for a place: nearby, where, along a road. */
  seek: WordTest;
  /** Station words in a question about a policy or insurance. */
  notSearch: WordTest;
  /** A station of the catalog named by its name or an alias (谢安服务区, 下八庙): read live, as staff import stations. */
  named?: WordTest;
  /** A county or city of the gazetteer named in the text (金堂, 自贡): where a driver home is asked about. */
  namedPlace?: WordTest;
  /** Asking what something costs (多少钱, 收费): the knowledge base states the stations' common prices. */
  price: WordTest;
}

/** The cases domain's words (knowledge/lexicon/cases). */
export interface CaseIntentWords {
  /** Someone in danger now. */
  emergency: WordTest;
  /** Someone hurt: an emergency when told, a policy question when asked. */
  injury: WordTest;
  status: WordTest;
  filing: WordTest;
  /** A filing phrase asking where or how to complain. */
  filingQuestion: WordTest;
  story: WordTest;
}

/** The handoff domain's words (knowledge/lexicon/handoff). */
export interface HandoffIntentWords {
  askForPerson: WordTest;
}

/** Core's own words (knowledge/lexicon/core), compiled by conversation-words.ts. */
export interface SmalltalkWords {
  /** A whole message of pleasantries ("好嘞 谢了"). */
  pleasantries: RegExp;
  /** Greetings and forms of address opening a message ("师傅你好 …"). */
  lead: RegExp;
  /** A form of address closing it ("谢了哈师傅"). */
  tail: RegExp;
  /** Asking what the assistant can do. */
  capability: WordTest;
}

/** Every detector intent detection orders; the composition root assembles it from the domains. */
export interface IntentWords {
  smalltalk: SmalltalkWords;
  cases: CaseIntentWords;
  handoff: HandoffIntentWords;
  stations: StationIntentWords;
  /** Whether a message asks or tells (core/question-forms). */
  question: QuestionForms;
}

export type IntentDetector = (input: IntentInput, knowledge: KnowledgeProbe | undefined) => IntentDecision;

const CLAUSE_BREAK = /[，,。；;！!？?]+/u;
const ASKING_CLAUSES = 2;
/** A message this long tells a story around its question. */
const TOLD_STORY_CHARS = 60;

/**
 * Whether a message that names filing asks how or where to file: read from the clause that names it on, so a question
 * word told along the way ("说是违规又说不出哪里违规，我要投诉这个平台") does not make the request a question.
 */
function asksAboutFiling(text: string, cases: Pick<CaseIntentWords, 'filing' | 'filingQuestion'>, question: QuestionForms): boolean {
  const clauses = text.split(CLAUSE_BREAK).filter(Boolean);
  const at = clauses.findIndex((c) => cases.filing.test(c));
  const fromFiling = at < 0 ? text : clauses.slice(at).join('，');
  return question.asks(fromFiling) && cases.filingQuestion.test(fromFiling);
}

/** Confidence at or above which a question goes to the knowledge base. */
export const FAQ_THRESHOLD = 0.5;

/** Whether the base answers a text (or offers answers to choose from) with confidence, not merely shares its words. */
export function baseAnswers(outcome: KnowledgeOutcome): boolean {
  return outcome.confidence >= FAQ_THRESHOLD && (outcome.decision === 'answer' || outcome.decision === 'clarify');
}

/** A detector over the given words (the runtime builds one; flows and the engine receive it). */
export function createIntentDetector(words: IntentWords): IntentDetector {
  return (input, knowledge) => detectIntent(input, knowledge, words);
}

export function detectIntent(input: IntentInput, knowledge: KnowledgeProbe | undefined, words: IntentWords): IntentDecision {
  const { cases, handoff, stations, smalltalk, question } = words;
  const text = input.text;
  const faqConfidence = knowledge && text ? knowledge.confidence(text) : 0;
  const decide = (intent: Intent, rule: string): IntentDecision => ({ intent, rule, faqConfidence });
  const isQuestion = question.asks(text);

  if (cases.emergency.test(text)) return decide('grievance', 'emergency-words');
  // Someone hurt and a question the base answers ("受伤了能申请法律援助吗") is a policy question; one it cannot answer
  // ("师傅突然倒了 喊不醒了 咋个办": off-topic for the base however many words it shares) is the emergency.
  if (cases.injury.test(text) && !(isQuestion && knowledge && baseAnswers(knowledge.assess(text)))) {
    return decide('grievance', 'emergency-words');
  }
  if (handoff.askForPerson.test(text)) return decide('handoff', 'handoff-words');
  if (cases.status.test(text)) return decide('case_status', 'case-status-words');
  // A story asks at its end: a service area told before that ("在服务区停了十分钟…扣几分") is where it happened. The
  // last two clauses, since a search often ends with a clause of its own ("想找个暖心之家洗个澡，最近的是哪个").
  const askedClause = text.split(CLAUSE_BREAK).filter(Boolean).slice(-ASKING_CLAUSES).join('，') || text;
  // An appeal about a game account or a complaint about a lift is not the driver's grievance to file.
  const everyday = knowledge?.everydayMatter?.(text) ?? false;
  if (cases.filing.test(text) && !everyday && !(asksAboutFiling(text, cases, question) && faqConfidence >= FAQ_THRESHOLD)) {
    return decide('grievance', 'grievance-filing');
  }
  // "暖心之家能在网上预约吗" asks how booking works, which the knowledge base answers; "帮我预约" books.
  // A station named with the booking ("可以预约金堂暖心之家的床位吗") is a booking there, however it is asked.
  const namesStation = stations.named?.test(text) ?? false;
  if (stations.booking.test(text) && !(stations.bookingQuestion.test(text) && faqConfidence >= FAQ_THRESHOLD && !namesStation))
    return decide('booking', 'booking-words');
  // "停车警告标志放多远" is about a rule of the road, not a place to park.
  const namesStationWords = (s: string) => stations.place.test(s) || (stations.need.test(s) && !stations.roadRule.test(s));
  const stationWords = namesStationWords(text);
  // Unsure of an answer, a short message naming a place is still a search; a long story must ask for one at its end.
  const asksForStation = namesStationWords(askedClause) || (faqConfidence < FAQ_THRESHOLD && Array.from(text).length < TOLD_STORY_CHARS);
  if (input.location && (stationWords || text.length <= 12)) return decide('station', 'location-attached');
  // A question about one station ("沿滩暖心之家能住宿吗", "下八庙那个还开着没") is the station data's to answer: the
  // knowledge base only has the overview of all of them. A story that happened at one is not.
  // A place that is also a station's alias ("农产品交易中心") in a question the knowledge base answers, with no station or
  // amenity word, is where something happens, not the station asked about.
  const aboutStation = stationWords || (isQuestion && faqConfidence < FAQ_THRESHOLD);
  if (namesStation && aboutStation && !cases.story.test(text)) return decide('station', 'named-station');
  // "服务区那边被偷了油" tells what happened there; it is not a search for the place.
  const asksHowToBook = stations.bookingQuestion.test(text) && faqConfidence >= FAQ_THRESHOLD;
  // "路过金堂，暖心之家能住一家三口不": what a driver home at a named county or city offers is that station's data to tell.
  // A price question stays with the knowledge base, which states what every driver home charges (10-yuan meals).
  const asksAtPlace =
    isQuestion &&
    stations.place.test(askedClause) &&
    stations.need.test(askedClause) &&
    !stations.price.test(text) &&
    (stations.namedPlace?.test(text) ?? false);
  if (asksAtPlace && !cases.story.test(text) && !asksHowToBook) return decide('station', 'station-at-place');
  if (
    stationWords &&
    asksForStation &&
    stations.seek.test(text) &&
    !stations.notSearch.test(text) &&
    !cases.story.test(text) &&
    !asksHowToBook &&
    // What a meal or a bed costs at driver homes in general is the knowledge base's to state (10-yuan meals); at a
    // named place it is that station's.
    !(stations.price.test(text) && faqConfidence >= FAQ_THRESHOLD && !(stations.namedPlace?.test(text) ?? false)) &&
    // An everyday matter may be why the driver needs one (赶高铁, 看兽医): a need asked still searches.
    (!everyday || stations.need.test(askedClause))
  ) {
    return decide('station', 'station-search');
  }
  if (cases.story.test(text) && !everyday && !(isQuestion && faqConfidence >= FAQ_THRESHOLD)) return decide('grievance', 'grievance-story');
  const unaddressed = text.replace(smalltalk.lead, '').replace(smalltalk.tail, '');
  // "喂 你好" is all greeting: nothing is left once the greeting is taken off. "好嘞 谢了" is two pleasantries, and
  // "你好，第一次用，你能干些什么" pleasantries around a question about the assistant.
  const pleasantries = unaddressed.split(CLAUSE_OR_PAUSE).filter(Boolean);
  if (
    smalltalk.pleasantries.test(text) ||
    unaddressed === '' ||
    pleasantries.every((p) => smalltalk.pleasantries.test(p) || smalltalk.capability.test(p)) ||
    smalltalk.capability.test(unaddressed)
  ) {
    return decide('smalltalk', 'smalltalk');
  }
  if (faqConfidence >= FAQ_THRESHOLD) return decide('faq', 'knowledge-match');
  // Asked about stations themselves ("暖心之家有什么服务") with no knowledge-base answer: the station data can tell.
  // "在服务区等装货，顺便问一下世界杯哪个国家夺冠": where the driver is, not what is asked.
  if (stations.place.test(askedClause) && isQuestion && !everyday) return decide('station', 'station-question');
  if (input.location) return decide('station', 'location-only');
  return decide('unknown', 'no-match');
}
