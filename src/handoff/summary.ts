// The handoff summary staff read first: why, what the driver asked, the grievance slots and what the bot already said.
import type { HandoffReason, TranscriptMessage } from './types.js';

export const REASON_LABELS: Record<HandoffReason, string> = {
  driver_asked: '司机要求转人工',
  bot_failed: '机器人连续两次答不上',
  urgent: '紧急诉求',
  staff: '工作人员主动接入',
};

export interface SummaryInput {
  reason: HandoffReason;
  regionName: string;
  regionSource: string | undefined;
  caseId: string | null;
  /** Slots of an active or finished form (grievance intake, booking …). */
  slots: Record<string, unknown> | undefined;
  flowName: string | undefined;
  transcript: TranscriptMessage[];
  /** Chinese names of coded values, keyed "field:value" (category:freight → 运费结算). */
  valueLabels?: Record<string, string>;
  /** A summary a domain already wrote (e.g. the grievance flow), kept verbatim. */
  given?: string;
}

export const HANDOFF_WORDS = /转人工|找人工|人工客服|人工服务|我要跟人说|真人|工作人员/;
const clip = (text: string, max: number) => (Array.from(text).length > max ? `${Array.from(text).slice(0, max).join('')}…` : text);

/** Form fields staff read, in Chinese; bookkeeping fields (stage, asking, ids, region codes) are left out. */
const SLOT_LABELS: Record<string, string> = {
  category: '类别',
  description: '情况',
  amountYuan: '金额（元）',
  counterpart: '对方',
  place: '地点',
  startedAt: '时间',
  employment: '身份',
  name: '姓名',
  phone: '电话',
  day: '日期',
  stationId: '站点',
  showerAt: '洗澡时间',
  urgent: '紧急',
  consent: '同意转办',
};

/** The form's data as 标签=值 pairs: nested `slots` are read through, unknown and internal fields skipped. */
export function formFields(data: Record<string, unknown> | undefined, labels: Record<string, string> = {}): [string, string][] {
  if (!data) return [];
  const inner = data['slots'];
  const source = inner && typeof inner === 'object' && !Array.isArray(inner) ? { ...data, ...(inner as Record<string, unknown>) } : data;
  const out: [string, string][] = [];
  for (const [key, label] of Object.entries(SLOT_LABELS)) {
    const raw = source[key];
    const value = typeof raw === 'boolean' ? (raw ? '是' : '否') : slotValue(raw);
    if (value !== undefined) out.push([label, labels[`${key}:${value}`] ?? value]);
  }
  return out;
}

function slotValue(v: unknown): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(slotValue).filter(Boolean).join('、') || undefined;
  if (typeof v === 'object') {
    const label = (v as Record<string, unknown>)['label'] ?? (v as Record<string, unknown>)['name'];
    return typeof label === 'string' ? label : clip(JSON.stringify(v), 80);
  }
  return undefined;
}

/** A template summary: works offline, never invents anything, and quotes the driver's own words. */
export function templateSummary(input: SummaryInput): string {
  const lines = [`原因：${REASON_LABELS[input.reason]}`, `地区：${input.regionName}${input.regionSource ? `（依据：${input.regionSource}）` : ''}`];
  if (input.given) lines.push(`摘要：${clip(input.given, 300)}`);
  if (input.caseId) lines.push(`已登记诉求：${input.caseId}`);
  const slots = formFields(input.slots, input.valueLabels);
  // A form's description says what happened; the last messages inside a form only answer its questions (确认, 不留, 同意).
  const questions = input.transcript.filter((m) => m.author === 'driver' && !HANDOFF_WORDS.test(m.text)).slice(-4);
  if (questions.length && !slots.some(([label]) => label === '情况'))
    lines.push(`司机说：${questions.map((m) => `“${clip(m.text, 120)}”`).join(' ')}`);
  if (slots.length) lines.push(`已填信息：${slots.map(([k, v]) => `${k}：${clip(v, 60)}`).join('；')}`);
  const answers = input.transcript.filter((m) => m.author !== 'driver').slice(-3);
  if (answers.length) lines.push(`已答复：${answers.map((m) => `“${clip(m.text.replace(/\s+/g, ' '), 90)}”`).join(' ')}`);
  return lines.join('\n');
}
