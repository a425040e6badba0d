// The parts of the gazetteer and geometry the staff domain needs, re-exported so it does not reach into other domains' files.
export type { Gazetteer } from '../stations/station-schema.js';
export type { GeoPoint } from '../core/types.js';
