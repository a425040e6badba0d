// Question tokenisation: grammar glued onto words is split off, question forms are not topics, runs stop at spaces.
import { describe, expect, it } from 'vitest';
import { repositoryLanguage } from './repository-language.js';
import { contentWords as contentWordsOf, createLexicon as lexiconOf, isDictionaryWord, isFunctionWord as functionWord, words } from './text-features.js';

const fw = repositoryLanguage().words.functionWords;
const createLexicon = (ws: string[]) => lexiconOf(ws, fw);
const isFunctionWord = (w: string) => functionWord(w, fw);
const contentWords = (text: string, lexicon?: ReturnType<typeof createLexicon>) => contentWordsOf(text, fw, lexicon);

const lexicon = createLexicon(['我的', '拖了', '跑得', '挂靠', '工资', '预约', '超过']);

describe('question tokenisation', () => {
  it('splits pronouns and aspect or possessive particles off words', () => {
    expect(words('取消我的预约', lexicon)).toEqual(['取', '消', '我', '的', '预约']);
    expect(words('工资拖了半年', lexicon)).toContain('拖');
    expect(words('跑得想哭', lexicon)).not.toContain('跑得');
  });

  it('keeps words whose last character is part of the word', () => {
    expect(words('超过三次', lexicon)).toContain('超过');
  });

  it('keeps an A-not-A form whole even when the lexicon knows its tail as a word', () => {
    const withTail = createLexicon(['不管', '网贷']);
    expect(words('管不管网贷', withTail)).toEqual(['管不管', '网贷']);
  });

  it('treats A-not-A question forms as function words', () => {
    expect(isFunctionWord('赔不赔')).toBe(true);
    expect(isFunctionWord('有没有')).toBe(true);
    expect(isFunctionWord('不可抗力')).toBe(false);
  });

  it('treats a pair of function characters and common adverbs as function words', () => {
    expect(isFunctionWord('了一')).toBe(true);
    expect(isFunctionWord('一直')).toBe(true);
    expect(isFunctionWord('一年')).toBe(false);
  });

  it('splits a run the lexicon could not place into general words, joining only what is left', () => {
    const got = contentWords('开车玩手机扣几分', createLexicon(['开车'])).map((w) => w.word);
    expect(got).toContain('手机');
    expect(got.some((w) => w.includes('手机') && w !== '手机')).toBe(false);
  });

  it('tells general dictionary words from strings that are none', () => {
    expect(isDictionaryWord('火车')).toBe(true);
    expect(isDictionaryWord('公伤')).toBe(false);
  });

  it('drops who passed a question on and where it was heard', () => {
    expect(contentWords('我朋友说网上讲超限', lexicon).map((w) => w.word)).not.toContain('朋友');
  });

  it('joins single characters only within one clause, and counts a repeated word once', () => {
    const got = contentWords('问一哈 挂靠 挂靠的车', lexicon).map((w) => w.word);
    expect(got.filter((w) => w === '挂靠')).toHaveLength(1);
    expect(got.some((w) => w.includes('哈挂'))).toBe(false);
  });
});
