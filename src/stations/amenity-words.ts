// How replies name station amenities (the words drivers ask for them by are data: knowledge/lexicon/stations/amenities.yaml).
import type { Amenity } from './station-schema.js';

export const AMENITY_LABELS: Record<Amenity, string> = {
  meal: '吃饭',
  lodging: '住宿',
  shower: '洗澡',
  laundry: '洗衣',
  parking: '停车',
  fuel: '加油',
  repair: '修车',
  charging: '充电',
  legal_help: '法律咨询',
  psych_help: '心理疏导',
  hot_water: '热水',
  meal_heating: '热饭',
  party_activity: '党群活动',
  shared_kitchen: '共享厨房',
};

/** The amenities a driver cares about most, in the order a reply lists them. */
export const AMENITY_ORDER: readonly Amenity[] = [
  'meal',
  'shower',
  'lodging',
  'laundry',
  'parking',
  'hot_water',
  'shared_kitchen',
  'meal_heating',
  'fuel',
  'repair',
  'charging',
  'legal_help',
  'psych_help',
  'party_activity',
];

export function describeAmenities(amenities: readonly Amenity[]): string[] {
  return AMENITY_ORDER.filter((a) => amenities.includes(a)).map((a) => AMENITY_LABELS[a]);
}
