// Drizzle implementation of the station store: one row per station, the validated record kept whole in jsonb.
import { count, max, sql } from 'drizzle-orm';
import { eq } from 'drizzle-orm';
import { stations } from '../../db/schema.js';
import type { StationStore, StationWrite, StoredStation } from '../stations/ports.js';
import type { Station } from '../stations/station-schema.js';
import type { Database } from './database.js';

function toStored(row: typeof stations.$inferSelect): StoredStation {
  return { station: row.data as Station, updatedBy: row.updatedBy, seedHash: row.seedHash, updatedAt: row.updatedAt };
}

export function createStationStore(db: Database): StationStore {
  return {
    async list() {
      const rows = await db.select().from(stations).orderBy(stations.id);
      return rows.map(toStored);
    },
    async get(id) {
      const [row] = await db.select().from(stations).where(eq(stations.id, id));
      return row ? toStored(row) : undefined;
    },
    async upsert(rows: readonly StationWrite[]) {
      if (rows.length === 0) return;
      await db.transaction(async (tx) => {
        for (const r of rows) {
          const values = {
            id: r.station.id,
            name: r.station.name,
            kind: r.station.kind,
            lat: r.station.lat,
            lon: r.station.lon,
            beds: r.station.beds,
            data: r.station,
            seedHash: r.seedHash,
            updatedBy: r.updatedBy,
          };
          await tx
            .insert(stations)
            .values(values)
            .onConflictDoUpdate({ target: stations.id, set: { ...values, updatedAt: sql`now()` } });
        }
      });
    },
    async version() {
      const [row] = await db.select({ n: count(), last: max(stations.updatedAt) }).from(stations);
      return `${row?.n ?? 0}:${row?.last ? new Date(row.last).toISOString() : '-'}`;
    },
  };
}
