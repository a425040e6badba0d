// Node only: the ECharts browser build from node_modules, read once and gzipped once, for the console's dashboard (never in the Worker bundle).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { StaticScript } from './assets.js';

let cached: StaticScript | null | undefined;

/** ECharts' minified browser build, or undefined when the package is missing (the dashboard then shows its tables). */
export function loadChartLibrary(): StaticScript | undefined {
  if (cached === undefined) {
    try {
      const body = readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'));
      cached = { body, gzip: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
    } catch {
      cached = null;
    }
  }
  return cached ?? undefined;
}
