// The stations in memory: spatial index, id map and place finder rebuilt from the store on load, import or change.
import type { PlaceFinder as PlaceFinderType } from './place-finder.js';
import { PlaceFinder } from './place-finder.js';
import type { StationStore } from './ports.js';
import { SpatialIndex } from './spatial-index.js';
import type { Station, UnplacedStation } from './station-schema.js';
import type { Gazetteer } from '../china/gazetteer.js';

interface Snapshot {
  index: SpatialIndex<Station>;
  byId: Map<string, Station>;
  places: PlaceFinderType;
  version: string;
}

/** How often a search may check the store for edits made by another process (the import script, staff tools). */
const STALE_AFTER_MS = 30_000;

export class StationCatalog {
  private snapshot: Snapshot;
  private checkedAt = 0;
  private checking: Promise<void> | undefined;

  private constructor(
    private readonly store: StationStore,
    readonly gazetteer: Gazetteer,
    readonly unplaced: readonly UnplacedStation[],
    snapshot: Snapshot,
  ) {
    this.snapshot = snapshot;
  }

  static async open(store: StationStore, gazetteer: Gazetteer, unplaced: readonly UnplacedStation[]): Promise<StationCatalog> {
    const catalog = new StationCatalog(store, gazetteer, unplaced, await StationCatalog.build(store, gazetteer, unplaced));
    catalog.checkedAt = Date.now();
    return catalog;
  }

  private static async build(store: StationStore, gazetteer: Gazetteer, unplaced: readonly UnplacedStation[]): Promise<Snapshot> {
    const version = await store.version();
    const stations = (await store.list()).map((s) => s.station);
    return {
      index: new SpatialIndex(stations),
      byId: new Map(stations.map((s) => [s.id, s])),
      places: new PlaceFinder(gazetteer, [...stations, ...unplaced]),
      version,
    };
  }

  /** Rebuilds from the store now (after an import in this process). */
  async reload(): Promise<void> {
    this.snapshot = await StationCatalog.build(this.store, this.gazetteer, this.unplaced);
    this.checkedAt = Date.now();
  }

  /** Picks up changes written by another process, checking the store at most every 30 s. */
  async refreshIfStale(): Promise<void> {
    if (Date.now() - this.checkedAt < STALE_AFTER_MS) return;
    this.checking ??= (async () => {
      try {
        if ((await this.store.version()) !== this.snapshot.version) await this.reload();
        this.checkedAt = Date.now();
      } finally {
        this.checking = undefined;
      }
    })();
    await this.checking;
  }

  get index(): SpatialIndex<Station> {
    return this.snapshot.index;
  }
  get places(): PlaceFinderType {
    return this.snapshot.places;
  }
  get(id: string): Station | undefined {
    return this.snapshot.byId.get(id);
  }
  getUnplaced(id: string): UnplacedStation | undefined {
    return this.unplaced.find((s) => s.id === id);
  }
  all(): readonly Station[] {
    return this.snapshot.index.items;
  }
  /** The county's driver home when it has exactly one ("沿滩那个暖心之家" can only mean it); a plain service area is none. */
  onlyStationIn(countyCode: string): string | undefined {
    const there = this.all().filter((s) => s.countyCode === countyCode && s.kind !== '服务区');
    return there.length === 1 ? there[0]?.id : undefined;
  }
}
