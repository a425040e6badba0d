// Search over the spatial index: nearest, amenity filters, route ahead, nothing in reach, opening hours on the China clock, nav links.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { distanceKm } from '../china/geo.js';
import { loadStations } from './load-data.js';
import { navLinks } from './nav-links.js';
import { isOpenAt } from './opening-hours.js';
import { SpatialIndex } from './spatial-index.js';
import { searchStations } from './station-search.js';
import type { Station } from './station-schema.js';

const KNOWLEDGE = fileURLToPath(new URL('../../knowledge', import.meta.url));
const real = loadStations(KNOWLEDGE);
const base = real.find((s) => s.id === 'jintang-fwq')!;
const NOW = new Date('2025-12-01T04:00:00Z'); // 12:00 in China, a Monday

function station(id: string, lat: number, lon: number, extra: Partial<Station> = {}): Station {
  return { ...base, id, name: id, lat, lon, aliases: [], ...extra };
}

describe('searchStations', () => {
  const index = new SpatialIndex(real);

  it('returns the three nearest by default with distances, closest first', () => {
    const r = searchStations(index, { point: { lat: 29.27, lon: 104.87 }, amenities: [], reachKm: 200, now: NOW });
    expect(r.hits[0]?.station.id).toBe('yantan-fwq');
    expect(r.hits).toHaveLength(3);
    const d = r.hits.map((h) => h.distanceKm!);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
    expect(d[0]).toBeCloseTo(distanceKm({ lat: 29.27, lon: 104.87 }, { lat: 29.27, lon: 104.88 }), 5);
  });

  it('filters by amenity: service areas without showers are skipped', () => {
    // 球溪 (资中) is nearest to this point but offers only parking and meals.
    const point = { lat: 29.78, lon: 104.73 };
    expect(searchStations(index, { point, amenities: [], now: NOW }).hits[0]?.station.id).toBe('qiuxi-fwq');
    const showers = searchStations(index, { point, amenities: ['shower'], now: NOW });
    expect(showers.hits.every((h) => h.station.amenities.includes('shower'))).toBe(true);
    expect(showers.hits[0]?.station.id).toBe('yantan-fwq');
  });

  it('answers with the nearest anyway, flagged out of reach, when nothing is close', () => {
    // 若尔盖, far north of every station.
    const r = searchStations(index, { point: { lat: 33.58, lon: 102.96 }, amenities: ['shower'], now: NOW });
    expect(r.withinReach).toBe(false);
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0]!.distanceKm!).toBeGreaterThan(80);
  });

  it('finds stations ahead on a highway toward a destination, not the ones behind', () => {
    const line = [
      station('behind', 29.0, 104.0, { highway: { code: 'G5', name: '京昆高速' } }),
      station('ahead-near', 29.6, 104.0, { highway: { code: 'G5', name: '京昆高速' } }),
      station('ahead-far', 30.2, 104.0, { highway: { code: 'G5', name: '京昆高速' } }),
      station('other-road', 29.5, 104.0, { highway: { code: 'G85', name: '银昆高速' } }),
      station('no-beds', 29.4, 104.0, { highway: { code: 'G5', name: '京昆高速' }, amenities: ['meal'] }),
    ];
    const r = searchStations(new SpatialIndex(line), {
      point: { lat: 29.3, lon: 104.0 },
      amenities: ['lodging'],
      route: { code: 'G5', toward: { lat: 30.66, lon: 104.07, name: '成都' } },
      now: NOW,
    });
    expect(r.mode).toBe('ahead');
    expect(r.hits.map((h) => h.station.id)).toEqual(['ahead-near', 'ahead-far']);
  });

  it("lists a route's stations when the driver gave no position", () => {
    const r = searchStations(index, { amenities: [], route: { code: 'G5' }, now: NOW });
    expect(r.mode).toBe('on_route');
    expect(r.hits.map((h) => h.station.id)).toEqual(['xichang-fwq']);
  });

  it('uses kitchen hours for a meal question', () => {
    const evening = new Date('2025-12-01T14:00:00Z'); // 22:00 in China
    const r = searchStations(index, { point: { lat: 30.9, lon: 104.48 }, amenities: ['meal'], now: evening });
    expect(r.hits[0]?.station.id).toBe('jintang-fwq');
    expect(r.hits[0]?.openNow).toBe(false);
    const bed = searchStations(index, { point: { lat: 30.9, lon: 104.48 }, amenities: ['lodging'], now: evening });
    expect(bed.hits[0]?.openNow).toBe(true);
  });
});

describe('isOpenAt (Asia/Shanghai)', () => {
  const at = (iso: string) => new Date(iso);
  it('reads the China clock, not the server clock', () => {
    const hours = [{ days: 'daily' as const, open: '08:00', close: '20:00' }];
    expect(isOpenAt(hours, at('2025-12-01T00:30:00Z'))).toBe(true); // 08:30 China
    expect(isOpenAt(hours, at('2025-12-01T12:30:00Z'))).toBe(false); // 20:30 China
  });
  it('counts an overnight window from the day it opened', () => {
    const fridayNights = [{ days: 'weekdays' as const, open: '22:00', close: '06:00' }];
    expect(isOpenAt(fridayNights, at('2025-12-05T19:00:00Z'))).toBe(true); // Saturday 03:00, Friday's window
    expect(isOpenAt(fridayNights, at('2025-12-06T19:00:00Z'))).toBe(false); // Sunday 03:00, Saturday had none
  });
  it('cannot decide holiday-only windows or empty hours', () => {
    expect(isOpenAt([{ days: 'holidays', open: '08:00', close: '20:00' }], at('2025-12-01T04:00:00Z'))).toBeUndefined();
    expect(isOpenAt([], NOW)).toBeUndefined();
  });
});

describe('navLinks', () => {
  it('links 高德, 百度 and 腾讯 with GCJ-02 coordinates and the encoded name', () => {
    const links = navLinks({ lat: 29.27, lon: 104.88, name: '沿滩服务区暖心之家' });
    const name = encodeURIComponent('沿滩服务区暖心之家');
    expect(links.amap).toBe(`https://uri.amap.com/navigation?to=104.880000,29.270000,${name}&mode=car&coordinate=gaode&callnative=1&src=nuanxin`);
    expect(new URL(links.baidu).searchParams.get('destination')).toBe('latlng:29.270000,104.880000|name:沿滩服务区暖心之家');
    expect(new URL(links.baidu).searchParams.get('coord_type')).toBe('gcj02');
    expect(new URL(links.tencent).searchParams.get('tocoord')).toBe('29.270000,104.880000');
  });
});

describe('SpatialIndex', () => {
  it('agrees with a brute-force scan on random points', () => {
    const pts = Array.from({ length: 2000 }, (_, i) => ({
      id: `p${i}`,
      lat: 26 + ((i * 7919) % 850) / 100,
      lon: 97.3 + ((i * 104729) % 1130) / 100,
    }));
    const index = new SpatialIndex(pts);
    for (const q of [
      { lat: 30.6, lon: 104.1 },
      { lat: 27.9, lon: 102.2 },
      { lat: 33.1, lon: 98.0 },
    ]) {
      const brute = [...pts]
        .sort((a, b) => distanceKm(q, a) - distanceKm(q, b))
        .slice(0, 3)
        .map((p) => p.id);
      expect(index.nearest(q, { limit: 3 }).map((n) => n.item.id)).toEqual(brute);
    }
  });
});
