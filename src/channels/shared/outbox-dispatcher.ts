// Delivers outbox items (staff replies, case updates) of one channel through that platform, live and after restarts.
import type { Notifier } from '../../core/notifier.js';
import { channelUpdatesKey, type DriverDirectory, type OutboxItem, type OutboxStore } from '../../core/ports.js';
import type { Logger } from '../../log.js';

/** What a dispatcher needs of the runtime: whom to send to, the outbox, live updates and a log. */
export interface DispatcherDeps {
  conversations: Pick<DriverDirectory, 'identitiesOf'>;
  outbox: Pick<OutboxStore, 'listUndelivered' | 'markDelivered'>;
  updates: Pick<Notifier<OutboxItem>, 'subscribe'>;
  log: Logger;
}

export interface DispatcherOptions {
  channel: string;
  /** Sends one item to the driver's identity on this channel; false keeps it for a later attempt. */
  send(item: OutboxItem, externalId: string): Promise<boolean>;
  pollMs?: number;
  /** Longest wait between attempts for one item. */
  maxBackoffMs?: number;
}

export interface Dispatcher {
  /** Delivers everything pending now (also runs on a timer). */
  flush(): Promise<void>;
  stop(): void;
}

export function startOutboxDispatcher(runtime: DispatcherDeps, opts: DispatcherOptions): Dispatcher {
  const pollMs = opts.pollMs ?? 30_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 3_600_000;
  const busy = new Set<number>();
  const retryAt = new Map<number, { at: number; attempts: number }>();
  let stopped = false;

  async function deliver(item: OutboxItem): Promise<void> {
    if (stopped || busy.has(item.id)) return;
    const retry = retryAt.get(item.id);
    if (retry && retry.at > Date.now()) return;
    busy.add(item.id);
    try {
      const identity = (await runtime.conversations.identitiesOf(item.driverId)).find((i) => i.channel === opts.channel);
      const sent = identity ? await opts.send(item, identity.externalId) : false;
      if (sent) {
        await runtime.outbox.markDelivered([item.id]);
        retryAt.delete(item.id);
      } else {
        const attempts = (retry?.attempts ?? 0) + 1;
        retryAt.set(item.id, { attempts, at: Date.now() + Math.min(maxBackoffMs, pollMs * 2 ** (attempts - 1)) });
      }
    } catch (err) {
      runtime.log.warn('outbox delivery failed', { channel: opts.channel, id: item.id, error: err instanceof Error ? err.message : String(err) });
    } finally {
      busy.delete(item.id);
    }
  }

  async function flush(): Promise<void> {
    const pending = await runtime.outbox.listUndelivered(opts.channel, { limit: 100 });
    for (const item of pending) await deliver(item);
  }

  const unsubscribe = runtime.updates.subscribe(channelUpdatesKey(opts.channel), (item) => void deliver(item));
  const timer = setInterval(() => {
    flush().catch((err: unknown) => runtime.log.warn('outbox poll failed', { channel: opts.channel, error: String(err) }));
  }, pollMs);
  timer.unref?.();
  void flush().catch(() => undefined);

  return {
    flush,
    stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
    },
  };
}
