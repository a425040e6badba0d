// A clarifying question when two entries are close: both options, numbered, and the driver's pick read back next turn.
import type { FlowState, Reply } from '../core/types.js';
import type { WordSet } from '../lexicon/compile.js';
import type { KnowledgeEntry } from './entry-schema.js';

/** What the state keeps while a clarifying question is open: the options' entry ids, in the order offered. */
export interface PendingClarification {
  options: string[];
  question: string;
}

const TRAILING = /[。！!？?，,\s]|的$|吧$|呀$|啊$/gu;

/** The title as an option: the part before a colon ("劳动仲裁时效：1年…" → the whole title still names the entry). */
const label = (entry: KnowledgeEntry) => entry.title;

/** Both options with their one-line answers, so the driver can already act on the right one; the number opens it in full. */
export function clarifyReply(options: KnowledgeEntry[]): Reply {
  const lines = options.map((e, i) => `${i + 1}. ${label(e)}：${e.speech}`);
  const text = `您问的是下面哪一个？\n${lines.join('\n')}\n回复数字看完整解答和出处。`;
  const speech = `您问的是${options.map((e) => label(e).split(/[：:]/u)[0]).join('，还是')}？`;
  return { text, speech, quickReplies: options.map(label) };
}

export function pendingClarification(state: FlowState): PendingClarification | undefined {
  // Only the turn right after the question: once the driver moved on, "第二个" means something else.
  const pending = state.lastIntent === 'faq' ? (state.faqClarify as PendingClarification | undefined) : undefined;
  return pending && Array.isArray(pending.options) && typeof pending.question === 'string' ? pending : undefined;
}

/** The option a reply picks: by number or position ("2", "第二个", "后面那个"), or by naming it (the quick reply's text). */
export function pickedOption(
  text: string,
  pending: PendingClarification,
  entries: (id: string) => KnowledgeEntry | undefined,
  picks: WordSet,
): string | undefined {
  const bare = text.replace(TRAILING, '');
  // Rules `first` and `second` of knowledge/lexicon/knowledge/option-picks.yaml.
  const byPosition = ['first', 'second'].findIndex((name) => picks.rules.some((r) => r.name === name && r.pattern.test(bare)));
  if (byPosition >= 0) return pending.options[byPosition];
  return pending.options.find((id) => {
    const entry = entries(id);
    return entry !== undefined && (text.trim() === label(entry) || text.trim() === entry.title);
  });
}
