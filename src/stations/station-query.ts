// Understands a station question: where the driver is, where they are heading, which road, what they need, which station they named.
import type { GeoPoint } from '../core/types.js';
import type { LatLon } from '../china/geo.js';
import type { PlaceFinder, PlaceMatch } from './place-finder.js';
import { countyStationsNamed } from './county-station.js';
import { routeIn } from './route-words.js';
import type { RouteFilter } from './station-search.js';
import type { Amenity, StationKind } from './station-schema.js';
import { amenitiesIn, type StationWords } from './station-words.js';
import { isWordSpaced, joinSpokenWords } from '../core/normalise.js';

export interface StationQuery {
  amenities: Amenity[];
  /** Only driver homes when the driver said 暖心之家 / 司机之家. */
  kinds?: StationKind[];
  /** Where to measure from, and how the driver told us. */
  origin?: { point: LatLon; source: 'location' | 'place'; label: string };
  route?: RouteFilter;
  /** A route was mentioned with a destination we could not place. */
  unknownToward?: string;
  /** A station named in the sentence (placed or unplaced id). */
  namedStationId?: string;
  /** Every station named, when the driver names several to compare ("金堂和沿滩那两个暖心之家，哪个能洗衣服"). */
  namedStationIds: string[];
  /** The driver asks what stations offer in general, not where one is. */
  asksOverview: boolean;
  wantsNearby: boolean;
  /** What it costs is asked (多少钱一晚): a spoken answer says the prices. */
  asksPrice: boolean;
}

function placeLabel(p: PlaceMatch): string {
  return p.kind === 'county' ? `${p.cityName}${p.name}` : p.name;
}

export function understandStationQuestion(
  text: string,
  location: GeoPoint | undefined,
  places: PlaceFinder,
  words: StationWords,
  onlyStationIn?: (countyCode: string) => string | undefined,
): StationQuery {
  // A transcript that spaces every word ("成德 南 高速 上 有 没有 暖心 之家") names its road and amenities joined up;
  // places are read as spoken, where a name heard in other characters (沿谈) stands as a word of its own.
  const joined = isWordSpaced(text) ? joinSpokenWords(text) : text;
  const amenities = amenitiesIn(joined, words);
  const route = routeIn(joined);
  let towardMatch: PlaceMatch | undefined;
  let rest = text;
  if (route?.toward) {
    towardMatch = places.find(route.toward).find((p) => p.kind !== 'station') ?? places.find(route.toward)[0];
    // Read from the joined words, the direction is taken out of the spoken ones with their spaces.
    rest = text.replace(new RegExp(Array.from(route.toward).join('\\s*'), 'u'), ' ');
  }
  // A name a speech recogniser wrote in other characters (沿摊) is found by its sound when none is written right.
  const written = places.find(rest);
  const found = written.length > 0 ? written : places.findBySound(rest);
  const station = found.find((p) => p.kind === 'station');
  // Offsets of what was found are into `rest`, the text with the direction taken out.
  const byCounty = onlyStationIn ? countyStationsNamed(rest, found, onlyStationIn, words.countyStation) : [];
  const countyStation = station ? undefined : byCounty[0];
  const namedStationIds = [...new Set([...found.flatMap((p) => (p.kind === 'station' ? [p.id] : [])), ...byCounty])];
  const county = found.filter((p) => p.kind === 'county').at(-1);
  const city = found.filter((p) => p.kind === 'city').at(-1);
  const area = county ?? city;

  let origin: StationQuery['origin'];
  if (location) origin = { point: { lat: location.lat, lon: location.lon }, source: 'location', label: location.label ?? '您的位置' };
  else if (area) origin = { point: area.centre, source: 'place', label: placeLabel(area) };

  const routeFilter: RouteFilter | undefined = route
    ? {
        ...(route.code ? { code: route.code } : {}),
        ...(route.name ? { name: route.name } : {}),
        ...(towardMatch && towardMatch.kind !== 'station' ? { toward: { ...towardMatch.centre, name: placeLabel(towardMatch) } } : {}),
      }
    : undefined;
  const hasRoute = routeFilter && (routeFilter.code || routeFilter.name || routeFilter.toward);

  return {
    amenities,
    ...(words.driverHome.test(text) ? { kinds: ['暖心之家', '司机之家'] as StationKind[] } : {}),
    ...(origin ? { origin } : {}),
    ...(hasRoute ? { route: routeFilter } : {}),
    ...(route?.toward && !routeFilter?.toward ? { unknownToward: route.toward } : {}),
    ...(station && station.kind === 'station' ? { namedStationId: station.id } : countyStation ? { namedStationId: countyStation } : {}),
    asksOverview: words.overview.test(text),
    wantsNearby: words.nearby.test(text),
    asksPrice: words.price.test(text),
    namedStationIds,
  };
}
