// Database schema (drizzle): drivers and their channel identities, conversations, messages, the outbox, stations and bookings.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_channel_message').on(t.channel, t.channelMessageId),
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
  (t) => [uniqueIndex('bookings_code').on(t.code), index('bookings_driver').on(t.driverId, t.day), index('bookings_phone').on(t.phone, t.day), index('bookings_station_day').on(t.stationId, t.day)],
);

export type StationRow = typeof stations.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;
