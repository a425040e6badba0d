// Reads the station list and the Sichuan gazetteer from disk (Node only) and validates them with parse-data.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError, parseGazetteer, parseStations, parseUnplacedStations } from './parse-data.js';
import type { Station, UnplacedStation } from './station-schema.js';
import type { Gazetteer } from '../china/gazetteer.js';

export * from './parse-data.js';

/** Paths under the knowledge root, so callers pass one directory (usually `knowledge`). */
export const STATIONS_FILE = join('stations', 'stations.json');
export const UNPLACED_STATIONS_FILE = join('stations', 'unplaced.json');
export const GAZETTEER_FILE = join('gazetteer', 'sichuan.json');

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DataFileError(path, [`cannot read: ${(err as Error).message}`]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DataFileError(path, [`invalid JSON: ${(err as Error).message}`]);
  }
}

/** `dir` is the knowledge root; reads `<dir>/stations/stations.json`. */
export function loadStations(dir: string): Station[] {
  const path = join(dir, STATIONS_FILE);
  return parseStations(readJson(path), path);
}

export function loadUnplacedStations(dir: string): UnplacedStation[] {
  const path = join(dir, UNPLACED_STATIONS_FILE);
  return parseUnplacedStations(readJson(path), path);
}

/** `dir` is the knowledge root; reads `<dir>/gazetteer/sichuan.json`. */
export function loadGazetteer(dir: string): Gazetteer {
  const path = join(dir, GAZETTEER_FILE);
  return parseGazetteer(readJson(path), path);
}
