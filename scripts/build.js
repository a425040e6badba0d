// npm run build: bundles the Node server and the wechaty gateway to JavaScript in dist/node (esbuild; packages stay in node_modules), so production starts without transpiling, and writes the migrated PGlite template (dist/pglite-template).
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = fileURLToPath(new URL('../dist/node', import.meta.url));
export const ENTRIES = { main: 'src/main.ts', 'wechat-gateway': 'src/wechat-gateway.ts', 'write-caches': 'src/write-caches.ts' };

/** Builds dist/node; the bundle sits two levels below the root, as the sources do, so their root-relative file paths hold. */
export async function buildServer({ quiet = false } = {}) {
  const started = Date.now();
  rmSync(OUT_DIR, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: OUT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    tsconfig: 'tsconfig.json',
    metafile: true,
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  if (!quiet) process.stdout.write(`built dist/node in ${Date.now() - started} ms (${(bytes / 1024).toFixed(0)} KiB with source maps)\n`);
  // The validated knowledge, prompts and page files, and the knowledge index's groundwork, as JSON files the built server reads at start (src/assets/node-assets.ts, src/assets/index-cache.ts).
  execFileSync(process.execPath, [`${OUT_DIR}/write-caches.js`], { cwd: ROOT, stdio: quiet ? 'ignore' : 'inherit' });
  // The migrated PGlite data directory every new DATA_DIR is copied from (initdb in WebAssembly is the slowest part of a first start).
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-pglite-template.ts'], { cwd: ROOT, stdio: quiet ? 'ignore' : 'inherit' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
