// Unit tests for the pure sentence parsing: amenities, places through the gazetteer, highway + direction, dates, names, phones.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testLexicon } from '../../tests/support/intent-words.js';
import { amenitiesIn, stationWords } from './station-words.js';
import { bookingCodeIn, dateIn, looksLikeBadPhone, maskPhone, nameIn, phoneIn, saysNo, saysYes, showerSlotIn } from './booking-words.js';
import { loadGazetteer, loadStations, loadUnplacedStations } from './load-data.js';
import { PlaceFinder } from './place-finder.js';
import { routeIn } from './route-words.js';

const KNOWLEDGE = fileURLToPath(new URL('../../knowledge', import.meta.url));
const words = stationWords(testLexicon);
const places = new PlaceFinder(loadGazetteer(KNOWLEDGE), [...loadStations(KNOWLEDGE), ...loadUnplacedStations(KNOWLEDGE)]);

// 2025-12-01 10:00 in China is a Monday.
const MONDAY = new Date('2025-12-01T02:00:00Z');

describe('amenitiesIn', () => {
  it.each([
    ['附近哪里可以洗澡', ['shower']],
    ['G5往成都方向下一个能住的', ['lodging']],
    ['想找个地方吃饭', ['meal']],
    ['能洗衣服不', ['laundry']],
    ['有没有地方停车睡觉', ['lodging', 'parking']],
    ['金堂附近有没有司机休息的地方', []],
  ])('%s → %j', (text, expected) => {
    expect(amenitiesIn(text, words).sort()).toEqual([...expected].sort());
  });
});

describe('PlaceFinder', () => {
  it('finds a city and a county by short names inside a sentence', () => {
    const found = places.find('我在自贡沿滩，附近有暖心之家没得');
    expect(found.map((p) => [p.kind, p.name])).toEqual([
      ['city', '自贡市'],
      ['county', '沿滩区'],
    ]);
  });

  it('prefers a station alias over a shorter district name (新都桥 is not 新都)', () => {
    const [first] = places.find('新都桥那边能住吗');
    expect(first).toMatchObject({ kind: 'station', id: 'xinduqiao-fwq' });
  });

  it('finds a county with no station words around it', () => {
    expect(places.find('金堂附近有没有司机休息的地方')[0]).toMatchObject({ kind: 'county', name: '金堂县' });
  });

  it('finds unplaced stations by alias so name search can say they exist', () => {
    expect(places.find('谢安服务区在哪')[0]).toMatchObject({ kind: 'station', id: 'xiean-fwq' });
  });

  it('finds nothing in a sentence without places', () => {
    expect(places.find('附近哪里可以洗澡')).toEqual([]);
  });

  it('finds a place a recogniser wrote in other characters by its sound, and nothing in ordinary words', () => {
    expect(places.find('那个 沿摊 暖心之家 有地方睡觉没得')).toEqual([]);
    expect(places.findBySound('那个 沿摊 暖心之家 有地方睡觉没得')[0]).toMatchObject({ kind: 'county', name: '沿滩区', matched: '沿摊' });
    expect(places.findBySound('金塘服务区能洗澡不')[0]).toMatchObject({ kind: 'station', id: 'jintang-fwq', matched: '金塘服务区' });
    expect(places.findBySound('附近哪里可以洗澡 今天能住不')).toEqual([]);
    // 休息的 holds the sound of 喜德 (xi de) across two words: no place is named.
    expect(places.findBySound('里面有没有说停车休息的事')).toEqual([]);
  });
});

describe('routeIn', () => {
  it('reads highway code, destination and "next"', () => {
    expect(routeIn('G5往成都方向下一个能住的')).toEqual({ code: 'G5', toward: '成都', ahead: true });
  });
  it('reads an expressway name and a bare direction', () => {
    expect(routeIn('走成渝高速重庆方向有服务区吗')).toMatchObject({ name: '成渝高速', toward: '重庆' });
    // The clause before the road is not part of its name.
    expect(routeIn('我从重庆过来走成渝高速，晚上到成都')).toMatchObject({ name: '成渝高速' });
    expect(routeIn('在成德南高速上')).toMatchObject({ name: '成德南高速' });
    // Asking which road names none.
    expect(routeIn('金堂服务区那个暖心之家是在哪条高速上')).toBeUndefined();
    expect(routeIn('沿滩暖心之家在什么高速')).toBeUndefined();
  });
  it('reads a lower-case code with a space', () => {
    expect(routeIn('g 4218 前面有吃饭的吗')).toMatchObject({ code: 'G4218', ahead: true });
  });
  it('reads a national or provincial road named by its number', () => {
    expect(routeIn('318国道上有没有暖心之家')).toMatchObject({ code: 'G318' });
    expect(routeIn('走108国道往广元方向')).toMatchObject({ code: 'G108', toward: '广元' });
    expect(routeIn('40省道边上有服务区吗')).toMatchObject({ code: 'S40' });
  });
  it('returns undefined without road or direction', () => {
    expect(routeIn('附近哪里可以洗澡')).toBeUndefined();
  });
  it('does not take where the driver is against a road (离高速, 下高速) for a road name', () => {
    expect(routeIn('谢安服务区那个暖心之家离高速远不远，能停大车不')).toBeUndefined();
    expect(routeIn('金堂服务区的暖心之家在高速哪一边，几点开门')).toBeUndefined();
    expect(routeIn('刚下高速，附近有吃饭的没得')).toBeUndefined();
    expect(routeIn('下了京昆高速往西昌走')).toMatchObject({ name: '京昆高速', toward: '西昌' });
  });
});

describe('dateIn (China calendar)', () => {
  it.each([
    ['今晚', '2025-12-01'],
    ['明天', '2025-12-02'],
    ['后天住一晚', '2025-12-03'],
    ['大后天', '2025-12-04'],
    ['12月3号', '2025-12-03'],
    ['十二月二十五日', '2025-12-25'],
    ['周五', '2025-12-05'],
    ['下周五', '2025-12-12'],
    ['星期天', '2025-12-07'],
    ['1月3号', '2026-01-03'],
    ['15号', '2025-12-15'],
    ['2026-01-10', '2026-01-10'],
  ])('%s → %s', (text, iso) => {
    expect(dateIn(text, MONDAY)).toBe(iso);
  });

  it('uses the China date, not UTC, near midnight', () => {
    // 2025-12-01 23:30 UTC is already 2 December in China.
    expect(dateIn('今天', new Date('2025-12-01T23:30:00Z'))).toBe('2025-12-02');
  });

  it('rejects impossible dates and finds none in plain text', () => {
    expect(dateIn('2月30号', MONDAY)).toBeUndefined();
    expect(dateIn('附近哪里可以洗澡', MONDAY)).toBeUndefined();
  });
});

describe('phones, names, codes, yes/no', () => {
  it('reads mainland mobiles with separators and +86, and masks them', () => {
    expect(phoneIn('电话138 1234 5678')).toBe('13812345678');
    expect(phoneIn('+86 139-1234-5678')).toBe('13912345678');
    expect(phoneIn('12812345678')).toBeUndefined();
    expect(looksLikeBadPhone('电话1381234567')).toBe(true);
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('reads names after a cue, or bare when asked', () => {
    expect(nameIn('我叫张建国，电话13812345678')).toBe('张建国');
    expect(nameIn('姓名：李四')).toBe('李四');
    expect(nameIn('王五', { bare: true })).toBe('王五');
    expect(nameIn('王五')).toBeUndefined();
    expect(nameIn('确认', { bare: true })).toBeUndefined();
    expect(nameIn('我是司机')).toBeUndefined();
  });

  it('reads booking codes without ambiguous letters', () => {
    expect(bookingCodeIn('取消预约 nx7k3m9q')).toBe('NX7K3M9Q');
    expect(bookingCodeIn('NX0O1I23')).toBeUndefined();
  });

  it('reads shower slots', () => {
    expect(showerSlotIn('晚上9点洗澡')).toBe('21:00');
    expect(showerSlotIn('洗澡 20:30')).toBe('20:00');
    expect(showerSlotIn('明天住')).toBeUndefined();
  });

  it('tells yes from no', () => {
    expect(saysYes('确认')).toBe(true);
    expect(saysYes('好的！')).toBe(true);
    expect(saysYes('好的，在哪里')).toBe(false);
    expect(saysNo('不要了')).toBe(true);
    expect(saysNo('取消')).toBe(true);
  });
});
