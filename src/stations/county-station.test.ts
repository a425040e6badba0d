// A county's one driver home named as "沿滩那个暖心之家" is that station; a county with several, or a wider gap, is not.
import { describe, expect, it } from 'vitest';
import { countyStationNamed } from './county-station.js';
import type { PlaceMatch } from './place-finder.js';

const words = { driverHome: /暖心之家|司机之家/u, filler: /^(那个|那边|这个|的)+$/u };
const yantan = (text: string): PlaceMatch[] => [
  { kind: 'county', code: '510311', name: '沿滩区', cityName: '自贡市', matched: '沿滩', at: text.indexOf('沿滩'), centre: { lat: 0, lon: 0 } },
];
/** A county with `count` stations: only one of them is the county's station. */
const stations = (count: number) => () => (count === 1 ? 'yantan-fwq' : undefined);

describe('namesCountyStation', () => {
  it('reads a county and its driver home, joined directly or by 的 / 那个, as the one station there', () => {
    for (const text of ['沿滩那个暖心之家好多钱一晚', '沿滩的暖心之家能住不', '沿滩暖心之家在哪', '沿滩 那边的 司机之家']) {
      expect(countyStationNamed(text, yantan(text), stations(1), words), text).toBe('yantan-fwq');
    }
  });

  it('does not when the county has several stations or none, or other words stand between', () => {
    expect(countyStationNamed('沿滩那个暖心之家', yantan('沿滩那个暖心之家'), stations(2), words)).toBeUndefined();
    expect(countyStationNamed('沿滩那个暖心之家', yantan('沿滩那个暖心之家'), stations(0), words)).toBeUndefined();
    expect(countyStationNamed('沿滩被偷了油，暖心之家', yantan('沿滩被偷了油，暖心之家'), stations(1), words)).toBeUndefined();
  });
});
