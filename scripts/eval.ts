// CLI: `npm run eval [-- FILE.jsonl …] [--base URL] [--floor 0.95]` runs eval questions against /api/chat and prints accuracy and failures.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config.js';
import { httpSender, inProcessSender } from './eval/chat-senders.js';
import { formatReport, parseEvalFile, runEval } from './eval/eval-cases.js';
import { findSharedDevSet, ownEvalFiles } from './eval/eval-files.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { base: { type: 'string' }, floor: { type: 'string' } },
});
// With no files named, run everything the test suite runs: our held-out files and the shared dev sample.
const shared = findSharedDevSet();
const files = positionals.length > 0 ? positionals : [...ownEvalFiles(), ...(shared ? [shared] : [])];
const floor = values.floor === undefined ? 0 : Number(values.floor);
if (!(floor >= 0 && floor <= 1)) {
  console.error('--floor must be a number from 0 to 1');
  process.exit(2);
}

// With --base the server is remote; its bearer token (if any) comes from the same configuration the server reads.
const sender = values.base ? httpSender(values.base, readConfig().chatApiKey) : await inProcessSender();
let failed = false;
try {
  for (const file of files) {
    const report = await runEval(parseEvalFile(readFileSync(file, 'utf8'), file), (c) => sender.send(c));
    console.log(formatReport(file, report));
    if (report.accuracy < floor) {
      console.error(`${file}: accuracy ${(report.accuracy * 100).toFixed(1)}% is below the floor ${(floor * 100).toFixed(1)}%`);
      failed = true;
    }
  }
} finally {
  await sender.close();
}
process.exit(failed ? 1 : 0);
