// CLI: `npm run eval [-- FILE.jsonl …] [--base URL] [--floor 0.95] [--failures]` runs eval questions against /api/chat and prints accuracy per file beside a plain-BM25 baseline.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config.js';
import { loadEntries } from '../src/knowledge/load-entries.js';
import { createBm25Baseline } from './eval/bm25-baseline.js';
import { httpSender, inProcessSender } from './eval/chat-senders.js';
import { compare, formatComparison, formatReport, parseEvalFile, runEval, type Comparison } from './eval/eval-cases.js';
import { findSharedDevSet, ownEvalFiles } from './eval/eval-files.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { base: { type: 'string' }, floor: { type: 'string' }, quiet: { type: 'boolean' } },
});
// With no files named, run everything the test suite runs: our held-out files and the shared dev sample.
const shared = findSharedDevSet();
const files = positionals.length > 0 ? positionals : [...ownEvalFiles(), ...(shared ? [shared] : [])];
const floor = values.floor === undefined ? 0 : Number(values.floor);
if (!(floor >= 0 && floor <= 1)) {
  console.error('--floor must be a number from 0 to 1');
  process.exit(2);
}

// The baseline reads the same entries as the in-process server; against a remote server, those of this checkout.
const baseline = createBm25Baseline(loadEntries());
// With --base the server is remote; its bearer token (if any) comes from the same configuration the server reads.
const sender = values.base ? httpSender(values.base, readConfig().chatApiKey) : await inProcessSender();
let failed = false;
const rows: Comparison[] = [];
try {
  for (const file of files) {
    const report = await runEval(parseEvalFile(readFileSync(file, 'utf8'), file), (c) => sender.send(c));
    console.log(values.quiet ? formatReport(file, { ...report, results: [] }) : formatReport(file, report));
    rows.push(compare(basename(file, '.jsonl'), report, (c) => baseline.reply(c)));
    if (report.accuracy < floor) {
      console.error(`${file}: accuracy ${(report.accuracy * 100).toFixed(1)}% is below the floor ${(floor * 100).toFixed(1)}%`);
      failed = true;
    }
  }
} finally {
  await sender.close();
}
console.log('\nnuanxin beside a plain BM25 (MiniSearch, character unigrams and bigrams, untuned; it answers every question with its top entry):\n');
console.log(formatComparison(rows));
process.exit(failed ? 1 : 0);
