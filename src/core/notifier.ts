// In-process publish/subscribe keyed by driver, so live streams hear about outbox items without polling the database.
export interface Notifier<T> {
  publish(key: string, item: T): void;
  subscribe(key: string, listener: (item: T) => void): () => void;
}

export function createNotifier<T>(): Notifier<T> {
  const listeners = new Map<string, Set<(item: T) => void>>();
  return {
    publish(key, item) {
      for (const listener of listeners.get(key) ?? []) {
        try {
          listener(item);
        } catch {
          // A broken subscriber must not stop delivery to the others.
        }
      }
    },
    subscribe(key, listener) {
      const set = listeners.get(key) ?? new Set();
      set.add(listener);
      listeners.set(key, set);
      return () => {
        set.delete(listener);
        if (!set.size) listeners.delete(key);
      };
    },
  };
}
