// Someone in danger now, in any state of the conversation: which numbers come first (120/122/110/119), from the reviewed emergency words.
import { HOTLINES } from '../core/hotlines.js';
import { isWordSpaced, joinSpokenWords } from '../core/normalise.js';
import type { Reply } from '../core/types.js';
import type { UrgentKind } from './extract.js';

/** The emergency kinds, named as the rules of knowledge/lexicon/cases/emergency.yaml are. */
export const EMERGENCY_KINDS = ['self-harm', 'injury', 'illness', 'fire', 'violence', 'detention', 'road-accident', 'danger'] as const;
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];

/** What the detector needs of a compiled word set (src/lexicon WordSet). */
export interface EmergencyWords {
  matching(text: string): string[];
  test(text: string): boolean;
}

export interface EmergencyDetector {
  /** The kinds of danger a message tells of, most pressing first; empty when none (or it is a policy question the base answers). */
  detect(text: string): EmergencyKind[];
}

/**
 * Injury words also appear in questions about rules ("受伤了能申请法律援助吗"): such a message is a policy question when
 * it has a question's shape and the knowledge base answers it; any other kind of danger is never second-guessed.
 */
export function createEmergencyDetector(
  words: EmergencyWords,
  policyQuestion: EmergencyWords,
  answersWell?: (text: string) => boolean,
  isQuestion?: (text: string) => boolean,
  told?: EmergencyWords,
): EmergencyDetector {
  return {
    detect(text) {
      const named = new Set(spokenMatches(words, text));
      const kinds = EMERGENCY_KINDS.filter((k) => named.has(k));
      if (!kinds.length) return kinds;
      // An injury or illness asked about as a question the base answers well ("受伤了有保障没得", "突然脑梗 公司要负责吗")
      // is a policy question too; sudden illness ending in what to do now ("胸口疼得厉害 咋个办") is not.
      const policy = policyQuestion.test(text);
      const asks = policy || (isQuestion?.(text) ?? false);
      const signs = told?.matching(text) ?? [];
      const asksRule = policy || (asks && !(kinds.includes('illness') && signs.includes('what-to-do-now')));
      const goesOn = signs.includes('still-going');
      if (kinds.every(isBodily) && asksRule && !goesOn && (answersWell?.(text) ?? true)) return [];
      if (kinds.includes('self-harm') || !told) return kinds;
      return stillInDanger(told, text, asks, kinds);
    },
  };
}

/**
 * A word set's rules matching a message as written and, for a transcript that spaces every word ("胸口 好 痛 喘 不 过
 * 气"), as one run. A space at a pause ("堵到我屋门口威胁 打啥子电话") still separates: joined, 威胁打 would read as a threat.
 */
export function spokenMatches(words: EmergencyWords, text: string): string[] {
  if (!isWordSpaced(text)) return words.matching(text);
  return [...new Set([...words.matching(text), ...words.matching(joinSpokenWords(text))])];
}

/** Someone hurt or suddenly ill: the words of both also fill policy questions (受伤了 / 突发心梗 算不算工伤). */
export const isBodily = (kind: EmergencyKind): boolean => kind === 'injury' || kind === 'illness';

/** A story this long is told, not shouted for help; with a past time or an aftermath it is a question or a grievance. */
const TOLD_STORY_CHARS = 40;

/**
 * Signs of emergency-told.yaml that speak only of some kinds of danger: an imagined accident (万一路上出事) says nothing
 * about a fire or an attack in the same message, an officer's stop (运管的人拦住我) only explains a "stopped me", and an
 * aftermath or a question about who covers it only follows an accident, an injury or an attack. A past time, others'
 * accidents and a question about work-injury status or legal aid tell of every kind.
 */
const SIGN_COVERS: Record<string, readonly EmergencyKind[]> = {
  hypothetical: ['road-accident', 'injury', 'illness', 'danger'],
  'official-stop': ['violence', 'detention'],
  // Who covers it is asked of an accident or an injury, and an aftermath (a hospital stay, what the company said) follows
  // one or an attack: a fire or being held told beside them ("车着火了 公司管不管", "把我扣住了不放人，老板管不管") still
  // needs the number first.
  'asks-who-covers': ['road-accident', 'injury', 'illness'],
  aftermath: ['road-accident', 'injury', 'illness', 'violence'],
  // Which number to call after a crash is the knowledge base's to answer (122, then what to do); someone hurt, attacked or
  // a fire told beside it still gets its number first.
  'asks-which-number': ['road-accident'],
  // Whether the freight is still owed after a crash or a landslide: never a driver held ("关起来了，运费还能不能要") or a fire.
  'asks-money-back': ['road-accident', 'injury'],
  // Asking what to do now says the danger is present: it clears nothing.
  'what-to-do-now': [],
};

/**
 * The kinds of danger a message still tells of once emergency-told.yaml's signs are weighed: none when the danger
 * already happened (its time, its aftermath, or to others), nothing says it still goes on, and the message asks
 * something or tells a story; a sign of one kind only clears that kind.
 */
export function stillInDanger(told: EmergencyWords, text: string, asks: boolean, kinds: readonly EmergencyKind[]): EmergencyKind[] {
  // A transcript spaces its words ("算 工伤 不"); a sign is read in the words as spoken and as one run.
  const joined = joinSpokenWords(text);
  const signs = new Set([...told.matching(text), ...(joined === text ? [] : told.matching(joined))]);
  if (signs.has('still-going') || signs.size === 0 || !(asks || text.length >= TOLD_STORY_CHARS)) return [...kinds];
  const cleared = new Set<EmergencyKind>();
  for (const sign of signs) for (const kind of SIGN_COVERS[sign] ?? EMERGENCY_KINDS) cleared.add(kind);
  return kinds.filter((k) => k === 'self-harm' || !cleared.has(k));
}

/** Whether a message's danger is all over (see stillInDanger), for detectors that test one kind at a time. */
export function dangerIsOver(told: EmergencyWords, text: string, asks: boolean, kinds: readonly EmergencyKind[]): boolean {
  return stillInDanger(told, text, asks, kinds).length === 0;
}

/** The older intake detector's kinds in the emergency vocabulary. */
export function fromUrgentKind(kind: UrgentKind): EmergencyKind[] {
  return kind === 'self_harm' ? ['self-harm'] : kind === 'threat' ? ['violence'] : kind === 'accident_now' ? ['road-accident'] : ['injury'];
}

const FIRST: Record<EmergencyKind, { number: string; text: string }> = {
  'self-harm': {
    number: HOTLINES.ambulance,
    text: `您的安全最要紧，请马上拨打${HOTLINES.ambulance}或${HOTLINES.police}，让身边的人陪着您，先别一个人待着`,
  },
  injury: { number: HOTLINES.ambulance, text: `有人受伤请马上拨打${HOTLINES.ambulance}急救` },
  illness: { number: HOTLINES.ambulance, text: `突发急病请马上拨打${HOTLINES.ambulance}急救，人别再开车，原地等救护车` },
  fire: { number: HOTLINES.fire, text: `着火或危险品泄漏请马上拨打${HOTLINES.fire}，人先离开车辆` },
  violence: { number: HOTLINES.police, text: `有人动手或威胁您，请马上拨打${HOTLINES.police}报警` },
  detention: { number: HOTLINES.police, text: `有人扣住您不让走，请马上拨打${HOTLINES.police}报警` },
  'road-accident': { number: HOTLINES.roadAccident, text: `交通事故请拨打${HOTLINES.roadAccident}报警` },
  danger: { number: HOTLINES.police, text: `有危险请马上拨打${HOTLINES.police}报警` },
};

/** The first line: every fitting number, most pressing first, each once. */
export function emergencyLine(kinds: readonly EmergencyKind[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const k of kinds.length ? kinds : (['danger'] as const)) {
    const f = FIRST[k];
    if (seen.has(f.number) && k !== 'self-harm') continue;
    seen.add(f.number);
    parts.push(f.text);
  }
  return `${parts.join('；')}。`;
}

const SAFE_PLACE: Partial<Record<EmergencyKind, string>> = {
  // A car across the lane is the next crash's cause: warning the traffic behind comes with getting out of its way.
  'road-accident': '先开双闪，在车后来车方向放好三角警告牌，人撤到护栏外安全的地方。',
  violence: `尽量到人多、安全的地方去。不方便打电话就发短信到${HOTLINES.policeSms}加当地区号后三位报警。`,
  detention: `尽量待在人多的地方，保持手机畅通。不方便打电话就发短信到${HOTLINES.policeSms}加当地区号后三位报警。`,
  fire: '不要回车上拿东西。',
  danger: `不方便打电话就发短信到${HOTLINES.policeSms}加当地区号后三位报警。`,
};

export function emergencyReply(kinds: readonly EmergencyKind[]): Reply {
  const first = emergencyLine(kinds);
  const tip = kinds.map((k) => SAFE_PLACE[k]).find(Boolean);
  // Spoken too: a driver on the phone after a crash needs the next step (双闪, 三角牌) as much as the number.
  return { text: tip ? `${first}\n${tip}` : first, speech: tip ? `${first}${tip}` : first };
}
