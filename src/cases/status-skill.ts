// "我的诉求办得怎么样了": the driver's own cases with status and last update; other drivers' cases are never shown.
import { chinaMonthDay } from '../china/china-time.js';
import type { Skill, SkillResult } from '../core/types.js';
import type { CaseEvent, CaseRecord } from './case-store.js';
import { categoryLabel, type CaseService } from './case-service.js';
import { deskLabel } from './intake-text.js';
import type { PlaceFinder } from './places.js';
import { STATUS_LABELS } from './status-machine.js';

const NUMBER = /SC-\d{4}-\d{6,}/i;
const LEVEL_WORDS: Record<string, string> = { county: '县级', city: '市级', province: '省级' };

function eventText(event: CaseEvent, record: CaseRecord, places: PlaceFinder): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  switch (event.kind) {
    case 'created':
      return '已登记';
    case 'assigned':
      return `已转办到${deskLabel(record.level, record.desk, places)}`;
    case 'transferred':
      return `已转到${deskLabel(record.level, record.desk, places)}`;
    case 'escalated':
      return `超期未办结，已升级到${LEVEL_WORDS[String(data.toLevel)] ?? '上一级'}督办`;
    case 'feedback':
      return `办理进展：${event.note ?? ''}`;
    case 'callback_asked':
      return '已发回访，等您回复';
    case 'callback':
    case 'rating':
      return data.solved === false ? '回访：您表示没有解决，已重新办理' : '已回访';
    case 'status_changed':
      if (event.toStatus === 'resolved') return `已办结：${record.resolution ?? ''}`;
      if (event.toStatus === 'rejected') return `未受理：${record.rejectReason ?? ''}`;
      return STATUS_LABELS[event.toStatus as keyof typeof STATUS_LABELS] ?? '状态更新';
    default:
      return '工作人员正在处理';
  }
}

export function createCaseStatusSkill(deps: { service: CaseService; places: PlaceFinder }): Skill {
  return {
    async handle(ctx): Promise<SkillResult> {
      const asked = NUMBER.exec(ctx.text)?.[0]?.toUpperCase();
      const mine = await deps.service.listDriverCases(ctx.driverId, asked ? 20 : 5);
      if (asked) {
        const hit = mine.find((c) => c.record.number === asked) ?? (await findOwn(deps.service, asked, ctx.driverId));
        if (!hit) {
          return {
            replies: [{ text: `没有找到您名下编号为${asked}的诉求。只能查询您本人登记的诉求，请核对编号，或说“我的诉求办得怎么样了”查看全部。` }],
            intent: 'case_status',
          };
        }
        return { replies: [{ text: line(hit.record, hit.lastEvent, deps.places, true), caseId: hit.record.number }], intent: 'case_status' };
      }
      if (!mine.length) {
        return {
          // A driver who says they reported may have done it another way (another WeChat, the hotline, at a station):
          // offer a person to look it up, not only a new filing.
          replies: [
            {
              text: '这个账号下没有查到您登记过的诉求。如果是用别的微信、打电话或在暖心之家反映的，说“转人工”，工作人员帮您查；要重新登记，直接说发生了什么，比如“老板欠我运费三个月了”。',
              quickReplies: ['转人工', '我要反映问题'],
            },
          ],
          intent: 'case_status',
        };
      }
      const lines = mine.map((c, i) => `${i + 1}. ${line(c.record, c.lastEvent, deps.places, false)}`);
      return {
        replies: [
          {
            text: `您登记的诉求（最近${mine.length}件）：\n${lines.join('\n')}`,
            speech: `您有${mine.length}件诉求，最近一件${STATUS_LABELS[mine[0]!.record.status]}。`,
            caseId: mine[0]!.record.number,
          },
        ],
        intent: 'case_status',
      };
    },
  };
}

async function findOwn(service: CaseService, number: string, driverId: string) {
  const record = await service.getCase(number);
  if (!record || record.driverId !== driverId) return undefined;
  const events = (await service.caseEvents(record.id)).filter((e) => e.kind !== 'note');
  return { record, lastEvent: events.at(-1) };
}

function line(record: CaseRecord, last: CaseEvent | undefined, places: PlaceFinder, detailed: boolean): string {
  const update = last ? `最近更新（${chinaMonthDay(last.at)}）：${eventText(last, record, places)}` : '';
  const head = `${record.number} ${categoryLabel(record.category)}：${STATUS_LABELS[record.status]}`;
  if (!detailed) return `${head}。${update}`;
  return [
    head,
    `承办：${deskLabel(record.level, record.desk, places)}`,
    update,
    record.status === 'resolved' ? '回访时请告诉我们问题是否真的解决了。' : '',
  ]
    .filter(Boolean)
    .join('\n');
}
