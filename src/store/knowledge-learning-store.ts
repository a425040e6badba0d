// drizzle implementation of the learning loop's store: unanswered questions, staff-attached paraphrases, drafts of new entries.
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import {
  conversations,
  driverIdentities,
  knowledgeDrafts,
  knowledgeParaphrases,
  knowledgeQuestions,
  messages,
  staffAccounts,
  type KnowledgeDraftRow,
  type KnowledgeQuestionRow,
} from '../../db/schema.js';
import type { DraftEntry, KnowledgeDraft, LearningRegionFilter, LearningStore, Paraphrase, UnansweredQuestion } from '../knowledge/learning-types.js';
import type { Database } from './database.js';

function regionWhere(
  column: typeof knowledgeQuestions.regionCode | typeof knowledgeDrafts.regionCode,
  filter: LearningRegionFilter,
): SQL | undefined {
  if (!filter.regionCodes) return undefined;
  const parts: SQL[] = [];
  if (filter.regionCodes.length > 0) parts.push(inArray(column, filter.regionCodes));
  if (filter.includeUnknownRegion) parts.push(isNull(column));
  return parts.length ? or(...parts) : sql`false`;
}

function toQuestion(row: KnowledgeQuestionRow): UnansweredQuestion {
  return {
    id: row.id,
    messageId: row.messageId,
    conversationId: row.conversationId,
    reason: row.reason,
    text: row.text,
    entryId: row.entryId,
    candidates: row.candidates as UnansweredQuestion['candidates'],
    confidence: row.confidence,
    regionCode: row.regionCode,
    status: row.status,
    resolvedBy: row.resolvedBy,
    resolvedAt: row.resolvedAt,
    createdAt: row.createdAt,
  };
}

function toDraft(row: KnowledgeDraftRow, createdByName?: string | null): KnowledgeDraft {
  return {
    id: row.id,
    entry: row.entry as DraftEntry,
    status: row.status,
    questionIds: row.questionIds as number[],
    regionCode: row.regionCode,
    createdBy: row.createdBy,
    ...(createdByName !== undefined ? { createdByName } : {}),
    reviewedBy: row.reviewedBy,
    reviewNote: row.reviewNote,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
  };
}

export function createKnowledgeLearningStore(db: Database): LearningStore {
  return {
    async recordQuestion(input) {
      const rows = await db
        .insert(knowledgeQuestions)
        .values({ ...input, entryId: input.entryId ?? null })
        .onConflictDoNothing({ target: [knowledgeQuestions.messageId, knowledgeQuestions.reason] })
        .returning({ id: knowledgeQuestions.id });
      return rows.length > 0;
    },
    async findAnswered(channel, externalUserId, channelMessageId) {
      const [inbound] = await db
        .select({ id: messages.id, conversationId: messages.conversationId, text: messages.text, intent: messages.intent })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .innerJoin(driverIdentities, and(eq(driverIdentities.driverId, conversations.driverId), eq(driverIdentities.channel, conversations.channel)))
        .where(
          and(
            eq(driverIdentities.channel, channel),
            eq(driverIdentities.externalId, externalUserId),
            eq(messages.channelMessageId, channelMessageId),
            eq(messages.direction, 'in'),
          ),
        );
      if (!inbound) return undefined;
      const [reply] = await db
        .select({ citations: messages.citations })
        .from(messages)
        .where(and(eq(messages.replyToId, inbound.id), eq(messages.direction, 'out')))
        .orderBy(asc(messages.id))
        .limit(1);
      const cited = Array.isArray(reply?.citations) ? (reply.citations as Array<{ id?: unknown }>)[0]?.id : undefined;
      return {
        messageId: inbound.id,
        conversationId: inbound.conversationId,
        text: inbound.text,
        intent: inbound.intent,
        entryId: typeof cited === 'string' ? cited : null,
      };
    },
    async listQuestions(filter) {
      const rows = await db
        .select()
        .from(knowledgeQuestions)
        .where(and(inArray(knowledgeQuestions.status, filter.statuses), regionWhere(knowledgeQuestions.regionCode, filter)))
        .orderBy(desc(knowledgeQuestions.createdAt), desc(knowledgeQuestions.id))
        .limit(filter.limit);
      return rows.map(toQuestion);
    },
    async getQuestion(id) {
      const [row] = await db.select().from(knowledgeQuestions).where(eq(knowledgeQuestions.id, id));
      return row ? toQuestion(row) : undefined;
    },
    async resolveQuestion(id, status, staffId, now) {
      const rows = await db
        .update(knowledgeQuestions)
        .set({ status, resolvedBy: staffId, resolvedAt: now })
        .where(and(eq(knowledgeQuestions.id, id), eq(knowledgeQuestions.status, 'open')))
        .returning({ id: knowledgeQuestions.id });
      return rows.length > 0;
    },
    async addParaphrase(input) {
      const [row] = await db
        .insert(knowledgeParaphrases)
        .values({ entryId: input.entryId, text: input.text, questionId: input.questionId, addedBy: input.addedBy, createdAt: input.now })
        .onConflictDoNothing({ target: [knowledgeParaphrases.entryId, knowledgeParaphrases.text] })
        .returning();
      return row ? { ...row } : undefined;
    },
    async listParaphrases(entryId) {
      const rows = await db
        .select({ p: knowledgeParaphrases, name: staffAccounts.displayName })
        .from(knowledgeParaphrases)
        .leftJoin(staffAccounts, eq(staffAccounts.id, knowledgeParaphrases.addedBy))
        .where(entryId ? eq(knowledgeParaphrases.entryId, entryId) : undefined)
        .orderBy(asc(knowledgeParaphrases.id));
      return rows.map(({ p, name }): Paraphrase => ({ ...p, addedByName: name }));
    },
    async createDraft(input) {
      const [row] = await db
        .insert(knowledgeDrafts)
        .values({
          entryId: input.entry.id,
          entry: input.entry,
          questionIds: input.questionIds,
          regionCode: input.regionCode,
          createdBy: input.createdBy,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .onConflictDoNothing({ target: knowledgeDrafts.entryId })
        .returning();
      return row ? toDraft(row) : undefined;
    },
    async getDraft(id) {
      const [row] = await db
        .select({ d: knowledgeDrafts, name: staffAccounts.displayName })
        .from(knowledgeDrafts)
        .leftJoin(staffAccounts, eq(staffAccounts.id, knowledgeDrafts.createdBy))
        .where(eq(knowledgeDrafts.id, id));
      return row ? toDraft(row.d, row.name) : undefined;
    },
    async listDrafts(filter) {
      const rows = await db
        .select({ d: knowledgeDrafts, name: staffAccounts.displayName })
        .from(knowledgeDrafts)
        .leftJoin(staffAccounts, eq(staffAccounts.id, knowledgeDrafts.createdBy))
        .where(and(inArray(knowledgeDrafts.status, filter.statuses), regionWhere(knowledgeDrafts.regionCode, filter)))
        .orderBy(desc(knowledgeDrafts.updatedAt))
        .limit(filter.limit);
      return rows.map((r) => toDraft(r.d, r.name));
    },
    async reviewDraft(id, input) {
      const rows = await db
        .update(knowledgeDrafts)
        .set({
          status: input.status,
          reviewedBy: input.reviewedBy,
          reviewNote: input.note,
          updatedAt: input.now,
          ...(input.entry ? { entry: input.entry } : {}),
          ...(input.status === 'published' ? { publishedAt: input.now } : {}),
        })
        .where(and(eq(knowledgeDrafts.id, id), eq(knowledgeDrafts.status, 'draft')))
        .returning({ id: knowledgeDrafts.id });
      return rows.length > 0;
    },
    async publishedEntries() {
      const rows = await db
        .select({ entry: knowledgeDrafts.entry, publishedAt: knowledgeDrafts.publishedAt })
        .from(knowledgeDrafts)
        .where(eq(knowledgeDrafts.status, 'published'))
        .orderBy(asc(knowledgeDrafts.publishedAt), asc(knowledgeDrafts.id));
      return rows.map((r) => ({ entry: r.entry as DraftEntry, publishedAt: r.publishedAt as Date }));
    },
    async version() {
      // One statement (it was two): the live index asks every few seconds on every process.
      const [v] = await db
        .select({
          paraphrases: sql<string>`(select count(*) || '.' || coalesce(max(${knowledgeParaphrases.id}), 0) from ${knowledgeParaphrases})`,
          published: sql<string>`(select count(*) || '.' || coalesce(max(${knowledgeDrafts.id}), 0) from ${knowledgeDrafts} where ${knowledgeDrafts.status} = 'published')`,
        })
        .from(sql`(select 1) as one`);
      return `${v?.paraphrases ?? '0.0'}/${v?.published ?? '0.0'}`;
    },
    async notFoundWindow(from, to) {
      const [asked] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(messages)
        .where(
          and(eq(messages.direction, 'in'), inArray(messages.intent, ['faq', 'unknown']), gte(messages.createdAt, from), lt(messages.createdAt, to)),
        );
      const [missed] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(knowledgeQuestions)
        .where(and(eq(knowledgeQuestions.reason, 'not_found'), gte(knowledgeQuestions.createdAt, from), lt(knowledgeQuestions.createdAt, to)));
      return { from, to, asked: asked?.n ?? 0, notFound: missed?.n ?? 0 };
    },
  };
}
