// The urgent path: emergency numbers first, an urgent case filed with what is known, and the conversation to staff with an alert.
import type { FlowState, SkillResult, TurnContext } from '../core/types.js';
import type { CaseService } from './case-service.js';
import { categoryLabel } from './case-service.js';
import { EMERGENCY_KINDS, emergencyReply, type EmergencyKind } from './emergency.js';
import type { ExtractedSlots } from './extract.js';
import type { IntakeSlots } from './intake-state.js';
import type { PlaceFinder } from './places.js';
import { LAST_CASE_KEY } from './case-follow-up.js';

const URGENT_LABEL: Record<EmergencyKind, string> = {
  injury: '有人受伤',
  illness: '突发急病',
  violence: '人身受到威胁',
  detention: '人被扣住',
  'road-accident': '正在发生事故',
  fire: '着火或泄漏',
  danger: '遇到危险',
  'self-harm': '有自伤风险',
};

/** Where an urgent reply keeps what later turns need: the case, the first line, and when (for staff-owned turns). */
export const URGENT_STATE_KEY = 'urgent';
export interface UrgentState {
  at: string;
  caseNumber?: string;
  firstLine: string;
  /** Every kind of danger told since the first urgent message, so a reminder names every number. */
  kinds?: EmergencyKind[];
  phoneAsked?: boolean;
}

export interface UrgentOptions {
  /** When nobody is on duty: when staff are back, to say beside the numbers. */
  offHours?: (now: Date) => string | undefined;
}

export function urgentFiledText(
  number: string | undefined,
  known: { phone?: string | null },
  offHoursBack: string | undefined,
): { text: string; speech: string } {
  const staff = offHoursBack
    ? `现在不是工作时间，工作人员${offHoursBack}上班后会第一时间处理${number ? `（紧急诉求编号：${number}）` : ''}。在那之前请先按上面的电话求助，打完可以继续发消息告诉我情况。`
    : `已登记为紧急诉求${number ? `（编号：${number}）` : ''}，正在转给工作人员，他们会尽快联系您。`;
  const phone = known.phone ? '' : '\n方便的话留个手机号，工作人员好给您回电话。';
  return {
    text: `${staff}${phone}`,
    speech: offHoursBack ? `工作人员${offHoursBack}上班，现在请先打上面的电话。` : '已经登记为紧急情况，工作人员会尽快联系您。',
  };
}

export async function fileUrgent(
  ctx: TurnContext,
  kinds: readonly EmergencyKind[],
  service: CaseService,
  _places: PlaceFinder,
  known: IntakeSlots,
  state: FlowState,
  found: ExtractedSlots = {},
  opts: UrgentOptions = {},
): Promise<SkillResult> {
  // Danger told in several messages ("车翻了", then "腿被压住了") keeps every number, most pressing first.
  const earlier = (state[URGENT_STATE_KEY] as UrgentState | undefined)?.kinds ?? [];
  kinds = EMERGENCY_KINDS.filter((k) => kinds.includes(k) || earlier.includes(k));
  const kind = kinds[0] ?? 'danger';
  const category = known.category ?? found.category ?? (kind === 'road-accident' ? 'accident' : 'other');
  const place = found.place;
  // One urgent case per message: a re-sent "救命" in the same minute files again only if it is a new message.
  const intakeKey = `urgent:${ctx.conversationId}:${ctx.now.getTime()}`;
  const emergency = emergencyReply(kinds);
  const back = opts.offHours?.(ctx.now);
  const phone = known.phone ?? found.phone ?? null;
  const label = kinds.map((k) => URGENT_LABEL[k]).join('、');
  const next: FlowState = { ...state };
  delete next.flow;
  const open = state[URGENT_STATE_KEY] as UrgentState | undefined;
  if (open?.caseNumber && ctx.now.getTime() - Date.parse(open.at) < 2 * 3_600_000) {
    // The same emergency told further: one urgent case, the new words added where staff see them.
    await service.addNote(open.caseNumber, { actor: 'driver', text: ctx.text.slice(0, 2000) });
    next[URGENT_STATE_KEY] = { ...open, firstLine: emergency.speech ?? emergency.text, kinds: [...kinds] } satisfies UrgentState;
    const filed = urgentFiledText(open.caseNumber, { phone: phone ?? (open.phoneAsked ? null : 'known') }, back);
    return {
      replies: [emergency, { ...filed, caseId: open.caseNumber }],
      state: next,
      intent: 'grievance',
      mode: 'human',
      handoff: { reason: 'urgent', caseId: open.caseNumber, summary: `【${label}】${ctx.text.slice(0, 200)}` },
    };
  }
  try {
    const { record } = await service.fileCase({
      driverId: ctx.driverId,
      conversationId: ctx.conversationId,
      channel: ctx.channel,
      intakeKey,
      category,
      description: [known.description, ctx.text].filter(Boolean).join('\n').slice(0, 2000),
      counterpart: known.counterpart ?? found.counterpart ?? null,
      amountYuan: known.amountYuan ?? found.amountYuan ?? null,
      countyCode: known.countyCode ?? place?.countyCode ?? null,
      cityCode: known.cityCode ?? place?.cityCode ?? null,
      phone,
      consent: known.consent ?? false,
      urgent: true,
    });
    const filed = urgentFiledText(record.number, { phone }, back);
    next[URGENT_STATE_KEY] = {
      at: ctx.now.toISOString(),
      caseNumber: record.number,
      firstLine: emergency.speech ?? emergency.text,
      kinds: [...kinds],
      phoneAsked: !phone,
    } satisfies UrgentState;
    next[LAST_CASE_KEY] = record.number;
    return {
      replies: [emergency, { ...filed, caseId: record.number, ...(phone ? {} : { expects: 'phone' as const }) }],
      state: next,
      intent: 'grievance',
      mode: 'human',
      handoff: { reason: 'urgent', caseId: record.number, summary: `【${label}】${categoryLabel(category)}：${ctx.text.slice(0, 200)}` },
    };
  } catch {
    // Filing failed: the emergency numbers still go out first, and staff still get the conversation.
    next[URGENT_STATE_KEY] = { at: ctx.now.toISOString(), firstLine: emergency.speech ?? emergency.text, kinds: [...kinds] } satisfies UrgentState;
    return {
      replies: [emergency, urgentFiledText(undefined, { phone }, back)],
      state: next,
      intent: 'grievance',
      mode: 'human',
      handoff: { reason: 'urgent', summary: `【${label}】${ctx.text.slice(0, 200)}` },
    };
  }
}
