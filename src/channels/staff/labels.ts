// Chinese labels for the console: handoff statuses, reasons, channels, message authors, audit actions.
import type { HandoffStatus } from '../../handoff/types.js';

export const STATUS_LABELS: Record<HandoffStatus, string> = {
  waiting: '等待接入',
  active: '人工服务中',
  returned: '已交还机器人',
  cancelled: '司机已取消',
};
export const AUTHOR_LABELS = { driver: '司机', bot: '暖心助手', staff: '工作人员' } as const;
export const CHANNEL_LABELS: Record<string, string> = { api: '接口', web: '网页', 'wechat-oa': '公众号', wechaty: '微信', voice: '语音' };
export const ACTION_LABELS: Record<string, string> = {
  login: '登录',
  logout: '退出',
  csrf: 'CSRF 校验',
  'conversation.view': '查看对话',
  'conversation.pickup': '主动接入',
  'conversation.reply': '回复司机',
  'conversation.handback': '交还机器人',
  'conversation.note': '内部备注',
  'handoff.claim': '接手',
  'case.view': '查看诉求',
  'case.status': '改诉求状态',
  'case.note': '诉求备注',
  'case.callback': '回访',
  'canned.create': '新增快捷回复',
  'canned.delete': '删除快捷回复',
  'audit.view': '查看审计',
  'knowledge.attach': '问题归入条目',
  'knowledge.dismiss': '忽略未答问题',
  'knowledge.draft': '起草新条目',
  'knowledge.publish': '发布条目',
  'knowledge.reject': '退回草稿',
};
/** Why a question is on the 未答问题 page. */
export const QUESTION_REASON_LABELS = {
  not_found: '没找到答案',
  low_confidence: '答得没把握',
  rejected: '司机说不对',
  thumbs_down: '司机点了👎',
} as const;
export const DRAFT_STATUS_LABELS = { draft: '待审核', published: '已发布', rejected: '已退回' } as const;
export const OUTCOME_LABELS = { ok: '成功', denied: '拒绝', failed: '失败' } as const;

const CST = 8 * 3_600_000;
/** Beijing time, `MM-DD HH:mm`. */
export function formatTime(d: Date | string | null | undefined): string {
  if (!d) return '—';
  const t = new Date(new Date(d).getTime() + CST).toISOString();
  return `${t.slice(5, 10)} ${t.slice(11, 16)}`;
}

export function waitedMinutes(from: Date, now: Date): string {
  const m = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  return m < 60 ? `${m} 分钟` : `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
}
