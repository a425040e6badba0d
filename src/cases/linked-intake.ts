// Two problems in one message, in the conversation: offer to file both as linked cases, keep the second apart, file it linked to the first.
import type { Reply, TurnContext } from '../core/types.js';
import { CATEGORY_INFO } from './categories.js';
import type { CaseRecord } from './case-record.js';
import type { CaseService } from './case-service.js';
import { formatYuan } from './chinese-number.js';
import { NO, YES, type ExtractedSlots } from './extract.js';
import type { IntakeData, LinkedProblem } from './intake-state.js';
import { merge } from './intake-slots.js';
import { deskLabel } from './intake-text.js';
import type { PlaceFinder } from './places.js';
import type { ProblemSplit, ProblemSplitter } from './problem-split.js';
import type { RoutingRules } from './routing.js';

/** "乱收费/乱罚款" is read out as "乱收费、乱罚款". */
const spoken = (label: string) => label.replace(/\//g, '、');

/**
 * The form for the first problem, with only the details the driver shares across both (place, phone, employment) taken
 * from the whole message; the second problem waits in `linked` until the driver says whether to file it too.
 */
export function startLinked(data: IntakeData, split: ProblemSplit, whole: ExtractedSlots): void {
  const { first, second } = split;
  const shared: ExtractedSlots = { category: first.category, ...first.slots };
  if (whole.place) shared.place = whole.place;
  if (whole.phone !== undefined) shared.phone = whole.phone;
  if (whole.employment) shared.employment = whole.employment;
  merge(data.slots, shared, false, undefined);
  data.slots.description = first.text.slice(0, 500);
  data.linked = {
    misses: 0,
    firstLabel: first.label,
    label: second.label,
    category: second.category,
    description: second.text.slice(0, 500),
    amountYuan: second.slots.amountYuan ?? null,
    counterpart: second.slots.counterpart ?? null,
    startedText: second.slots.startedAt?.text ?? null,
    startedOn: second.slots.startedAt?.date ?? null,
  };
}

export function offerReply(linked: LinkedProblem): Reply {
  return {
    text: `您说的是两件事：${linked.firstLabel}和${linked.label}。要分成两个关联诉求一起登记吗？只登记第一件就说“不用”。`,
    speech: `您说的是两件事，${spoken(linked.firstLabel)}和${spoken(linked.label)}，要分成两件一起登记吗？`,
    quickReplies: ['好的', '不用'],
  };
}

/** Yes or no to the offer, in the words every form reads (knowledge/lexicon/core/answers.yaml). */
export function offerAnswer(text: string, answers: { matching(text: string): string[] } | undefined): 'yes' | 'no' | undefined {
  const said = answers?.matching(text) ?? [];
  if (said.includes('no') || NO.test(text)) return 'no';
  if (said.includes('yes') || YES.test(text)) return 'yes';
  return undefined;
}

export function offerAnswered(data: IntakeData, answer: 'yes' | 'no'): string {
  const linked = data.linked as LinkedProblem;
  if (answer === 'no') {
    delete data.linked;
    return `好的，只登记${linked.firstLabel}。`;
  }
  linked.accepted = true;
  return `好的，两件都登记，先登记${linked.firstLabel}。`;
}

/**
 * A change the driver makes about the second problem ("罚款是三百") goes to it, not to the first problem's fields.
 * Returns whether the change was the second's.
 */
export function correctLinked(data: IntakeData, found: ExtractedSlots, text: string, splitter: ProblemSplitter | undefined): boolean {
  const linked = data.linked;
  if (!linked?.accepted || !splitter || splitter.categoryOf(text) !== linked.category || data.slots.category === linked.category) return false;
  if (found.amountYuan !== undefined) linked.amountYuan = found.amountYuan;
  if (found.counterpart !== undefined) linked.counterpart = found.counterpart;
  if (found.startedAt) {
    linked.startedText = found.startedAt.text;
    linked.startedOn = found.startedAt.date;
  }
  linked.description = `${linked.description}\n（更正：${text}）`.slice(0, 500);
  return true;
}

/** The summary's line for the second problem, and what the read-back says of it on a call. */
export function linkedSummary(linked: LinkedProblem): { line: string; spoken: string } {
  const amount = linked.amountYuan ? formatYuan(linked.amountYuan) : undefined;
  const details = [linked.counterpart ? `对方${linked.counterpart}` : '', amount ? `金额${amount}` : ''].filter(Boolean).join('，');
  return {
    line: `· 关联诉求：${linked.label}${details ? `（${details}）` : ''}，确认后一并登记`,
    spoken: `另一件${spoken(linked.label)}${amount ? `，金额${amount}` : ''}，一起登记`,
  };
}

/** Files the second problem with the details both share (driver, phone, place), linked to the first case. */
export async function fileLinked(service: CaseService, ctx: TurnContext, data: IntakeData, first: CaseRecord): Promise<CaseRecord | undefined> {
  const linked = data.linked;
  if (!linked?.accepted) return undefined;
  const s = data.slots;
  const { record } = await service.fileCase({
    driverId: ctx.driverId,
    conversationId: ctx.conversationId,
    channel: ctx.channel,
    intakeKey: `${data.intakeId}:linked`,
    linkedTo: first.id,
    category: linked.category,
    description: linked.description || linked.label,
    counterpart: linked.counterpart,
    amountYuan: linked.amountYuan,
    startedText: linked.startedText,
    startedOn: linked.startedOn,
    countyCode: s.countyCode,
    cityCode: s.cityCode,
    employment: CATEGORY_INFO[linked.category].asksEmployment ? s.employment : null,
    phone: s.phone,
    consent: true,
  });
  return record;
}

export function linkedReceipt(first: CaseRecord, second: CaseRecord, rules: RoutingRules, places: PlaceFinder): Reply {
  const d = rules.deadlines;
  const desks =
    first.desk === second.desk
      ? deskLabel(first.level, first.desk, places)
      : `${deskLabel(first.level, first.desk, places)}和${deskLabel(second.level, second.desk, places)}`;
  const label = (r: CaseRecord) => CATEGORY_INFO[r.category as keyof typeof CATEGORY_INFO]?.label ?? r.category;
  return {
    text: [
      `已登记两件关联诉求：${first.number}（${label(first)}）和${second.number}（${label(second)}）。`,
      `已立即转到${desks}办理，${d.feedbackWorkingDays}个工作日内会反馈进展，${d.opinionWorkingDays}个工作日内给出处理意见。`,
      '请保管好证据。想知道进度，随时说“我的诉求办得怎么样了”。',
    ].join('\n'),
    speech: `已登记两件，编号${first.number}和${second.number}，已转给当地办理，有进展会告诉您。`,
    caseId: first.number,
    quickReplies: ['我的诉求办得怎么样了'],
  };
}
