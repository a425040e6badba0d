import { beforeAll, describe, expect, it } from 'vitest';
import { loadEntries } from './load-entries.js';
import { repositoryLanguage } from './repository-language.js';
import { buildKnowledgeIndex, type KnowledgeIndex } from './search-index.js';
import { messageReader } from './typed-message.js';

let read: ReturnType<typeof messageReader>;
let index: KnowledgeIndex;
beforeAll(() => {
  index = buildKnowledgeIndex(loadEntries(), repositoryLanguage());
  read = messageReader(index);
});

describe('messageReader', () => {
  it('reads a message typed wholly in pinyin as characters', () => {
    expect(read('jin tang fu wu qu nuan xin zhi jia zai na li')).toContain('暖心之家');
    expect(read('laoban qian gongzi bu gei zenme ban')).toMatch(/欠工资.*怎么办/);
  });

  it('reads a run of pinyin beside characters as characters, and leaves the characters as typed', () => {
    expect(read('金堂那个 nuanxin zhi jia 晚上能不能住')).toBe(`金堂那个 暖心之家 ${index.normalise('晚上能不能住')}`);
    expect(read('劳动zhongcai要多久')).toBe('劳动仲裁要多久');
  });

  it('reads lü and nü typed without the umlaut (lu tong) when the plain u reads as no word', () => {
    expect(read('lu tong 免费 需要啥条件')).toMatch(/^绿通 /);
    expect(read('lutong che mianfei ma')).toContain('绿通');
  });

  it('leaves a message with any character, or too short to be a sentence, as the normaliser gives it', () => {
    expect(read('金堂 etc 在哪办')).toBe(index.normalise('金堂 etc 在哪办'));
    expect(read('9米6的车 ok吗')).toBe(index.normalise('9米6的车 ok吗'));
    expect(read('微信wechat上能查吗')).toBe(index.normalise('微信wechat上能查吗'));
    expect(read('ok')).toBe('ok');
    expect(read('hello there')).toBe('hello there');
  });

  it('reads one or two pinyin words only when every letter becomes characters', () => {
    expect(read('rengong kefu')).toBe('人工客服');
    expect(read('zhuan rengong')).toBe('转人工');
    expect(read('ok thanks')).toBe('ok thanks');
  });

  it('keeps Latin text that reads as no characters at all', () => {
    expect(read('zzz qqq xxx')).toBe('zzz qqq xxx');
  });
});
