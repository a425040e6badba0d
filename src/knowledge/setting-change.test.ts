// Setting-changing follow-ups over the real knowledge base and lexicon: which messages change only a circumstance, and what the previous entry says to them.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from './entry-schema.js';
import { loadEntries } from './load-entries.js';
import { repositoryLanguage } from './repository-language.js';
import { buildKnowledgeIndex, type KnowledgeIndex } from './search-index.js';
import { settingChange, settingReply } from './setting-change.js';

let index: KnowledgeIndex;
beforeAll(() => {
  index = buildKnowledgeIndex(loadEntries(), repositoryLanguage());
});

const entry = (id: string): KnowledgeEntry => {
  const found = index.entry(id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
};
const kinds = (text: string) => settingChange(index, text)?.map((c) => c.kind);

describe('which messages only change the setting', () => {
  it.each([
    ['高速上也一样吗', ['road']],
    ['在四川呢', ['place-sichuan']],
    ['外省也这样吗', ['place-elsewhere']],
    ['那三轴的呢', ['vehicle']],
    ['晚上呢', ['time']],
    ['如果是挂靠车呢', ['vehicle']],
    ['那我老婆开呢', ['person']],
    ['那 在 重庆 呢', ['place-elsewhere']],
    ['晚上罚多少', undefined],
  ])('%s → %j', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('asks for the same aspect in a new circumstance: "晚上呢要罚多少" keeps only the time', () => {
    expect(kinds('那晚上呢要罚多少')).toEqual(['time']);
  });

  it.each(['那劳动仲裁收费吗', '那闯红灯呢', '那高速上超速呢', '还有呢', '我老婆开车被拍了疲劳驾驶要扣几分'])('%s is not a setting change', (text) => {
    expect(settingChange(index, text)).toBeUndefined();
  });
});

describe('the reply from the previous entry', () => {
  it('a national rule holds in Sichuan and other provinces, restating its short form', () => {
    const { reply, covered } = settingReply(entry('overload-fines'), settingChange(index, '外省也这样吗')!);
    expect(covered).toBe(true);
    expect(reply.text).toContain('全国');
    expect(reply.text).toContain(entry('overload-fines').speech);
    expect(reply.citations?.[0]?.id).toBe('overload-fines');
  });

  it('a Sichuan-only entry says other provinces are not covered and whom to ask', () => {
    const { reply, covered } = settingReply(entry('sichuan-individual-work-injury-insurance'), settingChange(index, '那在重庆呢')!);
    expect(covered).toBe(false);
    expect(reply.text).toMatch(/四川.*重庆.*没有/u);
    expect(reply.text).toContain('12328');
    expect(reply.citations).toBeUndefined();
  });

  it('asked about Sichuan, a Sichuan entry confirms it', () => {
    const { reply, covered } = settingReply(entry('sichuan-individual-work-injury-insurance'), settingChange(index, '在四川呢')!);
    expect(covered).toBe(true);
    expect(reply.text).toContain('就是四川');
  });

  it('a circumstance the entry never mentions is admitted on that topic, naming the topic and offering a person', () => {
    const { reply, covered } = settingReply(entry('overload-fines'), settingChange(index, '晚上呢')!);
    expect(covered).toBe(false);
    expect(reply.text).toContain(entry('overload-fines').title);
    expect(reply.text).toContain('晚上的情况');
    expect(reply.quickReplies).toContain('转人工');
    // The driver's own words come back in the second person.
    expect(settingReply(entry('overload-fines'), settingChange(index, '那我老婆开呢')!).reply.text).toContain('您老婆开');
  });

  it('restated, the entry gives its rule and its own lines on the circumstance', () => {
    const { reply, covered } = settingReply(entry('fatigue-driving-rule'), settingChange(index, '高速上也一样吗')!, true);
    expect(covered).toBe(true);
    expect(reply.text).toContain(entry('fatigue-driving-rule').speech);
    expect(reply.text).toMatch(/说到高速的是：\n.*高速/u);
    expect(reply.speech).toContain('4小时');
  });
});
