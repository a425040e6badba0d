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
interface SavedGroundwork {
  sources: string;
  terms: string[];
  offsets: number[];
  docs: number[];
  tfs: number[];
  masks: number[];
  idf: number[];
  fullTexts: string[];
  byPinyin: Pairs;
  typedPairs: Pairs;
  typedSyllables: string[];
}

const pairsOf = (map: Map<string, SoundPair>): Pairs => Array.from(map, ([key, p]) => [key, p.bigram, p.df]);
const mapOf = (pairs: Pairs) => new Map(pairs.map(([key, bigram, df]) => [key, { bigram, df }]));

/** Float32 values are exact as JSON numbers, so the arrays read back bit for bit. */
export function saveGroundwork(sources: string, g: IndexGroundwork): SavedGroundwork {
  const p = g.postings;
  return {
    sources,
    terms: Array.from(p.dict.keys()),
    offsets: Array.from(p.offsets),
    docs: Array.from(p.docs),
    tfs: Array.from(p.tfs),
    masks: Array.from(p.masks),
    idf: Array.from(p.idf),
    fullTexts: g.fullTexts,
    byPinyin: pairsOf(g.sounds.byPinyin),
    typedPairs: pairsOf(g.sounds.typedPairs),
    typedSyllables: Array.from(g.sounds.typedSyllables),
  };
}

export function restoreGroundwork(s: SavedGroundwork): IndexGroundwork {
  return {
    postings: packedPostings({
      dict: new Map(s.terms.map((term, t) => [term, t])),
      offsets: Int32Array.from(s.offsets),
      docs: Int32Array.from(s.docs),
      tfs: Float32Array.from(s.tfs),
      masks: Uint8Array.from(s.masks),
      idf: Float32Array.from(s.idf),
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
