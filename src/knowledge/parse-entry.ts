// Pure parser: turns one entry file's text (YAML front matter + Markdown body) into a validated KnowledgeEntry.
import { parse as parseYaml } from 'yaml';
import { knowledgeEntrySchema, type KnowledgeEntry } from './entry-schema.js';

export class EntryParseError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${fileName}: ${p}`).join('\n'));
    this.name = 'EntryParseError';
  }
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

// YAML 1.1 parsers turn bare dates into Date objects; normalise so the schema sees ISO strings either way.
function normaliseDates(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value;
}

export function parseEntry(fileName: string, text: string): KnowledgeEntry {
  const match = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ''));
  if (!match) throw new EntryParseError(fileName, ['missing YAML front matter delimited by --- lines']);
  const [, yamlText = '', body = ''] = match;

  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (err) {
    throw new EntryParseError(fileName, [`front matter is not valid YAML: ${(err as Error).message}`]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new EntryParseError(fileName, ['front matter must be a YAML mapping']);
  }
  const fields = data as Record<string, unknown>;
  if ('answer' in fields) {
    throw new EntryParseError(fileName, ['answer: must be the Markdown body, not a front matter field']);
  }

  const candidate = {
    ...fields,
    effective: normaliseDates(fields.effective),
    reviewed: normaliseDates(fields.reviewed),
    answer: body.trim(),
  };
  const result = knowledgeEntrySchema.safeParse(candidate);
  if (!result.success) {
    throw new EntryParseError(
      fileName,
      result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(entry)'}: ${issue.message}`),
    );
  }
  return result.data;
}
