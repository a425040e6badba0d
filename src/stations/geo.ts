// "Ahead on the way to" tests and distance rounding used by station search (distance itself is in src/china/geo.ts).
import { distanceKm, type LatLon } from '../china/geo.js';

/**
 * Whether `stop` lies ahead of `from` on the way to `to`: closer to the destination than the driver is,
 * and not a big detour. Roads are not straight, so the corridor is generous (max of 25 km or 20% of the trip).
 */
export function isAheadOnWay(from: LatLon, stop: LatLon, to: LatLon): boolean {
  const trip = distanceKm(from, to);
  const toStop = distanceKm(from, stop);
  const stopToDest = distanceKm(stop, to);
  if (stopToDest >= trip - 0.5) return false;
  const detour = toStop + stopToDest - trip;
  return detour <= Math.max(25, trip * 0.2);
}

/** Rounds a distance for people: one decimal under 10 km, whole km above. */
export function roundKm(km: number): number {
  return km < 10 ? Math.round(km * 10) / 10 : Math.round(km);
}
