// A model's proposed slots are kept only where the driver's words back them: invented values, kinds of party and unbacked categories are dropped.
import { describe, expect, it } from 'vitest';
import { testLexicon } from '../../tests/support/intent-words.js';
import type { Logger } from '../log.js';
import { KNOWLEDGE_DIR } from '../runtime.js';
import { loadGazetteer } from '../stations/load-data.js';
import { caseWords, isGenericParty } from './case-words.js';
import { createPlaceFinder } from './places.js';
import { acceptModelSlots, fillGaps, guardedSlotModel, judgeModelSlots, modelCouldFill } from './slot-model.js';

const places = createPlaceFinder(loadGazetteer(KNOWLEDGE_DIR));
const words = caseWords(testLexicon);
const accept = (raw: unknown, text: string) => acceptModelSlots(raw, text, places, words);

describe('model-proposed slots', () => {
  it('keeps what the driver said', () => {
    const text = '顺达物流欠我运费三万，在金堂，我自己的车，电话13812345678';
    expect(
      accept(
        { category: 'freight', amountYuan: 30000, counterpart: '顺达物流', county: '金堂', employment: 'owner_operator', phone: '13812345678' },
        text,
      ),
    ).toEqual({
      category: 'freight',
      amountYuan: 30000,
      counterpart: '顺达物流',
      place: expect.objectContaining({ countyCode: '510121' }),
      employment: 'owner_operator',
      phone: '13812345678',
    });
  });

  it('drops an invented counterpart, county, amount and phone', () => {
    const text = '顺达物流欠我运费三万，在金堂';
    expect(accept({ counterpart: '成都顺达物流有限公司' }, text)).toEqual({});
    expect(accept({ county: '广元' }, text)).toEqual({});
    expect(accept({ amountYuan: 50000 }, text)).toEqual({});
    expect(accept({ phone: '13812345678' }, text)).toEqual({});
    const judged = judgeModelSlots({ counterpart: '某某公司', amountYuan: 32000, county: '金堂' }, text, places, words);
    expect(judged.accepted).toEqual({ place: expect.objectContaining({ countyCode: '510121' }) });
    expect(judged.rejected).toEqual(['amountYuan', 'counterpart']);
  });

  it('drops a counterpart that is a kind of party or only digits', () => {
    const text = '我们老板欠我半年工资，那家物流公司也不管，他们电话13812345678，车牌川A12345';
    for (const counterpart of ['老板', '我们老板', '那家物流公司', '物流公司', '他们', '13812345678', '12345'])
      expect(accept({ counterpart }, text), counterpart).toEqual({});
    expect(isGenericParty('对方', words)).toBe(true);
    expect(isGenericParty('公司', words)).toBe(true);
    expect(isGenericParty('鑫盛物流', words)).toBe(false);
    expect(accept({ counterpart: '鑫盛物流' }, '押金五千块，德阳鑫盛物流不退')).toEqual({ counterpart: '鑫盛物流' });
  });

  it('keeps a category only when the words say it, through its rule or its weaker support words', () => {
    expect(accept({ category: 'wage' }, '帮人开车干了半年一分钱没发')).toEqual({ category: 'wage' });
    expect(accept({ category: 'freight' }, '拉了三趟货一直不给结')).toEqual({ category: 'freight' });
    expect(accept({ category: 'predatory_loan' }, '拉了三趟货一直不给结')).toEqual({});
    expect(accept({ category: 'accident' }, '顺达物流欠我三万')).toEqual({});
    expect(accept({ category: 'other' }, '顺达物流欠我三万，不晓得咋办')).toEqual({});
  });

  it('keeps employment only when words back it', () => {
    expect(accept({ employment: 'employed' }, '我给人开车的，老板跑了')).toEqual({ employment: 'employed' });
    expect(accept({ employment: 'owner_operator' }, '我给人开车的，老板跑了')).toEqual({});
    expect(accept({ employment: 'employed' }, '顺达物流欠我三万块钱')).toEqual({});
  });

  it('takes null as not said, and refuses anything outside the schema', () => {
    const text = '顺达物流欠我运费三万';
    expect(accept({ counterpart: '顺达物流', county: null, phone: null }, text)).toEqual({ counterpart: '顺达物流' });
    expect(accept({ category: 'not-a-category' }, text)).toEqual({});
    expect(accept({ counterpart: '顺达物流', extra: 'field' }, text)).toEqual({});
    expect(accept({ amountYuan: '30000' }, text)).toEqual({});
    expect(accept('顺达物流', text)).toEqual({});
  });

  it('logs what it drops by field and length, never the driver’s words', async () => {
    const lines: unknown[] = [];
    const log = { warn: (...a: unknown[]) => lines.push(a), info() {}, debug() {}, error() {} } as Logger;
    const model = guardedSlotModel(async () => ({ counterpart: '老板', amountYuan: 99 }), words, log);
    const text = '老板欠我运费三个月了';
    expect(await model.extract(text, { now: new Date(), places })).toEqual({});
    expect(JSON.stringify(lines)).not.toContain('老板欠我');
    expect(lines).toEqual([[expect.any(String), { fields: ['amountYuan', 'counterpart'], chars: Array.from(text).length }]]);
  });
});

describe('filling the form from the model', () => {
  it('fills only what the rules and the form left empty', () => {
    const found = { amountYuan: 30000 };
    const slots = { category: 'freight' as const, phone: null };
    expect(modelCouldFill(found, slots)).toBe(true);
    fillGaps(found, slots, { category: 'wage', amountYuan: 1, counterpart: '顺达物流', phone: '13812345678' });
    expect(found).toEqual({ amountYuan: 30000, counterpart: '顺达物流' });
    const full = { category: 'freight' as const, amountYuan: 1, counterpart: null, countyCode: null, employment: null, phone: null };
    expect(modelCouldFill({}, full)).toBe(false);
  });
});
