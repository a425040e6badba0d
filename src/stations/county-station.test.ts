// A county's one driver home named as "沿滩那个暖心之家" is that station; a county with several, or a wider gap, is not.
import { describe, expect, it } from 'vitest';
import { countyStationsNamed } from './county-station.js';
import type { PlaceMatch } from './place-finder.js';
import { stationWords } from './station-words.js';
import { testLexicon } from '../../tests/support/intent-words.js';

// The reviewed words of knowledge/lexicon/stations (rules county-to-home and place-list), not stand-ins.
const words = stationWords(testLexicon).countyStation;
const yantan = (text: string): PlaceMatch[] => [
  { kind: 'county', code: '510311', name: '沿滩区', cityName: '自贡市', matched: '沿滩', at: text.indexOf('沿滩'), centre: { lat: 0, lon: 0 } },
];
/** The catalog's answer for a county with `count` driver homes: an id only when there is exactly one. */
const stations = (count: number) => () => (count === 1 ? 'yantan-fwq' : undefined);

describe('namesCountyStation', () => {
  it('reads a county and its driver home, joined directly or by 的 / 那个, as the one station there', () => {
    for (const text of ['沿滩那个暖心之家好多钱一晚', '沿滩的暖心之家能住不', '沿滩暖心之家在哪', '沿滩 那边的 司机之家']) {
      expect(countyStationsNamed(text, yantan(text), stations(1), words), text).toEqual(['yantan-fwq']);
    }
  });

  it('does not when the county has several stations or none, or other words stand between', () => {
    expect(countyStationsNamed('沿滩那个暖心之家', yantan('沿滩那个暖心之家'), stations(2), words)).toEqual([]);
    expect(countyStationsNamed('沿滩那个暖心之家', yantan('沿滩那个暖心之家'), stations(0), words)).toEqual([]);
    expect(countyStationsNamed('沿滩被偷了油，暖心之家', yantan('沿滩被偷了油，暖心之家'), stations(1), words)).toEqual([]);
  });

  it("reads counties joined by 和 before one driver-home word as each one's station, and not places joined by 到", () => {
    const jintangYantan = (text: string): PlaceMatch[] => [
      { kind: 'county', code: '510121', name: '金堂县', cityName: '成都市', matched: '金堂', at: text.indexOf('金堂'), centre: { lat: 0, lon: 0 } },
      { kind: 'county', code: '510311', name: '沿滩区', cityName: '自贡市', matched: '沿滩', at: text.indexOf('沿滩'), centre: { lat: 0, lon: 0 } },
    ];
    const one = (code: string) => (code === '510121' ? 'jintang-fwq' : 'yantan-fwq');
    const both = '金堂和沿滩那两个暖心之家，哪个可以洗衣服';
    expect(countyStationsNamed(both, jintangYantan(both), one, words)).toEqual(['jintang-fwq', 'yantan-fwq']);
    const trip = '我从金堂到沿滩 路上有没有暖心之家';
    expect(countyStationsNamed(trip, jintangYantan(trip), one, words)).toEqual([]);
  });
});
