// Booking capacity, cancel and code handling on the real store (PGlite, or PostgreSQL with TEST_DATABASE_URL), including 200 concurrent requests.
import { fileURLToPath } from 'node:url';
import { and, count, eq } from 'drizzle-orm';
import { bookings } from '../../db/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBookingStore } from '../../src/store/booking-store.js';
import type { DatabaseHandle } from '../../src/store/database.js';
import { createStationStore } from '../../src/store/station-store.js';
import { createBookingService, BookingError, newBookingCode } from '../../src/stations/booking-service.js';
import { loadGazetteer, loadStations } from '../../src/stations/load-data.js';
import { StationCatalog } from '../../src/stations/station-catalog.js';
import type { Station } from '../../src/stations/station-schema.js';
import { openTestDatabase, testDriver } from '../support/test-db.js';

const KNOWLEDGE = fileURLToPath(new URL('../../knowledge', import.meta.url));
const seed = loadStations(KNOWLEDGE);
const jintang = seed.find((s) => s.id === 'jintang-fwq')!;
const NOW = new Date('2025-12-01T04:00:00Z');
const DAY = '2025-12-02';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase({ max: 10 });
  const stations: Station[] = [
    ...seed,
    { ...jintang, id: 'big-test', name: '测试站二十床', beds: 20, aliases: [], lat: 30.0, lon: 104.0 },
    { ...jintang, id: 'tiny-test', name: '测试站一床', beds: 1, aliases: [], lat: 30.9, lon: 104.47 },
  ];
  await createStationStore(handle.db).upsert(stations.map((station) => ({ station, updatedBy: 'test', seedHash: null })));
});
afterAll(async () => {
  await handle?.close();
});

const request = (i: number) => ({
  code: newBookingCode(),
  stationId: 'big-test',
  day: DAY,
  capacity: 20,
  driverId: null,
  name: `司机${i}`,
  phone: `138${String(i).padStart(8, '0')}`,
  showerAt: null,
  channel: 'test',
});

describe(`booking store on ${testDriver}`, () => {
  it('gives 200 concurrent requests for 20 beds exactly 20 bookings', async () => {
    const store = createBookingStore(handle.db);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => store.reserve(request(i))));
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    expect(results.filter((r) => !r.ok && r.reason === 'full')).toHaveLength(180);
    const [row] = await handle.db
      .select({ n: count() })
      .from(bookings)
      .where(and(eq(bookings.stationId, 'big-test'), eq(bookings.day, DAY)));
    expect(row?.n).toBe(20);
    const booked = await store.bookedOn(['big-test'], DAY);
    expect(booked.get('big-test')).toBe(20);
  });

  it('frees the bed on cancel, once', async () => {
    const store = createBookingStore(handle.db);
    const day = '2025-12-03';
    const first = await store.reserve({ ...request(1), stationId: 'tiny-test', capacity: 1, day });
    expect(first.ok).toBe(true);
    expect((await store.reserve({ ...request(2), stationId: 'tiny-test', capacity: 1, day })).ok).toBe(false);
    const code = first.ok ? first.booking.code : '';
    expect((await store.cancel(code))?.status).toBe('cancelled');
    expect(await store.cancel(code)).toBeUndefined();
    expect((await store.bookedOn(['tiny-test'], day)).get('tiny-test')).toBe(0);
    expect((await store.reserve({ ...request(3), stationId: 'tiny-test', capacity: 1, day })).ok).toBe(true);
  });

  it('reports a duplicate code without taking a bed', async () => {
    const store = createBookingStore(handle.db);
    const day = '2025-12-04';
    const a = await store.reserve({ ...request(1), day, code: 'NXAAAAAA' });
    const b = await store.reserve({ ...request(2), day, code: 'NXAAAAAA' });
    expect(a.ok).toBe(true);
    expect(b).toEqual({ ok: false, reason: 'duplicate_code' });
    expect((await store.bookedOn(['big-test'], day)).get('big-test')).toBe(1);
  });
});

describe(`booking service on ${testDriver}`, () => {
  async function service() {
    const catalog = await StationCatalog.open(createStationStore(handle.db), loadGazetteer(KNOWLEDGE), []);
    return createBookingService(catalog, createBookingStore(handle.db));
  }
  const ok = { stationId: 'jintang-fwq', day: DAY, name: '张三', phone: '13812345678', channel: 'test' };

  it.each([
    [{ stationId: 'nowhere' }, 'stationId', 'unknown_station'],
    [{ stationId: 'qiuxi-fwq' }, 'stationId', 'no_beds'],
    [{ day: '2025-11-30' }, 'date', 'past_date'],
    [{ day: '2026-01-05' }, 'date', 'too_far_ahead'],
    [{ day: '12/02' }, 'date', 'bad_date'],
    [{ day: '2025-12-32' }, 'date', 'bad_date'],
    [{ day: '2026-02-30' }, 'date', 'bad_date'],
    [{ phone: '1381234567' }, 'phone', 'bad_phone'],
    [{ name: '' }, 'name', 'bad_name'],
    [{ showerAt: '21:30' }, 'showerAt', 'bad_shower_slot'],
  ])('rejects %j naming field %s', async (change, field, problem) => {
    const s = await service();
    const err = await s.book({ ...ok, ...change }, NOW).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BookingError);
    expect(err).toMatchObject({ field, problem });
  });

  it('books one bed per phone per night, except when staff book', async () => {
    const s = await service();
    const day = '2025-12-06';
    await s.book({ ...ok, day, phone: '13600000001' }, NOW);
    const err = (await s.book({ ...ok, stationId: 'yantan-fwq', day, phone: '13600000001' }, NOW).catch((e: unknown) => e)) as BookingError;
    expect(err).toMatchObject({ field: 'phone', problem: 'phone_already_booked' });
    for (let i = 0; i < 2; i++) expect((await s.book({ ...ok, day, phone: '13600000001', channel: 'staff' }, NOW)).status).toBe('confirmed');
  });

  it('offers the next nearest station with space when full', async () => {
    const s = await service();
    const day = '2025-12-05';
    await s.book({ ...ok, stationId: 'tiny-test', day }, NOW);
    const err = (await s.book({ ...ok, stationId: 'tiny-test', day }, NOW).catch((e: unknown) => e)) as BookingError;
    expect(err.problem).toBe('full');
    expect(err.alternatives[0]).toMatchObject({ stationId: 'jintang-fwq', freeBeds: 6 });
    expect(err.alternatives.every((a) => a.stationId !== 'tiny-test')).toBe(true);
  });
});
