// Zod schemas and types for driver stations (暖心之家 / 司机之家 / 服务区); the gazetteer they point into is src/china/gazetteer.ts.
import { z } from 'zod';
import { divisionCode, sichuanLat as lat, sichuanLon as lon } from '../china/gazetteer.js';

// 24:00 is only meaningful as a closing time ("open until midnight"), so opening times stop at 23:59.
const openTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM between 00:00 and 23:59');
const closeTime = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected HH:MM between 00:00 and 24:00');

export const STATION_KINDS = ['暖心之家', '司机之家', '服务区'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export const AMENITIES = [
  'meal',
  'lodging',
  'shower',
  'laundry',
  'parking',
  'fuel',
  'repair',
  'charging',
  'legal_help',
  'psych_help',
  'hot_water',
  'meal_heating',
  'party_activity',
  // The seed singles out 下八庙's 共享厨房; drivers ask for it by name, so it is its own amenity.
  'shared_kitchen',
] as const;
export type Amenity = (typeof AMENITIES)[number];

export const DAY_SETS = ['daily', 'weekdays', 'weekends', 'holidays'] as const;
export type DaySet = (typeof DAY_SETS)[number];

/**
 * One opening window. close < open means the window runs past midnight (18:00–08:00);
 * 00:00–24:00 is the only way to say "24 hours", so open == close is rejected as ambiguous.
 */
export const hoursRangeSchema = z
  .strictObject({ days: z.enum(DAY_SETS), open: openTime, close: closeTime })
  .refine((r) => r.open !== r.close, { message: 'open equals close: write 00:00–24:00 for a 24-hour window', path: ['close'] });
export type HoursRange = z.infer<typeof hoursRangeSchema>;

export const highwaySchema = z.strictObject({
  // Optional because several Sichuan expressways are known by name while their national/provincial number is unsure.
  code: z
    .string()
    .regex(/^[GS]\d{1,4}$/, 'expected a route number like G5, G4215 or S11')
    .optional(),
  name: z.string().min(1),
  direction: z.string().min(1).optional(),
  km: z.number().nonnegative().optional(),
});
export type Highway = z.infer<typeof highwaySchema>;

export const priceSchema = z.strictObject({
  item: z.string().min(1),
  yuan: z.number().nonnegative(),
  note: z.string().min(1).optional(),
});
export type Price = z.infer<typeof priceSchema>;

export const stationSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case ascii id like jintang-fwq'),
  name: z.string().min(1),
  kind: z.enum(STATION_KINDS),
  province: z.literal('四川省'),
  city: z.string().min(1),
  cityCode: divisionCode,
  county: z.string().min(1),
  countyCode: divisionCode,
  highway: highwaySchema.optional(),
  /** Street address or landmark for off-highway stations (logistics parks). */
  address: z.string().min(1).optional(),
  lat,
  lon,
  /** True when the coordinates are a best guess (town or county level), not a surveyed point. */
  approximate: z.boolean(),
  amenities: z.array(z.enum(AMENITIES)),
  prices: z.array(priceSchema),
  hours: z.array(hoursRangeSchema),
  /** Kitchen hours differ from the 24-hour front desk at most 暖心之家. */
  mealHours: z.array(hoursRangeSchema).optional(),
  beds: z.number().int().nonnegative(),
  // Never filled from memory: a wrong number sends a tired driver nowhere.
  phone: z.string().min(1).optional(),
  requirements: z.array(z.string().min(1)).optional(),
  aliases: z.array(z.string().min(1)),
  notes: z.string().min(1).optional(),
  source: z.string().min(1),
});
export type Station = z.infer<typeof stationSchema>;

/**
 * A station the seed names but whose position nobody has confirmed. Kept apart from placed stations so a
 * nearest-station search can never return a guessed point, while name search can still say it exists.
 */
export const unplacedStationSchema = stationSchema
  .omit({ lat: true, lon: true, approximate: true, city: true, cityCode: true, county: true, countyCode: true, beds: true })
  .extend({
    beds: z.number().int().nonnegative().optional(),
    city: z.string().min(1).optional(),
    cityCode: divisionCode.optional(),
    county: z.string().min(1).optional(),
    countyCode: divisionCode.optional(),
  });
export type UnplacedStation = z.infer<typeof unplacedStationSchema>;

export const stationsFileSchema = z.array(stationSchema);
export const unplacedStationsFileSchema = z.array(unplacedStationSchema);

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Whether a clock time falls in a window, honouring windows that wrap past midnight.
 * Day sets are not checked here: the caller decides which ranges apply to today.
 */
export function timeInRange(range: Pick<HoursRange, 'open' | 'close'>, hhmm: string): boolean {
  const t = toMinutes(hhmm);
  const open = toMinutes(range.open);
  const close = toMinutes(range.close);
  return open < close ? t >= open && t < close : t >= open || t < close;
}
