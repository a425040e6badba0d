// Intent rules for station and booking words, with neighbouring intents kept where they were.
import { describe, expect, it } from 'vitest';
import { testDetectIntent as detectIntent, testIntentWords } from '../../tests/support/intent-words.js';
import { createIntentDetector } from './intent.js';
import type { KnowledgeProbe } from './types.js';

const intent = (text: string, location?: { lat: number; lon: number }) => detectIntent({ text, ...(location ? { location } : {}) }, undefined).intent;
/** A knowledge base sure of its answer, whatever is asked. */
const sure: KnowledgeProbe = {
  confidence: () => 0.9,
  assess: (text) => ({ question: text, decision: 'answer', confidence: 0.9, candidates: [], reason: 'test' }),
};

/** Intent with a sure knowledge base and a station catalog (named) or gazetteer (namedPlace) holding these names. */
function detectorNaming(field: 'named' | 'namedPlace', names: string[]): (text: string) => string {
  const detect = createIntentDetector({
    ...testIntentWords,
    stations: { ...testIntentWords.stations, [field]: { test: (t: string) => names.some((n) => t.includes(n)) } },
  });
  return (text) => detect({ text }, sure).intent;
}

describe('detectIntent: stations and bookings', () => {
  it.each([
    ['附近哪里可以洗澡', 'station'],
    ['我在自贡沿滩，附近有暖心之家没得', 'station'],
    ['G5往成都方向下一个能住的', 'station'],
    ['金堂附近有没有司机休息的地方', 'station'],
    ['暖心之家有什么服务', 'station'],
    ['巴中那边服务区能住宿不', 'station'],
    ['新都桥那边有地方吃饭没有', 'station'],
    ['在服务区那边被偷了油', 'grievance'],
    ['预约第1个', 'booking'],
    ['我的预约', 'booking'],
    ['取消预约 NX7K3M9Q', 'booking'],
    ['我要投诉，老板欠我运费', 'grievance'],
    ['你好', 'smalltalk'],
    ['我要跟人工说', 'handoff'],
    ['喂 你好', 'smalltalk'],
    ['我在西昌想找地方洗个澡', 'station'],
    ['师傅你好 你都能干些什么', 'smalltalk'],
    // Pleasantries around a question about the assistant.
    ['你好，第一次用这个，你能帮我干些什么？', 'smalltalk'],
    ['你好，第一次用这个，我要投诉', 'grievance'],
    ['雅安天全有歇脚的地方吗', 'station'],
    ['金堂有暖心之家吗', 'station'],
    ['巴中有地方住吗 跑车的', 'station'],
    ['晚上高速上停车警告标志放多远', 'unknown'],
    ['你叫什么名字', 'smalltalk'],
    ['暖心之家有什么服务吗', 'station'],
    // Sichuan "有X的点没" asks whether there is one.
    ['雅康高速上有司机歇脚的点没', 'station'],
    // A theft at a service area, asked about insurance, is not a search for the place.
    ['停在服务区一晚上油被抽了 有没有什么保险能赔', 'grievance'],
    ['今晚沿滩暖心之家给我留两个铺', 'booking'],
    ['帮我订三个床位', 'booking'],
  ])('%s → %s', (text, expected) => {
    expect(intent(text)).toBe(expected);
  });

  it('sends what a driver home offers at a named county or city to the station data, but not its price or a story there', () => {
    const at = detectorNaming('namedPlace', ['金堂', '自贡']);
    expect(at('带着婆娘娃儿路过金堂，暖心之家能住一家三口不')).toBe('station');
    expect(at('金堂那个暖心之家吃饭多少钱')).toBe('faq');
    expect(at('暖心之家能住一家三口不')).toBe('faq');
    expect(at('在金堂服务区被人偷了油，暖心之家能住不')).not.toBe('station');
  });

  it('sends a question about one named station to the station data, but not a story told at one', () => {
    const named = detectorNaming('named', ['沿滩暖心之家', '谢安服务区', '下八庙', '农产品交易中心']);
    expect(named('沿滩暖心之家能住宿吗')).toBe('station');
    expect(named('谢安服务区的暖心之家有什么服务')).toBe('station');
    expect(named('我在谢安服务区被人偷了油，咋个办')).toBe('faq');
    // Without a named station the knowledge base's overview answers.
    expect(named('暖心之家能住宿吗')).toBe('faq');
    // How booking works is the knowledge base's; a booking for oneself is the booking flow's.
    expect(named('暖心之家能在网上预约吗')).toBe('faq');
    expect(named('暖心之家在哪个平台可以查到和预约')).toBe('faq');
    expect(named('能帮我预约今晚沿滩的床位吗')).toBe('booking');
    // A booking asked as a question still books when it names the station or the day.
    expect(named('可以预约沿滩暖心之家的床位吗')).toBe('booking');
    expect(named('明天能预约沿滩的床位不')).toBe('booking');
    // A station alias that is also an ordinary place, in a question the knowledge base answers, is where it happens.
    expect(named('绿通车去农产品交易中心卸货能免费吗')).toBe('faq');
    expect(named('下八庙那个还开着没')).toBe('station');
    expect(intent('暖心之家能在网上预约吗')).toBe('booking');
  });

  it('reads a story for its last clauses: a service area told on the way is where it happened, not what is sought', () => {
    const asked = (text: string) => detectIntent({ text }, sure).intent;
    expect(asked('我是车队老板，手下一个司机在服务区休息的时候突发脑溢血，人没了，这种算不算工伤？')).toBe('faq');
    expect(asked('帮我老公查一下，他今晚在成德南高速上，想找个暖心之家洗个澡歇一下，最近的是哪个')).toBe('station');
    // Unsure of an answer, the same search words still find stations; a long story unsure of its answer is no search.
    expect(intent('我在服务区附近，想找个地方歇一下，最近的是哪个')).toBe('station');
    expect(
      intent(
        '我上周在服务区停车，跟人起了纠纷，现在对方要告我，下个礼拜就是最后期限了，我得赶紧找律师但是没钱。法律援助审核要好多天，我等不起，有没有加急的办法？',
      ),
    ).not.toBe('station');
  });

  it('takes a bare location message as a station search', () => {
    expect(intent('位置', { lat: 29.27, lon: 104.87 })).toBe('station');
  });
});
