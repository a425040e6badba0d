// Start-up seeding and staff imports: compares incoming station rows with the store and writes, reporting what changed.
import { createHash } from 'node:crypto';
import type { StationStore, StationWrite, StoredStation } from './ports.js';
import type { Station } from './station-schema.js';

export function stationHash(station: Station): string {
  return createHash('sha256').update(JSON.stringify(station)).digest('hex').slice(0, 32);
}

/** Top-level fields whose values differ, so a report can say "beds, hours" rather than "changed". */
export function changedFields(before: Station, after: Station): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof Station>;
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

export interface SeedReport {
  inserted: string[];
  updated: string[];
  unchanged: number;
  /** Rows someone edited after seeding: the file changed too, but their edit is kept. */
  keptEdits: string[];
}

/**
 * Applies the knowledge file: new ids are inserted, rows last written by seeding are updated when the
 * file row changed, and rows written by an import or staff are left alone (and named in the report).
 */
export async function seedStations(store: StationStore, fileStations: readonly Station[]): Promise<SeedReport> {
  const existing = new Map((await store.list()).map((s) => [s.station.id, s]));
  const report: SeedReport = { inserted: [], updated: [], unchanged: 0, keptEdits: [] };
  const writes: StationWrite[] = [];
  for (const station of fileStations) {
    const hash = stationHash(station);
    const row = existing.get(station.id);
    if (!row) {
      report.inserted.push(station.id);
      writes.push({ station, updatedBy: 'seed', seedHash: hash });
    } else if (row.seedHash === hash) {
      report.unchanged++;
    } else if (row.updatedBy !== 'seed') {
      report.keptEdits.push(station.id);
    } else {
      report.updated.push(station.id);
      writes.push({ station, updatedBy: 'seed', seedHash: hash });
    }
  }
  await store.upsert(writes);
  return report;
}

export interface ImportReport {
  added: string[];
  changed: { id: string; fields: string[] }[];
  unchanged: string[];
  /** Stations in the store that the file does not mention; they are kept. */
  notInFile: string[];
  rejected: { row: number; id?: string; problems: string[] }[];
  applied: boolean;
}

/** Staff imports win over seeding: the row is marked `import:<label>` so later seeding keeps it. */
export async function importStations(
  store: StationStore,
  rows: readonly Station[],
  opts: { label: string; dryRun?: boolean; rejected?: ImportReport['rejected'] },
): Promise<ImportReport> {
  const existing = new Map<string, StoredStation>((await store.list()).map((s) => [s.station.id, s]));
  const report: ImportReport = { added: [], changed: [], unchanged: [], notInFile: [], rejected: opts.rejected ?? [], applied: false };
  const writes: StationWrite[] = [];
  const seen = new Set<string>();
  for (const station of rows) {
    seen.add(station.id);
    const before = existing.get(station.id);
    if (!before) report.added.push(station.id);
    else {
      const fields = changedFields(before.station, station);
      if (fields.length === 0) {
        report.unchanged.push(station.id);
        continue;
      }
      report.changed.push({ id: station.id, fields });
    }
    writes.push({ station, updatedBy: `import:${opts.label}`, seedHash: null });
  }
  report.notInFile = [...existing.keys()].filter((id) => !seen.has(id));
  if (!opts.dryRun) {
    await store.upsert(writes);
    report.applied = true;
  }
  return report;
}

export function formatImportReport(r: ImportReport): string {
  const lines = [
    `${r.applied ? '已导入' : '预览(未写入)'}: 新增 ${r.added.length}，修改 ${r.changed.length}，未变 ${r.unchanged.length}，拒绝 ${r.rejected.length}`,
    ...r.added.map((id) => `  + ${id}`),
    ...r.changed.map((c) => `  ~ ${c.id}: ${c.fields.join(', ')}`),
    ...r.rejected.map((x) => `  ! 第${x.row + 1}行${x.id ? ` (${x.id})` : ''}: ${x.problems.join('; ')}`),
  ];
  if (r.notInFile.length) lines.push(`  文件中没有、保留不动: ${r.notInFile.join(', ')}`);
  return lines.join('\n');
}
