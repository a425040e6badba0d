// Finds places named inside a sentence: stations by name or alias, counties and cities by full, short or alias names.
import type { LatLon } from '../china/geo.js';
import { pinyin } from 'pinyin-pro';
import type { Gazetteer } from '../china/gazetteer.js';

export type PlaceMatch =
  | { kind: 'station'; id: string; name: string; matched: string; at: number }
  | { kind: 'county'; code: string; name: string; cityName: string; matched: string; at: number; centre: LatLon }
  | { kind: 'city'; code: string; name: string; matched: string; at: number; centre: LatLon };

export interface NamedStation {
  id: string;
  name: string;
  aliases: readonly string[];
}

type Entry = { name: string; match: Omit<PlaceMatch, 'matched' | 'at'> };

const MAX_NAME_CHARS = 8;

function soundOf(name: string): string {
  return pinyin(name, { toneType: 'none', type: 'array', v: true }).join(' ');
}

/**
 * Longest match first, left to right, so 新都桥 (a station) wins over 新都 (a district) and 自贡沿滩
 * yields both the city and the county. Single-character names are never indexed: they occur everywhere.
 */
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The character offsets where a word of a run of characters starts or ends. */
function wordEdges(run: string): Set<number> {
  const edges = new Set<number>([0]);
  let at = 0;
  for (const { segment } of wordSegmenter.segment(run)) {
    at += Array.from(segment).length;
    edges.add(at);
  }
  return edges;
}

export class PlaceFinder {
  private readonly entries: Entry[];
  /** Stations and counties by the sound of their names (沿滩 → "yan tan"), for a name a recogniser wrote as 沿摊. */
  private readonly bySound = new Map<string, Entry>();

  constructor(gazetteer: Gazetteer, stations: readonly NamedStation[]) {
    const entries: Entry[] = [];
    const add = (name: string, match: Entry['match']) => {
      if (Array.from(name).length >= 2) entries.push({ name, match });
    };
    const cities = new Map(gazetteer.cities.map((c) => [c.code, c]));
    // Drivers drop the suffix (新都桥, 下八庙); the bare form is a station name only where no division has it (金堂 stays the county).
    const divisionNames = new Set([...gazetteer.counties, ...gazetteer.cities].flatMap((d) => [d.name, d.shortName, ...(d.aliases ?? [])]));
    // True when the name is nothing but division names run together (自贡沿滩): that is a place, not a station.
    const onlyDivisions = (name: string): boolean => {
      const ok: boolean[] = [true];
      for (let end = 1; end <= name.length; end++) {
        ok[end] = false;
        for (let start = 0; start < end - 1 && !ok[end]; start++) ok[end] = Boolean(ok[start]) && divisionNames.has(name.slice(start, end));
      }
      return Boolean(ok[name.length]);
    };
    for (const s of stations) {
      const m = { kind: 'station' as const, id: s.id, name: s.name };
      const names = new Set([s.name, ...s.aliases]);
      for (const n of [...names]) {
        const bare = n.replace(/(服务区|停车区)?(暖心之家|司机之家)?$/, '').replace(/(服务区|停车区)$/, '');
        if (bare !== n && Array.from(bare).length >= 2 && !onlyDivisions(bare)) names.add(bare);
      }
      for (const n of names) add(n, m);
    }
    for (const c of gazetteer.counties) {
      const m = {
        kind: 'county' as const,
        code: c.code,
        name: c.name,
        cityName: cities.get(c.cityCode)?.name ?? '',
        centre: { lat: c.lat, lon: c.lon },
      };
      for (const n of new Set([c.name, c.shortName, ...(c.aliases ?? [])])) add(n, m);
    }
    for (const c of gazetteer.cities) {
      const m = { kind: 'city' as const, code: c.code, name: c.name, centre: { lat: c.lat, lon: c.lon } };
      for (const n of new Set([c.name, c.shortName, ...(c.aliases ?? [])])) add(n, m);
    }
    // Longer names first; for equal names the insertion order (station, county, city) decides.
    this.entries = entries.sort((a, b) => b.name.length - a.name.length);
    // Two names that sound alike (a county and a station's bare name) make that sound no one's.
    const ambiguous = new Set<string>();
    for (const entry of this.entries) {
      if (entry.match.kind === 'city' || !/^\p{Script=Han}+$/u.test(entry.name)) continue;
      const sound = soundOf(entry.name);
      const known = this.bySound.get(sound);
      // One place's names share one match object, so only another place's name makes a sound ambiguous.
      if (known && known.match !== entry.match) ambiguous.add(sound);
      else if (!known) this.bySound.set(sound, entry);
    }
    for (const sound of ambiguous) this.bySound.delete(sound);
  }

  /**
   * Stations and counties named by sound where no name is written right (那个 沿摊 暖心之家): a speech recogniser picks
   * characters by sound, so a place name may come back in others. Longest sound first, never overlapping.
   */
  findBySound(text: string): PlaceMatch[] {
    const found: PlaceMatch[] = [];
    for (const run of text.matchAll(/\p{Script=Han}{2,}/gu)) {
      const chars = Array.from(run[0]);
      const sounds = pinyin(run[0], { toneType: 'none', type: 'array', v: true });
      if (sounds.length !== chars.length) continue;
      const edges = wordEdges(run[0]);
      for (let i = 0; i < chars.length;) {
        let matched = 0;
        for (let len = Math.min(MAX_NAME_CHARS, chars.length - i); len >= 2 && !matched; len--) {
          // A name heard in other characters still stands as words of its own: 休息的 holds the sound of 喜德 across a word.
          if (!edges.has(i) || !edges.has(i + len)) continue;
          const entry = this.bySound.get(sounds.slice(i, i + len).join(' '));
          if (!entry) continue;
          found.push({ ...entry.match, matched: chars.slice(i, i + len).join(''), at: (run.index ?? 0) + i } as PlaceMatch);
          matched = len;
        }
        i += matched || 1;
      }
    }
    return found;
  }

  /** Every non-overlapping match, in sentence order. */
  find(text: string): PlaceMatch[] {
    const taken: boolean[] = new Array<boolean>(text.length).fill(false);
    const found: PlaceMatch[] = [];
    for (const entry of this.entries) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(entry.name, from);
        if (at < 0) break;
        from = at + 1;
        const end = at + entry.name.length;
        if (taken.slice(at, end).some(Boolean)) continue;
        for (let i = at; i < end; i++) taken[i] = true;
        found.push({ ...entry.match, matched: entry.name, at } as PlaceMatch);
      }
    }
    return found.sort((a, b) => a.at - b.at);
  }
}
