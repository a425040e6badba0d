// "沿滩那个暖心之家", "金堂的司机之家": a county named just before a driver-home word names that county's one station.
import type { WordTest } from '../core/intent.js';
import type { PlaceMatch } from './place-finder.js';

/** How far after the county the driver-home word may start (那边那个). */
const MAX_GAP_CHARS = 4;

export interface CountyStationWords {
  /** 暖心之家 / 司机之家 (stations/place, rule driver-home), without the g flag. */
  driverHome: RegExp;
  /** What may stand between the county and the word: 的, 那个, 那边的 (stations/references, rule pick-filler). */
  filler: WordTest;
}

/**
 * The station a text names as a county's driver home, where the county has exactly one: the station data answers for
 * it as for its own name ("沿滩暖心之家"), rather than the overview of all of them.
 */
export function countyStationNamed(
  text: string,
  found: readonly PlaceMatch[],
  onlyStationIn: (countyCode: string) => string | undefined,
  words: CountyStationWords,
): string | undefined {
  for (const place of found) {
    if (place.kind !== 'county') continue;
    const rest = text.slice(place.at + place.matched.length);
    const home = words.driverHome.exec(rest);
    if (!home) continue;
    const gap = rest.slice(0, home.index).replace(/\s+/g, '');
    if (gap.length > MAX_GAP_CHARS || (gap !== '' && !words.filler.test(gap))) continue;
    const id = onlyStationIn(place.code);
    if (id) return id;
  }
  return undefined;
}
