// Understands a station question: where the driver is, where they are heading, which road, what they need, which station they named.
import type { GeoPoint } from '../core/types.js';
import { amenitiesIn } from './amenity-words.js';
import type { LatLon } from '../china/geo.js';
import type { PlaceFinder, PlaceMatch } from './place-finder.js';
import { routeIn } from './route-words.js';
import type { RouteFilter } from './station-search.js';
import type { Amenity, StationKind } from './station-schema.js';

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
  /** The driver asks what stations offer in general, not where one is. */
  asksOverview: boolean;
  wantsNearby: boolean;
}

const NEARBY = /附近|周边|旁边|最近|离我|就近|哪里|哪儿|哪点|在哪|有没有|有没得|有莫得|没得|多远|前面|下一个|下个/;
const OVERVIEW = /(什么|啥子?|哪些)(服务|设施|东西|条件)|能(干|做|办)(什么|啥)|提供(什么|啥|哪些)|有什么(用|好处)|是(什么|啥)/;

function placeLabel(p: PlaceMatch): string {
  return p.kind === 'county' ? `${p.cityName}${p.name}` : p.name;
}

export function understandStationQuestion(text: string, location: GeoPoint | undefined, places: PlaceFinder): StationQuery {
  const amenities = amenitiesIn(text);
  const route = routeIn(text);
  let towardMatch: PlaceMatch | undefined;
  let rest = text;
  if (route?.toward) {
    towardMatch = places.find(route.toward).find((p) => p.kind !== 'station') ?? places.find(route.toward)[0];
    rest = text.replace(route.toward, ' ');
  }
  const found = places.find(rest);
  const station = found.find((p) => p.kind === 'station');
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
    ...(/暖心之家|司机之家/.test(text) ? { kinds: ['暖心之家', '司机之家'] as StationKind[] } : {}),
    ...(origin ? { origin } : {}),
    ...(hasRoute ? { route: routeFilter } : {}),
    ...(route?.toward && !routeFilter?.toward ? { unknownToward: route.toward } : {}),
    ...(station && station.kind === 'station' ? { namedStationId: station.id } : {}),
    asksOverview: OVERVIEW.test(text),
    wantsNearby: NEARBY.test(text),
  };
}
