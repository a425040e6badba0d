// Opens the database configuration names: PostgreSQL with DATABASE_URL, else the embedded PGlite under DATA_DIR, locked to one process.
import { constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Config } from './config.js';
import { openDatabase, PGLITE_TEMPLATE_DIR, type DatabaseHandle } from './store/database.js';

export { PGLITE_TEMPLATE_DIR };

/** A template is only good for the PGlite build that wrote it (its PostgreSQL version and WebAssembly file system). */
export function pgliteTemplateStamp(): { pglite: string } {
  // The package exports no ./package.json; its entry lives in dist/, one folder below it.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { name: string; version: string };
  return { pglite: `${pkg.name}@${pkg.version}` };
}

/**
 * A new data directory starts as a copy of the migrated template, when there is one for this PGlite: a copy takes
 * milliseconds where initdb inside WebAssembly takes seconds and most of a gigabyte. Migrations added after the template
 * was built still run on open.
 */
async function seedFromTemplate(pgdata: string): Promise<boolean> {
  if (existsSync(pgdata)) return false;
  const template = join(PGLITE_TEMPLATE_DIR, 'pgdata');
  try {
    const stamp = JSON.parse(readFileSync(join(PGLITE_TEMPLATE_DIR, 'stamp.json'), 'utf8')) as { pglite?: string };
    if (stamp.pglite !== pgliteTemplateStamp().pglite || !existsSync(template)) return false;
  } catch {
    return false;
  }
  // Copied aside and renamed, so a start killed mid-copy leaves no half a database behind.
  const partial = `${pgdata}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await copyTree(template, partial);
  renameSync(partial, pgdata);
  return true;
}

/**
 * The template is ~40 MB in 1,100 files: copied synchronously that held a first start's main thread for 300 ms, and
 * fs.promises.cp copies one file at a time (1.7 s under load). Here the folders are made first and every file is copied
 * at once on libuv's threads, while main.ts loads the server's modules; a copy-on-write clone where the file system has one.
 */
async function copyTree(from: string, to: string): Promise<void> {
  const files: string[] = [];
  const walk = (rel: string) => {
    mkdirSync(join(to, rel), { recursive: true });
    for (const entry of readdirSync(join(from, rel), { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(rel, entry.name));
      else files.push(join(rel, entry.name));
    }
  };
  walk('');
  await Promise.all(files.map((file) => copyFile(join(from, file), join(to, file), constants.COPYFILE_FICLONE)));
}

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
    const pgdata = join(dir, 'pglite');
    await seedFromTemplate(pgdata);
    return { database: await openDatabase({ kind: 'pglite', dataDir: pgdata }), release };
  } catch (err) {
    release();
    throw err;
  }
}
