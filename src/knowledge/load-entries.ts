// Reads knowledge/entries/*.md from disk and validates each file; the only knowledge module that touches fs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { KnowledgeEntry } from './entry-schema.js';
import { EntryParseError, parseEntry } from './parse-entry.js';

export { parseEntry, EntryParseError } from './parse-entry.js';

export const DEFAULT_ENTRIES_DIR = resolve(import.meta.dirname, '../../knowledge/entries');

export interface LoadedEntry {
  file: string;
  entry: KnowledgeEntry;
}

export interface LoadResult {
  entries: LoadedEntry[];
  problems: string[];
}

// Collects every file's problems instead of stopping at the first, so kb:check can list them all.
export function loadEntriesWithProblems(dir: string = DEFAULT_ENTRIES_DIR): LoadResult {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const entries: LoadedEntry[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      entries.push({ file, entry: parseEntry(file, readFileSync(join(dir, file), 'utf8')) });
    } catch (err) {
      if (err instanceof EntryParseError) problems.push(...err.message.split('\n'));
      else throw err;
    }
  }
  return { entries, problems };
}

export function loadEntries(dir: string = DEFAULT_ENTRIES_DIR): KnowledgeEntry[] {
  const { entries, problems } = loadEntriesWithProblems(dir);
  if (problems.length > 0) throw new Error(`invalid knowledge entries:\n${problems.join('\n')}`);
  return entries.map((e) => e.entry);
}
