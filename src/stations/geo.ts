// Great-circle distance on the sphere and "ahead on the way to" tests used by station search.

export interface LatLon {
  lat: number;
  lon: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Haversine distance in km; good to well under 0.5% at the distances a driver cares about. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

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
