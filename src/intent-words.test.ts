// The domains' intent words: assembled from the repository's word rules, and a missing or misnamed rule is a start-up error naming its file.
import { describe, expect, it } from 'vitest';
import { caseWords } from './cases/case-words.js';
import { intentWordsFor } from './intent-words.js';
import { compileLexicon } from './lexicon/compile.js';
import type { LexiconData, WordRuleSet } from './lexicon/schema.js';
import { stationWords } from './stations/station-words.js';
import { testLexicon } from '../tests/support/intent-words.js';
import { loadLexicon } from './lexicon/load-lexicon.js';

const data = (): LexiconData => structuredClone(loadLexicon().data);
const matchSet = (name: string, words: string[]): WordRuleSet => ({ about: 'test', kind: 'match', rules: [{ name, words, examples: [words[0]!] }] });

describe('intent words', () => {
  it('assembles every domain’s detectors from the repository’s word rules', () => {
    const words = intentWordsFor(testLexicon);
    expect(words.stations.booking.test('帮我订三个床位')).toBe(true);
    expect(words.cases.emergency.test('我不想活了')).toBe(true);
    expect(words.handoff.askForPerson.test('转人工')).toBe(true);
    expect(words.smalltalk.pleasantries.test('好嘞 谢了')).toBe(true);
    expect(words.smalltalk.pleasantries.test('好的 那疲劳驾驶怎么规定')).toBe(false);
  });

  it('names the missing file when a domain’s words were not loaded', () => {
    const without = data();
    delete without['stations/booking'];
    expect(() => intentWordsFor(compileLexicon(without))).toThrow('knowledge/lexicon/stations/booking.yaml');
  });

  it('refuses an amenity or category rule named after nothing the domain knows', () => {
    const amenities = { ...data(), 'stations/amenities': matchSet('sauna', ['桑拿']) };
    expect(() => stationWords(compileLexicon(amenities))).toThrow(/amenities\.yaml: rule sauna names no amenity/);
    const categories = { ...data(), 'cases/categories': matchSet('parking-fines', ['停车罚款']) };
    expect(() => caseWords(compileLexicon(categories))).toThrow(/categories\.yaml: rule parking-fines names no category/);
  });

  it('finds amenities and categories in the data’s order, named after the rules', () => {
    const words = stationWords(testLexicon);
    expect(words.amenities.rules.map((r) => r.name)).toContain('hot-water');
    const cases = caseWords(testLexicon);
    expect(cases.categories[0]?.name).toBe('predatory-loan');
  });
});
