// WeChat's 5-second rule: answer passively when the reply is ready in time, otherwise once, later, through another path.

/** What one inbound message produced: the text to show, or nothing. */
export type Outcome = { text: string } | undefined;

/** `reply`: answer this request with the outcome; `later`: the late path will send it; `answered`: another request did. */
export type WindowAnswer = { kind: 'reply'; outcome: Outcome } | { kind: 'later' } | { kind: 'answered' };

interface Entry {
  work: Promise<Outcome>;
  done: boolean;
  outcome?: Outcome;
  /** Requests (the first delivery and WeChat's retries) currently waiting for the work. */
  waiters: number;
  /** Someone here answered or decided: a passive reply or the late path. Nobody answers twice. */
  claimed: boolean;
}

export interface AnswerOptions {
  /** Receives the work and its late path together, for runtimes that stop once the response is sent. */
  keepAlive?: (pending: Promise<unknown>) => void;
  /**
   * Asked once per key, by whichever request here gets to answer, before it answers: false means a request in another
   * process (which ran or waited for the same work) answered already. Defaults to yes.
   */
  claim?: (outcome: Outcome) => Promise<boolean>;
}

export interface ReplyWindow {
  /**
   * `work` must not reject (it returns an apology instead).
   * Runs `work` once per key (WeChat retries reuse the key) and waits up to `budgetMs`.
   * When no request got to answer, `late(outcome)` runs once after the work finishes.
   */
  answer(
    key: string,
    budgetMs: number,
    work: () => Promise<Outcome>,
    late: (outcome: Outcome) => Promise<void>,
    opts?: AnswerOptions,
  ): Promise<WindowAnswer>;
}

export function createReplyWindow(opts: { keepMs?: number; onLateError?: (err: unknown) => void } = {}): ReplyWindow {
  const keepMs = opts.keepMs ?? 120_000;
  const entries = new Map<string, Entry>();

  return {
    async answer(key, budgetMs, work, late, answerOpts = {}) {
      const claim = answerOpts.claim ?? (async () => true);
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
              await (async () => {
                if (await claim(outcome)) await late(outcome);
              })().catch((err: unknown) => opts.onLateError?.(err));
            }
          },
          () => {
            created.done = true;
            setTimeout(() => entries.delete(key), keepMs).unref?.();
          },
        );
        answerOpts.keepAlive?.(settled);
      }
      if (entry.claimed) return { kind: 'answered' };
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
        return (await claim(entry.outcome)) ? { kind: 'reply', outcome: entry.outcome } : { kind: 'answered' };
      }
      // Still working: the last waiter leaving means the late path takes over when the work settles.
      return entry.claimed ? { kind: 'answered' } : { kind: 'later' };
    },
  };
}
