// Validates the station list and the Sichuan gazetteer (already parsed JSON), failing with the source, row and field at fault.
import type { z } from 'zod';
import { stationsFileSchema, unplacedStationsFileSchema, type Station, type UnplacedStation } from './station-schema.js';
import { gazetteerSchema, type Gazetteer } from '../china/gazetteer.js';

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
    this.name = 'DataFileError';
  }
}

/** Follows an issue path into the raw JSON, so an error can quote the row's id even when the row failed. */
function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * One line per zod issue, naming the row by index and id (or code): a curator fixing the JSON
 * searches for the id, not for "[7]".
 */
function describeIssues(issues: readonly z.core.$ZodIssue[], root: unknown): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    const rowIndexPos = path.findIndex((p) => /^\d+$/.test(p));
    if (rowIndexPos < 0) return `field "${path.join('.') || '(root)'}": ${issue.message}`;
    const prefix = path.slice(0, rowIndexPos);
    const row = valueAt(root, path.slice(0, rowIndexPos + 1));
    const key =
      row !== null && typeof row === 'object' ? ((row as Record<string, unknown>)['id'] ?? (row as Record<string, unknown>)['code']) : undefined;
    const field = path.slice(rowIndexPos + 1).join('.') || '(row)';
    const label = `${prefix.length ? `${prefix.join('.')} ` : ''}row ${path[rowIndexPos]}${key !== undefined ? ` (${String(key)})` : ''}`;
    return `${label}, field "${field}": ${issue.message}`;
  });
}

function parseWith<T>(schema: z.ZodType<T>, json: unknown, label: string): T {
  const result = schema.safeParse(json);
  if (!result.success) throw new DataFileError(label, describeIssues(result.error.issues, json));
  return result.data;
}

function uniqueProblems(values: { key: string; row: number }[], what: string): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (const { key, row } of values) {
    const first = seen.get(key);
    if (first !== undefined) problems.push(`row ${row}, field "${what}": duplicate of row ${first} (${key})`);
    else seen.set(key, row);
  }
  return problems;
}

/** Validates an already-parsed stations array; `label` names the source in errors. */
export function parseStations(json: unknown, label = 'stations'): Station[] {
  const stations = parseWith(stationsFileSchema, json, label);
  const dupes = uniqueProblems(
    stations.map((s, row) => ({ key: s.id, row })),
    'id',
  );
  if (dupes.length) throw new DataFileError(label, dupes);
  return stations;
}

export function parseUnplacedStations(json: unknown, label = 'unplaced stations'): UnplacedStation[] {
  const stations = parseWith(unplacedStationsFileSchema, json, label);
  const dupes = uniqueProblems(
    stations.map((s, row) => ({ key: s.id, row })),
    'id',
  );
  if (dupes.length) throw new DataFileError(label, dupes);
  return stations;
}

/** Validates the gazetteer, including unique codes and that every county's city exists. */
export function parseGazetteer(json: unknown, label = 'gazetteer'): Gazetteer {
  const gazetteer = parseWith(gazetteerSchema, json, label);
  const problems = [
    ...uniqueProblems(
      gazetteer.cities.map((c, row) => ({ key: c.code, row })),
      'code',
    ).map((p) => `cities ${p}`),
    ...uniqueProblems(
      gazetteer.counties.map((c, row) => ({ key: c.code, row })),
      'code',
    ).map((p) => `counties ${p}`),
  ];
  const cityCodes = new Set(gazetteer.cities.map((c) => c.code));
  gazetteer.counties.forEach((c, row) => {
    if (!cityCodes.has(c.cityCode)) problems.push(`counties row ${row} (${c.code}), field "cityCode": no city ${c.cityCode}`);
  });
  if (problems.length) throw new DataFileError(label, problems);
  return gazetteer;
}

/**
 * Cross-file checks the schemas cannot make alone: each station's county exists, belongs to its
 * city, and carries the gazetteer's names. Returns problems rather than throwing so a test can list them all.
 */
export function checkStationsAgainstGazetteer(
  stations: readonly Pick<Station, 'id' | 'city' | 'cityCode' | 'county' | 'countyCode'>[],
  gazetteer: Gazetteer,
): string[] {
  const counties = new Map(gazetteer.counties.map((c) => [c.code, c]));
  const cities = new Map(gazetteer.cities.map((c) => [c.code, c]));
  const problems: string[] = [];
  stations.forEach((s, row) => {
    const at = `row ${row} (${s.id})`;
    const county = counties.get(s.countyCode);
    const city = cities.get(s.cityCode);
    if (!city) problems.push(`${at}, field "cityCode": ${s.cityCode} is not a city in the gazetteer`);
    else if (city.name !== s.city) problems.push(`${at}, field "city": "${s.city}" but ${s.cityCode} is ${city.name}`);
    if (!county) {
      problems.push(`${at}, field "countyCode": ${s.countyCode} is not a county in the gazetteer`);
      return;
    }
    if (county.cityCode !== s.cityCode) problems.push(`${at}, field "countyCode": ${s.countyCode} belongs to ${county.cityCode}, not ${s.cityCode}`);
    if (county.name !== s.county) problems.push(`${at}, field "county": "${s.county}" but ${s.countyCode} is ${county.name}`);
  });
  return problems;
}
