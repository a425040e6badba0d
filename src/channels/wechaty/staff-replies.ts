// Staff replies to personal-WeChat drivers: from the outbox in process, or by polling the chat API for recently active contacts.
import type { Wechaty } from 'wechaty';
import type { Logger } from '../../log.js';
import { startOutboxDispatcher, type Dispatcher, type DispatcherDeps } from '../shared/outbox-dispatcher.js';
import { WECHATY_CHANNEL } from './bot.js';
import type { httpPort } from './ports.js';

async function sayTo(bot: Wechaty, contactId: string, text: string): Promise<boolean> {
  if (!bot.isLoggedIn) return false;
  const contact = await bot.Contact.find({ id: contactId });
  if (!contact) return false;
  await contact.say(text);
  return true;
}

export function startInProcessStaffReplies(runtime: DispatcherDeps, bot: Wechaty): Dispatcher {
  return startOutboxDispatcher(runtime, { channel: WECHATY_CHANNEL, send: (item, contactId) => sayTo(bot, contactId, item.text), pollMs: 15_000 });
}

/** Polls /api/chat/updates for contacts active in the last two days (a personal account talks to few people). */
export function startHttpStaffReplies(port: ReturnType<typeof httpPort>, bot: Wechaty, log: Logger, pollMs = 10_000) {
  const active = new Map<string, { cursor: number | undefined; at: number; since: number }>();
  let running = false;
  async function poll(): Promise<void> {
    if (running) return;
    running = true;
    try {
      for (const [contactId, entry] of active) {
        if (Date.now() - entry.at > 48 * 3_600_000) {
          active.delete(contactId);
          continue;
        }
        try {
          // On the first poll, updates from before this gateway saw the contact are history, not news.
          const { updates, next } = await port.updates(contactId, entry.cursor ?? 0);
          for (const u of updates) if (entry.cursor !== undefined || Date.parse(u.createdAt) >= entry.since) await sayTo(bot, contactId, u.text);
          entry.cursor = next;
        } catch (err) {
          log.warn('staff reply poll failed', { error: err instanceof Error ? err.message : String(err) });
        }
      }
    } finally {
      running = false;
    }
  }
  const timer = setInterval(() => void poll(), pollMs);
  return {
    touch(contactId: string) {
      const entry = active.get(contactId);
      if (entry) entry.at = Date.now();
      else active.set(contactId, { cursor: undefined, at: Date.now(), since: Date.now() - 5_000 });
    },
    poll,
    stop: () => clearInterval(timer),
  };
}
