// Run by `npm run build` from its bundle (dist/node/write-assets-cache.js): writes the built server's assets cache, so a first start reads JSON too.
import { ASSETS_CACHE_FILE, loadNodeAssets } from './node-assets.js';

const assets = loadNodeAssets();
process.stdout.write(`assets cache: ${assets.entries.length} knowledge entries -> ${ASSETS_CACHE_FILE ?? '(not built: no cache)'}\n`);
