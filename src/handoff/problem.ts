// The driver's problem as staff need it at a glance: category, place, amount, what happened, the questions the bot could
// not answer, and the name and phone already collected; taken from the form and the transcript when the handoff opens.
import type { HandoffProblem, HandoffReason, TranscriptMessage } from './types.js';
import { HANDOFF_WORDS, formFields } from './summary.js';

export interface ProblemInput {
  reason: HandoffReason;
  /** The region the handoff was routed to, when known (沿滩区); the form's own place wins. */
  regionName: string | null;
  slots: Record<string, unknown> | undefined;
  valueLabels?: Record<string, string>;
  transcript: TranscriptMessage[];
}

const clip = (text: string, max: number) => (Array.from(text).length > max ? `${Array.from(text).slice(0, max).join('')}…` : text);

/**
 * The driver's questions worth showing: after two misses the last two messages are the ones the bot failed; otherwise,
 * with no form under way, the last thing the driver asked before asking for a person. Inside a form the description
 * says what happened, and the last messages are only answers to the form's questions (确认, 不留, 同意).
 */
function questionsOf(input: ProblemInput, hasDescription: boolean): string[] {
  const said = input.transcript.filter((m) => m.author === 'driver' && !HANDOFF_WORDS.test(m.text)).map((m) => clip(m.text.trim(), 200));
  if (input.reason === 'bot_failed') return said.slice(-2);
  if (hasDescription || formFields(input.slots).length) return [];
  return said.slice(-1);
}

export function handoffProblem(input: ProblemInput): HandoffProblem {
  const fields = new Map(formFields(input.slots, input.valueLabels));
  const amount = fields.get('金额（元）');
  const description = fields.get('情况');
  const problem: HandoffProblem = { questions: questionsOf(input, Boolean(description)) };
  const category = fields.get('类别');
  if (category) problem.category = category;
  const place = fields.get('地点') ?? input.regionName ?? undefined;
  if (place) problem.place = place;
  if (amount && Number.isFinite(Number(amount))) problem.amountYuan = Number(amount);
  if (description) problem.description = clip(description, 300);
  const counterpart = fields.get('对方');
  if (counterpart) problem.counterpart = counterpart;
  const name = fields.get('姓名');
  if (name) problem.name = name;
  const phone = fields.get('电话');
  if (phone) problem.phone = phone;
  return problem;
}
