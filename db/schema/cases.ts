// Cases (grievances): the ledger, its append-only event log, follow-ups to the driver, and per-year numbering.
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { CASE_EMPLOYMENTS, CASE_LEVELS, CASE_PRIORITIES, CASE_STATUSES, FOLLOWUP_KINDS } from '../../src/cases/case-enums.js';
import { conversations, drivers } from './conversations.js';

/** One row per year: the last case number handed out, so numbers never collide under concurrent filing. */
export const caseCounters = pgTable('case_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What drivers and staff quote: SC-2026-000123. */
    number: text('number').notNull(),
    driverId: uuid('driver_id')
      .notNull()
      .references(() => drivers.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    /** The channel the driver used, so results go back the same way. */
    channel: text('channel').notNull(),
    /** The intake that produced the case: filing twice from one intake returns the first case. */
    intakeKey: text('intake_key').notNull(),
    /** The case filed from the same message before this one (two problems told at once, filed as linked cases). */
    linkedCaseId: uuid('linked_case_id').references((): AnyPgColumn => cases.id, { onDelete: 'set null' }),
    category: text('category').notNull(),
    description: text('description').notNull(),
    counterpart: text('counterpart'),
    amountYuan: bigint('amount_yuan', { mode: 'number' }),
    /** When it started, as the driver said it, and the approximate date it resolves to. */
    startedText: text('started_text'),
    startedOn: date('started_on', { mode: 'string' }),
    countyCode: text('county_code'),
    cityCode: text('city_code'),
    employment: text('employment', { enum: CASE_EMPLOYMENTS }),
    phone: text('phone'),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('received'),
    priority: text('priority', { enum: CASE_PRIORITIES }).notNull().default('normal'),
    level: text('level', { enum: CASE_LEVELS }).notNull(),
    desk: text('desk').notNull(),
    /** The routing rule that chose the level, for audit. */
    routeRule: text('route_rule'),
    assignee: text('assignee'),
    rejectReason: text('reject_reason'),
    resolution: text('resolution'),
    transferDueAt: timestamp('transfer_due_at', { withTimezone: true }),
    feedbackDueAt: timestamp('feedback_due_at', { withTimezone: true }),
    resolveDueAt: timestamp('resolve_due_at', { withTimezone: true }),
    callbackDueAt: timestamp('callback_due_at', { withTimezone: true }),
    firstFeedbackAt: timestamp('first_feedback_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    escalations: smallint('escalations').notNull().default(0),
    rating: smallint('rating'),
    solved: boolean('solved'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_number').on(t.number),
    uniqueIndex('cases_intake').on(t.driverId, t.intakeKey),
    index('cases_driver').on(t.driverId, t.createdAt),
    index('cases_queue').on(t.status, t.level, t.desk),
    index('cases_resolve_due').on(t.resolveDueAt),
    index('cases_linked').on(t.linkedCaseId),
  ],
);

export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    /** 'driver', 'system:routing', 'system:sweep', or a staff id. */
    actor: text('actor').notNull(),
    note: text('note'),
    data: jsonb('data'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_events_case').on(t.caseId, t.id)],
);

export const caseFollowups = pgTable(
  'case_followups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: FOLLOWUP_KINDS }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    rating: smallint('rating'),
    solved: boolean('solved'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_followups_case').on(t.caseId), index('case_followups_pending').on(t.kind, t.sentAt, t.dueAt)],
);

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type CaseFollowupRow = typeof caseFollowups.$inferSelect;
