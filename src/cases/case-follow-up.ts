// After filing: the driver's newest case in any phrasing — number and milestones with dates, what comes next from its deadlines, a new phone, a note staff see.
import { chinaMonthDay } from '../china/china-time.js';
import type { SkillResult, TurnContext } from '../core/types.js';
import type { CaseRecord } from './case-store.js';
import type { CaseService } from './case-service.js';
import { categoryLabel } from './case-service.js';
import { findPhone } from './extract.js';
import { deskLabel } from './intake-text.js';
import type { PlaceFinder } from './places.js';
import { STATUS_LABELS } from './status-machine.js';

/** The case this conversation filed last, so "编号是多少来着" knows which one. */
export const LAST_CASE_KEY = 'lastCase';
const AWAITING_PHONE_KEY = 'casePhoneFor';

export interface AfterFilingWords {
  matching(text: string): string[];
}

export interface CaseFollowUpDeps {
  service: Pick<CaseService, 'getCase' | 'caseEvents' | 'changePhone' | 'addNote'>;
  places: PlaceFinder;
  words: AfterFilingWords;
}

/** 13912345678 → 139 1234 5678: read back in groups, as drivers check a number. */
export function phoneGroups(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone;
}

const day = (d: Date | null) => (d ? chinaMonthDay(d) : '');

export function createCaseFollowUp(deps: CaseFollowUpDeps) {
  async function milestones(record: CaseRecord): Promise<string[]> {
    const events = (await deps.service.caseEvents(record.id)).filter(
      (e) =>
        e.kind === 'created' ||
        e.kind === 'assigned' ||
        e.kind === 'transferred' ||
        e.kind === 'feedback' ||
        e.kind === 'escalated' ||
        e.kind === 'status_changed',
    );
    const lines = events.map((e) => {
      const what =
        e.kind === 'created'
          ? '登记'
          : e.kind === 'assigned'
            ? `转到${deskLabel(record.level, record.desk, deps.places)}`
            : e.kind === 'feedback'
              ? `办理进展：${e.note ?? ''}`
              : e.kind === 'escalated'
                ? '超期升级督办'
                : e.kind === 'transferred'
                  ? '转办'
                  : (STATUS_LABELS[e.toStatus as keyof typeof STATUS_LABELS] ?? '状态更新');
      return `${chinaMonthDay(e.at)} ${what}`;
    });
    return [...new Set(lines)];
  }

  function nextSteps(record: CaseRecord): string {
    const open = !['resolved', 'closed', 'rejected', 'callback_done'].includes(record.status);
    if (!open)
      return `诉求${record.number}已经${STATUS_LABELS[record.status]}。回访时请告诉我们问题是否真的解决了；没解决可以说“没解决”，会重新办理。`;
    const parts = [
      record.feedbackDueAt ? `${day(record.feedbackDueAt)}前会反馈办理进展` : '',
      record.resolveDueAt ? `${day(record.resolveDueAt)}前给出处理意见` : '',
    ].filter(Boolean);
    return [
      `诉求${record.number}现在是“${STATUS_LABELS[record.status]}”，承办：${deskLabel(record.level, record.desk, deps.places)}。`,
      parts.length ? `按规定${parts.join('，')}；超期没办会自动升级到上一级督办。` : '',
      `这期间您要做的：保存好证据（${categoryLabel(record.category)}相关的合同、转账记录、聊天记录），${record.phone ? `保持${phoneGroups(record.phone)}畅通` : '有电话可以补给我，方便回访'}。有新情况直接发给我，我补充到诉求里。`,
    ]
      .filter(Boolean)
      .join('\n');
  }

  return async function caseFollowUp(ctx: TurnContext): Promise<SkillResult | undefined> {
    const number = ctx.state[LAST_CASE_KEY] as string | undefined;
    if (!number || ctx.state.flow) return undefined;
    const phone = findPhone(ctx.text);
    const awaiting = ctx.state[AWAITING_PHONE_KEY] === number;
    const moves = deps.words.matching(ctx.text);
    if (!moves.length && !(awaiting && phone)) return undefined;
    const record = await deps.service.getCase(number);
    if (!record || record.driverId !== ctx.driverId) return undefined;
    const state = { ...ctx.state };
    delete state[AWAITING_PHONE_KEY];

    if (moves.includes('change-phone') || (awaiting && phone)) {
      if (!phone)
        return {
          intent: 'case_status',
          state: { ...state, [AWAITING_PHONE_KEY]: number },
          replies: [{ text: `新号码是多少？发11位手机号，我改到诉求${number}上。`, expects: 'phone' }],
        };
      await deps.service.changePhone(number, { actor: 'driver', phone });
      return {
        intent: 'case_status',
        state,
        replies: [{ text: `已把诉求${number}的回访电话改成 ${phoneGroups(phone)}，承办单位会打这个号码。`, caseId: number }],
      };
    }
    if (moves.includes('add-note')) {
      await deps.service.addNote(number, { actor: 'driver', text: ctx.text.slice(0, 2000) });
      return {
        intent: 'case_status',
        state,
        replies: [{ text: `已补充到诉求${number}，工作人员能看到。证据原件请保存好，办理时会用到。`, caseId: number }],
      };
    }
    if (moves.includes('next-steps')) return { intent: 'case_status', state, replies: [{ text: nextSteps(record), caseId: number }] };
    const lines = await milestones(record);
    return {
      intent: 'case_status',
      state,
      replies: [
        {
          text: [
            `诉求编号：${number}（${categoryLabel(record.category)}），现在是“${STATUS_LABELS[record.status]}”。`,
            ...lines,
            record.resolveDueAt ? `${day(record.resolveDueAt)}前给出处理意见。` : '',
          ]
            .filter(Boolean)
            .join('\n'),
          speech: `编号${number}，现在是${STATUS_LABELS[record.status]}。`,
          caseId: number,
        },
      ],
    };
  };
}
