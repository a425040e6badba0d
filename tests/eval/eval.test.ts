// Runs the shared dev sample and our held-out question files in-process through /api/chat, offline, with a 95% floor.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, parseEvalFile, runEval } from '../../scripts/eval/eval-cases.js';
import { findSharedDevSet } from '../../scripts/eval/eval-files.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

const FLOOR = 0.95;
const heldOut = (name: string) => fileURLToPath(new URL(`./${name}.jsonl`, import.meta.url));

// Each file with the fewest questions it must hold, so a truncated file cannot pass.
const HELD_OUT_FILES = [
  { name: 'held-out', minCases: 40 },
  // Written from the reference facts rather than the entries: dialect, script, ASR, rambling, mixed topics, gaps, routing.
  { name: 'held-out-2', minCases: 60 },
  // A fresh batch on the dev topics plus uncovered driver topics that must get the honest not-found.
  { name: 'held-out-3', minCases: 100 },
  // Two more batches written after the held-out-3 fixes, each scored on arrival before anything was fixed for it.
  { name: 'held-out-4', minCases: 40 },
  // Statements with an implied question, stories, friends' problems, fragments and spaced voice transcripts.
  { name: 'held-out-5', minCases: 80 },
  // Indirect questions, complaints, Chinese numerals, typed pinyin, long stories, handoff, booking and case-status requests.
  { name: 'held-out-6', minCases: 100 },
  // Wives and fleet owners asking for drivers, run-on voice, wrong assumptions, other units, comparisons, gaps.
  { name: 'held-out-7', minCases: 120 },
];

describe('eval question files', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime();
  });
  afterAll(async () => t.close());

  const run = async (file: string) => {
    const cases = parseEvalFile(readFileSync(file, 'utf8'), file);
    const report = await runEval(cases, async (c) => {
      const { status, body } = await t.chat({
        userId: `eval-${c.id}`,
        text: c.text,
        channel: c.channel,
        ...(c.location ? { location: c.location } : {}),
      });
      if (status !== 200) throw new Error(`HTTP ${status}`);
      return body;
    });
    return { cases, report };
  };

  it.each(HELD_OUT_FILES)(
    '$name: at least 95% offline',
    async ({ name, minCases }) => {
      const { cases, report } = await run(heldOut(name));
      expect(cases.length).toBeGreaterThanOrEqual(minCases);
      expect(report.accuracy, formatReport(name, report)).toBeGreaterThanOrEqual(FLOOR);
      // Hundreds of turns: on a busy two-core machine beside the rest of the suite this took 36 s, so the hang guard is wider.
    },
    180_000,
  );

  // CI checks shared/ out beside the repository; a clone elsewhere has no sample, and the skip's name says so.
  const shared = findSharedDevSet();
  it.skipIf(!shared)(
    `shared dev sample: at least 95% offline${shared ? '' : ' (skipped: no shared/eval/dev-set.jsonl in an ancestor folder)'}`,
    async () => {
      const { report } = await run(shared as string);
      expect(report.accuracy, formatReport('dev-set', report)).toBeGreaterThanOrEqual(FLOOR);
    },
    60_000,
  );
});
