// A database handle whose queries go to the current request's postgres.js client: Workers cannot share a socket across requests, but the runtime is built once per isolate.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from '../store/database.js';

const scope = new AsyncLocalStorage<Database>();

/** Runs `work` with `db` as the database every store of the runtime talks to. */
export function withRequestDatabase<T>(db: Database, work: () => Promise<T>): Promise<T> {
  return scope.run(db, work);
}

export const requestDatabase: Database = new Proxy({} as Database, {
  get(_target, prop) {
    const current = scope.getStore();
    if (!current) throw new Error('no database for this request (called outside withRequestDatabase)');
    const value: unknown = Reflect.get(current, prop, current);
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
  },
});
