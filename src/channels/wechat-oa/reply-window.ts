// WeChat's 5-second rule: answer passively when the reply is ready in time, otherwise once, later, through another path.

/** What one inbound message produced: the text to show, or nothing. */
export type Outcome = { text: string } | undefined;

interface Entry {
  work: Promise<Outcome>;
  done: boolean;
  outcome?: Outcome;
  /** Requests (the first delivery and WeChat's retries) currently waiting for the work. */
  waiters: number;
  /** Someone answered: a passive reply or the late path. Nobody answers twice. */
  claimed: boolean;
}

export interface ReplyWindow {
  /**
   * `work` must not reject (it returns an apology instead).
   * Runs `work` once per key (WeChat retries reuse the key) and waits up to `budgetMs`.
   * Returns the outcome when this request should answer passively, or undefined (reply `success`).
   * When no request got to answer, `late(outcome)` runs once after the work finishes.
   * `keepAlive` receives the work and its late path together, for runtimes that stop once the response is sent.
   */
  answer(
    key: string,
    budgetMs: number,
    work: () => Promise<Outcome>,
    late: (outcome: Outcome) => Promise<void>,
    keepAlive?: (pending: Promise<unknown>) => void,
  ): Promise<Outcome | undefined>;
}

export function createReplyWindow(opts: { keepMs?: number; onLateError?: (err: unknown) => void } = {}): ReplyWindow {
  const keepMs = opts.keepMs ?? 120_000;
  const entries = new Map<string, Entry>();

  return {
    async answer(key, budgetMs, work, late, keepAlive) {
      let entry = entries.get(key);
      if (!entry) {
        const created: Entry = { work: Promise.resolve(undefined), done: false, waiters: 0, claimed: false };
        created.work = work();
        entry = created;
        entries.set(key, created);
        const settled = created.work.then(
          async (outcome) => {
            created.done = true;
            created.outcome = outcome;
            setTimeout(() => entries.delete(key), keepMs).unref?.();
            // A waiting request picks it up as a passive reply; otherwise WeChat has stopped listening.
            if (created.waiters === 0 && !created.claimed) {
              created.claimed = true;
              await late(outcome).catch((err: unknown) => opts.onLateError?.(err));
            }
          },
          () => {
            created.done = true;
            setTimeout(() => entries.delete(key), keepMs).unref?.();
          },
        );
        keepAlive?.(settled);
      }
      if (entry.claimed) return undefined;
      entry.waiters++;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([entry.work.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs)))]);
      } finally {
        clearTimeout(timer);
        entry.waiters--;
      }
      if (entry.done && !entry.claimed) {
        entry.claimed = true;
        return entry.outcome;
      }
      // Still working: the last waiter leaving means the late path takes over when the work settles.
      return undefined;
    },
  };
}
