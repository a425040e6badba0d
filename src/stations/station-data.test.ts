// Guards the shipped station list and Sichuan gazetteer: schema, counts, cross-references and the places the eval asks about.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkStationsAgainstGazetteer,
  DataFileError,
  loadGazetteer,
  loadStations,
  loadUnplacedStations,
  parseGazetteer,
  parseStations,
} from './load-data.js';
import { stationSchema, timeInRange, type Station } from './station-schema.js';

const KNOWLEDGE = fileURLToPath(new URL('../../knowledge', import.meta.url));
const stations = loadStations(KNOWLEDGE);
const unplaced = loadUnplacedStations(KNOWLEDGE);
const gazetteer = loadGazetteer(KNOWLEDGE);

const BOX = { latMin: 26, latMax: 34.5, lonMin: 97.3, lonMax: 108.6 };
const inSichuanBox = (p: { lat: number; lon: number }) => p.lat >= BOX.latMin && p.lat <= BOX.latMax && p.lon >= BOX.lonMin && p.lon <= BOX.lonMax;

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function nearest(point: { lat: number; lon: number }): Station {
  const sorted = [...stations].sort((x, y) => distanceKm(point, x) - distanceKm(point, y));
  const first = sorted[0];
  if (!first) throw new Error('no stations');
  return first;
}

describe('gazetteer', () => {
  it('has all 21 prefecture-level and 183 county-level divisions of Sichuan', () => {
    expect(gazetteer.cities).toHaveLength(21);
    expect(gazetteer.counties).toHaveLength(183);
  });

  it('has unique codes, and every county sits under an existing city', () => {
    const codes = [...gazetteer.cities, ...gazetteer.counties].map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    const cityCodes = new Set(gazetteer.cities.map((c) => c.code));
    for (const c of gazetteer.counties) expect(cityCodes, c.name).toContain(c.cityCode);
  });

  it('keeps county count per city as of the 2024–2025 divisions', () => {
    const perCity = Object.fromEntries(gazetteer.cities.map((c) => [c.shortName, gazetteer.counties.filter((k) => k.cityCode === c.code).length]));
    expect(perCity).toMatchObject({ 成都: 20, 自贡: 6, 乐山: 11, 宜宾: 10, 阿坝州: 13, 甘孜州: 18, 凉山州: 17 });
  });

  it('uses the current codes for recently changed divisions and leaves 东部新区 out', () => {
    const byName = new Map(gazetteer.counties.map((c) => [c.name, c.code]));
    expect(byName.get('会理市')).toBe('513402');
    expect(byName.get('射洪市')).toBe('510981');
    expect(byName.get('隆昌市')).toBe('511083');
    expect(byName.get('简阳市')).toBe('510185');
    expect(byName.get('金堂县')).toBe('510121');
    expect(byName.get('沿滩区')).toBe('510311');
    expect([...byName.keys()].some((n) => n.includes('东部新区'))).toBe(false);
  });

  it('has short names that collide only where the official names do (内江 and 乐山 both have a 市中区)', () => {
    const shorts = gazetteer.counties.map((c) => c.shortName);
    const dupes = shorts.filter((n, i) => shorts.indexOf(n) !== i);
    expect(dupes).toEqual(['市中区']);
    const shiZhong = gazetteer.counties.filter((c) => c.name === '市中区');
    expect(shiZhong.map((c) => c.aliases)).toEqual([['内江市中区'], ['乐山市中区']]);
  });

  it('places every centre inside the Sichuan bounding box', () => {
    for (const d of [...gazetteer.cities, ...gazetteer.counties]) expect(inSichuanBox(d), d.name).toBe(true);
  });

  it('puts each county centre near its city (catches swapped or mistyped coordinates)', () => {
    const cities = new Map(gazetteer.cities.map((c) => [c.code, c]));
    // 石渠 is about 490 km from 康定, the farthest county from its seat; 550 km still catches a swapped lat/lon.
    for (const c of gazetteer.counties) expect(distanceKm(c, cities.get(c.cityCode)!), c.name).toBeLessThan(550);
  });
});

describe('stations', () => {
  it('validates against the schema with unique ids', () => {
    for (const s of stations) expect(stationSchema.safeParse(s).success).toBe(true);
    const ids = [...stations, ...unplaced].map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('points every station at a gazetteer county that belongs to its city', () => {
    expect(checkStationsAgainstGazetteer(stations, gazetteer)).toEqual([]);
  });

  it('places every station inside the Sichuan bounding box', () => {
    for (const s of stations) expect(inSichuanBox(s), s.id).toBe(true);
  });

  it('keeps each station within its county (loosely: 80 km of the county centre)', () => {
    const counties = new Map(gazetteer.counties.map((c) => [c.code, c]));
    for (const s of stations) expect(distanceKm(s, counties.get(s.countyCode)!), s.id).toBeLessThan(80);
  });

  it('finds 沿滩 as the nearest station to (29.27, 104.87)', () => {
    const s = nearest({ lat: 29.27, lon: 104.87 });
    expect(s.id).toBe('yantan-fwq');
    expect(s.name).toContain('沿滩');
    expect(s.county).toBe('沿滩区');
    expect(s.countyCode).toBe('510311');
  });

  it('puts the 金堂 station in 成都市金堂县', () => {
    const s = stations.find((x) => x.id === 'jintang-fwq');
    expect(s?.county).toBe('金堂县');
    expect(s?.countyCode).toBe('510121');
    expect(s?.city).toBe('成都市');
  });

  it('carries the seed services at the seed stations: 10-yuan meal, showers, laundry, lodging', () => {
    for (const id of ['jintang-fwq', 'yantan-fwq', 'xiabamiao-fwq']) {
      const s = stations.find((x) => x.id === id)!;
      expect(s.kind).toBe('暖心之家');
      expect(s.amenities).toEqual(expect.arrayContaining(['meal', 'lodging', 'shower', 'laundry']));
      expect(s.prices.some((p) => p.yuan === 10 && p.item.includes('套餐'))).toBe(true);
    }
  });

  it('invents no phone numbers', () => {
    for (const s of [...stations, ...unplaced]) expect(s.phone, s.id).toBeUndefined();
  });

  it('keeps 普照社区 (a party branch, not a service point) out of the station lists', () => {
    const all = [...stations, ...unplaced];
    expect(all.some((s) => s.name.includes('普照') || s.aliases.some((a) => a.includes('普照')))).toBe(false);
  });

  it('marks every position that is not surveyed as approximate', () => {
    // Every coordinate in this file came from town-level knowledge; flip one only with a surveyed source.
    for (const s of stations) expect(s.approximate, s.id).toBe(true);
  });
});

describe('schema rules', () => {
  const base = stations[0]!;

  it('accepts overnight and 24-hour windows and rejects an ambiguous open == close', () => {
    expect(stationSchema.safeParse({ ...base, hours: [{ days: 'daily', open: '18:00', close: '08:00' }] }).success).toBe(true);
    expect(stationSchema.safeParse({ ...base, hours: [{ days: 'daily', open: '00:00', close: '24:00' }] }).success).toBe(true);
    expect(stationSchema.safeParse({ ...base, hours: [{ days: 'daily', open: '08:00', close: '08:00' }] }).success).toBe(false);
    expect(stationSchema.safeParse({ ...base, hours: [{ days: 'daily', open: '24:00', close: '08:00' }] }).success).toBe(false);
  });

  it('reads overnight windows across midnight', () => {
    const night = { open: '18:00', close: '08:00' };
    expect(timeInRange(night, '23:30')).toBe(true);
    expect(timeInRange(night, '03:00')).toBe(true);
    expect(timeInRange(night, '12:00')).toBe(false);
    expect(timeInRange({ open: '00:00', close: '24:00' }, '23:59')).toBe(true);
  });

  it('rejects unknown fields, bad ids and non-Sichuan codes', () => {
    expect(stationSchema.safeParse({ ...base, colour: 'red' }).success).toBe(false);
    expect(stationSchema.safeParse({ ...base, id: 'Jintang FWQ' }).success).toBe(false);
    expect(stationSchema.safeParse({ ...base, countyCode: '500101' }).success).toBe(false);
  });
});

describe('loader errors', () => {
  it('names the row, its id and the field', () => {
    const bad = [
      { ...stations[0], id: 'ok-one' },
      { ...stations[1], id: 'bad-lat', lat: 40 },
    ];
    expect(() => parseStations(bad, 'stations.json')).toThrow(DataFileError);
    expect(() => parseStations(bad, 'stations.json')).toThrow(/stations\.json[\s\S]*row 1 \(bad-lat\), field "lat"/);
  });

  it('reports duplicate ids and county codes', () => {
    expect(() => parseStations([stations[0], stations[0]])).toThrow(/duplicate of row 0/);
    const g = { cities: gazetteer.cities, counties: [...gazetteer.counties, gazetteer.counties[0]] };
    expect(() => parseGazetteer(g)).toThrow(/counties row 183, field "code": duplicate/);
  });

  it('names a nested gazetteer row', () => {
    const g = { cities: gazetteer.cities, counties: gazetteer.counties.map((c, i) => (i === 5 ? { ...c, lon: 'x' } : c)) };
    expect(() => parseGazetteer(g, 'sichuan.json')).toThrow(/sichuan\.json[\s\S]*counties row 5 \(\d{6}\), field "lon"/);
  });

  it('names the file when it is missing', () => {
    expect(() => loadStations('/nonexistent')).toThrow(/nonexistent.*stations\.json/);
  });
});
