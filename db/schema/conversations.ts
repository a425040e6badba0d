// Drivers and their channel identities, conversations, messages, the outbox, reply claims and WeChat replay nonces.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
    state: jsonb('state')
      .notNull()
      .default(sql`'{}'::jsonb`),
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

export type Driver = typeof drivers.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
export type OutboxRow = typeof outbox.$inferSelect;
