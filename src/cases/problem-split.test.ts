// Splitting a message into two problems: each keeps its own category, amount, counterpart and date; one problem is never split.
import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../stations/load-data.js';
import { KNOWLEDGE_DIR } from '../runtime.js';
import { caseWords } from './case-words.js';
import { createPlaceFinder } from './places.js';
import { clausesOf, createProblemSplitter } from './problem-split.js';
import { testLexicon } from '../../tests/support/intent-words.js';

const places = createPlaceFinder(loadGazetteer(KNOWLEDGE_DIR));
const words = caseWords(testLexicon);
const splitter = createProblemSplitter(testLexicon.set('cases/problem-split'), words);
const now = new Date('2026-11-25T10:00:00+08:00');
const split = (text: string) => splitter.split(text, { now, places, words });

describe('problem split', () => {
  it('keeps wages and a fine apart: each its own amount and date, the fine’s date never the wages’', () => {
    const s = split('成都顺达物流公司欠我工资两万，三个月了，上个月还被交警乱罚了五百，我在金堂，电话13812345678');
    expect(s?.first).toMatchObject({
      kind: 'wage',
      category: 'wage',
      label: '拖欠工资',
      slots: { amountYuan: 20000, counterpart: '成都顺达物流公司' },
    });
    expect(s?.first.slots.startedAt?.text).toContain('三个月');
    expect(s?.second).toMatchObject({ kind: 'illegal-fees', category: 'illegal_fees', slots: { amountYuan: 500 } });
    expect(s?.second.slots.startedAt?.text).toContain('上个月');
    expect(s?.second.text).not.toContain('工资');
    expect(s?.first.text).not.toContain('罚');
  });

  it('splits dictation without punctuation at a word that adds a matter', () => {
    const s = split('老板欠我工资一万五还被路政罚了两百');
    expect(s?.first.slots.amountYuan).toBe(15000);
    expect(s?.second.slots.amountYuan).toBe(200);
    expect(clausesOf('老板欠我工资一万五还被路政罚了两百', testLexicon.set('cases/problem-split').rules[0]!.pattern)).toEqual([
      '老板欠我工资一万五',
      '还被路政罚了两百',
    ]);
  });

  it('names a deposit by its own label and gives a clause about another party to the second problem', () => {
    const s = split('王老板拖欠我工资八千，另外一家物流公司，押金三千也不退');
    expect(s?.first).toMatchObject({ category: 'wage', slots: { amountYuan: 8000, counterpart: '王老板' } });
    expect(s?.second).toMatchObject({ kind: 'deposit', category: 'other', label: '押金不退', slots: { amountYuan: 3000 } });
    expect(s?.second.text).toContain('另外一家物流公司');
  });

  it('attaches a clause that only mentions a topic to the problem of that topic', () => {
    const s = split('工资欠着没发，还被罚了款，罚了三百，工资是一万二');
    expect(s?.first.slots.amountYuan).toBe(12000);
    expect(s?.second.slots.amountYuan).toBe(300);
  });

  it.each([
    '成都顺达物流公司欠我运费三万，三个月了，我自己的车，电话13812345678',
    '老板欠我三个月工资，工资拖了半年没发',
    '我跟四川鑫达运输公司签的挂靠合同，说好每个月结运费，结果拖了我三万二',
    '被交警罚了两百，还被路政罚了五百',
    '押金五千块，德阳鑫盛物流不退，我要投诉',
  ])('one problem (or two of one category) is not split: %s', (text) => {
    expect(split(text)).toBeUndefined();
  });

  it('tells which problem a correction is about', () => {
    expect(splitter.categoryOf('罚款是三百不是五百')).toBe('illegal_fees');
    expect(splitter.categoryOf('金额是三万')).toBeUndefined();
  });
});
