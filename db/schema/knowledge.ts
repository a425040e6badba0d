// The knowledge base's learning loop: drivers' unanswered questions, the paraphrases staff attach, and new entries in review.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, doublePrecision, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { DRAFT_STATUSES, QUESTION_REASONS, QUESTION_STATUSES } from '../../src/knowledge/learning-enums.js';
import { conversations, messages } from './conversations.js';
import { staffAccounts } from './staff.js';

/** A question the bot could not answer well (not found, unsure, rejected by the driver): the 未答问题 page. */
export const knowledgeQuestions = pgTable(
  'knowledge_questions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The driver's inbound message (the asked one, not the rejection): one row per message and reason, whatever retries. */
    messageId: bigint('message_id', { mode: 'number' }).references(() => messages.id, { onDelete: 'set null' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    reason: text('reason', { enum: QUESTION_REASONS }).notNull(),
    /** As the driver wrote it (checked, at most 500 characters). */
    text: text('text').notNull(),
    /** The answer the driver rejected, for rejected and thumbs_down. */
    entryId: text('entry_id'),
    /** The search's best candidates (id, confidence), best first, for the attach suggestions. */
    candidates: jsonb('candidates')
      .notNull()
      .default(sql`'[]'::jsonb`),
    confidence: doublePrecision('confidence').notNull().default(0),
    /** County or city code from the driver's location or words; null means the province. */
    regionCode: text('region_code'),
    status: text('status', { enum: QUESTION_STATUSES }).notNull().default('open'),
    resolvedBy: uuid('resolved_by').references(() => staffAccounts.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('knowledge_questions_message_reason').on(t.messageId, t.reason), index('knowledge_questions_open').on(t.status, t.createdAt)],
);

/** A driver's wording attached to an entry by staff: one more curated question, live in the index without a restart. */
export const knowledgeParaphrases = pgTable(
  'knowledge_paraphrases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryId: text('entry_id').notNull(),
    text: text('text').notNull(),
    questionId: bigint('question_id', { mode: 'number' }).references(() => knowledgeQuestions.id, { onDelete: 'set null' }),
    addedBy: uuid('added_by').references(() => staffAccounts.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('knowledge_paraphrases_entry_text').on(t.entryId, t.text)],
);

/** A new entry written by staff from drivers' questions; a supervisor publishes it (then it is in the index) or rejects it. */
export const knowledgeDrafts = pgTable(
  'knowledge_drafts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The entry's id once published (kebab-case, unique among curated and published entries). */
    entryId: text('entry_id').notNull(),
    /** The entry's fields as the Markdown front matter and body would hold them (validated by the entry schema on publish). */
    entry: jsonb('entry').notNull(),
    status: text('status', { enum: DRAFT_STATUSES }).notNull().default('draft'),
    questionIds: jsonb('question_ids')
      .notNull()
      .default(sql`'[]'::jsonb`),
    regionCode: text('region_code'),
    createdBy: uuid('created_by').references(() => staffAccounts.id, { onDelete: 'set null' }),
    reviewedBy: uuid('reviewed_by').references(() => staffAccounts.id, { onDelete: 'set null' }),
    reviewNote: text('review_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('knowledge_drafts_entry').on(t.entryId), index('knowledge_drafts_status').on(t.status)],
);

export type KnowledgeQuestionRow = typeof knowledgeQuestions.$inferSelect;
export type KnowledgeParaphraseRow = typeof knowledgeParaphrases.$inferSelect;
export type KnowledgeDraftRow = typeof knowledgeDrafts.$inferSelect;
