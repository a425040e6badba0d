import { describe, expect, it } from 'vitest';
import type { IntentDecision } from './intent.js';
import { mixedAsks } from './mixed-asks.js';

// A stand-in detector: station words make a search, 扣几分 / 罚多少 a question the base answers, anything else a story.
function detect(text: string): IntentDecision {
  if (/暖心之家/.test(text) && /(哪|有没有|吗)/.test(text)) return { intent: 'station', rule: 'station-search', faqConfidence: 0 };
  if (/(扣几分|罚多少|合理吗|第一名)/.test(text)) return { intent: 'faq', rule: 'knowledge-match', faqConfidence: 0.9 };
  if (/服务区/.test(text)) return { intent: 'station', rule: 'station-question', faqConfidence: 0 };
  return { intent: 'unknown', rule: 'no-match', faqConfidence: 0 };
}
const words = {
  nextAsk: /^(顺便问下|另外)/u,
  mentionsStation: (t: string) => /暖心之家|服务区/.test(t),
  asks: (t: string) => /[？?]|哪|扣几|多少|吗|有没有/.test(t),
  aboutStation: (t: string) => /洗澡|修车|住/.test(t),
  standsAlone: (t: string) => !/他|免费的不/.test(t),
  shareContent: (a: string, b: string) => /罚/.test(a) && /罚/.test(b),
};

describe('mixedAsks', () => {
  it('splits a search and a question at a sentence end, in either order', () => {
    expect(mixedAsks('最近的暖心之家在哪？疲劳驾驶扣几分', detect, words)).toEqual([
      { text: '最近的暖心之家在哪？', intent: 'station' },
      { text: '疲劳驾驶扣几分', intent: 'faq' },
    ]);
    expect(mixedAsks('超载罚多少？附近有没有暖心之家', detect, words)?.map((p) => p.intent)).toEqual(['faq', 'station']);
  });

  it('splits a transcript at the pause before a clause announcing another question', () => {
    expect(mixedAsks('附近有没有暖心之家 顺便问下疲劳驾驶扣几分', detect, words)?.map((p) => p.text)).toEqual([
      '附近有没有暖心之家',
      '疲劳驾驶扣几分',
    ]);
    expect(mixedAsks('附近有没有暖心之家 疲劳驾驶扣几分', detect, words)).toBeUndefined();
  });

  it('keeps as one a story told at a service area, two questions of one domain, and a message with no station word', () => {
    expect(mixedAsks('我在服务区停了十分钟。被罚了两百，合理吗？', detect, words)).toBeUndefined();
    expect(mixedAsks('疲劳驾驶扣几分？超载罚多少？', detect, words)).toBeUndefined();
    let searches = 0;
    const counting = (t: string) => (searches++, detect(t));
    expect(mixedAsks('疲劳驾驶扣几分？超载罚多少？', counting, { ...words, mentionsStation: () => false })).toBeUndefined();
    expect(searches).toBe(0);
  });

  it('keeps as one a second question about the station just named', () => {
    expect(
      mixedAsks(
        '金堂暖心之家在哪？能修车不？',
        (t) => (/修车/.test(t) ? { intent: 'faq', rule: 'knowledge-match', faqConfidence: 0.6 } : detect(t)),
        words,
      ),
    ).toBeUndefined();
  });

  it('pairs a filing request with a question announced after it, but never a story with its own question', () => {
    const filing = (t: string): IntentDecision =>
      /我要投诉/.test(t)
        ? { intent: 'grievance', rule: 'grievance-filing', faqConfidence: 0 }
        : /被偷/.test(t)
          ? { intent: 'grievance', rule: 'grievance-story', faqConfidence: 0 }
          : detect(t);
    expect(mixedAsks('我要投诉这个老板 另外超载罚多少', filing, { ...words, mentionsStation: () => false })?.map((p) => p.intent)).toEqual([
      'grievance',
      'faq',
    ]);
    expect(mixedAsks('昨天油被偷了 另外超载罚多少', filing, { ...words, mentionsStation: () => false })).toBeUndefined();
  });

  it('keeps as one a question about the matter just told, and a bare request to file followed by the matter', () => {
    const filing = (t: string): IntentDecision =>
      /我要投诉/.test(t)
        ? { intent: 'grievance', rule: 'grievance-filing', faqConfidence: 0 }
        : { intent: 'faq', rule: 'knowledge-match', faqConfidence: 0.8 };
    const noStation = { ...words, mentionsStation: () => false };
    expect(mixedAsks('我要投诉我们车队老板 另外他扣我工资合法吗', filing, noStation)).toBeUndefined();
    expect(mixedAsks('我要投诉 另外货主说货少了要我赔 我该赔不', filing, noStation)).toBeUndefined();
    expect(mixedAsks('我要投诉交警乱罚款 另外罚了两百块钱合不合理', filing, noStation)).toBeUndefined();
    expect(mixedAsks('我要投诉我们车队老板 另外超载罚多少', filing, noStation)?.length).toBe(2);
  });

  it('keeps as one a part that tells rather than asks', () => {
    expect(mixedAsks('刚才娃娃考了第一名，高兴惨了。对了，附近有没有暖心之家？', detect, words)).toBeUndefined();
  });

  it('keeps as one a message of more than three sentences', () => {
    expect(mixedAsks('我跑成都。昨天到的。累得很。附近有没有暖心之家？扣几分？', detect, words)).toBeUndefined();
  });
});
