// Database schema (drizzle): drivers and identities, conversations, messages and their reply claims, the outbox, cases, stations and bookings, staff and handoffs, and the knowledge base's learning loop.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CASE_EMPLOYMENTS, CASE_LEVELS, CASE_PRIORITIES, CASE_STATUSES, FOLLOWUP_KINDS } from '../src/cases/case-enums.js';
import { HANDOFF_REASONS, HANDOFF_STATUSES } from '../src/handoff/handoff-enums.js';
import { AUDIT_OUTCOMES, STAFF_ROLES } from '../src/staff/staff-enums.js';
import { DRAFT_STATUSES, QUESTION_REASONS, QUESTION_STATUSES } from '../src/knowledge/learning-enums.js';

export const drivers = pgTable('drivers', {
  id: uuid('id').primaryKey().defaultRandom(),
  displayName: text('display_name'),
  phone: text('phone'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const driverIdentities = pgTable(
  'driver_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    driverId: uuid('driver_id')
      .notNull()
      .references(() => drivers.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    externalId: text('external_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('driver_identities_channel_external').on(t.channel, t.externalId), index('driver_identities_driver').on(t.driverId)],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    driverId: uuid('driver_id')
      .notNull()
      .references(() => drivers.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    mode: text('mode', { enum: ['bot', 'human'] })
      .notNull()
      .default('bot'),
    state: jsonb('state').notNull().default(sql`'{}'::jsonb`),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conversations_driver_channel').on(t.driverId, t.channel)],
);

export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    author: text('author', { enum: ['bot', 'driver', 'staff'] }).notNull(),
    text: text('text').notNull(),
    intent: text('intent'),
    citations: jsonb('citations'),
    /** Structured parts of a reply (stations, booking, case id) so a re-delivered message gets the same reply. */
    payload: jsonb('payload'),
    channel: text('channel').notNull(),
    channelMessageId: text('channel_message_id'),
    replyToId: bigint('reply_to_id', { mode: 'number' }),
    /** Inbound only: the engine answering it and until when (renewed while it works), so a re-delivery elsewhere waits for it. */
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Scoped to the conversation (one driver on one channel): a message id names a message of its sender only, so another
    // driver sending the same id can never be answered with this one's stored replies.
    uniqueIndex('messages_conversation_message').on(t.conversationId, t.channelMessageId),
    index('messages_conversation').on(t.conversationId, t.id),
    index('messages_reply_to').on(t.replyToId),
  ],
);

export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    driverId: uuid('driver_id')
      .notNull()
      .references(() => drivers.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    payload: jsonb('payload'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('outbox_driver').on(t.driverId, t.id), index('outbox_pending').on(t.channel, t.deliveredAt)],
);

/**
 * One row per channel message whose answer has been sent: when a WeChat retry reaches another process, both may hold the
 * answer, and only the one that inserts the row sends it.
 */
export const replyClaims = pgTable(
  'reply_claims',
  {
    channel: text('channel').notNull(),
    messageId: text('message_id').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.messageId] })],
);

/**
 * The (timestamp, nonce) of every signed WeChat request inside the accepted window, kept in the database so that every
 * process refuses a replay. The body's digest tells WeChat's own retry of a message (same body) from a replay that swaps it.
 */
export const wechatRequestNonces = pgTable(
  'wechat_request_nonces',
  {
    timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
    nonce: text('nonce').notNull(),
    bodyDigest: text('body_digest').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.timestamp, t.nonce] })],
);

// ── Cases (grievances): the ledger, its append-only event log, follow-ups to the driver, and per-year numbering ──


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

export type Driver = typeof drivers.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
export type OutboxRow = typeof outbox.$inferSelect;

// ---- Stations and bookings (issue 4) ----

/** A driver station; `data` is the validated Station record, the columns beside it are what queries and constraints need. */
export const stations = pgTable('stations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  lat: doublePrecision('lat').notNull(),
  lon: doublePrecision('lon').notNull(),
  beds: integer('beds').notNull().default(0),
  data: jsonb('data').notNull(),
  /** Hash of the knowledge-file row last applied, so start-up seeding knows when the file changed. */
  seedHash: text('seed_hash'),
  /** 'seed', 'import:<file>' or 'staff:<who>': seeding never overwrites a row someone else wrote. */
  updatedBy: text('updated_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Beds booked per station and night; the check constraint is the last line of defence against overbooking. */
export const stationDays = pgTable(
  'station_days',
  {
    stationId: text('station_id')
      .notNull()
      .references(() => stations.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.day] }), check('station_days_booked_within_capacity', sql`${t.booked} >= 0 AND ${t.booked} <= ${t.capacity}`)],
);

export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    stationId: text('station_id')
      .notNull()
      .references(() => stations.id),
    day: date('day', { mode: 'string' }).notNull(),
    driverId: uuid('driver_id').references(() => drivers.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    /** Optional shower slot start, HH:00 in China time. */
    showerAt: text('shower_at'),
    status: text('status', { enum: ['confirmed', 'cancelled'] })
      .notNull()
      .default('confirmed'),
    channel: text('channel').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('bookings_code').on(t.code),
    index('bookings_driver').on(t.driverId, t.day),
    index('bookings_phone').on(t.phone, t.day),
    index('bookings_station_day').on(t.stationId, t.day),
    // One driver, one bed a night: otherwise one phone could take every bed of a station. Staff may book for others.
    uniqueIndex('bookings_one_per_phone_night').on(t.phone, t.day).where(sql`status = 'confirmed' and channel <> 'staff'`),
  ],
);

export type StationRow = typeof stations.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;

// ---------------------------------------------------------------------------
// Staff console and handoff (issue 6): accounts, sessions, handoffs, notes, canned replies, audit log.


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
    uniqueIndex('handoffs_one_open').on(t.conversationId).where(sql`status in ('waiting', 'active')`),
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

// ── The learning loop: drivers' unanswered questions, the paraphrases staff attach, and new entries in review ──

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
    candidates: jsonb('candidates').notNull().default(sql`'[]'::jsonb`),
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
    questionIds: jsonb('question_ids').notNull().default(sql`'[]'::jsonb`),
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
