// Pay routing: an unnamed "money owed" question gets both routes; words that show who the driver is pick one.
import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from './entry-schema.js';
import { needsPayRouting } from './faq-answer.js';
import { repositoryLanguage } from './repository-language.js';

const payRouting = repositoryLanguage().words.payRouting;

const wageEntry = { category: 'wage-arrears' } as KnowledgeEntry;
const otherEntry = { category: 'fatigue' } as KnowledgeEntry;

describe('needsPayRouting', () => {
  it('routes money owed by someone unnamed to the entry that explains both routes', () => {
    expect(needsPayRouting('钱一直要不到怎么办', wageEntry, payRouting)).toBe(true);
  });

  it('trusts words that only an employee would use', () => {
    expect(needsPayRouting('加班费不给可以要赔偿金吗', wageEntry, payRouting)).toBe(false);
    expect(needsPayRouting('老板拖欠工资怎么办', wageEntry, payRouting)).toBe(false);
  });

  it('trusts words that only an owner-operator would use, and leaves other topics alone', () => {
    expect(needsPayRouting('货主欠运费不给怎么办', wageEntry, payRouting)).toBe(false);
    expect(needsPayRouting('钱一直要不到怎么办', otherEntry, payRouting)).toBe(false);
  });
});
