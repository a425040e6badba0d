// Opens the station domain over the stores the composition root hands it: seeds from the knowledge files, builds the catalog, and hands out skills, flow and service.
import type { Flow, Skill } from '../core/types.js';
import type { Logger } from '../log.js';
import { createBooking } from './booking-flow.js';
import { createBookingFollowUp } from './booking-follow-up.js';
import { createStationFollowUp, type Words } from './station-follow-up.js';
import type { FollowUp } from '../core/engine.js';
import { createBookingService, type BookingService } from './booking-service.js';
import type { BookingStore, StationStore } from './ports.js';
import type { Station, UnplacedStation } from './station-schema.js';
import type { Gazetteer } from '../china/gazetteer.js';
import { StationCatalog } from './station-catalog.js';
import { createLocationFlow } from './location-flow.js';
import { createStationSkill } from './station-skill.js';
import { seedStations } from './station-sync.js';
import type { StationWords } from './station-words.js';

export interface StationsModule {
  catalog: StationCatalog;
  store: StationStore;
  bookings: BookingService;
  stationSkill: Skill;
  bookingSkill: Skill;
  bookingFlow: Flow;
  /** Waits for the place after the station skill asked "where are you?". */
  locationFlow: Flow;
  /** Replies acting on what was just shown or booked (the engine tries them before intent detection). */
  followUps: FollowUp[];
}

/** The compiled word sets the follow-ups read (knowledge/lexicon/stations/*.yaml and core/answers.yaml). */
export interface StationFollowUpWords {
  references: Words;
  questions: Words;
  coverage: Words;
  answers: Words;
  moves: Words;
  places: Words;
  needs: Words;
}

export interface StationsData {
  stations: readonly Station[];
  unplaced: readonly UnplacedStation[];
  gazetteer: Gazetteer;
}

export interface StationsModuleOptions {
  store: StationStore;
  bookingStore: BookingStore;
  data: StationsData;
  /** The domain's words (knowledge/lexicon/stations), compiled by the composition root. */
  words: StationWords;
  log?: Logger;
  followUpWords: StationFollowUpWords;
}

export async function openStations(opts: StationsModuleOptions): Promise<StationsModule> {
  const { gazetteer, unplaced } = opts.data;
  const store = opts.store;
  const report = await seedStations(store, opts.data.stations);
  if (report.inserted.length || report.updated.length || report.keptEdits.length) {
    opts.log?.info('stations seeded', { inserted: report.inserted.length, updated: report.updated.length, keptEdits: report.keptEdits });
  }
  const catalog = await StationCatalog.open(store, gazetteer, unplaced);
  const bookings = createBookingService(catalog, opts.bookingStore);
  const booking = createBooking(catalog, bookings);
  const stationSkill = createStationSkill(catalog, opts.words);
  const followUps = [
    createBookingFollowUp({ service: bookings, booking, words: { moves: opts.followUpWords.moves } }),
    createStationFollowUp({ catalog, booking, words: opts.followUpWords }),
  ];
  return {
    catalog,
    store,
    bookings,
    stationSkill,
    bookingSkill: booking.skill,
    bookingFlow: booking.flow,
    locationFlow: createLocationFlow(catalog, stationSkill, opts.words),
    followUps,
  };
}
