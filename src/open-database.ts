// Opens the database configuration names: PostgreSQL with DATABASE_URL, else the embedded PGlite under DATA_DIR, locked to one process.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './store/database.js';

/** PGlite is a single-process database: a second process on the same folder would corrupt it. */
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, 'nuanxin.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (alive) throw new Error(`${dir} is in use by process ${pid}; stop it or set DATA_DIR to another folder`);
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

export async function openConfiguredDatabase(config: Config): Promise<{ database: DatabaseHandle; release: () => void }> {
  if (config.databaseUrl) return { database: await openDatabase({ kind: 'postgres', url: config.databaseUrl }), release: () => undefined };
  const dir = resolve(config.dataDir);
  const release = lockDataDir(dir);
  try {
    return { database: await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') }), release };
  } catch (err) {
    release();
    throw err;
  }
}
