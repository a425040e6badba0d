// Drizzle implementation of bookings: a conditional upsert on the station-night row takes the bed, so capacity holds under any concurrency.
import { and, asc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { bookings, stationDays } from '../../db/schema.js';
import type { Booking, BookingStore, NewBooking } from '../stations/ports.js';
import type { Database } from './database.js';

function toBooking(row: typeof bookings.$inferSelect): Booking {
  return { ...row, status: row.status };
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The unique index a violation names (postgres.js: constraint_name, PGlite: constraint). */
function violatedConstraint(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const named = (e as { constraint_name?: unknown; constraint?: unknown }).constraint_name ?? (e as { constraint?: unknown }).constraint;
    if (typeof named === 'string') return named;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

class DuplicateCode extends Error {}
class PhoneHasBooking extends Error {}
class StationFull extends Error {}

export function createBookingStore(db: Database): BookingStore {
  return {
    async reserve(input: NewBooking) {
      try {
        return await db.transaction(async (tx) => {
          // ON CONFLICT … DO UPDATE takes the row lock and re-checks the WHERE on the newest row version,
          // so concurrent requests queue on the station-night and the last bed is taken exactly once.
          const taken = await tx
            .insert(stationDays)
            .values({ stationId: input.stationId, day: input.day, capacity: input.capacity, booked: 1 })
            .onConflictDoUpdate({
              target: [stationDays.stationId, stationDays.day],
              set: { booked: sql`${stationDays.booked} + 1`, capacity: sql`excluded.capacity` },
              setWhere: sql`${stationDays.booked} < excluded.capacity`,
            })
            .returning({ booked: stationDays.booked });
          if (taken.length === 0) throw new StationFull();
          try {
            const [row] = await tx
              .insert(bookings)
              .values({
                code: input.code,
                stationId: input.stationId,
                day: input.day,
                driverId: input.driverId,
                name: input.name,
                phone: input.phone,
                showerAt: input.showerAt,
                channel: input.channel,
              })
              .returning();
            return { ok: true as const, booking: toBooking(row!) };
          } catch (err) {
            if (isUniqueViolation(err))
              throw violatedConstraint(err) === 'bookings_one_per_phone_night' ? new PhoneHasBooking() : new DuplicateCode();
            throw err;
          }
        });
      } catch (err) {
        if (err instanceof DuplicateCode) return { ok: false, reason: 'duplicate_code' };
        if (err instanceof PhoneHasBooking) return { ok: false, reason: 'phone_has_booking' };
        if (err instanceof StationFull || isCheckViolation(err)) return { ok: false, reason: 'full' };
        throw err;
      }
    },

    async cancel(code) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(bookings)
          .set({ status: 'cancelled', cancelledAt: sql`now()` })
          .where(and(eq(bookings.code, code), eq(bookings.status, 'confirmed')))
          .returning();
        if (!row) return undefined;
        await tx
          .update(stationDays)
          .set({ booked: sql`${stationDays.booked} - 1` })
          .where(and(eq(stationDays.stationId, row.stationId), eq(stationDays.day, row.day), sql`${stationDays.booked} > 0`));
        return toBooking(row);
      });
    },

    async findByCode(code) {
      const [row] = await db.select().from(bookings).where(eq(bookings.code, code));
      return row ? toBooking(row) : undefined;
    },

    async listUpcoming(owner, fromDay) {
      const who = [
        owner.driverId ? eq(bookings.driverId, owner.driverId) : undefined,
        owner.phone ? eq(bookings.phone, owner.phone) : undefined,
      ].filter((c) => c !== undefined);
      if (who.length === 0) return [];
      const rows = await db
        .select()
        .from(bookings)
        .where(and(or(...who), eq(bookings.status, 'confirmed'), gte(bookings.day, fromDay)))
        .orderBy(asc(bookings.day), asc(bookings.createdAt))
        .limit(20);
      return rows.map(toBooking);
    },

    async bookedOn(stationIds, day) {
      if (stationIds.length === 0) return new Map();
      const rows = await db
        .select({ id: stationDays.stationId, booked: stationDays.booked })
        .from(stationDays)
        .where(and(inArray(stationDays.stationId, [...stationIds]), eq(stationDays.day, day)));
      return new Map(rows.map((r) => [r.id, r.booked]));
    },
  };
}

function isCheckViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === '23514') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
