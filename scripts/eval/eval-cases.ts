// Eval questions (shared/eval format): parsing, checking one chat reply against its expectations, and scoring a run.
import { z } from 'zod';
import { INTENTS } from '../../src/core/types.js';
import { VOICE_MAX_CHARS } from '../../src/core/render.js';

export const evalCaseSchema = z.object({
  id: z.string().min(1),
  channel: z.enum(['web', 'voice']).default('web'),
  text: z.string().min(1).max(2000),
  location: z.object({ lat: z.number(), lon: z.number() }).optional(),
  expect: z.object({
    intent: z.array(z.enum(INTENTS)).min(1),
    facts: z.array(z.array(z.string().min(1)).min(1)).default([]),
    noCitations: z.boolean().optional(),
    forbid: z.array(z.string().min(1)).optional(),
  }),
});
export type EvalCase = z.infer<typeof evalCaseSchema>;

export interface ChatReply {
  text: string;
  citations?: unknown[];
}
export interface ChatResponse {
  intent: string;
  replies: ChatReply[];
}

export function parseEvalFile(text: string, name = 'eval file'): EvalCase[] {
  const cases: EvalCase[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${name}:${i + 1}: not JSON`);
    }
    const parsed = evalCaseSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${name}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    cases.push(parsed.data);
  });
  return cases;
}

/** Why a response fails its case; empty when it passes. */
export function checkCase(c: EvalCase, res: ChatResponse): string[] {
  const problems: string[] = [];
  const joined = res.replies.map((r) => r.text).join('\n');
  if (!c.expect.intent.includes(res.intent as EvalCase['expect']['intent'][number])) {
    problems.push(`intent ${res.intent}, expected ${c.expect.intent.join('|')}`);
  }
  c.expect.facts.forEach((group) => {
    if (!group.some((re) => new RegExp(re, 'u').test(joined))) problems.push(`missing fact /${group.join('|')}/`);
  });
  for (const re of c.expect.forbid ?? []) if (new RegExp(re, 'u').test(joined)) problems.push(`forbidden /${re}/ matched`);
  if (c.expect.noCitations && res.replies.some((r) => (r.citations?.length ?? 0) > 0)) problems.push('has citations');
  if (c.channel === 'voice') {
    for (const r of res.replies) {
      if ([...r.text].length > VOICE_MAX_CHARS) problems.push(`voice reply of ${[...r.text].length} chars`);
      if (/https?:\/\/|www\.|\*\*|^#|\[[^\]]*\]\(|\n/mu.test(r.text)) problems.push('voice reply has a URL, markdown or line break');
    }
  }
  return problems;
}

export interface CaseResult {
  case: EvalCase;
  problems: string[];
  response?: ChatResponse;
}

export interface EvalReport {
  results: CaseResult[];
  passed: number;
  total: number;
  accuracy: number;
}

export async function runEval(cases: EvalCase[], send: (c: EvalCase) => Promise<ChatResponse>): Promise<EvalReport> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    try {
      const response = await send(c);
      results.push({ case: c, problems: checkCase(c, response), response });
    } catch (err) {
      results.push({ case: c, problems: [`request failed: ${err instanceof Error ? err.message : String(err)}`] });
    }
  }
  const passed = results.filter((r) => r.problems.length === 0).length;
  return { results, passed, total: results.length, accuracy: results.length === 0 ? 0 : passed / results.length };
}

/** Questions answered by a fact of the knowledge base: the expected intents include faq and at least one fact is checked. */
export function isFaqFact(c: EvalCase): boolean {
  return c.expect.intent.includes('faq') && c.expect.facts.length > 0;
}

export interface Comparison {
  name: string;
  total: number;
  ours: number;
  baseline: number;
  faqFacts: number;
  oursOnFacts: number;
  baselineOnFacts: number;
}

/** Our run and the baseline's replies to the same cases, over the whole file and over its knowledge-fact questions. */
export function compare(name: string, report: EvalReport, baseline: (c: EvalCase) => ChatResponse): Comparison {
  const base = report.results.map((r) => checkCase(r.case, baseline(r.case)).length === 0);
  const facts = report.results.map((r) => isFaqFact(r.case));
  const count = (xs: boolean[]) => xs.filter(Boolean).length;
  return {
    name,
    total: report.total,
    ours: report.passed,
    baseline: count(base),
    faqFacts: count(facts),
    oursOnFacts: count(report.results.map((r, i) => facts[i] === true && r.problems.length === 0)),
    baselineOnFacts: count(base.map((ok, i) => ok && facts[i] === true)),
  };
}

const pct = (n: number, of: number) => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)}%`);
const points = (a: number, b: number, of: number) => (of === 0 ? '–' : `${(100 * (a - b)) / of >= 0 ? '+' : ''}${((100 * (a - b)) / of).toFixed(1)}`);

/** A Markdown table: per file, nuanxin and the plain-BM25 baseline on all questions and on the knowledge-fact ones. */
export function formatComparison(rows: Comparison[]): string {
  const lines = [
    '| file | questions | nuanxin | BM25 | Δ points | fact questions | nuanxin | BM25 | Δ points |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.total} | ${pct(r.ours, r.total)} | ${pct(r.baseline, r.total)} | ${points(r.ours, r.baseline, r.total)} | ${r.faqFacts} | ${pct(r.oursOnFacts, r.faqFacts)} | ${pct(r.baselineOnFacts, r.faqFacts)} | ${points(r.oursOnFacts, r.baselineOnFacts, r.faqFacts)} |`,
    );
  }
  return lines.join('\n');
}

export function formatReport(name: string, report: EvalReport): string {
  const lines = [`${name}: ${report.passed}/${report.total} = ${(report.accuracy * 100).toFixed(1)}%`];
  for (const r of report.results) {
    if (r.problems.length === 0) continue;
    const said = r.response
      ? r.response.replies
          .map((x) => x.text)
          .join(' / ')
          .replace(/\s+/g, ' ')
          .slice(0, 120)
      : '';
    lines.push(
      `  FAIL ${r.case.id} [${r.case.channel}] "${r.case.text}": ${r.problems.join('; ')}${said ? `\n       got (${r.response?.intent}): ${said}` : ''}`,
    );
  }
  return lines.join('\n');
}
