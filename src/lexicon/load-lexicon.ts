// Reads knowledge/lexicon/**/*.yaml on Node, validates each file and runs its examples; problems name the file and line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { checkRuleSet } from './check.js';
import { ruleSetSchema, type LexiconData } from './schema.js';

export const DEFAULT_LEXICON_DIR = resolve(import.meta.dirname, '../../knowledge/lexicon');

export interface LexiconLoad {
  data: LexiconData;
  /** One line each: `knowledge/lexicon/FILE.yaml:LINE: message`. */
  problems: string[];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? yamlFiles(join(dir, d.name)) : d.name.endsWith('.yaml') ? [join(dir, d.name)] : []))
    .sort();
}

function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): number {
  // The deepest node of the path that exists: a missing key is reported where its parent is.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = path.length === 0 || depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lines.linePos(range[0]).line;
  }
  return 1;
}

/** Loads every rule file under `dir`; a file with any problem is left out of `data` and its problems are listed. */
export function loadLexicon(dir: string = DEFAULT_LEXICON_DIR): LexiconLoad {
  const data: LexiconData = {};
  const problems: string[] = [];
  if (!existsSync(dir)) return { data, problems };
  const shown = (file: string) => join('knowledge', 'lexicon', relative(dir, file)).split(sep).join('/');
  for (const file of yamlFiles(dir)) {
    const id = relative(dir, file).slice(0, -'.yaml'.length).split(sep).join('/');
    const lines = new LineCounter();
    const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problems.push(`${shown(file)}:${e.linePos?.[0]?.line ?? 1}: ${e.message.split('\n')[0]}`);
      continue;
    }
    const parsed = ruleSetSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        problems.push(`${shown(file)}:${lineOf(doc, lines, path)}: ${path.join('.') || 'file'}: ${issue.message}`);
      }
      continue;
    }
    const ruleProblems = checkRuleSet(parsed.data);
    for (const p of ruleProblems) problems.push(`${shown(file)}:${lineOf(doc, lines, p.path)}: ${p.message}`);
    if (ruleProblems.length === 0) data[id] = parsed.data;
  }
  return { data, problems };
}
