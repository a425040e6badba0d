// Reads a station list for import from JSON (the knowledge format) or CSV (one station a row), row by row so bad rows are reported, not fatal.
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { checkStationsAgainstGazetteer } from './parse-data.js';
import { stationSchema, type Station } from './station-schema.js';
import { type Gazetteer } from '../china/gazetteer.js';

export interface ParsedImport {
  stations: Station[];
  rejected: { row: number; id?: string; problems: string[] }[];
}

function issues(error: z.ZodError): string[] {
  return error.issues.map((i) => `field "${i.path.join('.') || '(row)'}": ${i.message}`);
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(/[|;；、]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** "00:00-24:00" or "weekdays 08:00-20:00; weekends 09:00-18:00". */
function hours(v: string | undefined) {
  return list(v).map((part) => {
    const m = /^(?:(daily|weekdays|weekends|holidays)\s+)?(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!m) return { days: 'daily', open: part, close: '' };
    return { days: m[1] ?? 'daily', open: m[2]!.padStart(5, '0'), close: m[3]!.padStart(5, '0') };
  });
}

/** "货车司机套餐:10|住宿(每晚):1". */
function prices(v: string | undefined) {
  return list(v).map((part) => {
    const at = part.lastIndexOf(':');
    return { item: part.slice(0, at).trim(), yuan: at < 0 ? Number.NaN : Number(part.slice(at + 1)) };
  });
}

const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v));
const opt = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/** Maps a CSV record onto the Station shape; the schema then judges it like any other row. */
function fromCsvRecord(r: Record<string, string>): unknown {
  const highway = opt(r.highwayName) ? { code: opt(r.highwayCode), name: opt(r.highwayName), direction: opt(r.highwayDirection) } : undefined;
  const row: Record<string, unknown> = {
    id: opt(r.id),
    name: opt(r.name),
    kind: opt(r.kind),
    province: opt(r.province) ?? '四川省',
    city: opt(r.city),
    cityCode: opt(r.cityCode),
    county: opt(r.county),
    countyCode: opt(r.countyCode),
    highway: highway ? Object.fromEntries(Object.entries(highway).filter(([, v]) => v !== undefined)) : undefined,
    address: opt(r.address),
    lat: num(r.lat),
    lon: num(r.lon),
    approximate: !/^(false|0|否|no)$/i.test((r.approximate ?? '').trim()),
    amenities: list(r.amenities),
    prices: prices(r.prices),
    hours: hours(r.hours),
    mealHours: opt(r.mealHours) ? hours(r.mealHours) : undefined,
    beds: num(r.beds) ?? 0,
    phone: opt(r.phone),
    requirements: opt(r.requirements) ? list(r.requirements) : undefined,
    aliases: list(r.aliases),
    notes: opt(r.notes),
    source: opt(r.source),
  };
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
}

export const CSV_COLUMNS = [
  'id',
  'name',
  'kind',
  'city',
  'cityCode',
  'county',
  'countyCode',
  'lat',
  'lon',
  'approximate',
  'amenities',
  'beds',
  'hours',
  'mealHours',
  'prices',
  'highwayCode',
  'highwayName',
  'highwayDirection',
  'address',
  'phone',
  'aliases',
  'requirements',
  'notes',
  'source',
];

export function parseImport(text: string, format: 'json' | 'csv', gazetteer: Gazetteer): ParsedImport {
  let raw: unknown[];
  if (format === 'json') {
    const json = JSON.parse(text) as unknown;
    if (!Array.isArray(json)) throw new Error('the JSON file must be an array of stations');
    raw = json;
  } else {
    const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Record<
      string,
      string
    >[];
    raw = records.map(fromCsvRecord);
  }
  const out: ParsedImport = { stations: [], rejected: [] };
  const seen = new Map<string, number>();
  raw.forEach((value, row) => {
    const id = value && typeof value === 'object' ? ((value as Record<string, unknown>).id as string | undefined) : undefined;
    const parsed = stationSchema.safeParse(value);
    if (!parsed.success) {
      out.rejected.push({ row, ...(id ? { id: String(id) } : {}), problems: issues(parsed.error) });
      return;
    }
    const problems = checkStationsAgainstGazetteer([parsed.data], gazetteer).map((p) => p.replace(/^row 0 \([^)]*\), /, ''));
    const first = seen.get(parsed.data.id);
    if (first !== undefined) problems.push(`field "id": duplicate of row ${first + 1}`);
    if (problems.length) {
      out.rejected.push({ row, id: parsed.data.id, problems });
      return;
    }
    seen.set(parsed.data.id, row);
    out.stations.push(parsed.data);
  });
  return out;
}
