// Sichuan's administrative tree for routing and access: province → city → county, from the gazetteer.
import { distanceKm, type LatLon } from './geo.js';
import type { Gazetteer } from './gazetteer.js';

/** GB/T 2260 code of Sichuan province: the top of every region scope. */
export const PROVINCE_CODE = '510000';

export type RegionKind = 'province' | 'city' | 'county';

export interface RegionOption {
  code: string;
  name: string;
  kind: RegionKind;
  cityCode?: string;
}

export interface RegionDirectory {
  kind(code: string): RegionKind | undefined;
  name(code: string | null | undefined): string;
  /** The county's city, the city's province; null above the province. */
  parent(code: string): string | null;
  /** True when `scope` is `target` or one of its ancestors; an unknown target belongs to the province only. */
  contains(scope: string, target: string | null | undefined): boolean;
  /** Codes a scope can see (itself and everything below), for database filters. */
  descendants(scope: string): string[];
  /** The most specific county (or else city) named in a driver's text. */
  detect(text: string): string | undefined;
  /** The county whose centre is nearest, if within `maxKm`. */
  nearest(point: LatLon, maxKm?: number): string | undefined;
  options(): RegionOption[];
}

export function createRegionDirectory(gazetteer: Gazetteer): RegionDirectory {
  const cities = new Map(gazetteer.cities.map((c) => [c.code, c]));
  const counties = new Map(gazetteer.counties.map((c) => [c.code, c]));
  // Longest names first so 沿滩区 wins over a shorter alias hidden inside it; short names under two characters are skipped.
  const names: { name: string; code: string; county: boolean }[] = [];
  for (const c of gazetteer.counties)
    for (const n of new Set([c.name, c.shortName, ...(c.aliases ?? [])])) if (n.length >= 2) names.push({ name: n, code: c.code, county: true });
  for (const c of gazetteer.cities)
    for (const n of new Set([c.name, c.shortName, ...(c.aliases ?? [])])) if (n.length >= 2) names.push({ name: n, code: c.code, county: false });
  names.sort((a, b) => b.name.length - a.name.length);

  const kind = (code: string): RegionKind | undefined =>
    code === PROVINCE_CODE ? 'province' : cities.has(code) ? 'city' : counties.has(code) ? 'county' : undefined;
  const parent = (code: string): string | null => {
    const county = counties.get(code);
    if (county) return county.cityCode;
    if (cities.has(code)) return PROVINCE_CODE;
    return null;
  };

  return {
    kind,
    parent,
    name(code) {
      if (!code) return '省级（地区未知）';
      if (code === PROVINCE_CODE) return '四川省';
      const county = counties.get(code);
      if (county) return `${cities.get(county.cityCode)?.shortName ?? ''}${county.name}`;
      return cities.get(code)?.name ?? code;
    },
    contains(scope, target) {
      if (scope === PROVINCE_CODE) return true;
      if (!target) return false;
      for (let at: string | null = target; at; at = parent(at)) if (at === scope) return true;
      return false;
    },
    descendants(scope) {
      if (scope === PROVINCE_CODE) return [PROVINCE_CODE, ...cities.keys(), ...counties.keys()];
      if (cities.has(scope)) return [scope, ...gazetteer.counties.filter((c) => c.cityCode === scope).map((c) => c.code)];
      return [scope];
    },
    detect(text) {
      let cityHit: string | undefined;
      for (const n of names) {
        if (!text.includes(n.name)) continue;
        if (n.county) return n.code;
        cityHit ??= n.code;
      }
      return cityHit;
    },
    nearest(point, maxKm = 40) {
      let best: { code: string; km: number } | undefined;
      for (const c of counties.values()) {
        const km = distanceKm(point, c);
        if (!best || km < best.km) best = { code: c.code, km };
      }
      return best && best.km <= maxKm ? best.code : undefined;
    },
    options() {
      const out: RegionOption[] = [{ code: PROVINCE_CODE, name: '四川省', kind: 'province' }];
      for (const city of gazetteer.cities) {
        out.push({ code: city.code, name: city.name, kind: 'city' });
        for (const c of gazetteer.counties)
          if (c.cityCode === city.code) out.push({ code: c.code, name: `${city.shortName}${c.name}`, kind: 'county', cityCode: city.code });
      }
      return out;
    },
  };
}
