// drizzle implementation of the outbox: messages that are not direct replies (staff replies, case updates, callbacks).
import { and, asc, count, eq, gt, inArray, isNull } from 'drizzle-orm';
import { outbox } from '../../db/schema.js';
import type { OutboxItem, OutboxStore } from '../core/ports.js';
import type { Database } from './database.js';

function toItem(row: typeof outbox.$inferSelect): OutboxItem {
  return {
    id: row.id,
    driverId: row.driverId,
    conversationId: row.conversationId,
    channel: row.channel,
    kind: row.kind,
    text: row.text,
    payload: row.payload,
    createdAt: row.createdAt,
  };
}

export function createOutboxStore(db: Database): OutboxStore {
  return {
    async enqueue(item) {
      const [row] = await db
        .insert(outbox)
        .values({
          driverId: item.driverId,
          conversationId: item.conversationId,
          channel: item.channel,
          kind: item.kind,
          text: item.text,
          payload: item.payload ?? null,
        })
        .returning();
      if (!row) throw new Error('outbox insert returned nothing');
      return toItem(row);
    },
    async listSince(driverId, afterId, limit) {
      const rows = await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.driverId, driverId), gt(outbox.id, afterId)))
        .orderBy(asc(outbox.id))
        .limit(limit);
      return rows.map(toItem);
    },
    async markDelivered(ids) {
      if (!ids.length) return;
      await db.update(outbox).set({ deliveredAt: new Date() }).where(inArray(outbox.id, ids));
    },
    async listUndelivered(channel, opts) {
      const rows = await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.channel, channel), isNull(outbox.deliveredAt), opts.driverId ? eq(outbox.driverId, opts.driverId) : undefined))
        .orderBy(asc(outbox.id))
        .limit(opts.limit);
      return rows.map(toItem);
    },
    async backlog() {
      return db.select({ channel: outbox.channel, count: count() }).from(outbox).where(isNull(outbox.deliveredAt)).groupBy(outbox.channel);
    },
  };
}
