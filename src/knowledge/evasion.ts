// Requests for help slipping past weigh stations or defeating fatigue and position monitors: a refusal that states the legal consequence from the curated entries, never a how-to.
import type { KnowledgeCategory, KnowledgeEntry } from './entry-schema.js';
import type { Reply } from '../core/types.js';
import { answerAsText } from '../core/answer-text.js';
import { joinSpokenWords } from '../core/normalise.js';
import { answerReply } from './faq-answer.js';
import { aspectsOf } from './knowledge-words.js';
import type { KnowledgeIndex } from './search-index.js';
import { ANSWER_THRESHOLD } from './thresholds.js';

/** Which entries state the consequence of what a rule of knowledge/lexicon/knowledge/evasion-requests.yaml asks to evade. */
const CONSEQUENCE_CATEGORIES: Record<string, readonly KnowledgeCategory[]> = {
  'slip-past-checks': ['overlimit', 'overload'],
  'slip-past-checks-object-first': ['overlimit', 'overload'],
  'split-load-past-checks': ['overlimit', 'overload'],
  'tamper-scales': ['overlimit', 'overload'],
  'tamper-scales-position': ['overlimit', 'overload'],
  'brake-on-the-scale': ['overlimit', 'overload'],
  'defeat-monitors': ['fatigue'],
  'spoof-position': ['fatigue'],
  'alter-records': ['fatigue'],
  'alter-records-for-checks': ['fatigue'],
  'fake-rests': ['fatigue'],
  'monitor-offline': ['fatigue'],
  'defeat-monitors-told': ['fatigue'],
  'hide-from-inspection': ['green-lane', 'overlimit', 'overload'],
  'pose-as': ['green-lane'],
  'dodge-penalty': ['overload', 'overlimit'],
  'dodge-officers': ['overload', 'overlimit'],
  'jam-or-erase-records': ['fatigue'],
  'defeat-monitors-object-first': ['fatigue'],
  'points-for-hire': ['fatigue'],
  'share-driver-card': ['fatigue'],
  // Forged papers and a misdeclared vehicle have no penalty entry of their own: what the message is about (the permit it
  // would fake, the green lane it would cheat) is found by the search below, if the base answers it confidently.
};
const WHAT: Record<string, string> = {
  'slip-past-checks': '躲避、绕开或骗过超限检测',
  'slip-past-checks-object-first': '躲避、绕开或骗过超限检测',
  'split-load-past-checks': '倒货分装躲过超限检测',
  'defeat-monitors': '关掉、屏蔽或遮挡监控和疲劳驾驶提醒设备',
  'tamper-scales': '让地磅少称重量',
  'tamper-scales-position': '让地磅少称重量',
  'brake-on-the-scale': '在秤上做手脚或躲过超限检测',
  'spoof-position': '让定位停住或造假、骗过监控',
  'alter-records': '改动或删除行驶记录和定位数据',
  'alter-records-for-checks': '改动休息和行车记录应付检查',
  'fake-rests': '把没停车的记录做成休息过',
  'monitor-offline': '让定位监控掉线、骗过监控',
  'borrow-licence': '借别人的驾照开车',
  'borrow-car-etc': '货车用小车的ETC卡',
  'defeat-monitors-told': '拔掉、屏蔽或遮挡定位、监控和疲劳驾驶提醒设备',
  'fake-papers': '伪造证件、日志或记录',
  'hide-from-inspection': '藏货、混装躲过查验',
  'pose-as': '冒充别的车躲过检查',
  'misdeclare-vehicle': '改车型、报小吨位',
  'dodge-penalty': '找门路躲过处罚',
  'dodge-officers': '躲开执法检查',
  'jam-or-erase-records': '干扰、拔掉定位监控或消掉它的记录',
  'defeat-monitors-object-first': '关掉、屏蔽或遮挡监控和疲劳驾驶提醒设备',
  'points-for-hire': '用别人的驾照消分、买分卖分',
  'share-driver-card': '两个人共用一张卡、借别人的卡躲过疲劳驾驶记录',
};
const WIDE = 40;
/** Aspects of knowledge/lexicon/knowledge/answer-aspects.yaml that a penalty states (a fine in yuan, points). */
const PENALTY_ASPECTS = ['money', 'points'];

const penaltyCounts = new WeakMap<KnowledgeIndex, (e: KnowledgeEntry) => number>();
/** How many fines and points an entry states in its answer and its speech (what a voice hears), counted once per entry. */
function penaltyMentions(index: KnowledgeIndex): (e: KnowledgeEntry) => number {
  let count = penaltyCounts.get(index);
  if (!count) {
    const patterns = aspectsOf(index.words)
      .filter((a) => PENALTY_ASPECTS.includes(a.name))
      .map((a) => new RegExp(a.answers.source, 'gu'));
    const counts = new Map<string, number>();
    // Only stated amounts and points count: the money aspect also reads 免费 and 不收费, which are no penalty.
    const stated = (text: string) => patterns.reduce((n, p) => n + (text.match(p) ?? []).filter((m) => /\d/.test(m)).length, 0);
    count = (e) => counts.get(e.id) ?? counts.set(e.id, stated(`${e.answer}\n${e.speech}`)).get(e.id)!;
    penaltyCounts.set(index, count);
  }
  return count;
}

function opensWithRule(blocks: readonly { kind: string; label?: string }[]): boolean {
  const first = blocks[0];
  return first?.kind === 'paragraph' && first.label === '规定';
}

/** The evasion rule a message matches, if any. */
export function evasionRequest(index: KnowledgeIndex, text: string): string | undefined {
  // A transcript spaces its words apart ("让地磅 称轻一点"); the rules read a request as one run of characters.
  return index.words.evasionRequests.matching(joinSpokenWords(text))[0];
}

/** The refusal: what cannot be helped with and why, then the curated entry that states the penalty, cited. */
export function evasionRefusal(index: KnowledgeIndex, text: string, rule: string): { reply: Reply; entry?: KnowledgeEntry } {
  const categories = CONSEQUENCE_CATEGORIES[rule] ?? [];
  // Of those categories: when the message is clearly about one of their entries, the best-ranked that states a fine or points
  // (the consequence is the penalty: the limits of 超限 are none); when the ranking is noise (遥控器 让磅数变小), the entry of the
  // rule's first category (its own consequence) stating the most of them; then the first of them in the base.
  const hits = index.search(text, WIDE);
  const top = hits[0];
  const fits = (e: KnowledgeEntry) => categories.includes(e.category) && e.legal;
  const ranked = [...new Set([...hits.map((h) => h.entry).filter(fits), ...index.entries.filter(fits)])];
  const penalties = penaltyMentions(index);
  const clear = hits.some((h) => fits(h.entry) && h.confidence >= ANSWER_THRESHOLD);
  const firstCategory = categories.find((c) => ranked.some((e) => e.category === c));
  const mostPenalties = (category: KnowledgeCategory | undefined) =>
    ranked
      .filter((e) => e.category === category)
      .reduce<KnowledgeEntry | undefined>((best, e) => (!best || penalties(e) > penalties(best) ? e : best), undefined);
  // A clear topic picks the category (超限 at a weigh station, not the traffic police's 超载); within it the entry stating
  // the most penalties, since the best-ranked may be the one about limits with a fine in passing (超尺寸 200元).
  const entry = categories.length
    ? clear
      ? (mostPenalties(ranked.find((e) => penalties(e) > 0)?.category) ?? ranked[0])
      : mostPenalties(firstCategory)
    : top?.entry.legal && top.confidence >= ANSWER_THRESHOLD
      ? top.entry
      : undefined;
  const lead = `这个忙我不能帮：${WHAT[rule] ?? '逃避检查'}的办法我不会教，安全第一。`;
  if (!entry) return { reply: { text: lead, speech: lead } };
  const consequence = answerReply(entry, { question: text, functionWords: index.words.functionWords.words, aspects: aspectsOf(index.words) });
  const answer = consequence.answer && {
    ...consequence.answer,
    // An entry that opens with its own 【规定】 needs no second heading above it.
    blocks: [
      { kind: 'paragraph' as const, runs: [{ text: lead }] },
      ...(opensWithRule(consequence.answer.blocks) ? [] : [{ kind: 'heading' as const, text: '按规定' }]),
      ...consequence.answer.blocks,
    ],
  };
  return {
    entry,
    reply: { ...consequence, ...(answer ? { answer, text: answerAsText(answer) } : {}), speech: `${lead}按规定，${entry.speech}` },
  };
}
