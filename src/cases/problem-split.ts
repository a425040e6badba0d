// Two problems told in one message ("老板欠我工资两万，还被交警罚了两百"): split into at most two, each with its own category, amount, counterpart and date.
import { ruleOf, type WordSet } from '../lexicon/compile.js';
import { CASE_CATEGORIES, CATEGORY_INFO, type CaseCategory } from './categories.js';
import { detectCategory } from './case-words.js';
import { extractSlots, type ExtractOptions, type ExtractedSlots } from './extract.js';

export interface Problem {
  /** The rule that recognised it (knowledge/lexicon/cases/problem-split.yaml), e.g. `wage`, `deposit`. */
  kind: string;
  category: CaseCategory;
  /** How the driver and staff hear it named: the category's label, or the problem's own when its category is 其他. */
  label: string;
  /** The clauses that tell this problem, joined. */
  text: string;
  /** What extract.ts finds in this problem's clauses alone. */
  slots: Pick<ExtractedSlots, 'amountYuan' | 'counterpart' | 'startedAt'>;
}

export interface ProblemSplit {
  first: Problem;
  second: Problem;
}

/** Labels for problems filed under 其他, so "两件事" names both of them. */
const OWN_LABELS: Record<string, string> = { deposit: '押金不退' };
const NOT_A_PROBLEM = new Set(['clause-break', 'another-party']);

export interface ProblemSplitter {
  /** The two problems, or undefined when the message tells one (or two of the same category). */
  split(text: string, opts: ExtractOptions): ProblemSplit | undefined;
  /** The problem a single clause or correction states, by its category (undefined: none recognised). */
  categoryOf(text: string): CaseCategory | undefined;
}

function categoryOfKind(kind: string): CaseCategory {
  const c = kind.replace(/-/g, '_');
  return (CASE_CATEGORIES as readonly string[]).includes(c) ? (c as CaseCategory) : 'other';
}

/**
 * Clauses at each break; a break that is a word ("还被", "另外") stays at the start of the clause it opens, and joins
 * back what precedes it when that states no problem of its own ("上个月还被罚了" is one clause, not a date and a fine).
 */
export function clausesOf(text: string, breaks: RegExp, statesProblem: (clause: string) => boolean = () => true): string[] {
  const re = new RegExp(breaks.source, breaks.flags.includes('g') ? breaks.flags : `${breaks.flags}g`);
  const pieces: { text: string; byWord: boolean }[] = [];
  let from = 0;
  let byWord = false;
  for (const m of text.matchAll(re)) {
    pieces.push({ text: text.slice(from, m.index), byWord });
    from = m.index + m[0].length;
    byWord = m[0].length === 0;
  }
  pieces.push({ text: text.slice(from), byWord });
  const out: string[] = [];
  for (const p of pieces) {
    const last = out.length - 1;
    if (p.byWord && last >= 0 && !statesProblem(out[last] as string)) out[last] += p.text;
    else out.push(p.text);
  }
  return out.map((c) => c.trim()).filter(Boolean);
}

interface Segment {
  kind?: string;
  clauses: string[];
}

/** A missing rule in the data file is a start-up error naming it. */
export function createProblemSplitter(set: WordSet, words: ExtractOptions['words']): ProblemSplitter {
  const rule = (name: string) => ruleOf(set, name);
  const breaks = rule('clause-break');
  const anotherParty = rule('another-party');
  const problems = set.rules.filter((r) => !NOT_A_PROBLEM.has(r.name));
  const kindOf = (clause: string) => problems.find((r) => r.pattern.test(clause))?.name;

  function segments(text: string): Segment[] {
    const segs: Segment[] = [];
    let lead: string[] = [];
    let current: Segment | undefined;
    for (const clause of clausesOf(text, breaks, (c) => kindOf(c) !== undefined)) {
      const kind = kindOf(clause);
      // A clause that only mentions a topic ("工资两万") belongs to the problem of that topic told before it.
      const topic = kind ? undefined : detectCategory(clause, words);
      const known = kind ? segs.find((s) => s.kind === kind) : segs.find((s) => s.kind && categoryOfKind(s.kind) === topic);
      if (known) {
        // A clause naming another party with nothing of its own joins the problem it turns out to be about.
        if (current && !current.kind && current !== known) known.clauses.push(...current.clauses.splice(0));
        known.clauses.push(clause);
        current = known;
      } else if (kind && current && !current.kind) {
        current.kind = kind;
        current.clauses.push(clause);
      } else if (kind || (anotherParty.test(clause) && current)) {
        current = { ...(kind ? { kind } : {}), clauses: [...lead, clause] };
        lead = [];
        segs.push(current);
      } else if (current) current.clauses.push(clause);
      else lead.push(clause);
    }
    if (lead.length && segs[0]) segs[0].clauses.unshift(...lead);
    return segs.filter((s) => s.kind);
  }

  function problemOf(seg: Segment, opts: ExtractOptions): Problem {
    const kind = seg.kind as string;
    const category = categoryOfKind(kind);
    const text = seg.clauses.join('，');
    const found = extractSlots(text, { ...opts, location: undefined });
    const slots: Problem['slots'] = {};
    if (found.amountYuan !== undefined) slots.amountYuan = found.amountYuan;
    if (found.counterpart !== undefined) slots.counterpart = found.counterpart;
    if (found.startedAt !== undefined) slots.startedAt = found.startedAt;
    return { kind, category, label: OWN_LABELS[kind] ?? CATEGORY_INFO[category].label, text, slots };
  }

  return {
    split(text, opts) {
      const segs = segments(text);
      const first = segs[0];
      const second = segs.find((s) => s !== first && categoryOfKind(s.kind as string) !== categoryOfKind(first?.kind as string));
      if (!first || !second) return undefined;
      // A third problem is told with the second rather than lost.
      for (const s of segs) if (s !== first && s !== second) second.clauses.push(...s.clauses);
      return { first: problemOf(first, opts), second: problemOf(second, opts) };
    },
    categoryOf(text) {
      const kind = kindOf(text);
      return kind ? categoryOfKind(kind) : undefined;
    },
  };
}
