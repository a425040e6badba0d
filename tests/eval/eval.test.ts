// Runs the shared dev sample and our held-out questions in-process through /api/chat, offline, with a 95% floor.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, parseEvalFile, runEval } from '../../scripts/eval/eval-cases.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

const FLOOR = 0.95;
const HELD_OUT = fileURLToPath(new URL('./held-out.jsonl', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** CI checks out shared/ beside the repository; a worktree may sit deeper, so the nearest ancestor's shared/ counts. */
function findShared(): string | undefined {
  for (let dir = dirname(REPO_ROOT); ; dir = dirname(dir)) {
    const file = join(dir, 'shared', 'eval', 'dev-set.jsonl');
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

describe('eval question files', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime();
  });
  afterAll(async () => t.close());

  const run = async (file: string) => {
    const cases = parseEvalFile(readFileSync(file, 'utf8'), file);
    const report = await runEval(cases, async (c) => {
      const { status, body } = await t.chat({ userId: `eval-${c.id}`, text: c.text, channel: c.channel, ...(c.location ? { location: c.location } : {}) });
      if (status !== 200) throw new Error(`HTTP ${status}`);
      return body;
    });
    return { cases, report };
  };

  it('held-out questions: at least 95% offline', async () => {
    const { cases, report } = await run(HELD_OUT);
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(report.accuracy, formatReport('held-out', report)).toBeGreaterThanOrEqual(FLOOR);
  });

  it('shared dev sample: at least 95% offline', async () => {
    const shared = findShared();
    expect(shared, 'shared/eval/dev-set.jsonl beside the repository').toBeDefined();
    const { report } = await run(shared as string);
    expect(report.accuracy, formatReport('dev-set', report)).toBeGreaterThanOrEqual(FLOOR);
  });
});
