// Seeding and imports on the store: file changes applied, staff edits kept, bad CSV/JSON rows reported by row and field.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.js';
import { createStationStore } from '../../src/store/station-store.js';
import { parseImport } from '../../src/stations/import-file.js';
import { loadGazetteer, loadStations } from '../../src/stations/load-data.js';
import { StationCatalog } from '../../src/stations/station-catalog.js';
import { importStations, seedStations } from '../../src/stations/station-sync.js';
import { openTestDatabase } from '../support/test-db.js';

const KNOWLEDGE = fileURLToPath(new URL('../../knowledge', import.meta.url));
const file = loadStations(KNOWLEDGE);
const gazetteer = loadGazetteer(KNOWLEDGE);

let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await openTestDatabase();
});
afterEach(async () => {
  await handle.close();
});

describe('seeding', () => {
  it('inserts once, then only applies file changes to rows nobody else edited', async () => {
    const store = createStationStore(handle.db);
    expect((await seedStations(store, file)).inserted).toHaveLength(file.length);
    expect(await seedStations(store, file)).toMatchObject({ inserted: [], updated: [], unchanged: file.length });

    await importStations(store, [{ ...file[0]!, beds: 12 }], { label: 'staff.csv' });
    const changedFile = file.map((s) => ({ ...s, notes: `${s.notes ?? ''} 更新` }));
    const report = await seedStations(store, changedFile);
    expect(report.keptEdits).toEqual([file[0]!.id]);
    expect(report.updated).toHaveLength(file.length - 1);
    expect((await store.get(file[0]!.id))?.station.beds).toBe(12);
  });
});

describe('import', () => {
  it('reports added, changed fields, unchanged and rejected rows from CSV, and the catalog sees them after reload', async () => {
    const store = createStationStore(handle.db);
    await seedStations(store, file);
    const catalog = await StationCatalog.open(store, gazetteer, []);
    const csv = [
      'id,name,kind,city,cityCode,county,countyCode,lat,lon,approximate,amenities,beds,hours,prices,aliases,source',
      'jintang-fwq,金堂服务区暖心之家,暖心之家,成都市,510100,金堂县,510121,30.9,104.48,true,meal|lodging|shower,8,00:00-24:00,货车司机套餐:10,金堂服务区,staff',
      'new-one,新站,司机之家,自贡市,510300,沿滩区,510311,29.3,104.9,true,meal|shower,4,weekdays 08:00-20:00,,新站点,staff',
      'bad-lat,坏坐标,暖心之家,自贡市,510300,沿滩区,510311,45,104.9,true,meal,2,00:00-24:00,,,staff',
      'bad-county,错县,暖心之家,自贡市,510300,金堂县,510121,29.3,104.9,true,sauna,2,00:00-24:00,,,staff',
    ].join('\n');
    const parsed = parseImport(csv, 'csv', gazetteer);
    expect(parsed.stations.map((s) => s.id)).toEqual(['jintang-fwq', 'new-one']);
    expect(parsed.rejected.map((r) => [r.row, r.id])).toEqual([
      [2, 'bad-lat'],
      [3, 'bad-county'],
    ]);
    expect(parsed.rejected[0]!.problems.join()).toContain('field "lat"');
    expect(parsed.rejected[1]!.problems.join()).toContain('field "amenities.0"');

    const report = await importStations(store, parsed.stations, { label: 'staff.csv', rejected: parsed.rejected });
    expect(report.added).toEqual(['new-one']);
    // A row replaces the whole station, so the report lists every field the CSV row left out too.
    expect(report.changed).toEqual([{ id: 'jintang-fwq', fields: expect.arrayContaining(['amenities', 'beds', 'notes', 'source']) }]);
    expect(report.changed[0]!.fields).not.toContain('hours');
    expect(report.notInFile).toContain('yantan-fwq');
    await catalog.reload();
    expect(catalog.get('new-one')?.hours).toEqual([{ days: 'weekdays', open: '08:00', close: '20:00' }]);
    expect(catalog.index.nearest({ lat: 29.3, lon: 104.9 }, { limit: 1 })[0]?.item.id).toBe('new-one');
  });

  it('changes nothing on a dry run, and catches a county that does not match its code', async () => {
    const store = createStationStore(handle.db);
    const json = JSON.stringify([
      { ...file[0]!, beds: 99 },
      { ...file[1]!, county: '金堂县' },
    ]);
    const parsed = parseImport(json, 'json', gazetteer);
    expect(parsed.rejected[0]?.problems.join()).toMatch(/field "county"/);
    const report = await importStations(store, parsed.stations, { label: 'x.json', dryRun: true });
    expect(report.applied).toBe(false);
    expect(await store.list()).toEqual([]);
  });
});
