// Booking rules shared by the conversation and the REST API: validation with a named field, capacity in the store, next nearest with space.
import { randomInt } from 'node:crypto';
import { daysBetween, isMobilePhone, BOOKING_CODE_ALPHABET } from './booking-words.js';
import { roundKm } from './geo.js';
import { chinaClock } from './opening-hours.js';
import type { Booking, BookingStore } from './ports.js';
import type { StationCatalog } from './station-catalog.js';
import type { Station } from './station-schema.js';

export const MAX_DAYS_AHEAD = 30;

export type BookingProblem =
  | 'unknown_station'
  | 'no_beds'
  | 'bad_date'
  | 'past_date'
  | 'too_far_ahead'
  | 'bad_name'
  | 'bad_phone'
  | 'no_shower'
  | 'bad_shower_slot'
  | 'full'
  | 'phone_already_booked';

export interface Alternative {
  stationId: string;
  name: string;
  distanceKm: number;
  freeBeds: number;
}

export class BookingError extends Error {
  constructor(
    readonly problem: BookingProblem,
    readonly field: string,
    message: string,
    readonly alternatives: Alternative[] = [],
  ) {
    super(message);
    this.name = 'BookingError';
  }
}

export interface BookingRequest {
  stationId: string;
  day: string;
  name: string;
  phone: string;
  showerAt?: string | null;
  driverId?: string | null;
  channel: string;
}

export function newBookingCode(): string {
  let code = 'NX';
  for (let i = 0; i < 6; i++) code += BOOKING_CODE_ALPHABET[randomInt(BOOKING_CODE_ALPHABET.length)];
  return code;
}

/** A real day of the calendar: 2026-02-30 is not one (Date would roll it over to 2 March). */
function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

export function bookable(s: Station): boolean {
  return s.beds > 0 && s.amenities.includes('lodging');
}

function formatDay(day: string): string {
  const [, m, d] = day.split('-').map(Number);
  const weekday = '日一二三四五六'[new Date(`${day}T00:00:00Z`).getUTCDay()];
  return `${m}月${d}日（周${weekday}）`;
}
export { formatDay };

export interface BookingService {
  /** Checks everything but capacity; throws BookingError naming the field. */
  check(req: Omit<BookingRequest, 'channel'>, now: Date): Station;
  book(req: BookingRequest, now: Date): Promise<Booking>;
  cancel(code: string): Promise<Booking | undefined>;
  find(code: string): Promise<Booking | undefined>;
  upcoming(owner: { driverId?: string; phone?: string }, now: Date): Promise<Booking[]>;
  /** The nearest other stations with a free bed that night. */
  alternatives(stationId: string, day: string, count?: number): Promise<Alternative[]>;
}

export function createBookingService(catalog: StationCatalog, store: BookingStore): BookingService {
  const service: BookingService = {
    check(req, now) {
      const station = catalog.get(req.stationId);
      if (!station) throw new BookingError('unknown_station', 'stationId', `没有找到编号为“${req.stationId}”的站点`);
      if (!bookable(station)) throw new BookingError('no_beds', 'stationId', `${station.name}没有可预约的床位`);
      if (!isCalendarDay(req.day))
        throw new BookingError('bad_date', 'date', `没有“${req.day.slice(0, 10)}”这一天，日期应为 YYYY-MM-DD，比如 2026-03-01`);
      const ahead = daysBetween(chinaClock(now).date, req.day);
      if (ahead < 0) throw new BookingError('past_date', 'date', '这个日期已经过去了，只能预约今天及以后的床位');
      if (ahead > MAX_DAYS_AHEAD) throw new BookingError('too_far_ahead', 'date', `最多只能预约${MAX_DAYS_AHEAD}天以内的床位`);
      const name = req.name.trim();
      if (!/^[\u4e00-\u9fa5·A-Za-z][\u4e00-\u9fa5·A-Za-z .]{0,19}$/.test(name))
        throw new BookingError('bad_name', 'name', '姓名应为1到20个汉字或字母');
      if (!isMobilePhone(req.phone)) throw new BookingError('bad_phone', 'phone', '手机号应为11位大陆手机号，比如13812345678');
      if (req.showerAt) {
        if (!station.amenities.includes('shower')) throw new BookingError('no_shower', 'showerAt', `${station.name}没有洗澡的记录，不能预约洗澡`);
        if (!/^(?:[01]\d|2[0-3]):00$/.test(req.showerAt)) throw new BookingError('bad_shower_slot', 'showerAt', '洗澡时段按整点预约，比如21:00');
      }
      return station;
    },

    async book(req, now) {
      const station = service.check(req, now);
      for (let attempt = 0; attempt < 5; attempt++) {
        const result = await store.reserve({
          code: newBookingCode(),
          stationId: station.id,
          day: req.day,
          capacity: station.beds,
          driverId: req.driverId ?? null,
          name: req.name.trim(),
          phone: req.phone,
          showerAt: req.showerAt ?? null,
          channel: req.channel,
        });
        if (result.ok) return result.booking;
        if (result.reason === 'phone_has_booking') {
          throw new BookingError(
            'phone_already_booked',
            'phone',
            `这个手机号${formatDay(req.day)}已经订了一个床位，一个手机号一晚只能订一个。要换站点，请先取消原来的预约`,
          );
        }
        if (result.reason === 'full') {
          const alternatives = await service.alternatives(station.id, req.day);
          throw new BookingError('full', 'stationId', `${station.name}${formatDay(req.day)}的床位已经订满了`, alternatives);
        }
      }
      throw new Error('could not draw a free booking code in 5 attempts');
    },

    cancel: (code) => store.cancel(code),
    find: (code) => store.findByCode(code),
    upcoming: (owner, now) => store.listUpcoming(owner, chinaClock(now).date),

    async alternatives(stationId, day, count = 2) {
      const from = catalog.get(stationId);
      if (!from) return [];
      const near = catalog.index.nearest(from, { limit: 10, accept: (s) => s.id !== stationId && bookable(s) });
      const booked = await store.bookedOn(
        near.map((n) => n.item.id),
        day,
      );
      return near
        .map((n) => ({
          stationId: n.item.id,
          name: n.item.name,
          distanceKm: roundKm(n.distanceKm),
          freeBeds: n.item.beds - (booked.get(n.item.id) ?? 0),
        }))
        .filter((a) => a.freeBeds > 0)
        .slice(0, count);
    },
  };
  return service;
}
