// Where `npm run build:worker` leaves the Worker bundle, and a rebuild when a source or knowledge file is newer than it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Miniflare } from 'miniflare';

const ROOT = resolve(import.meta.dirname, '..');
export const WORKER_BUNDLE = join(ROOT, 'dist', 'worker', 'worker.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) newest = Math.max(newest, statSync(join(dir, f)).mtimeMs);
  return newest;
}

/** Reuses the bundle a previous build left (CI builds it first) unless a source or knowledge file is newer. */
export function ensureWorkerBundle(): string {
  const stale = !existsSync(WORKER_BUNDLE) || statSync(WORKER_BUNDLE).mtimeMs < Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'knowledge')));
  if (stale) execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build-worker.ts')], { cwd: ROOT, stdio: 'pipe' });
  return WORKER_BUNDLE;
}

/** The built bundle in workerd through Miniflare, configured as wrangler.toml configures it, with the given vars and secrets. */
export async function startWorker(bindings: Record<string, string>): Promise<Miniflare> {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const compatibilityFlags = [.../^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1]?.matchAll(/"([^"]+)"/g) ?? []].map((m) => m[1] as string);
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
