// Turns search hits into reply cards (structured `stations`) and into the lines and speech a driver reads or hears.
import { describeAmenities } from './amenity-words.js';
import { roundKm } from './geo.js';
import { navLinks, type NavLinks } from './nav-links.js';
import { describeHours } from './opening-hours.js';
import type { StationHit } from './station-search.js';
import type { Amenity, Station, StationKind } from './station-schema.js';

export interface StationCard {
  id: string;
  name: string;
  kind: StationKind;
  distanceKm?: number;
  amenities: Amenity[];
  amenityLabels: string[];
  openNow?: boolean;
  hours: string;
  mealHours?: string;
  /** City, county and road: enough to recognise the place, not a postal address. */
  address: string;
  highway?: string;
  beds: number;
  prices: { item: string; yuan: number }[];
  lat: number;
  lon: number;
  /** The position is a town-level estimate: navigate close, then follow the signs. */
  approximate: boolean;
  nav: NavLinks;
}

export function placeLine(s: Station): string {
  const road = s.highway
    ? `${s.highway.code ? `${s.highway.code} ` : ''}${s.highway.name}${s.highway.direction ? `（${s.highway.direction}）` : ''}`
    : undefined;
  return [`${s.city}${s.county}`, road ?? s.address].filter(Boolean).join('，');
}

export function toCard(hit: StationHit): StationCard {
  const s = hit.station;
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    ...(hit.distanceKm !== undefined ? { distanceKm: roundKm(hit.distanceKm) } : {}),
    amenities: [...s.amenities],
    amenityLabels: describeAmenities(s.amenities),
    ...(hit.openNow !== undefined ? { openNow: hit.openNow } : {}),
    hours: describeHours(s.hours),
    ...(s.mealHours ? { mealHours: describeHours(s.mealHours) } : {}),
    address: placeLine(s),
    ...(s.highway ? { highway: s.highway.name } : {}),
    beds: s.beds,
    prices: s.prices.map((p) => ({ item: p.item, yuan: p.yuan })),
    lat: s.lat,
    lon: s.lon,
    approximate: s.approximate,
    nav: navLinks(s),
  };
}

function openText(card: StationCard): string {
  if (card.openNow === true) return `现在开着（${card.hours}）`;
  if (card.openNow === false) return `现在没开（${card.hours}）`;
  return `营业时间${card.hours}`;
}

/** One price as a driver reads it: 0 yuan is said as free (洗衣、洗澡免费), not 0元. */
export function priceItem(p: { item: string; yuan: number }): string {
  return p.yuan === 0 ? `${p.item}免费` : `${p.item}${p.yuan}元`;
}

export function priceText(s: Pick<Station, 'prices'>): string {
  return s.prices.map(priceItem).join('，');
}

/** The prices as said aloud: an item's bracketed detail ((1荤2素1汤), (每晚)) is for reading, not for a voice. */
export function spokenPrices(s: Pick<Station, 'prices'>): string {
  return s.prices.map((p) => priceItem({ ...p, item: p.item.replace(/[（(][^）)]*[）)]/gu, '') })).join('，');
}

/** One numbered block per station, with the 高德 link (the other maps are in the card). */
export function cardLines(card: StationCard, n: number, station: Station): string {
  const distance = card.distanceKm !== undefined ? `，约${card.distanceKm}公里` : '';
  const lines = [
    `${n}. ${card.name}（${card.address}）${distance}`,
    `   ${openText(card)}；服务：${card.amenityLabels.slice(0, 7).join('、') || '暂无记录'}`,
  ];
  const prices = priceText(station);
  if (prices) lines.push(`   价格：${prices}`);
  if (card.mealHours && card.amenities.includes('meal')) lines.push(`   供餐：${card.mealHours}`);
  lines.push(`   导航：${card.nav.amap}`);
  return lines.join('\n');
}

export const APPROXIMATE_NOTE = '（站点位置是估计的，导航到附近后请看服务区指示牌。）';

/**
 * The spoken answer. A screen shows the navigation link beside it; a phone call has no text to point to, so the caller
 * hears where the station is (road and direction, or the place) and the name to say to a navigation app.
 */
export function speechFor(first: StationCard, opts: { call?: boolean } = {}): string {
  const distance = first.distanceKm !== undefined ? `，约${Math.max(1, Math.round(first.distanceKm))}公里` : '';
  const open = first.openNow === true ? '，现在开着' : first.openNow === false ? '，现在没开' : '';
  const offers = first.amenityLabels.slice(0, 3).join('、');
  const where = opts.call ? `。在${first.address.replace(/[（）()]/g, ' ').trim()}，导航搜“${first.name}”就行。` : '。导航链接发在文字里了。';
  return `最近的是${first.name}${distance}${open}${offers ? `，能${offers}` : ''}${where}`;
}
