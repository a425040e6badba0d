// Station search: nearest to a point, ahead on a route toward a place, filtered by amenities, with open-now on the China clock.
import { distanceKm, type LatLon } from '../china/geo.js';
import { isAheadOnWay } from './geo.js';
import { isOpenAt } from './opening-hours.js';
import type { SpatialIndex } from './spatial-index.js';
import type { Amenity, Station, StationKind } from './station-schema.js';

export interface RouteFilter {
  /** G5, S11 … matched against station.highway.code. */
  code?: string;
  /** 成渝高速 … matched loosely against station.highway.name. */
  name?: string;
  /** Where the driver is heading. */
  toward?: LatLon & { name: string };
}

export interface SearchRequest {
  point?: LatLon;
  amenities: readonly Amenity[];
  kinds?: readonly StationKind[];
  route?: RouteFilter;
  limit?: number;
  /** Beyond this a station is not "nearby"; the nearest is still returned, flagged out of reach. */
  reachKm?: number;
  now: Date;
}

export interface StationHit {
  station: Station;
  distanceKm?: number;
  openNow?: boolean;
}

export interface SearchResult {
  hits: StationHit[];
  /** False when nothing matched within reach and the hits are the nearest anyway. */
  withinReach: boolean;
  mode: 'nearest' | 'ahead' | 'on_route' | 'none';
}

export const DEFAULT_LIMIT = 3;
export const DEFAULT_REACH_KM = 80;

const core = (name: string) => name.replace(/高速公路|高速|国道|\(.*\)|（.*）/g, '');

export function onRoute(station: Station, route: RouteFilter): boolean {
  if (!route.code && !route.name) return true;
  const hw = station.highway;
  if (!hw) return false;
  if (route.code && hw.code === route.code) return true;
  if (route.name) {
    const want = core(route.name);
    const have = core(hw.name);
    if (want.length >= 2 && have.length >= 2 && (have.includes(want) || want.includes(have))) return true;
  }
  return false;
}

/** Open now for what the driver asked: the kitchen's hours when they asked to eat, else the station's. */
export function openNowFor(station: Station, amenities: readonly Amenity[], now: Date): boolean | undefined {
  const hours = amenities.includes('meal') && station.mealHours ? station.mealHours : station.hours;
  return isOpenAt(hours, now);
}

export function searchStations(index: SpatialIndex<Station>, req: SearchRequest): SearchResult {
  const limit = req.limit ?? DEFAULT_LIMIT;
  const reach = req.reachKm ?? DEFAULT_REACH_KM;
  const route = req.route;
  const fits = (s: Station) =>
    (!req.kinds || req.kinds.includes(s.kind)) && req.amenities.every((a) => s.amenities.includes(a)) && (!route || onRoute(s, route));
  const hit = (s: Station, d?: number): StationHit => ({
    station: s,
    ...(d !== undefined ? { distanceKm: d } : {}),
    ...(() => {
      const open = openNowFor(s, req.amenities, req.now);
      return open === undefined ? {} : { openNow: open };
    })(),
  });

  const point = req.point;
  if (point && route?.toward) {
    const toward = route.toward;
    const ahead = index.nearest(point, { limit, maxKm: Infinity, accept: (s) => fits(s) && isAheadOnWay(point, s, toward) });
    return { hits: ahead.map((n) => hit(n.item, n.distanceKm)), withinReach: ahead.some((n) => n.distanceKm <= reach * 3), mode: 'ahead' };
  }
  if (point) {
    const near = index.nearest(point, { limit, maxKm: reach, accept: fits });
    if (near.length) return { hits: near.map((n) => hit(n.item, n.distanceKm)), withinReach: true, mode: 'nearest' };
    const nearest = index.nearest(point, { limit: 1, accept: fits });
    return { hits: nearest.map((n) => hit(n.item, n.distanceKm)), withinReach: false, mode: nearest.length ? 'nearest' : 'none' };
  }
  if (route && (route.code || route.name)) {
    let on = index.items.filter(fits);
    const toward = route.toward;
    // Without the driver's position "ahead" is unknown; list the route's stations farthest from the destination first.
    if (toward) on = [...on].sort((a, b) => distanceKm(b, toward) - distanceKm(a, toward));
    return { hits: on.slice(0, Math.max(limit, 5)).map((s) => hit(s)), withinReach: true, mode: on.length ? 'on_route' : 'none' };
  }
  return { hits: [], withinReach: false, mode: 'none' };
}
