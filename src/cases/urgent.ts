// The urgent path: emergency numbers at once, an urgent case filed with what is known, and the conversation to a human.
import type { FlowState, SkillResult, TurnContext } from '../core/types.js';
import type { CaseService } from './case-service.js';
import { categoryLabel } from './case-service.js';
import type { ExtractedSlots, UrgentKind } from './extract.js';
import type { IntakeSlots } from './intake-state.js';
import { emergencyReply, urgentFiled } from './intake-text.js';
import type { PlaceFinder } from './places.js';

const URGENT_LABEL: Record<UrgentKind, string> = { injury: '有人受伤', threat: '人身受到威胁', accident_now: '正在发生事故', self_harm: '有自伤风险' };

export async function fileUrgent(
  ctx: TurnContext,
  kind: UrgentKind,
  service: CaseService,
  _places: PlaceFinder,
  known: IntakeSlots,
  state: FlowState,
  found: ExtractedSlots = {},
): Promise<SkillResult> {
  const category = known.category ?? found.category ?? (kind === 'accident_now' ? 'accident' : 'other');
  const place = found.place;
  // One urgent case per message: a re-sent "救命" in the same minute files again only if it is a new message.
  const intakeKey = `urgent:${ctx.conversationId}:${ctx.now.getTime()}`;
  const emergency = emergencyReply(kind);
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
      phone: known.phone ?? found.phone ?? null,
      consent: known.consent ?? false,
      urgent: true,
    });
    const next: FlowState = { ...state };
    delete next.flow;
    return {
      replies: [emergency, urgentFiled(record.number)],
      state: next,
      intent: 'grievance',
      mode: 'human',
      handoff: { reason: 'urgent', caseId: record.number, summary: `【${URGENT_LABEL[kind]}】${categoryLabel(category)}：${ctx.text.slice(0, 200)}` },
    };
  } catch {
    // Filing failed: the emergency numbers still go out first, and staff still get the conversation.
    return { replies: [emergency], state, intent: 'grievance', mode: 'human', handoff: { reason: 'urgent', summary: `【${URGENT_LABEL[kind]}】${ctx.text.slice(0, 200)}` } };
  }
}
