// Storage ports the station domain owns; src/store implements them with drizzle over PGlite or PostgreSQL.
import type { Station } from './station-schema.js';

export interface StoredStation {
  station: Station;
  updatedBy: string;
  seedHash: string | null;
  updatedAt: Date;
}

export interface StationWrite {
  station: Station;
  updatedBy: string;
  /** Set by start-up seeding; null for imports and staff edits. */
  seedHash: string | null;
}

export interface StationStore {
  list(): Promise<StoredStation[]>;
  get(id: string): Promise<StoredStation | undefined>;
  /** Inserts or replaces each row by id, in one transaction. */
  upsert(rows: readonly StationWrite[]): Promise<void>;
  /** Changes whenever a station row changes; cheap enough to poll. */
  version(): Promise<string>;
}

export interface Booking {
  id: string;
  code: string;
  stationId: string;
  day: string;
  driverId: string | null;
  name: string;
  phone: string;
  showerAt: string | null;
  status: 'confirmed' | 'cancelled';
  channel: string;
  createdAt: Date;
  cancelledAt: Date | null;
}

export interface NewBooking {
  code: string;
  stationId: string;
  day: string;
  /** Beds at the station now; the store enforces it per night. */
  capacity: number;
  driverId: string | null;
  name: string;
  phone: string;
  showerAt: string | null;
  channel: string;
}

/** `phone_has_booking`: this phone already holds a confirmed bed that night (bookings made by staff are exempt). */
export type ReserveResult = { ok: true; booking: Booking } | { ok: false; reason: 'full' | 'duplicate_code' | 'phone_has_booking' };

export interface BookingStore {
  /** Takes a bed atomically: never more bookings than capacity, whatever the concurrency. */
  reserve(input: NewBooking): Promise<ReserveResult>;
  /** Cancels a confirmed booking and frees its bed; undefined when no confirmed booking has that code. */
  cancel(code: string): Promise<Booking | undefined>;
  findByCode(code: string): Promise<Booking | undefined>;
  /** Confirmed bookings of a driver (by driver id or phone) from a day on, soonest first. */
  listUpcoming(owner: { driverId?: string; phone?: string }, fromDay: string): Promise<Booking[]>;
  /** Beds taken per station on a day; stations without bookings are absent. */
  bookedOn(stationIds: readonly string[], day: string): Promise<Map<string, number>>;
}
