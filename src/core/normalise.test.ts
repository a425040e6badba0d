// Normalisation shared by intent detection and retrieval: script, width, fillers, spoken digits and Sichuan dialect.
import { describe, expect, it } from 'vitest';
import { compileLexicon } from '../lexicon/compile.js';
import { loadLexicon } from '../lexicon/load-lexicon.js';
import { createNormaliser } from './normalise.js';
import { spokenDigitsToArabic } from './spoken-digits.js';

// The repository's word rules (knowledge/lexicon/core): dialect and fillers are data, the normaliser applies them.
const lexicon = compileLexicon(loadLexicon().data);
const normaliseText = createNormaliser({ dialect: lexicon.set('core/dialect'), fillers: lexicon.set('core/speech-fillers') });
const standardiseDialect = (text: string) => lexicon.set('core/dialect').rewrite(text);

describe('normaliseText', () => {
  it('turns traditional characters and full-width digits into simplified and ASCII', () => {
    expect(normaliseText('勞動仲裁要錢嗎')).toBe('劳动仲裁要钱吗');
    expect(normaliseText('１２３２８是什麼電話')).toBe('12328是什么电话');
  });

  it('reads digit-by-digit spoken numbers as digits', () => {
    expect(normaliseText('幺二三二八是啥电话')).toBe('12328是什么电话');
    expect(normaliseText('打一二三四八')).toBe('打12348');
  });

  it('joins digits a recogniser spaced out, but not a spaced word that merely starts with one', () => {
    expect(spokenDigitsToArabic('一 二 三 二 八 这个号')).toBe('12328 这个号');
    expect(spokenDigitsToArabic('拉了 三 四 五吨')).toBe('拉了 三 四 五吨');
  });

  it('reads a five-digit hotline whose first two digits were written as a number', () => {
    expect(spokenDigitsToArabic('那个 十二三二八 是 干啥子的')).toBe('那个 12328 是 干啥子的');
    expect(spokenDigitsToArabic('打十二三四八')).toBe('打12348');
    // Not five digits: a count of twelve or thirteen people stays a count.
    expect(spokenDigitsToArabic('十二三个人')).toBe('十二三个人');
    // More than five digits is no hotline: only the digit run is read.
    expect(spokenDigitsToArabic('十二三四五六七')).toBe('十234567');
  });

  it('reads the ordinal of a statute part as digits, the way entries cite it', () => {
    expect(spokenDigitsToArabic('民法典第八百三十六条讲的是什么')).toBe('民法典第836条讲的是什么');
    expect(spokenDigitsToArabic('第一百零一条和第十条')).toBe('第101条和第10条');
    expect(spokenDigitsToArabic('第三编第十九章')).toBe('第3编第19章');
    expect(spokenDigitsToArabic('第一千二百一十一条')).toBe('第1211条');
    // Not a positional numeral: left as written.
    expect(spokenDigitsToArabic('第二三条')).toBe('第二三条');
    expect(spokenDigitsToArabic('第一次跑长途')).toBe('第一次跑长途');
  });

  it('leaves quantities and two-character number words alone', () => {
    expect(spokenDigitsToArabic('开了三四个小时')).toBe('开了三四个小时');
    expect(spokenDigitsToArabic('十二个月')).toBe('十二个月');
    expect(spokenDigitsToArabic('一裁终局')).toBe('一裁终局');
  });

  it('maps Sichuan dialect words to standard Mandarin', () => {
    expect(normaliseText('疲劳驾驶咋个算')).toBe('疲劳驾驶怎么算');
    expect(normaliseText('要歇好久')).toBe('要歇多久');
    expect(normaliseText('有没得这个规定')).toBe('有没有这个规定');
    expect(normaliseText('我晓得了')).toBe('我知道了');
    expect(normaliseText('吃饭要好多钱')).toBe('吃饭要多少钱');
    expect(standardiseDialect('昨天遭罚了两百')).toBe('昨天被罚了两百');
    expect(standardiseDialect('好久没回家了')).toBe('好久没回家了');
    expect(standardiseDialect('开了五个多钟头')).toBe('开了五个多小时');
    expect(standardiseDialect('我想问一哈挂靠')).toBe('我想问一下挂靠');
    expect(standardiseDialect('一哈子就没了')).toBe('一哈子就没了');
    expect(standardiseDialect('货能不能扣到起')).toBe('货能不能扣着');
    expect(standardiseDialect('跑到起来')).toBe('跑到起来');
    expect(standardiseDialect('要歇一下喃')).toBe('要歇一下呢');
  });

  it('reads a sentence-final 码 as the question particle but keeps 二维码 and 号码', () => {
    expect(standardiseDialect('仲裁要钱码')).toBe('仲裁要钱吗');
    expect(standardiseDialect('扫二维码')).toBe('扫二维码');
    expect(standardiseDialect('电话号码')).toBe('电话号码');
  });

  it('drops speech fillers from transcripts only, and never the 额 of 小额 or 金额', () => {
    expect(normaliseText('嗯 那个 疲劳驾驶 罚多少', { transcript: true })).toBe('疲劳驾驶 罚多少');
    expect(normaliseText('额 小额诉讼的金额上限', { transcript: true })).toBe('小额诉讼的金额上限');
    expect(normaliseText('那个车', { transcript: false })).toBe('那个车');
  });
});
