// CLI gate for the knowledge base: validates knowledge/entries/*.md, prints one line per problem, exits 1 on any.
import { checkEntries, summarise } from '../src/knowledge/check-entries.js';
import { loadEntriesWithProblems } from '../src/knowledge/load-entries.js';
import { loadLexicon } from '../src/lexicon/load-lexicon.js';

const today = new Date().toISOString().slice(0, 10);
const { entries, problems: loadProblems } = loadEntriesWithProblems();
const lexicon = loadLexicon();
const problems = [...loadProblems, ...checkEntries(entries, today), ...lexicon.problems];

const summary = summarise(entries.map((e) => e.entry));
const categories = Object.entries(summary.categories)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([c, n]) => `${c}=${n}`)
  .join(' ');
console.log(`entries: ${summary.entries}  questions: ${summary.questions}  categories: ${Object.keys(summary.categories).length}`);
console.log(`  ${categories}`);
const lexiconRules = Object.values(lexicon.data).reduce((n, set) => n + set.rules.length, 0);
console.log(`word rules: ${Object.keys(lexicon.data).length} files, ${lexiconRules} rules (knowledge/lexicon)`);

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`kb:check failed with ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('kb:check passed');
