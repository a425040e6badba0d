// The built server keeps the curated knowledge index's groundwork (postings, entry texts, sound pairs) in dist/node beside the assets cache, so a start reads arrays instead of segmenting every entry.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Assets } from './assets.js';
import { packedPostings } from '../knowledge/postings.js';
import { indexGroundwork, type IndexGroundwork, type IndexOptions } from '../knowledge/search-index.js';
import type { SoundPair } from '../knowledge/sound-pairs.js';
import { ASSETS_CACHE_FILE, KNOWLEDGE_DIR, sourcesHashOf, writeCacheFile } from './node-assets.js';

/** Beside the assets cache, so it is there exactly when that is (the built server) and emptied by the same builds. */
export const INDEX_CACHE_FILE = ASSETS_CACHE_FILE ? join(dirname(ASSETS_CACHE_FILE), 'index-cache.json') : undefined;

type Pairs = [key: string, bigram: string, df: number][];
/** Terms joined by NUL, typed arrays as base64 of their bytes: JSON.parse of long number arrays took most of a read. */
interface SavedGroundwork {
  sources: string;
  terms: string;
  offsets: string;
  docs: string;
  tfs: string;
  masks: string;
  idf: string;
  fullTexts: string[];
  byPinyin: Pairs;
  typedPairs: Pairs;
  typedSyllables: string[];
}

const pairsOf = (map: Map<string, SoundPair>): Pairs => Array.from(map, ([key, p]) => [key, p.bigram, p.df]);
const mapOf = (pairs: Pairs) => new Map(pairs.map(([key, bigram, df]) => [key, { bigram, df }]));

const TERM_BREAK = '\u0000';
const base64 = (a: Int32Array | Float32Array | Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
/** The bytes copied into a fresh buffer, so the view is aligned whatever Buffer's pool offset. */
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'base64')).buffer;

export function saveGroundwork(sources: string, g: IndexGroundwork): SavedGroundwork {
  const p = g.postings;
  return {
    sources,
    terms: Array.from(p.dict.keys()).join(TERM_BREAK),
    offsets: base64(p.offsets),
    docs: base64(p.docs),
    tfs: base64(p.tfs),
    masks: base64(p.masks),
    idf: base64(p.idf),
    fullTexts: g.fullTexts,
    byPinyin: pairsOf(g.sounds.byPinyin),
    typedPairs: pairsOf(g.sounds.typedPairs),
    typedSyllables: Array.from(g.sounds.typedSyllables),
  };
}

export function restoreGroundwork(s: SavedGroundwork): IndexGroundwork {
  return {
    postings: packedPostings({
      dict: new Map(s.terms.split(TERM_BREAK).map((term, t) => [term, t])),
      offsets: new Int32Array(bytes(s.offsets)),
      docs: new Int32Array(bytes(s.docs)),
      tfs: new Float32Array(bytes(s.tfs)),
      masks: new Uint8Array(bytes(s.masks)),
      idf: new Float32Array(bytes(s.idf)),
    }),
    fullTexts: s.fullTexts,
    sounds: { byPinyin: mapOf(s.byPinyin), typedPairs: mapOf(s.typedPairs), typedSyllables: new Set(s.typedSyllables) },
  };
}

function readSaved(file: string, sources: string): SavedGroundwork | undefined {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedGroundwork;
    return saved.sources === sources ? saved : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The curated index's groundwork for assets read from `knowledgeDir` with the curated index's options: read back when it
 * was saved for the same source files (and this build), else made and saved. Undefined outside the built server, where
 * the index is built as it always was.
 */
export function cachedIndexGroundwork(assets: Assets, options: IndexOptions, knowledgeDir: string = KNOWLEDGE_DIR): IndexGroundwork | undefined {
  if (!INDEX_CACHE_FILE || knowledgeDir !== KNOWLEDGE_DIR) return undefined;
  const sources = sourcesHashOf(knowledgeDir);
  const saved = readSaved(INDEX_CACHE_FILE, sources);
  if (saved) return restoreGroundwork(saved);
  const groundwork = indexGroundwork(assets.entries, options);
  writeCacheFile(INDEX_CACHE_FILE, saveGroundwork(sources, groundwork));
  return groundwork;
}
