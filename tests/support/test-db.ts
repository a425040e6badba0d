// Opens an isolated database for one test: a PGlite clone of the template, or a PostgreSQL database copied from it.
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/store/database.js';

export const testDriver: 'pglite' | 'postgres' = inject('postgresTemplate') ? 'postgres' : 'pglite';

let templateBlob: Blob | undefined;
let counter = 0;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, migrated database; close() releases it (and drops it on PostgreSQL). */
export async function openTestDatabase(opts: { max?: number } = {}): Promise<DatabaseHandle> {
  const pg = inject('postgresTemplate');
  if (!pg) {
    templateBlob ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
    return openDatabase({ kind: 'pglite', loadDataDir: templateBlob }, { migrate: false });
  }
  // The global setup's pid prefixes the name so its teardown can sweep leftovers.
  const name = `nuanxin_t_${pg.template.split('_')[2]}_${process.pid}_${Date.now()}_${counter++}`;
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${pg.template}"`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ kind: 'postgres', url: withDatabase(pg.adminUrl, name), max: opts.max ?? 10 }, { migrate: false });
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = postgres(pg.adminUrl, { max: 1, onnotice: () => undefined });
      try {
        await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
