// Reads the station cards a reply carries (owned by the stations domain) tolerantly, for channels that show them as text.
import { z } from 'zod';

const url = z.string().regex(/^https?:\/\//);

const cardSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().min(1),
    distanceKm: z.number().nonnegative().optional(),
    distanceM: z.number().nonnegative().optional(),
    address: z.string().optional(),
    phone: z.string().optional(),
    hours: z.string().optional(),
    amenities: z.array(z.union([z.string(), z.object({ label: z.string() }).transform((a) => a.label)])).optional(),
    nav: z.union([url, z.record(z.string(), z.unknown())]).optional(),
    navigation: z.union([url, z.record(z.string(), z.unknown())]).optional(),
    links: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional(),
  })
  .loose();

export interface StationCard {
  name: string;
  distanceKm?: number;
  address?: string;
  phone?: string;
  hours?: string;
  amenities: string[];
  /** Navigation links with a label the driver recognises (高德, 百度 …). */
  links: { label: string; url: string }[];
}

const LINK_LABELS: Record<string, string> = {
  amap: '高德导航',
  gaode: '高德导航',
  baidu: '百度导航',
  tencent: '腾讯导航',
  qq: '腾讯导航',
  apple: '苹果地图',
};

function collectLinks(value: unknown, into: { label: string; url: string }[], label = '导航'): void {
  if (typeof value === 'string' && /^https?:\/\//.test(value)) into.push({ label, url: value });
  else if (Array.isArray(value)) for (const v of value) collectLinks(v, into, label);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.url === 'string') collectLinks(o.url, into, typeof o.label === 'string' ? o.label : label);
    else for (const [k, v] of Object.entries(o)) collectLinks(v, into, LINK_LABELS[k.toLowerCase()] ?? label);
  }
}

export function readStationCards(stations: unknown[] | undefined): StationCard[] {
  const cards: StationCard[] = [];
  for (const raw of stations ?? []) {
    const parsed = cardSchema.safeParse(raw);
    if (!parsed.success) continue;
    const s = parsed.data;
    const links: { label: string; url: string }[] = [];
    collectLinks(s.nav, links);
    collectLinks(s.navigation, links);
    collectLinks(s.links, links);
    const distanceKm = s.distanceKm ?? (s.distanceM !== undefined ? s.distanceM / 1000 : undefined);
    cards.push({
      name: s.name,
      ...(distanceKm !== undefined ? { distanceKm } : {}),
      ...(s.address ? { address: s.address } : {}),
      ...(s.phone ? { phone: s.phone } : {}),
      ...(s.hours ? { hours: s.hours } : {}),
      amenities: s.amenities ?? [],
      links: links.filter((l, i) => links.findIndex((m) => m.url === l.url) === i),
    });
  }
  return cards;
}

export function formatDistance(km: number): string {
  return km < 1 ? `${Math.round(km * 1000)}米` : `${km < 10 ? km.toFixed(1) : Math.round(km)}公里`;
}
