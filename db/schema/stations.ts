// Driver stations, their per-day availability, and bed bookings.
import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { drivers } from './conversations.js';

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
  (t) => [
    primaryKey({ columns: [t.stationId, t.day] }),
    check('station_days_booked_within_capacity', sql`${t.booked} >= 0 AND ${t.booked} <= ${t.capacity}`),
  ],
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
    uniqueIndex('bookings_one_per_phone_night')
      .on(t.phone, t.day)
      .where(sql`status = 'confirmed' and channel <> 'staff'`),
  ],
);

export type StationRow = typeof stations.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;
