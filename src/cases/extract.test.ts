// Slot extraction: amounts, dates, phones, places, counterpart, employment and urgency from drivers' words.
import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../stations/load-data.js';
import { KNOWLEDGE_DIR } from '../runtime.js';
import { findAmount, formatYuan, parseBareAmount, parseChineseNumber } from './chinese-number.js';
import { findStartedAt } from './dates.js';
import { detectUrgent, extractSlots, findCounterpart, findEmployment, findPhone, maskPhone } from './extract.js';
import { createPlaceFinder } from './places.js';
import { caseWords } from './case-words.js';
import { testLexicon } from '../../tests/support/intent-words.js';

const places = createPlaceFinder(loadGazetteer(KNOWLEDGE_DIR));
const words = caseWords(testLexicon);
const now = new Date('2026-11-25T10:00:00+08:00');

describe('amounts', () => {
  it.each([
    ['老板欠我运费三万', 30000],
    ['3万块', 30000],
    ['30000元', 30000],
    ['两千五', 2500],
    ['一万二', 12000],
    ['1.5万', 15000],
    ['三万五千块', 35000],
    ['罚了200元', 200],
    ['欠我12万', 120000],
    ['5w', 50000],
    ['运费三万二一直不结', 32000],
    ['两万一共欠了半年', 20000],
    ['欠了两万一', 21000],
    ['平台压了我们三个月运费二十多万', 200000],
    ['欠了3千多块', 3000],
    ['一共十多万', 100000],
  ])('%s → %i yuan', (text, yuan) => expect(findAmount(text)).toBe(yuan));

  it.each(['去年十月开始', '十二月份', '三个月了', '拉了30吨', '跑了500公里', '电话13812345678里没有钱'])('no amount in %s', (text) => {
    expect(extractSlots(text, { now, places, words }).amountYuan).toBeUndefined();
  });

  it('reads bare numbers only when the amount was asked', () => {
    expect(parseBareAmount('30000')).toBe(30000);
    expect(parseBareAmount('大概八千')).toBe(8000);
    expect(findAmount('30000')).toBeUndefined();
    expect(parseChineseNumber('一百零五')).toBe(105);
    expect(formatYuan(30000)).toBe('3万元');
    expect(formatYuan(2500)).toBe('2500元');
  });
});

describe('when it started', () => {
  it('resolves durations and months against Asia/Shanghai dates', () => {
    expect(findStartedAt('欠了三个月了', now)).toEqual({ text: '三个月了', date: '2026-08-27' });
    expect(findStartedAt('去年十月开始拖的', now)).toEqual({ text: '去年十月', date: '2025-10-01' });
    expect(findStartedAt('平台压了我们三个月运费二十多万', now)).toEqual({ text: '压了我们三个月', date: '2026-08-27' });
    expect(findStartedAt('2025年3月5号', now)?.date).toBe('2025-03-05');
    expect(findStartedAt('上个月', now)?.date).toBe('2026-10-26');
    expect(findStartedAt('半年了', now)?.text).toBe('半年了');
    expect(findStartedAt('没有时间', now)).toBeUndefined();
  });
});

describe('phones', () => {
  it('finds and masks mainland mobiles, with spaces or dashes', () => {
    expect(findPhone('电话138 1234 5678')).toBe('13812345678');
    expect(findPhone('139-1234-5678')).toBe('13912345678');
    expect(findPhone('12812345678')).toBeUndefined();
    expect(findPhone('138123456789')).toBeUndefined();
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('places from the gazetteer', () => {
  it('finds counties by short name and aliases, and cities alone', () => {
    expect(places.find('我在金堂跑车')).toMatchObject({ countyCode: '510121', cityCode: '510100' });
    expect(places.find('自贡沿滩区')).toMatchObject({ countyCode: '510311', label: '自贡市沿滩区' });
    expect(places.find('郫县那边')).toMatchObject({ countyCode: '510117' });
    expect(places.find('我在成都')).toEqual({ cityCode: '510100', label: '成都市' });
    expect(places.find('北京')).toBeUndefined();
    expect(places.nearest({ lat: 30.86, lon: 104.41 })?.countyCode).toBe('510121');
    expect(places.nearest({ lat: 39.9, lon: 116.4 })).toBeUndefined();
  });
});

describe('counterpart and employment', () => {
  it('finds companies, platforms and bosses', () => {
    expect(findCounterpart('成都顺达物流公司欠我运费', words)).toBe('成都顺达物流公司');
    expect(findCounterpart('欠我钱的是张老板', words)).toBe('张老板');
    expect(findCounterpart('老板姓王', words)).toBe('王老板');
    expect(findCounterpart('满帮上的货主不给钱', words)).toBe('满帮');
    expect(findCounterpart('我老板不给钱', words)).toBeUndefined();
  });

  it('tells employed drivers from owner-operators, or leaves it to ask', () => {
    expect(findEmployment('老板三个月没发工资', words)).toBe('employed');
    expect(findEmployment('货主欠我运费', words)).toBe('owner_operator');
    expect(findEmployment('挂靠公司扣我的钱', words)).toBe('owner_operator');
    expect(findEmployment('老板不给钱', words)).toBe('employed');
    expect(findEmployment('工资和运费都欠着', words)).toBeUndefined();
    expect(findEmployment('被乱罚款', words)).toBeUndefined();
  });

  it('extracts the categories drivers name, dialect included', () => {
    const cat = (t: string) => extractSlots(t, { now, places, words }).category;
    expect(cat('老板欠我运费三个月了')).toBe('freight');
    expect(cat('被乱罚款')).toBe('illegal_fees');
    expect(cat('遭罚了两百')).toBe('illegal_fees');
    expect(cat('晚上停车油被偷了')).toBe('theft');
    expect(cat('零首付买车被坑了')).toBe('truck_loan');
    expect(cat('借了网贷利滚利')).toBe('predatory_loan');
    expect(cat('保险公司拒赔')).toBe('insurance');
    expect(cat('娃儿转学的事')).toBe('family');
    expect(cat('拖欠工资')).toBe('wage');
  });
});

describe('urgency', () => {
  it.each([
    ['我被打了在流血', 'injury'],
    ['有人威胁要弄死我', 'threat'],
    ['我刚出了车祸', 'accident_now'],
    ['我不想活了', 'self_harm'],
  ])('%s is urgent (%s)', (text, kind) => expect(detectUrgent(text)).toBe(kind));

  it.each(['去年出的车祸保险公司拒赔', '老板欠我运费', '被乱罚款'])('%s is not urgent', (text) => expect(detectUrgent(text)).toBeUndefined());
});
