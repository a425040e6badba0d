// Where the eval question files live: ours under tests/eval, the shared sample in the nearest ancestor's shared/eval.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const OWN_EVAL_DIR = join(REPO_ROOT, 'tests', 'eval');

/** Our question files (held-out.jsonl, held-out-2.jsonl, …), sorted. */
export function ownEvalFiles(): string[] {
  return readdirSync(OWN_EVAL_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(OWN_EVAL_DIR, f));
}

/** CI checks out shared/ beside the repository; a worktree may sit deeper, so the nearest ancestor's shared/ counts. */
export function findSharedDevSet(): string | undefined {
  for (let dir = dirname(REPO_ROOT); ; dir = dirname(dir)) {
    const file = join(dir, 'shared', 'eval', 'dev-set.jsonl');
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}
