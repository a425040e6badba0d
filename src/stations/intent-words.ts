// The stations domain's intent words (knowledge/lexicon/stations/*.yaml) as the detectors core intent detection orders.
import type { StationIntentWords } from '../core/intent.js';
import type { Lexicon } from '../lexicon/compile.js';

/** A missing file is a start-up error naming it. */
export function stationIntentWords(lexicon: Lexicon): StationIntentWords {
  return {
    booking: lexicon.set('stations/booking'),
    bookingQuestion: lexicon.set('stations/booking-question'),
    place: lexicon.set('stations/place'),
    need: lexicon.set('stations/need'),
    roadRule: lexicon.set('stations/road-rule'),
    seek: lexicon.set('stations/seek'),
    notSearch: lexicon.set('stations/not-a-search'),
    price: { test: (text) => lexicon.set('stations/station-questions').matching(text).includes('price') },
  };
}
