// Where `npm run build:worker` leaves the Worker bundle, and a rebuild when a source or knowledge file is newer than it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';

const ROOT = resolve(import.meta.dirname, '..');
export const WORKER_BUNDLE = join(ROOT, 'dist', 'worker', 'worker.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) newest = Math.max(newest, statSync(join(dir, f)).mtimeMs);
  return newest;
}

/** Reuses the bundle a previous build left (CI builds it first) unless a source or knowledge file is newer. */
export function ensureWorkerBundle(): string {
  const stale =
    !existsSync(WORKER_BUNDLE) || statSync(WORKER_BUNDLE).mtimeMs < Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'knowledge')));
  if (stale) execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build-worker.ts')], { cwd: ROOT, stdio: 'pipe' });
  return WORKER_BUNDLE;
}

/** The built bundle in workerd through Miniflare, configured as wrangler.toml configures it, with the given vars and secrets. */
export async function startWorker(bindings: Record<string, string>): Promise<Miniflare> {
  // wrangler's own reader, so the test runs the Worker with the compatibility date and flags a deploy would use.
  const { compatibility_date: compatibilityDate, compatibility_flags: compatibilityFlags } = unstable_readConfig({
    config: join(ROOT, 'wrangler.toml'),
  });
  if (!compatibilityDate) throw new Error('wrangler.toml has no compatibility_date');
  const mf = new Miniflare({
    scriptPath: ensureWorkerBundle(),
    modules: true,
    compatibilityDate,
    compatibilityFlags,
    unsafeTriggerHandlers: true,
    bindings,
  });
  await mf.ready;
  return mf;
}
