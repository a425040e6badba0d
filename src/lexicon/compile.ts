// Compiles validated word-rule files into matchers: the algorithm stays in code, the words stay in data.
import type { LexiconData, RuleKind, WordRule, WordRuleSet } from './schema.js';

export interface CompiledRule {
  /** The rule's name, or its position (`#3`) when it has none. */
  name: string;
  pattern: RegExp;
  to?: string;
}

export interface WordSet {
  id: string;
  kind: RuleKind;
  about: string;
  rules: readonly CompiledRule[];
  /** Whether any rule matches. */
  test(text: string): boolean;
  /** The names of the rules that match, for explanations. */
  matching(text: string): string[];
  /** The earliest match of any rule (by position in the text), with the rule that made it. */
  exec(text: string): { match: RegExpExecArray; rule: CompiledRule } | undefined;
  /** Applies every rule's replacement in file order (a `rewrite` set); other kinds return the text unchanged. */
  rewrite(text: string): string;
  /** Every literal word of a `words` set (or of `words` rules in other sets), longest first. */
  words: readonly string[];
}

export interface Lexicon {
  /** The compiled set for a file id; throws naming the id when no such file was loaded (a wiring mistake). */
  set(id: string): WordSet;
  has(id: string): boolean;
  ids(): string[];
}

const ESCAPE = /[.*+?^${}()|[\]\\/-]/g;

export function escapeWord(word: string): string {
  return word.replace(ESCAPE, '\\$&');
}

/** A rule's pattern source: its regex, or its words as alternatives, longest first so 晓不晓得 wins over 晓得. */
export function ruleSource(rule: WordRule): string {
  if (rule.match !== undefined) return rule.match;
  return [...(rule.words ?? [])]
    .sort((a, b) => b.length - a.length)
    .map(escapeWord)
    .join('|');
}

const HAN = /\p{Script=Han}/u;

/**
 * A rule's source with an optional space between each two characters written next to each other: a speech recogniser
 * splits words where it likes ("暖心 之家", "工作 人员", "我 要 投诉"), and a word written in a rule is the same word
 * however the transcript spaced it. Character classes and escapes are copied as written.
 */
export function acrossSpaces(source: string): string {
  const chars = Array.from(source);
  let out = '';
  let inClass = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    out += ch;
    if (ch === '\\') {
      // An escape and what it escapes (\p{Script=Han}, \u{4e00}) are copied whole.
      let next = chars[++i] ?? '';
      out += next;
      if ((next === 'p' || next === 'P' || next === 'u') && chars[i + 1] === '{') {
        do {
          next = chars[++i] ?? '}';
          out += next;
        } while (next !== '}' && i < chars.length);
      }
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      continue;
    }
    const next = chars[i + 1];
    if (next !== undefined && HAN.test(ch) && HAN.test(next)) out += '\\s?';
  }
  return out;
}

export function ruleFlags(set: Pick<WordRuleSet, 'kind' | 'flags'>): string {
  const flags = new Set([...(set.flags ?? ''), 'u']);
  if (set.kind === 'rewrite') flags.add('g');
  return [...flags].sort().join('');
}

// replace() with a global pattern starts at 0 and leaves lastIndex at 0, so only a sticky pattern needs a copy per call.
function freshCopy(pattern: RegExp): RegExp {
  return pattern.sticky && !pattern.global ? new RegExp(pattern.source, pattern.flags) : pattern;
}

export function compileSet(id: string, set: WordRuleSet): WordSet {
  const flags = ruleFlags(set);
  const rules: CompiledRule[] = set.rules.map((rule, i) => ({
    name: rule.name ?? `#${i + 1}`,
    pattern: new RegExp(acrossSpaces(ruleSource(rule)), flags),
    ...(rule.to !== undefined ? { to: rule.to } : {}),
  }));
  const words = set.rules.flatMap((r) => r.words ?? []).sort((a, b) => b.length - a.length);
  // A global pattern keeps lastIndex between calls; tests use a non-global copy so every call starts at 0.
  const testers = rules.map((r) => (r.pattern.global ? new RegExp(r.pattern.source, r.pattern.flags.replace('g', '')) : r.pattern));
  // Most texts match none of a set's rules; one pass of all of them as alternatives says so, instead of one pass per rule.
  // Rules share the set's flags and use no backreferences (kb:check), so the union matches exactly when some rule does.
  const any = testers.length > 1 ? new RegExp(testers.map((p) => `(?:${p.source})`).join('|'), testers[0]?.flags) : testers[0];
  const none = (text: string) => any === undefined || !any.test(text);

  return {
    id,
    kind: set.kind,
    about: set.about,
    rules,
    words,
    test: (text) => !none(text),
    matching: (text) => (none(text) ? [] : rules.filter((_, i) => testers[i]!.test(text)).map((r) => r.name)),
    exec(text) {
      if (none(text)) return undefined;
      let best: { match: RegExpExecArray; rule: CompiledRule } | undefined;
      rules.forEach((rule, i) => {
        const match = testers[i]!.exec(text);
        if (match && (!best || match.index < best.match.index)) best = { match, rule };
      });
      return best;
    },
    rewrite(text) {
      if (set.kind !== 'rewrite' || none(text)) return text;
      let out = text;
      for (const rule of rules) out = out.replace(freshCopy(rule.pattern), rule.to ?? '');
      return out;
    },
  };
}

export function compileLexicon(data: LexiconData): Lexicon {
  const sets = new Map<string, WordSet>();
  for (const [id, set] of Object.entries(data)) sets.set(id, compileSet(id, set));
  return {
    set(id) {
      const found = sets.get(id);
      if (!found) throw new Error(`no word-rule file knowledge/lexicon/${id}.yaml was loaded`);
      return found;
    },
    has: (id) => sets.has(id),
    ids: () => [...sets.keys()].sort(),
  };
}

/** A set's rule by name, as a pattern without the g flag; a missing rule is a start-up error naming the file. */
export function ruleOf(set: WordSet, name: string): RegExp {
  const rule = set.rules.find((r) => r.name === name);
  if (!rule) throw new Error(`knowledge/lexicon/${set.id}.yaml has no rule named ${name}`);
  return rule.pattern.global ? new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', '')) : rule.pattern;
}
