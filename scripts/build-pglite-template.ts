// Writes dist/pglite-template: an empty, migrated PGlite data directory that a new DATA_DIR starts from, so a first start skips initdb and the migrations (npm run build runs this).
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGLITE_TEMPLATE_DIR, pgliteTemplateStamp } from '../src/open-database.js';
import { openDatabase } from '../src/store/database.js';

const started = Date.now();
const building = resolve(PGLITE_TEMPLATE_DIR, '..', 'pglite-template.building');
rmSync(building, { recursive: true, force: true });
mkdirSync(building, { recursive: true });
// Migrations only: no stations, accounts or cookie secret, which every installation makes its own on first start.
const database = await openDatabase({ kind: 'pglite', dataDir: join(building, 'pgdata') });
await database.close();
writeFileSync(join(building, 'stamp.json'), JSON.stringify(pgliteTemplateStamp()));
rmSync(PGLITE_TEMPLATE_DIR, { recursive: true, force: true });
renameSync(building, PGLITE_TEMPLATE_DIR);
process.stdout.write(`built ${PGLITE_TEMPLATE_DIR} in ${Date.now() - started} ms\n`);
