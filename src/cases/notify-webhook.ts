// Outbound alerts for new, urgent and overdue cases to a webhook (e.g. a WeCom group robot): retried, no personal data.
import { CATEGORY_INFO, type CaseCategory } from './categories.js';

export interface CaseNoticeItem {
  number: string;
  category: string;
  priority: string;
  level: string;
}

export interface CaseNotice {
  kind: 'new' | 'urgent' | 'overdue';
  /** How many cases the notice is about (an overdue sweep may list only a sample). */
  total: number;
  cases: CaseNoticeItem[];
}

export interface CaseNotifier {
  /** Sends in the background; failures are logged, never thrown at the caller. */
  notify(notice: CaseNotice): void;
  /** Waits for notices still being sent (for shutdown and tests). */
  flush(): Promise<void>;
}

export interface WebhookOptions {
  url: string;
  /** 'wecom' posts a WeCom robot text message; 'json' posts the notice as is. */
  format: 'wecom' | 'json';
  attempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  log?: { warn(msg: string, fields?: Record<string, unknown>): void };
}

const KIND_LABEL: Record<CaseNotice['kind'], string> = { new: '新诉求', urgent: '【紧急】诉求', overdue: '超期升级' };
const LEVEL_LABEL: Record<string, string> = { county: '县级', city: '市级', province: '省级' };

function categoryLabel(category: string): string {
  return CATEGORY_INFO[category as CaseCategory]?.label ?? category;
}

/** Only the case number, category, priority and level leave the system: never names, phones or descriptions. */
export function noticeText(notice: CaseNotice): string {
  const lines = notice.cases.map(
    (c) =>
      `${c.number} ${categoryLabel(c.category)} ${c.priority === 'urgent' ? '紧急' : c.priority === 'high' ? '优先' : '普通'} ${LEVEL_LABEL[c.level] ?? c.level}`,
  );
  const more = notice.total > notice.cases.length ? `\n…共${notice.total}件` : '';
  return `暖心诉求${KIND_LABEL[notice.kind]}（${notice.total}件）\n${lines.join('\n')}${more}`;
}

export function createWebhookNotifier(opts: WebhookOptions): CaseNotifier {
  const attempts = opts.attempts ?? 4;
  const baseDelay = opts.baseDelayMs ?? 500;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a));
  const pending = new Set<Promise<void>>();

  async function send(notice: CaseNotice): Promise<void> {
    const body =
      opts.format === 'wecom'
        ? { msgtype: 'text', text: { content: noticeText(notice) } }
        : {
            kind: notice.kind,
            total: notice.total,
            cases: notice.cases.map(({ number, category, priority, level }) => ({ number, category, priority, level })),
          };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await doFetch(opts.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        // WeCom answers 200 with errcode ≠ 0 on failure (e.g. rate limit 45009), so read the body too.
        const answer = (await res.json().catch(() => ({}))) as { errcode?: unknown };
        if (res.ok && (answer.errcode === undefined || answer.errcode === 0)) return;
        // Client errors other than rate limiting will not succeed on retry.
        if (res.status >= 400 && res.status < 500 && res.status !== 429) {
          opts.log?.warn('case webhook refused', { status: res.status, kind: notice.kind });
          return;
        }
        opts.log?.warn('case webhook failed', { status: res.status, errcode: answer.errcode, attempt });
      } catch (err) {
        opts.log?.warn('case webhook error', { error: err instanceof Error ? err.message : String(err), attempt });
      }
      if (attempt < attempts) await new Promise((r) => setTimeout(r, baseDelay * 2 ** (attempt - 1)));
    }
    opts.log?.warn('case webhook gave up', { kind: notice.kind, attempts });
  }

  return {
    notify(notice) {
      const task = send(notice).finally(() => pending.delete(task));
      pending.add(task);
    },
    async flush() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}

export const silentNotifier: CaseNotifier = { notify() {}, flush: async () => undefined };
