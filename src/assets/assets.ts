// The read-only data a runtime is built from (knowledge entries, stations, gazetteer, routing rules, prompts, web page files), with no filesystem access so the Worker can carry it in its bundle.
import type { RoutingRules } from '../cases/routing.js';
import type { KnowledgeEntry } from '../knowledge/entry-schema.js';
import type { LexiconData } from '../lexicon/schema.js';
import type { Prompts } from '../llm/prompts.js';
import type { Station, UnplacedStation } from '../stations/station-schema.js';
import type { Gazetteer } from '../china/gazetteer.js';

export const WEB_STATIC_FILES = ['index.html', 'cards.js', 'app.js', 'app.css'] as const;
export type WebStaticFile = (typeof WEB_STATIC_FILES)[number];
export const STAFF_STATIC_FILES = ['console.js', 'dashboard.js'] as const;
export type StaffStaticFile = (typeof STAFF_STATIC_FILES)[number];

export interface Assets {
  entries: readonly KnowledgeEntry[];
  /** Word rules by file id (the YAML files under knowledge/lexicon), validated and example-checked. */
  lexicon: LexiconData;
  stations: readonly Station[];
  unplaced: readonly UnplacedStation[];
  gazetteer: Gazetteer;
  routingRules: RoutingRules;
  prompts: Prompts;
  webStatic: Record<WebStaticFile, string>;
  /** The staff console's browser files (src/channels/staff/static), linted like the driver page's. */
  staffStatic: Record<StaffStaticFile, string>;
}

/** A static script a server sends as it is (the dashboard's chart library): its bytes, the same gzipped, and an ETag. */
export interface StaticScript {
  body: Uint8Array;
  gzip: Uint8Array;
  etag: string;
}
