// Word-rule files: loading with file:line problems, the example checks, and the compiled matchers.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acrossSpaces, compileLexicon } from './compile.js';
import { loadLexicon } from './load-lexicon.js';

function lexiconDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const PLACES = `about: places drivers rest at
kind: match
rules:
  - name: driver-home
    words: [暖心之家, 司机之家]
    examples: [附近有暖心之家吗]
  - match: 服务区(?!那边被)
    examples: [前面服务区能洗澡不]
    not: [服务区那边被偷了油]
`;

const DIALECT = `about: Sichuan words to standard ones
kind: rewrite
rules:
  - words: [啥子, 撒子]
    to: 什么
    examples: [{ text: 啥子时候发工资, gives: 什么时候发工资 }]
  - match: 咋个|啷个
    to: 怎么
    examples: [咋个办]
`;

describe('loadLexicon', () => {
  it('loads valid files by their path id and compiles them', () => {
    const { data, problems } = loadLexicon(lexiconDir({ 'stations/place.yaml': PLACES, 'core/dialect.yaml': DIALECT }));
    expect(problems).toEqual([]);
    expect(Object.keys(data).sort()).toEqual(['core/dialect', 'stations/place']);
    const lexicon = compileLexicon(data);
    const places = lexicon.set('stations/place');
    expect(places.test('金堂有司机之家没得')).toBe(true);
    expect(places.test('服务区那边被偷了油')).toBe(false);
    expect(places.matching('暖心之家在服务区吗')).toEqual(['driver-home', '#2']);
    expect(places.exec('去服务区还是暖心之家')?.rule.name).toBe('#2');
    const dialect = lexicon.set('core/dialect');
    expect(dialect.rewrite('啥子时候咋个办 啥子')).toBe('什么时候怎么办 什么');
    // Rewrites are global patterns; repeated calls must not carry lastIndex over.
    expect(dialect.test('咋个')).toBe(true);
    expect(dialect.test('咋个')).toBe(true);
    expect(() => lexicon.set('stations/nothing')).toThrow(/knowledge\/lexicon\/stations\/nothing\.yaml/);
  });

  it('names the file and line of an example its rule does not match, and of a counter-example it does', () => {
    const broken = PLACES.replace('examples: [前面服务区能洗澡不]', 'examples: [前面加油站能洗澡不]').replace(
      'not: [服务区那边被偷了油]',
      'not: [服务区吃饭贵不贵]',
    );
    const { data, problems } = loadLexicon(lexiconDir({ 'stations/place.yaml': broken }));
    expect(data).toEqual({});
    expect(problems).toEqual([
      'knowledge/lexicon/stations/place.yaml:8: example "前面加油站能洗澡不" does not match its rule',
      'knowledge/lexicon/stations/place.yaml:9: counter-example "服务区吃饭贵不贵" matches the rule',
    ]);
  });

  it('reports an invalid pattern, a wrong rewrite example and a schema error with their lines', () => {
    const files = {
      'a/bad-pattern.yaml': 'about: x\nkind: match\nrules:\n  - match: "(unclosed"\n    examples: [x]\n',
      'a/bad-gives.yaml': DIALECT.replace('gives: 什么时候发工资', 'gives: 啥时候发工资'),
      'a/bad-schema.yaml': 'about: x\nkind: match\nrules:\n  - words: [a]\n    match: b\n    examples: [a]\n  - words: [c]\n    examples: []\n',
      'a/empty.yaml': 'about: x\nkind: match\nrules:\n  - match: "a?"\n    examples: [a]\n',
      'a/nested.yaml': 'about: x\nkind: match\nrules:\n  - match: "^(喂+\\\\s*)*听得到吗"\n    examples: [喂喂听得到吗]\n',
      'a/backreference.yaml':
        'about: x\nkind: match\nrules:\n  - match: "(.)不\\\\1"\n    examples: [行不行]\n  - match: "(?<verb>.)没"\n    examples: [有没有]\n',
    };
    const { problems } = loadLexicon(lexiconDir(files));
    expect(problems).toContainEqual(expect.stringMatching(/^knowledge\/lexicon\/a\/bad-pattern\.yaml:4: invalid pattern/));
    expect(problems).toContainEqual(expect.stringMatching(/^knowledge\/lexicon\/a\/nested\.yaml:4: a repeated group repeats inside it/));
    expect(problems).toContainEqual(expect.stringMatching(/^knowledge\/lexicon\/a\/backreference\.yaml:4: a backreference or named group/));
    expect(problems).toContainEqual(expect.stringMatching(/^knowledge\/lexicon\/a\/backreference\.yaml:6: a backreference or named group/));
    expect(problems).toContainEqual('knowledge/lexicon/a/bad-gives.yaml:6: example "啥子时候发工资" gives "什么时候发工资", not "啥时候发工资"');
    expect(problems).toContainEqual(expect.stringMatching(/^knowledge\/lexicon\/a\/bad-schema\.yaml:4: rules\.0: a rule has either match or words/));
    expect(problems).toContainEqual(expect.stringMatching(/^knowledge\/lexicon\/a\/bad-schema\.yaml:8: rules\.1\.examples: /));
    expect(problems).toContainEqual('knowledge/lexicon/a/empty.yaml:4: the pattern matches empty text');
  });

  it('refuses rule fields that do not belong to the file kind', () => {
    const files = {
      'a/rewrite-without-to.yaml': 'about: x\nkind: rewrite\nrules:\n  - words: [啥子]\n    examples: [啥子]\n',
      'a/words-with-pattern.yaml': 'about: x\nkind: words\nrules:\n  - match: 的|了\n    examples: [好的]\n',
    };
    const { problems } = loadLexicon(lexiconDir(files));
    expect(problems).toEqual([
      'knowledge/lexicon/a/rewrite-without-to.yaml:4: a rewrite rule needs `to`',
      'knowledge/lexicon/a/words-with-pattern.yaml:4: a words file lists literal words, not patterns',
    ]);
  });

  it('treats regex characters in words literally', () => {
    const { data, problems } = loadLexicon(
      lexiconDir({ 'k/stop.yaml': 'about: x\nkind: words\nrules:\n  - words: ["a.b", "c+"]\n    examples: [xa.by]\n' }),
    );
    expect(problems).toEqual([]);
    const set = compileLexicon(data).set('k/stop');
    expect(set.test('aXb')).toBe(false);
    expect(set.test('cc+')).toBe(true);
    expect(set.words).toEqual(['a.b', 'c+']);
  });

  it("reads a rule's words across a transcript's spaces, leaving classes, escapes and quantified characters as written", () => {
    expect(acrossSpaces('暖心之家|找(个)?工作人员')).toBe('暖\\s?心\\s?之\\s?家|找(个)?工\\s?作\\s?人\\s?员');
    expect(acrossSpaces('(?<![离下上])高速[^。？]{0,6}?有没有?')).toBe('(?<![离下上])高\\s?速[^。？]{0,6}?有\\s?没\\s?有?');
    expect(acrossSpaces('\\p{Script=Han}{2}暖心')).toBe('\\p{Script=Han}{2}暖\\s?心');
    const { data } = loadLexicon(
      lexiconDir({
        'k/seek.yaml': 'about: x\nkind: match\nrules:\n  - words: [暖心之家]\n    examples: [附近 有 没有 暖心 之家]\n    not: [暖心 的 之家]\n',
      }),
    );
    const set = compileLexicon(data).set('k/seek');
    expect(set.test('附近 有 没有 暖心 之家')).toBe(true);
    expect(set.test('暖心  之家')).toBe(false);
    expect(set.test('暖心的之家')).toBe(false);
  });

  it('loads the repository files without problems', () => {
    expect(loadLexicon().problems).toEqual([]);
  });

  it('matches a whole set at once exactly as rule by rule, on every example and counter-example of the repository', () => {
    const { data } = loadLexicon();
    const lexicon = compileLexicon(data);
    const texts = Object.values(data).flatMap((set) =>
      set.rules.flatMap((r) => [...r.examples.map((e) => (typeof e === 'string' ? e : e.text)), ...(r.not ?? [])]),
    );
    for (const id of lexicon.ids()) {
      const set = lexicon.set(id);
      const one = (text: string) =>
        set.rules.filter((r) => new RegExp(r.pattern.source, r.pattern.flags.replace('g', '')).test(text)).map((r) => r.name);
      for (const text of texts) {
        expect(set.matching(text), `${id}: ${text}`).toEqual(one(text));
        expect(set.test(text), `${id}: ${text}`).toBe(one(text).length > 0);
        if (set.kind === 'rewrite' && one(text).length === 0) expect(set.rewrite(text)).toBe(text);
      }
    }
  });
});
