// Finds the Sichuan county (or city) a driver names, by the gazetteer's names, short names and aliases, or by GPS.
import type { GeoPoint } from '../core/types.js';
import type { City, County, Gazetteer } from '../china/gazetteer.js';

export interface PlaceMatch {
  countyCode?: string;
  cityCode: string;
  /** What to show the driver: 成都市金堂县, or 成都市 when only the city is known. */
  label: string;
}

export interface PlaceFinder {
  find(text: string): PlaceMatch | undefined;
  nearest(point: GeoPoint): PlaceMatch | undefined;
  county(code: string): County | undefined;
  city(code: string): City | undefined;
  /** The city's counties, for "成都哪个区县？" quick replies. */
  countiesOf(cityCode: string): County[];
}

interface Name {
  text: string;
  county?: County;
  city?: City;
}

export function createPlaceFinder(gazetteer: Gazetteer): PlaceFinder {
  const cities = new Map(gazetteer.cities.map((c) => [c.code, c]));
  const counties = new Map(gazetteer.counties.map((c) => [c.code, c]));
  const names: Name[] = [];
  for (const county of gazetteer.counties) {
    for (const text of new Set([county.name, county.shortName, ...(county.aliases ?? [])])) if (text.length >= 2) names.push({ text, county });
  }
  for (const city of gazetteer.cities) {
    for (const text of new Set([city.name, city.shortName, ...(city.aliases ?? [])])) if (text.length >= 2) names.push({ text, city });
  }
  // Longest names first, so 龙泉驿区 beats 龙泉 and 成都市 beats 成都.
  names.sort((a, b) => b.text.length - a.text.length);

  const cityLabel = (code: string) => cities.get(code)?.name ?? '';
  const fromCounty = (county: County): PlaceMatch => ({
    countyCode: county.code,
    cityCode: county.cityCode,
    label: `${cityLabel(county.cityCode)}${county.name}`,
  });

  return {
    find(text) {
      const hits: Name[] = [];
      let rest = text;
      for (const name of names) {
        if (!rest.includes(name.text)) continue;
        hits.push(name);
        // Blank the match so 成都市 does not also count as 成都, nor 金堂县 as 金堂.
        rest = rest.split(name.text).join('\u0000'.repeat(name.text.length));
      }
      if (!hits.length) return undefined;
      const countyHits = hits.filter((h) => h.county);
      const cityHit = hits.find((h) => h.city)?.city;
      // A county in the named city wins; without a city, the first (longest) county name.
      const county = (cityHit ? countyHits.find((h) => h.county?.cityCode === cityHit.code) : undefined)?.county ?? countyHits[0]?.county;
      if (county) return fromCounty(county);
      if (cityHit) return { cityCode: cityHit.code, label: cityHit.name };
      return undefined;
    },
    nearest(point) {
      let best: County | undefined;
      let bestDistance = Infinity;
      for (const county of counties.values()) {
        const dLat = county.lat - point.lat;
        const dLon = (county.lon - point.lon) * Math.cos((point.lat * Math.PI) / 180);
        const d = dLat * dLat + dLon * dLon;
        if (d < bestDistance) {
          bestDistance = d;
          best = county;
        }
      }
      // Beyond ~1.5° from every county centre the point is outside Sichuan: better to ask.
      return best && bestDistance < 1.5 * 1.5 ? fromCounty(best) : undefined;
    },
    county: (code) => counties.get(code),
    city: (code) => cities.get(code),
    countiesOf: (cityCode) => gazetteer.counties.filter((c) => c.cityCode === cityCode),
  };
}
