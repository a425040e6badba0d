// What a driver's sentence asks for, as station amenities: 洗澡 → shower, 住 → lodging, 吃饭 → meal …
import type { Amenity } from './station-schema.js';

/** Ordered so the more specific words are tried first (洗衣 before 洗澡's 洗). */
const AMENITY_WORDS: readonly [Amenity, RegExp][] = [
  ['laundry', /洗衣|洗衣服|洗个衣服|晾衣/],
  ['shower', /洗澡|洗个澡|冲凉|冲个凉|淋浴|澡堂|热水澡|洗漱/],
  ['lodging', /住宿|住一晚|住一夜|住一宿|住下|住的|能住|可以住|好住|住哪|睡觉|睡一觉|睡一晚|睡个觉|过夜|床位|床铺|打个盹|歇一晚|歇一夜|宿舍|旅馆|客房/],
  ['meal', /吃饭|吃个饭|吃的|吃东西|吃点|饭菜|饭堂|食堂|套餐|快餐|早餐|午饭|晚饭|夜宵|吃口热/],
  ['shared_kitchen', /厨房|自己做饭|自己煮|煮饭|做饭/],
  // "吃口热饭" wants a hot meal; only heating one's own food is meal heating.
  ['meal_heating', /(?<!吃[口点个顿]?)热饭|加热|微波炉/],
  ['hot_water', /热水|开水|打水|接水/],
  ['parking', /停车|停个车|停车位|车位|停一晚车/],
  ['fuel', /加油|油站|加气/],
  ['repair', /修车|维修|补胎|换胎|汽修/],
  ['charging', /充电/],
  ['legal_help', /法律|律师|打官司/],
  ['psych_help', /心理|谈心|疏导/],
];

export function amenitiesIn(text: string): Amenity[] {
  const found: Amenity[] = [];
  for (const [amenity, pattern] of AMENITY_WORDS) if (pattern.test(text)) found.push(amenity);
  return found;
}

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
