// The stations domain's words for understanding a station question (knowledge/lexicon/stations: amenities, nearby, overview, driver homes), from one compiled lexicon.
import type { WordTest } from '../core/intent.js';
import { ruleOf, type Lexicon, type WordSet } from '../lexicon/compile.js';
import type { CountyStationWords } from './county-station.js';
import { AMENITIES, type Amenity } from './station-schema.js';

export interface StationWords {
  /** Amenity words; each rule is named after its amenity (hot-water → hot_water), in the order they are tried. */
  amenities: WordSet;
  /** Around a point or ahead ("附近", "下一个"). */
  nearby: WordTest;
  /** What stations offer in general ("有什么服务"). */
  overview: WordTest;
  /** Naming 暖心之家 / 司机之家 asks for driver homes only. */
  driverHome: WordTest;
  /** A county's driver home named as 沿滩那个暖心之家. */
  countyStation: CountyStationWords;
  /** Asking what something costs (多少钱, 收费): the spoken answer then says the prices. */
  price: WordTest;
}

const amenityOf = (ruleName: string) => ruleName.replace(/-/g, '_') as Amenity;

/** A missing file, a missing rule or an amenity rule named after no amenity is a start-up error naming it. */
export function stationWords(lexicon: Lexicon): StationWords {
  const amenities = lexicon.set('stations/amenities');
  for (const rule of amenities.rules) {
    if (!(AMENITIES as readonly string[]).includes(amenityOf(rule.name))) {
      throw new Error(`knowledge/lexicon/stations/amenities.yaml: rule ${rule.name} names no amenity (${AMENITIES.join(', ')})`);
    }
  }
  const place = lexicon.set('stations/place');
  const driverHome = place.rules.find((r) => r.name === 'driver-home');
  if (!driverHome) throw new Error('knowledge/lexicon/stations/place.yaml has no rule named driver-home');
  return {
    amenities,
    nearby: lexicon.set('stations/nearby'),
    overview: lexicon.set('stations/overview'),
    driverHome: driverHome.pattern,
    countyStation: {
      driverHome: ruleOf(place, 'driver-home'),
      filler: ruleOf(lexicon.set('stations/references'), 'county-to-home'),
      joiner: ruleOf(lexicon.set('stations/references'), 'place-list'),
    },
    price: ruleOf(lexicon.set('stations/station-questions'), 'price'),
  };
}

/** The amenities a sentence asks for, in the rules' order. */
export function amenitiesIn(text: string, words: Pick<StationWords, 'amenities'>): Amenity[] {
  return words.amenities.rules.filter((r) => r.pattern.test(text)).map((r) => amenityOf(r.name));
}
