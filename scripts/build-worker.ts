// npm run build:worker: bundles the Worker (wrangler's [build] command generates the assets module first) with wrangler (deploy --dry-run) and prints the gzipped size, failing over 1 MiB.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { environmentWith } from '../src/config.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist', 'worker');
const LIMIT = 1024 * 1024;

rmSync(OUT, { recursive: true, force: true });
execFileSync(join(ROOT, 'node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', '--outdir', OUT], {
  cwd: ROOT,
  stdio: 'inherit',
  env: environmentWith({ WRANGLER_SEND_METRICS: 'false', NO_UPDATE_NOTIFIER: '1' }),
});

// Everything wrangler uploads: the entry, any split modules and wasm.
const files = readdirSync(OUT, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(OUT, f)).isFile() && /\.(m?js|wasm|bin)$/.test(f));
let raw = 0;
let gzipped = 0;
for (const f of files) {
  const bytes = readFileSync(join(OUT, f));
  raw += bytes.length;
  gzipped += gzipSync(bytes, { level: 9 }).length;
}
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
process.stdout.write(`worker bundle: ${files.length} file(s), ${kib(raw)} raw, ${kib(gzipped)} gzipped (limit ${kib(LIMIT)})\n`);
if (gzipped > LIMIT) {
  process.stderr.write('worker bundle is over 1 MiB gzipped\n');
  process.exit(1);
}
