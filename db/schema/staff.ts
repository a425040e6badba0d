// Staff console and handoff: accounts, sessions, handoffs, notes, canned replies, the audit log, installation settings.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { HANDOFF_REASONS, HANDOFF_STATUSES } from '../../src/handoff/handoff-enums.js';
import type { HandoffProblem } from '../../src/handoff/types.js';
import { AUDIT_OUTCOMES, STAFF_ROLES } from '../../src/staff/staff-enums.js';
import { conversations, drivers } from './conversations.js';

export const staffAccounts = pgTable('staff_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** `scrypt$N$r$p$salt$hash` (base64url); never the password. */
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: STAFF_ROLES }).notNull(),
  /** GB/T 2260 code of the county, city or province (510000) the account works for; null only for admins. */
  regionCode: text('region_code'),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const staffSessions = pgTable(
  'staff_sessions',
  {
    /** sha256 of the cookie token, so a database leak does not hand out live sessions. */
    id: text('id').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffAccounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
  },
  (t) => [index('staff_sessions_staff').on(t.staffId)],
);

export const handoffs = pgTable(
  'handoffs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    driverId: uuid('driver_id')
      .notNull()
      .references(() => drivers.id, { onDelete: 'cascade' }),
    status: text('status', { enum: HANDOFF_STATUSES }).notNull().default('waiting'),
    reason: text('reason', { enum: HANDOFF_REASONS }).notNull(),
    summary: text('summary').notNull(),
    /** The driver's problem as gathered at opening (category, place, amount, questions, name, phone): HandoffProblem. */
    problem: jsonb('problem').$type<HandoffProblem>(),
    caseId: text('case_id'),
    /** County or city code; null means the province queue. */
    regionCode: text('region_code'),
    claimedBy: uuid('claimed_by').references(() => staffAccounts.id, { onDelete: 'set null' }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** The level an unclaimed handoff was escalated to (the city, then the province); the region's own desks keep it too. */
    escalatedTo: text('escalated_to'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => staffAccounts.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // At most one open handoff per conversation, whatever races.
    uniqueIndex('handoffs_one_open')
      .on(t.conversationId)
      .where(sql`status in ('waiting', 'active')`),
    index('handoffs_status').on(t.status, t.createdAt),
    index('handoffs_conversation').on(t.conversationId, t.createdAt),
  ],
);

export const staffNotes = pgTable(
  'staff_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffAccounts.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_notes_conversation').on(t.conversationId, t.id)],
);

export const cannedReplies = pgTable('canned_replies', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  text: text('text').notNull(),
  createdBy: uuid('created_by').references(() => staffAccounts.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    staffId: uuid('staff_id'),
    username: text('username'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    regionCode: text('region_code'),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    detail: jsonb('detail'),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_created').on(t.createdAt), index('audit_log_staff').on(t.staffId, t.createdAt)],
);

/** Installation-wide settings the server creates on first start (the cookie signing secret when none is configured). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type StaffAccountRow = typeof staffAccounts.$inferSelect;
export type HandoffRow = typeof handoffs.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
