// Reads and validates the runtime's assets from the repository (knowledge/, prompts/, the web page files) on Node; the Worker gets the same object from the build step instead.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRoutingRules } from '../cases/routing-file.js';
import { loadEntries } from '../knowledge/load-entries.js';
import { loadLexicon } from '../lexicon/load-lexicon.js';
import { loadPrompts } from '../llm/prompt-files.js';
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

function lexiconOrThrow(dir: string): Assets['lexicon'] {
  const { data, problems } = loadLexicon(dir);
  if (problems.length > 0) throw new Error(`invalid word rules (run npm run kb:check):\n${problems.join('\n')}`);
  return data;
}

/** `knowledgeDir` is the knowledge root (entries, stations, gazetteer, routing); read once per process and directory. */
export function loadNodeAssets(knowledgeDir: string = KNOWLEDGE_DIR): Assets {
  let assets = cache.get(knowledgeDir);
  if (!assets) {
    assets = {
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
    cache.set(knowledgeDir, assets);
  }
  return assets;
}
