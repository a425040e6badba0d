// CLI: `npx tsx scripts/eval/retrieval-figures.ts [LOO_LIMIT]` — retrieval alone, no engine: on the eval files' knowledge-fact questions, how often the decision answers with an entry whose text has the expected facts, and leave-one-out over the entries' own curated questions.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { assessQuestion } from '../../src/knowledge/decide.js';
import type { KnowledgeEntry } from '../../src/knowledge/entry-schema.js';
import { loadEntries } from '../../src/knowledge/load-entries.js';
import { repositoryLanguage } from '../../src/knowledge/repository-language.js';
import { buildKnowledgeIndex } from '../../src/knowledge/search-index.js';
import { isFaqFact, parseEvalFile } from './eval-cases.js';
import { findSharedDevSet, ownEvalFiles } from './eval-files.js';

const language = repositoryLanguage();
const entries = loadEntries();
const index = buildKnowledgeIndex(entries, language);
const has = (e: KnowledgeEntry | undefined, facts: string[][]) =>
  !!e && facts.every((g) => g.some((re) => new RegExp(re, 'u').test(`${e.title}\n${e.answer}`)));

let all = 0;
let allOk = 0;
for (const file of [...ownEvalFiles(), findSharedDevSet()].filter((f): f is string => !!f)) {
  const cases = parseEvalFile(readFileSync(file, 'utf8'), file).filter(isFaqFact);
  let answered = 0;
  let right = 0;
  let topRight = 0;
  for (const c of cases) {
    const o = assessQuestion(index, language.normalise(c.text, { transcript: c.channel === 'voice' }));
    const top = o.candidates[0] ? index.entry(o.candidates[0].id) : undefined;
    if (has(top, c.expect.facts)) topRight++;
    if (o.decision === 'answer' || o.decision === 'clarify') {
      answered++;
      if (has(top, c.expect.facts) || (o.parts ?? []).some((id) => has(index.entry(id), c.expect.facts))) right++;
    }
  }
  all += cases.length;
  allOk += right;
  console.log(
    `${basename(file, '.jsonl').padEnd(12)} ${String(cases.length).padStart(4)} fact questions: answered ${answered}, right ${right} (${((100 * right) / cases.length).toFixed(1)}%), top entry right ${topRight}`,
  );
}
console.log(`all: ${allOk}/${all} = ${((100 * allOk) / all).toFixed(1)}%`);

// Leave one curated question out: the rest of the base must still find its entry.
let loo = 0;
let looTotal = 0;
for (const e of entries) {
  for (let i = 0; i < e.questions.length; i++) {
    const held = e.questions[i] as string;
    const rest = entries.map((x) => (x === e ? { ...x, questions: x.questions.filter((_, j) => j !== i) } : x));
    const idx = buildKnowledgeIndex(rest, language);
    looTotal++;
    if (idx.search(language.normalise(held), 1)[0]?.entry.id === e.id) loo++;
  }
  if (looTotal > Number(process.argv[2] ?? 200)) break;
}
console.log(`leave-one-out over curated questions (first ${looTotal}): top-1 ${loo}/${looTotal} = ${((100 * loo) / looTotal).toFixed(1)}%`);
