// Builds the server (scripts/build.js) when dist/node/main.js is missing or older than a source file: for npm start, and for benchmarks before they time a start.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MAIN = join(ROOT, 'dist', 'node', 'main.js');
// What the bundle is made of; knowledge/, prompts/ and db/migrations are read at run time and need no rebuild.
const SOURCES = ['src', 'db', 'package.json', 'tsconfig.json'];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) newest = Math.max(newest, newestMtime(join(path, entry.name)));
  return newest;
}

export async function ensureBuilt({ quiet = false } = {}) {
  const built = existsSync(MAIN) ? statSync(MAIN).mtimeMs : 0;
  if (built >= Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))))) return;
  const { buildServer } = await import('./build.js');
  await buildServer({ quiet });
}
