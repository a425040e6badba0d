// `npm run stations:import -- FILE.csv|json [--dry-run]`: validates a station list row by row, writes the good rows and reports what changed.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { readConfig } from '../src/config.js';
import { openConfiguredDatabase } from '../src/open-database.js';
import { createStationStore } from '../src/store/station-store.js';
import { parseImport } from '../src/stations/import-file.js';
import { loadGazetteer } from '../src/stations/load-data.js';
import { KNOWLEDGE_DIR as DEFAULT_KNOWLEDGE_DIR } from '../src/assets/node-assets.js';
import { formatImportReport, importStations } from '../src/stations/station-sync.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: npm run stations:import -- FILE.csv|FILE.json [--dry-run]\n');
    return 2;
  }
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') {
    process.stderr.write(`${file}: expected a .csv or .json file\n`);
    return 2;
  }
  const parsed = parseImport(readFileSync(file, 'utf8'), ext === '.csv' ? 'csv' : 'json', loadGazetteer(DEFAULT_KNOWLEDGE_DIR));
  const config = readConfig();
  // Embedded PGlite is single-process: with the server running, stop it first (the data-dir lock says so) or use DATABASE_URL.
  const { database, release } = await openConfiguredDatabase(config);
  try {
    const report = await importStations(createStationStore(database.db), parsed.stations, {
      label: basename(file),
      dryRun,
      rejected: parsed.rejected,
    });
    process.stdout.write(`${formatImportReport(report)}\n`);
    return parsed.rejected.length ? 1 : 0;
  } finally {
    await database.close();
    release();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`stations:import failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
