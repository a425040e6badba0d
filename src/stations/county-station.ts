// "沿滩那个暖心之家", "金堂和沿滩那两个暖心之家": counties named just before a driver-home word name each county's one station.
import type { WordTest } from '../core/intent.js';
import type { PlaceMatch } from './place-finder.js';

/** How far after the county the driver-home word may start (服务区那边那个). */
const MAX_GAP_CHARS = 7;

export interface CountyStationWords {
  /** 暖心之家 / 司机之家 (stations/place, rule driver-home), without the g flag. */
  driverHome: RegExp;
  /** What may stand between the county and the word: 的, 那个, 那边的, 服务区那个 (stations/references, rule county-to-home). */
  filler: WordTest;
  /** What joins two places named together: 和, 跟, 还是 (stations/references, rule place-list). */
  joiner: WordTest;
}

type County = Extract<PlaceMatch, { kind: 'county' }>;

/** Whether the driver-home word follows the county with only a filler between. */
function homeFollows(text: string, county: County, words: CountyStationWords): boolean {
  const rest = text.slice(county.at + county.matched.length);
  const home = words.driverHome.exec(rest);
  if (!home) return false;
  const gap = rest.slice(0, home.index).replace(/\s+/g, '');
  return gap.length <= MAX_GAP_CHARS && (gap === '' || words.filler.test(gap));
}

/**
 * The stations a text names as counties' driver homes, where each county has exactly one: the station data answers for
 * them as for their own names ("沿滩暖心之家"), rather than the overview of all of them. Counties joined by 和 / 还是
 * before one driver-home word ("金堂和沿滩那两个暖心之家") are named together.
 */
export function countyStationsNamed(
  text: string,
  found: readonly PlaceMatch[],
  onlyStationIn: (countyCode: string) => string | undefined,
  words: CountyStationWords,
): string[] {
  const counties = found.filter((p): p is County => p.kind === 'county');
  const named = new Set<County>();
  for (let i = counties.length - 1; i >= 0; i--) {
    const county = counties[i] as County;
    const next = counties[i + 1];
    const joined = next !== undefined && named.has(next) && words.joiner.test(text.slice(county.at + county.matched.length, next.at).trim());
    if (joined || homeFollows(text, county, words)) named.add(county);
  }
  const ids = counties.filter((c) => named.has(c)).map((c) => onlyStationIn(c.code));
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}
