// Runs every rule's examples: a pattern that does not compile, an example its rule misses or a counter-example it hits is a problem.
import { acrossSpaces, ruleFlags, ruleSource } from './compile.js';
import type { WordRuleSet } from './schema.js';

export interface RuleProblem {
  /** Path inside the file, e.g. ['rules', 2, 'examples', 0], so the loader can name the line. */
  path: (string | number)[];
  message: string;
}

/**
 * A group that repeats and holds a repeated atom ("(喂+\\s*)*"): a long run of that atom can be split between the two in
 * exponentially many ways, and a message that almost matches (thirty 喂 and a question mark) blocks the server for seconds.
 */
const NESTED_REPEAT = /\((?:\?:)?[^()]*(?<!\\)[+*]\??[^()]*\)[*+]/;

/**
 * A backreference or a named group: a set's rules are also tried as one pattern of alternatives (src/lexicon/compile.ts),
 * where group numbers shift and names may clash.
 */
const GROUP_REFERENCE = /(?<!\\)\\(?:[1-9]|k<)|\(\?<(?![=!])/;

export function checkRuleSet(set: WordRuleSet): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const flags = ruleFlags(set).replace('g', '');
  const names = new Set<string>();
  set.rules.forEach((rule, i) => {
    const at = (...rest: (string | number)[]) => ['rules', i, ...rest];
    if (rule.name) {
      if (names.has(rule.name)) problems.push({ path: at('name'), message: `duplicate rule name "${rule.name}"` });
      names.add(rule.name);
    }
    if (set.kind === 'rewrite' && rule.to === undefined) problems.push({ path: at(), message: 'a rewrite rule needs `to`' });
    if (set.kind !== 'rewrite' && rule.to !== undefined)
      problems.push({ path: at('to'), message: `\`to\` only belongs in a rewrite file, not ${set.kind}` });
    if (set.kind === 'words' && rule.match !== undefined)
      problems.push({ path: at('match'), message: 'a words file lists literal words, not patterns' });
    let pattern: RegExp;
    try {
      pattern = new RegExp(acrossSpaces(ruleSource(rule)), flags);
    } catch (err) {
      problems.push({ path: at(rule.match !== undefined ? 'match' : 'words'), message: `invalid pattern: ${(err as Error).message}` });
      return;
    }
    if (rule.match !== undefined && NESTED_REPEAT.test(rule.match)) {
      problems.push({ path: at('match'), message: 'a repeated group repeats inside it (like (喂+\\s*)*): exponential time on a long message' });
    }
    if (rule.match !== undefined && GROUP_REFERENCE.test(rule.match)) {
      problems.push({
        path: at('match'),
        message: 'a backreference or named group (\\1, \\k<…>, (?<name>…)): rules are also matched together as alternatives',
      });
    }
    if (pattern.test('')) problems.push({ path: at(rule.match !== undefined ? 'match' : 'words'), message: 'the pattern matches empty text' });
    rule.examples.forEach((example, j) => {
      const sentence = typeof example === 'string' ? example : example.text;
      if (!pattern.test(sentence)) {
        problems.push({ path: at('examples', j), message: `example "${sentence}" does not match its rule` });
        return;
      }
      if (typeof example !== 'string') {
        const got = sentence.replace(new RegExp(pattern.source, `${flags}g`), rule.to ?? '');
        if (got !== example.gives)
          problems.push({ path: at('examples', j), message: `example "${sentence}" gives "${got}", not "${example.gives}"` });
      }
    });
    (rule.not ?? []).forEach((sentence, j) => {
      if (pattern.test(sentence)) problems.push({ path: at('not', j), message: `counter-example "${sentence}" matches the rule` });
    });
  });
  return problems;
}
