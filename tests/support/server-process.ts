// Starts `src/main.ts` in a child process (as `npm start` would) and seeds PGlite folders from the migrated template.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { inject } from 'vitest';
import { environmentWith } from '../../src/config.js';
import { openDatabase } from '../../src/store/database.js';

export interface ServerProcess {
  child: ChildProcessByStdio<null, Readable, null>;
  /** The base URL the server printed once it was listening. */
  url: Promise<string>;
  /** The exit signal, or the exit code. */
  exited: Promise<NodeJS.Signals | number | null>;
}

export function startServerProcess(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: environmentWith({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /health:\s+(http:\/\/\S+)\/healthz/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}: ${out}`)));
  });
  return { child, url, exited };
}

/** An on-disk PGlite folder copied from the migrated template: a fresh initdb takes seconds, a copy does not. */
export async function seedPgliteDir(dataDir: string): Promise<void> {
  const handle = await openDatabase({ kind: 'pglite', dataDir, loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) }, { migrate: false });
  await handle.close();
}
