// Reads and validates the runtime's assets from the repository (knowledge/, prompts/, the web page files) on Node; the Worker gets the same object from the build step instead.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRoutingRules } from '../cases/routing-file.js';
import { loadEntries } from '../knowledge/load-entries.js';
import { loadLexicon } from '../lexicon/load-lexicon.js';
import { loadPrompts, PROMPTS_DIR } from '../llm/prompt-files.js';
import { loadGazetteer, loadStations, loadUnplacedStations } from '../stations/load-data.js';
import { STAFF_STATIC_FILES, WEB_STATIC_FILES, type Assets } from './assets.js';

// Both paths climb to the repository root, so src/assets/ and the bundled server in dist/node/ find the same files.
export const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));
export const ROUTING_RULES_FILE = join('routing', 'rules.json');
const WEB_STATIC_DIR = fileURLToPath(new URL('../../src/channels/web/static', import.meta.url));
const STAFF_STATIC_DIR = fileURLToPath(new URL('../../src/channels/staff/static', import.meta.url));

const readAll = <F extends string>(dir: string, names: readonly F[]) =>
  Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')])) as Record<F, string>;

const cache = new Map<string, Assets>();

/**
 * The built server (dist/node, emptied by every build) keeps the assets it validated as one JSON file beside itself: a
 * start then parses JSON instead of YAML, schemas and every word rule's examples (about 450 of a reopen's 2,500 ms).
 * The development path (tsx, tests) always reads the files.
 */
export const ASSETS_CACHE_FILE = import.meta.url.endsWith('.js') ? fileURLToPath(new URL('./assets-cache.json', import.meta.url)) : undefined;

/** A hash of every file the assets are read from, so an edit to knowledge/, prompts/ or the page files misses the cache. */
export function assetSourcesHash(knowledgeDir: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(`${path}\0`).update(readFileSync(path)).update('\0');
    }
  };
  for (const dir of [knowledgeDir, PROMPTS_DIR, WEB_STATIC_DIR, STAFF_STATIC_DIR]) walk(dir);
  return hash.digest('hex');
}

const hashes = new Map<string, string>();
/** assetSourcesHash once per process and directory (the assets and the index cache share it). */
export function sourcesHashOf(knowledgeDir: string): string {
  let hash = hashes.get(knowledgeDir);
  if (!hash) hashes.set(knowledgeDir, (hash = assetSourcesHash(knowledgeDir)));
  return hash;
}

function readAssetsCache(file: string, sources: string): Assets | undefined {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { sources?: string; assets?: Assets };
    return cached.sources === sources ? cached.assets : undefined;
  } catch {
    return undefined;
  }
}

/** Written aside and renamed, so a reader never sees half a file; a read-only install just goes without. */
export function writeCacheFile(file: string, content: object): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, JSON.stringify(content));
    renameSync(partial, file);
  } catch {
    // The cache only saves time.
    rmSync(partial, { force: true });
  }
}

function readAssets(knowledgeDir: string): Assets {
  return {
    entries: loadEntries(join(knowledgeDir, 'entries')),
    lexicon: lexiconOrThrow(join(knowledgeDir, 'lexicon')),
    stations: loadStations(knowledgeDir),
    unplaced: loadUnplacedStations(knowledgeDir),
    gazetteer: loadGazetteer(knowledgeDir),
    routingRules: loadRoutingRules(join(knowledgeDir, ROUTING_RULES_FILE)),
    prompts: loadPrompts(),
    webStatic: readAll(WEB_STATIC_DIR, WEB_STATIC_FILES),
    staffStatic: readAll(STAFF_STATIC_DIR, STAFF_STATIC_FILES),
  };
}

function lexiconOrThrow(dir: string): Assets['lexicon'] {
  const { data, problems } = loadLexicon(dir);
  if (problems.length > 0) throw new Error(`invalid word rules (run npm run kb:check):\n${problems.join('\n')}`);
  return data;
}

/** `knowledgeDir` is the knowledge root (entries, stations, gazetteer, routing); read once per process and directory. */
export function loadNodeAssets(knowledgeDir: string = KNOWLEDGE_DIR): Assets {
  let assets = cache.get(knowledgeDir);
  if (!assets) {
    const cacheFile = knowledgeDir === KNOWLEDGE_DIR ? ASSETS_CACHE_FILE : undefined;
    if (cacheFile) {
      const sources = sourcesHashOf(knowledgeDir);
      assets = readAssetsCache(cacheFile, sources);
      if (!assets) writeCacheFile(cacheFile, { sources, assets: (assets = readAssets(knowledgeDir)) });
    } else assets = readAssets(knowledgeDir);
    cache.set(knowledgeDir, assets);
  }
  return assets;
}
