// `npm run bench:stations`: nearest-station query latency over 100,000 synthetic stations, and bookings per second under concurrency.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { readTestSettings } from '../src/config.js';
import { createBookingStore } from '../src/store/booking-store.js';
import { openDatabase, type DatabaseHandle } from '../src/store/database.js';
import { createStationStore } from '../src/store/station-store.js';
import { newBookingCode } from '../src/stations/booking-service.js';
import { distanceKm } from '../src/china/geo.js';
import { loadStations } from '../src/stations/load-data.js';
import { SpatialIndex } from '../src/stations/spatial-index.js';
import { searchStations } from '../src/stations/station-search.js';
import type { Amenity, Station } from '../src/stations/station-schema.js';

const N = 100_000;
const QUERIES = 20_000;
const template = loadStations(fileURLToPath(new URL('../knowledge', import.meta.url)))[0]!;

/** Deterministic pseudo-random numbers so runs compare. */
function rng(seed: number) {
  return () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function synthetic(): Station[] {
  const rand = rng(42);
  const kinds: Amenity[][] = [
    ['meal', 'parking'],
    ['meal', 'lodging', 'shower', 'parking'],
    ['parking', 'fuel'],
  ];
  return Array.from({ length: N }, (_, i) => ({
    ...template,
    id: `s${i}`,
    name: `站${i}`,
    // Mainland China's rough box, so density and the sphere's curvature are realistic.
    lat: 18 + rand() * 35,
    lon: 74 + rand() * 60,
    amenities: kinds[i % 3]!,
    aliases: [],
  }));
}

function benchQueries(): void {
  const stations = synthetic();
  const t0 = performance.now();
  const index = new SpatialIndex(stations);
  const buildMs = performance.now() - t0;
  const rand = rng(7);
  const points = Array.from({ length: QUERIES }, () => ({ lat: 18 + rand() * 35, lon: 74 + rand() * 60 }));
  const now = new Date();
  const run = (label: string, query: (p: { lat: number; lon: number }) => unknown) => {
    for (let i = 0; i < 2000; i++) query(points[i]!); // warm-up
    const times: number[] = [];
    for (const p of points) {
      const s = performance.now();
      query(p);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const p50 = quantile(times, 0.5) * 1000;
    const p99 = quantile(times, 0.99) * 1000;
    console.log(
      `${label.padEnd(44)} p50 ${p50.toFixed(1).padStart(6)} µs   p99 ${p99.toFixed(1).padStart(6)} µs   ${p99 < 1000 ? 'OK (< 1 ms)' : 'OVER 1 ms'}`,
    );
    return p99;
  };
  console.log(`index: ${N.toLocaleString()} stations built in ${buildMs.toFixed(1)} ms`);
  const p99 = run('nearest 3 (index)', (p) => index.nearest(p, { limit: 3 }));
  run('nearest 3 with shower, open-now (search)', (p) => searchStations(index, { point: p, amenities: ['shower'], now }));
  const scanSample = points.slice(0, 200);
  const s = performance.now();
  for (const p of scanSample) [...stations].sort((a, b) => distanceKm(p, a) - distanceKm(p, b)).slice(0, 3);
  const scanMs = (performance.now() - s) / scanSample.length;
  console.log(`brute-force sort for comparison: ${scanMs.toFixed(1)} ms/query (index p99 is ${(scanMs / (p99 / 1000 || 1e-9)).toFixed(0)}× faster)`);
}

async function benchBookings(label: string, handle: DatabaseHandle, concurrency: number, total: number): Promise<void> {
  const station = { ...template, id: 'bench-station', beds: total, aliases: [] };
  await createStationStore(handle.db).upsert([{ station, updatedBy: 'bench', seedHash: null }]);
  const store = createBookingStore(handle.db);
  const days = Array.from({ length: 10 }, (_, i) => `2030-01-${String(i + 1).padStart(2, '0')}`);
  let next = 0;
  let ok = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const r = await store.reserve({
          code: newBookingCode(),
          stationId: station.id,
          day: days[i % days.length]!,
          capacity: total,
          driverId: null,
          name: '司机',
          phone: '13800000000',
          showerAt: null,
          channel: 'bench',
        });
        if (r.ok) ok++;
      }
    }),
  );
  const secs = (performance.now() - start) / 1000;
  // Then a contended night: 200 requests for 20 beds, all at once.
  const full = { ...station, id: 'bench-twenty', beds: 20 };
  await createStationStore(handle.db).upsert([{ station: full, updatedBy: 'bench', seedHash: null }]);
  const results = await Promise.all(
    Array.from({ length: 200 }, () =>
      store.reserve({
        code: newBookingCode(),
        stationId: full.id,
        day: '2030-02-01',
        capacity: 20,
        driverId: null,
        name: '司机',
        phone: '13800000000',
        showerAt: null,
        channel: 'bench',
      }),
    ),
  );
  console.log(
    `${label.padEnd(12)} ${ok} bookings, ${concurrency} concurrent: ${(ok / secs).toFixed(0)} bookings/s;  200 requests for 20 beds → ${results.filter((r) => r.ok).length} booked`,
  );
}

async function main(): Promise<void> {
  benchQueries();
  const pglite = await openDatabase({ kind: 'pglite' });
  try {
    await benchBookings('PGlite', pglite, 20, 2000);
  } finally {
    await pglite.close();
  }
  const { databaseUrl } = readTestSettings();
  if (!databaseUrl) {
    console.log('PostgreSQL   skipped (set TEST_DATABASE_URL to measure it)');
    return;
  }
  const name = `nuanxin_bench_${process.pid}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  try {
    const u = new URL(databaseUrl);
    u.pathname = `/${name}`;
    const pg = await openDatabase({ kind: 'postgres', url: u.toString(), max: 10 });
    try {
      await benchBookings('PostgreSQL', pg, 20, 2000);
    } finally {
      await pg.close();
    }
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
