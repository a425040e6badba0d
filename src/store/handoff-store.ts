// drizzle implementation of the handoff store: the queue, conversation ownership, transcript and private notes.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { conversations, driverIdentities, handoffs, messages, staffAccounts, staffNotes } from '../../db/schema.js';
import type { FlowState } from '../core/types.js';
import type { ConversationInfo, Handoff, HandoffStore, TranscriptMessage } from '../handoff/types.js';
import type { Database } from './database.js';

type HandoffRow = typeof handoffs.$inferSelect;

function toHandoff(row: HandoffRow, claimedByName?: string | null): Handoff {
  const { closedBy: _closedBy, ...rest } = row;
  return { ...rest, ...(claimedByName !== undefined ? { claimedByName } : {}) };
}

function toMessage(row: typeof messages.$inferSelect): TranscriptMessage {
  return { id: row.id, direction: row.direction, author: row.author, text: row.text, createdAt: row.createdAt };
}

const OPEN = ['waiting', 'active'] as const;

export function createHandoffStore(db: Database): HandoffStore {
  const withName = () =>
    db.select({ h: handoffs, name: staffAccounts.displayName }).from(handoffs).leftJoin(staffAccounts, eq(staffAccounts.id, handoffs.claimedBy));

  return {
    async open(input) {
      const inserted = await db
        .insert(handoffs)
        .values({
          conversationId: input.conversationId,
          driverId: input.driverId,
          reason: input.reason,
          summary: input.summary,
          problem: input.problem,
          caseId: input.caseId,
          regionCode: input.regionCode,
          createdAt: input.now,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted[0]) return { handoff: toHandoff(inserted[0]), created: true };
      const [existing] = await db
        .select()
        .from(handoffs)
        .where(and(eq(handoffs.conversationId, input.conversationId), inArray(handoffs.status, OPEN)));
      if (!existing) throw new Error('open handoff vanished');
      return { handoff: toHandoff(existing), created: false };
    },
    async get(id) {
      const [row] = await withName().where(eq(handoffs.id, id));
      return row ? toHandoff(row.h, row.name) : undefined;
    },
    async findOpen(conversationId) {
      const [row] = await withName().where(and(eq(handoffs.conversationId, conversationId), inArray(handoffs.status, OPEN)));
      return row ? toHandoff(row.h, row.name) : undefined;
    },
    async latestFor(conversationId) {
      const [row] = await withName().where(eq(handoffs.conversationId, conversationId)).orderBy(desc(handoffs.createdAt)).limit(1);
      return row ? toHandoff(row.h, row.name) : undefined;
    },
    async list(filter) {
      const conditions = [inArray(handoffs.status, filter.statuses)];
      if (filter.regionCodes) {
        const visible = [];
        if (filter.regionCodes.length) visible.push(inArray(handoffs.regionCode, filter.regionCodes));
        if (filter.includeUnknownRegion) visible.push(isNull(handoffs.regionCode));
        const any = visible.length ? or(...visible) : undefined;
        if (!any) return [];
        conditions.push(any);
      }
      const rows = await withName()
        .where(and(...conditions))
        .orderBy(asc(handoffs.createdAt))
        .limit(filter.limit);
      return rows.map((r) => toHandoff(r.h, r.name));
    },
    async claim(id, staffId, now, takeover) {
      const claimable = takeover ? inArray(handoffs.status, OPEN) : eq(handoffs.status, 'waiting');
      const [row] = await db
        .update(handoffs)
        .set({ status: 'active', claimedBy: staffId, claimedAt: now })
        .where(and(eq(handoffs.id, id), claimable))
        .returning();
      return row ? toHandoff(row) : undefined;
    },
    async markFirstResponse(id, now) {
      await db
        .update(handoffs)
        .set({ firstResponseAt: now })
        .where(and(eq(handoffs.id, id), isNull(handoffs.firstResponseAt)));
    },
    async close(id, status, staffId, now, onlyWaiting) {
      const [row] = await db
        .update(handoffs)
        .set({ status, closedAt: now, closedBy: staffId })
        .where(and(eq(handoffs.id, id), onlyWaiting ? eq(handoffs.status, 'waiting') : inArray(handoffs.status, OPEN)))
        .returning();
      return row ? toHandoff(row) : undefined;
    },
    async dueForEscalation(before) {
      const rows = await db
        .select()
        .from(handoffs)
        .where(
          and(eq(handoffs.status, 'waiting'), sql`coalesce(${handoffs.escalatedAt}, ${handoffs.createdAt}) < ${before.toISOString()}::timestamptz`),
        );
      return rows.map((r) => toHandoff(r));
    },
    async escalate(id, to, now) {
      const updated = await db
        .update(handoffs)
        .set({ escalatedTo: to, escalatedAt: now })
        .where(and(eq(handoffs.id, id), eq(handoffs.status, 'waiting')))
        .returning({ id: handoffs.id });
      return updated.length > 0;
    },
    async replaceSummary(id, from, to) {
      const updated = await db
        .update(handoffs)
        .set({ summary: to })
        .where(and(eq(handoffs.id, id), eq(handoffs.summary, from)))
        .returning({ id: handoffs.id });
      return updated.length > 0;
    },
    async conversation(id) {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
      if (!row) return undefined;
      const [identity] = await db
        .select({ externalId: driverIdentities.externalId })
        .from(driverIdentities)
        .where(and(eq(driverIdentities.driverId, row.driverId), eq(driverIdentities.channel, row.channel)));
      return toInfo(row, identity?.externalId ?? null);
    },
    async setMode(conversationId, mode, statePatch) {
      await db.transaction(async (tx) => {
        const [row] = await tx.select().from(conversations).where(eq(conversations.id, conversationId)).for('update');
        if (!row) throw new Error('conversation not found');
        await tx
          .update(conversations)
          .set({ mode, state: statePatch((row.state ?? {}) as FlowState), version: sql`${conversations.version} + 1`, updatedAt: new Date() })
          .where(eq(conversations.id, conversationId));
      });
    },
    async transcript(conversationId, afterId, limit) {
      const rows = await db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), gt(messages.id, afterId)))
        .orderBy(asc(messages.id))
        .limit(limit);
      return rows.map(toMessage);
    },
    async recentMessages(conversationId, limit) {
      const rows = await db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(desc(messages.id)).limit(limit);
      return rows.reverse().map(toMessage);
    },
    async addMessage(input) {
      const [row] = await db
        .insert(messages)
        .values({
          conversationId: input.conversationId,
          direction: 'out',
          author: input.author,
          text: input.text,
          channel: input.channel,
          intent: 'handoff',
        })
        .returning();
      if (!row) throw new Error('message insert returned nothing');
      return toMessage(row);
    },
    async addNote(conversationId, staffId, text) {
      const [row] = await db.insert(staffNotes).values({ conversationId, staffId, text }).returning();
      if (!row) throw new Error('note insert returned nothing');
      const [staff] = await db.select({ name: staffAccounts.displayName }).from(staffAccounts).where(eq(staffAccounts.id, staffId));
      return { id: row.id, staffName: staff?.name ?? '', text: row.text, createdAt: row.createdAt };
    },
    async notes(conversationId) {
      const rows = await db
        .select({ id: staffNotes.id, text: staffNotes.text, createdAt: staffNotes.createdAt, staffName: staffAccounts.displayName })
        .from(staffNotes)
        .innerJoin(staffAccounts, eq(staffAccounts.id, staffNotes.staffId))
        .where(eq(staffNotes.conversationId, conversationId))
        .orderBy(asc(staffNotes.id));
      return rows;
    },
    async recentConversations(limit) {
      const rows = await db
        .select({
          c: conversations,
          externalId: driverIdentities.externalId,
          lastText: sql<
            string | null
          >`(select m.text from messages m where m.conversation_id = ${conversations.id} and m.author = 'driver' order by m.id desc limit 1)`,
        })
        .from(conversations)
        .leftJoin(driverIdentities, and(eq(driverIdentities.driverId, conversations.driverId), eq(driverIdentities.channel, conversations.channel)))
        .orderBy(desc(conversations.updatedAt))
        .limit(limit);
      return rows.map((r) => ({ ...toInfo(r.c, r.externalId ?? null), lastText: r.lastText }));
    },
    async between(from, to) {
      const rows = await db
        .select()
        .from(handoffs)
        .where(and(gte(handoffs.createdAt, from), lt(handoffs.createdAt, to)));
      return rows.map((r) => toHandoff(r));
    },
  };
}

function toInfo(row: typeof conversations.$inferSelect, externalUserId: string | null): ConversationInfo {
  return {
    id: row.id,
    driverId: row.driverId,
    channel: row.channel,
    mode: row.mode,
    state: (row.state ?? {}) as FlowState,
    version: row.version,
    externalUserId,
    updatedAt: row.updatedAt,
  };
}
