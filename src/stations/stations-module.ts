// Opens the station domain over the database: seeds from the knowledge files, builds the catalog, and hands out skills, flow and service.
import type { Flow, Skill } from '../core/types.js';
import type { Logger } from '../log.js';
import { createBookingStore } from '../store/booking-store.js';
import type { Database } from '../store/database.js';
import { createStationStore } from '../store/station-store.js';
import { createBooking } from './booking-flow.js';
import { createBookingService, type BookingService } from './booking-service.js';
import type { StationStore } from './ports.js';
import type { Gazetteer, Station, UnplacedStation } from './station-schema.js';
import { StationCatalog } from './station-catalog.js';
import { createLocationFlow } from './location-flow.js';
import { createStationSkill } from './station-skill.js';
import { seedStations } from './station-sync.js';

export interface StationsModule {
  catalog: StationCatalog;
  store: StationStore;
  bookings: BookingService;
  stationSkill: Skill;
  bookingSkill: Skill;
  bookingFlow: Flow;
  /** Waits for the place after the station skill asked "where are you?". */
  locationFlow: Flow;
}

export interface StationsData {
  stations: readonly Station[];
  unplaced: readonly UnplacedStation[];
  gazetteer: Gazetteer;
}

export async function openStations(opts: { db: Database; data: StationsData; log?: Logger }): Promise<StationsModule> {
  const { gazetteer, unplaced } = opts.data;
  const store = createStationStore(opts.db);
  const report = await seedStations(store, opts.data.stations);
  if (report.inserted.length || report.updated.length || report.keptEdits.length) {
    opts.log?.info('stations seeded', { inserted: report.inserted.length, updated: report.updated.length, keptEdits: report.keptEdits });
  }
  const catalog = await StationCatalog.open(store, gazetteer, unplaced);
  const bookings = createBookingService(catalog, createBookingStore(opts.db));
  const { skill, flow } = createBooking(catalog, bookings);
  const stationSkill = createStationSkill(catalog);
  return { catalog, store, bookings, stationSkill, bookingSkill: skill, bookingFlow: flow, locationFlow: createLocationFlow(catalog, stationSkill) };
}
