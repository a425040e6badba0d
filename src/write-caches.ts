// Run by `npm run build` from its bundle (dist/node/write-caches.js): writes the built server's assets and knowledge index caches, so a first start reads them too.
import { cachedIndexGroundwork, INDEX_CACHE_FILE } from './assets/index-cache.js';
import { ASSETS_CACHE_FILE, loadNodeAssets } from './assets/node-assets.js';
import { indexOptionsFor } from './composition-root.js';

const assets = loadNodeAssets();
const groundwork = cachedIndexGroundwork(assets, indexOptionsFor(assets));
process.stdout.write(
  groundwork
    ? `caches: ${assets.entries.length} knowledge entries -> ${ASSETS_CACHE_FILE}, ${INDEX_CACHE_FILE}\n`
    : 'caches: not a built server, nothing written\n',
);
