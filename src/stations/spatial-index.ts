// A static k-d tree (kdbush) over station positions with great-circle nearest-neighbour queries (geokdbush).
import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { distanceKm, type LatLon } from '../china/geo.js';

export interface Located extends LatLon {
  id: string;
}

export interface Neighbour<T> {
  item: T;
  distanceKm: number;
}

/**
 * Immutable: rebuild it when the station list changes (import, staff edit). Building 100k points
 * takes tens of milliseconds, queries well under a millisecond.
 */
export class SpatialIndex<T extends Located> {
  readonly items: readonly T[];
  private readonly tree: KDBush | undefined;

  constructor(items: readonly T[]) {
    this.items = items;
    if (items.length === 0) return;
    const tree = new KDBush(items.length);
    for (const s of items) tree.add(s.lon, s.lat);
    this.tree = tree.finish();
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * Nearest items to a point, closest first. `maxKm` bounds the search radius; `accept` filters
   * (amenities, beds…) inside the tree walk, so a rare amenity does not need a bigger k.
   */
  nearest(point: LatLon, opts: { limit?: number; maxKm?: number; accept?: (item: T) => boolean } = {}): Neighbour<T>[] {
    if (!this.tree) return [];
    const accept = opts.accept;
    const ids = around(
      this.tree,
      point.lon,
      point.lat,
      opts.limit ?? 3,
      opts.maxKm ?? Infinity,
      accept ? (i: number) => accept(this.items[i] as T) : undefined,
    );
    return ids.map((i) => {
      const item = this.items[i] as T;
      return { item, distanceKm: distanceKm(point, item) };
    });
  }
}
