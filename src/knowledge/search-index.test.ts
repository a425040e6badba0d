// Retrieval over the real knowledge base: variants drivers produce (script, homophones, dialect, spoken digits) and calibration.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from './entry-schema.js';
import { ANSWER_THRESHOLD } from './faq-skill.js';
import { loadEntries } from './load-entries.js';
import { repositoryLanguage } from './repository-language.js';
import { buildKnowledgeIndex, type KnowledgeIndex } from './search-index.js';

let index: KnowledgeIndex;
beforeAll(() => {
  index = buildKnowledgeIndex(loadEntries(), repositoryLanguage());
});

const top = (q: string) => index.search(q, 3)[0];

describe('knowledge index over the curated entries', () => {
  it.each([
    ['勞動仲裁要錢嗎', 'labour-arbitration-cost-and-timeline'],
    ['工傷保險費是單位交還是個人交', 'work-injury-premium'],
  ])('finds traditional-character questions: %s', (q, id) => {
    expect(top(q)?.entry.id).toBe(id);
    expect(top(q)?.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it.each([
    ['公伤认定单位不给报我自己能申请不', 'work-injury-application-deadline'],
    ['法律园助咋个申请', 'legal-aid-how-to-apply'],
    ['车祸无忧保险是啥', 'chehuo-wuyou-insurance'],
    ['六周的半挂车限重是好多', 'overlimit-weight-limits'],
  ])('survives speech-recognition homophones: %s', (q, id) => {
    expect(index.search(q, 3).map((h) => h.entry.id)).toContain(id);
    expect(top(q)?.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it('repairs a one-character homophone only when the pair is unknown and a heading word sounds the same', () => {
    expect(index.repair('工伤保线怎么买')).toBe('工伤保险怎么买');
    expect(index.repair('法律园助')).toBe('法律援助');
    // 写一 is not a heading word's pair, so a poem request is not turned into 歇一 (rest).
    expect(index.repair('帮我写一首诗')).toBe('帮我写一首诗');
    expect(index.repair('借了钱欠条上')).toBe('借了钱欠条上');
  });

  it('takes a pair with both characters misheard only when the re-reading joins a neighbour into a known word', () => {
    expect(index.repair('小额苏松好多钱以内')).toContain('小额诉讼');
    expect(index.repair('苏松')).toBe('苏松');
  });

  it('keeps a real word unless the re-reading also joins it to its neighbour', () => {
    expect(index.repair('明天去成都的火车几点')).toContain('火车');
    expect(index.repair('法律援助法是哪年开始施行的')).toContain('开始');
    expect(index.repair('工商认定要在多少天内申请')).toContain('工伤认定');
    // Two function characters side by side (才|要) are no word to keep: 仲才 is still heard as 仲裁.
    expect(index.repair('那个仲才要不要钱的')).toContain('仲裁');
    // Pairs the base's own texts use are right, function characters or not: 他们 and 你是 are never re-read.
    expect(index.repair('他们不给我钱怎么办')).toBe('他们不给我钱怎么办');
    expect(index.repair('你是机器人还是真人')).toBe('你是机器人还是真人');
    expect(index.confidence('明天去成都的火车几点')).toBeLessThan(ANSWER_THRESHOLD);
  });

  it('never lets a how-many word (几天) anchor an entry the rest of the question does not fit', () => {
    expect(index.confidence('车贷晚还几天有没有影响')).toBeLessThan(ANSWER_THRESHOLD);
    expect(index.confidence('123乘以456等于多少')).toBeLessThan(ANSWER_THRESHOLD);
  });

  it('answers a figure asked in another unit of the same measure (几个月 for an entry stating 30日)', () => {
    const hit = top('单位申请工伤认定最多能拖几个月');
    expect(hit?.entry.id).toBe('work-injury-application-deadline');
    expect(hit?.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it('does not answer a points question from an entry that states no points', () => {
    expect(index.confidence('在应急车道停车扣几分')).toBeLessThan(ANSWER_THRESHOLD);
  });

  it('weighs the question a long story ends with', () => {
    const hit = top('跟着车队老板跑了两年 说好年底结账 年底他人跑了 我现在还能申请劳动仲裁吗 时效过没过');
    // The labour-arbitration limit (1 year) answers it, from its own entry or the employee/owner routing entry.
    expect(hit?.entry.answer).toMatch(/仲裁[^。]*1\s*年|1\s*年[^。]*仲裁/);
    expect(hit?.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it('weighs a quantity the driver gives (40吨, 三年前) less than a topic', () => {
    expect(top('网上说超限是40吨，对吗')?.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
    expect(top('网上说超限是40吨，对吗')?.entry.answer).toMatch(/49/);
  });

  it.each([
    ['老板欠薪会不会被判刑', 'wage-refusal-crime'],
    ['高速上车坏了三脚架要摆多远', 'expressway-breakdown-warning'],
    ['法律援助要交钱不', 'legal-aid-what-is'],
    ['仲裁委几天内决定受不受理', 'labour-arbitration-cost-and-timeline'],
  ])('matches colloquial words to the entry that uses the standard one: %s', (q, id) => {
    expect(top(q)?.entry.id).toBe(id);
    expect(top(q)?.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it('understands Sichuan dialect and spoken digits', () => {
    expect(top('连到开了四个钟头了要歇好久')?.entry.id).toBe('fatigue-driving-rule');
    expect(top('幺二三二八是干啥子的电话')?.entry.id).toBe('hotline-12328');
    expect(top('一二三四八是啥子电话')?.entry.id).toBe('hotline-12348');
  });

  it.each(['帮我写一首诗', '最近买哪支股票能赚钱', '今天天气怎么样', '回锅肉怎么做才好吃', '给我讲个笑话'])(
    'gives off-topic questions a low confidence: %s',
    (q) => {
      expect(index.confidence(q)).toBeLessThan(ANSWER_THRESHOLD);
    },
  );

  it('stays below the threshold for a driver topic the knowledge base does not cover', () => {
    expect(index.confidence('四川货车车船税一年交好多')).toBeLessThan(ANSWER_THRESHOLD);
  });

  it('answers an ETC discount question with the entry that states no rate and says where to check', () => {
    const [top] = index.search('四川高速货车ETC夜间打几折', 1);
    expect(top?.entry.id).toBe('etc-toll-discount-where-to-check');
    expect(top?.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
    // The reference's national floor is unverified (row 64): the entry names no percentage or discount rate of its own.
    expect(`${top?.entry.answer}${top?.entry.speech}`.replace(/"[^"]*"/g, '')).not.toMatch(/\d+\s*%|百分之|[一二三四五六七八九]折/);
  });

  it.each(['开车玩手机扣几分', '驾照年审要带什么', '交强险一年多少钱', '驾驶证扣满12分了怎么办', '货车超速百分之二十罚多少', '货车晚上几点能进城', '六轴车过路费一公里多少钱'])(
    'does not let a neighbouring entry answer a question naming a topic it never mentions: %s',
    (q) => {
      expect(index.confidence(q)).toBeLessThan(ANSWER_THRESHOLD);
    },
  );

  it('gives a question with no topic of its own no confidence, however fully an entry contains it', () => {
    expect(index.confidence('是管什么的')).toBeLessThan(ANSWER_THRESHOLD);
    expect(index.confidence('12328是管什么的')).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it('keeps confidence within 0..1 and search total for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const hits = index.search(s, 3);
        for (const h of hits) expect(h.confidence).toBeGreaterThanOrEqual(0);
        for (const h of hits) expect(h.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('buildKnowledgeIndex from a plain array', () => {
  const entry = (id: string, title: string, questions: string[], answer: string): KnowledgeEntry => ({
    id,
    title,
    category: 'general',
    region: 'national',
    questions,
    answer,
    speech: answer.slice(0, 100),
    sources: [{ name: '测试来源' }],
    effective: '2026-01-01',
    reviewed: '2026-01-01',
    tags: [],
  });

  it('needs no files and ranks the entry whose headings match first', () => {
    const small = buildKnowledgeIndex([
      entry('a', '轮胎气压怎么查', ['胎压多少合适', '轮胎打气打多少'], '按车门上的标签打气。'),
      entry('b', '刹车片多久换', ['刹车片换的周期', '刹车异响怎么办'], '按里程检查刹车片。'),
    ], repositoryLanguage());
    expect(small.search('刹车片要多久换一次')[0]?.entry.id).toBe('b');
    expect(small.search('胎压多少')[0]?.entry.id).toBe('a');
    expect(small.search('')).toEqual([]);
  });

  it('credits a sound-alike for an unknown pair (a mishearing) but hardly for a known word that sounds the same', () => {
    const small = buildKnowledgeIndex([
      entry('a', '工伤怎么认定', ['工伤认定找哪个'], '单位30日内申请。'),
      entry('b', '公商银行开户', ['公商银行在哪里'], '带身份证去网点。'),
    ], repositoryLanguage());
    // 攻伤 is in no entry: it can only be a mishearing of 工伤.
    expect(small.search('攻伤')[0]?.entry.id).toBe('a');
    expect(small.search('攻伤')[0]?.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
    // 公商 is entry b's own word; entry a, which only sounds like it, must not look like an answer.
    const soundAlike = small.search('公商').find((h) => h.entry.id === 'a');
    expect(soundAlike?.confidence ?? 0).toBeLessThan(ANSWER_THRESHOLD);
  });

  it('prefers the entry that names the topic a question asks about, and refuses when none does', () => {
    const small = buildKnowledgeIndex([
      entry('a', '疲劳驾驶扣几分', ['开车累了扣分吗', '开车超过4小时扣分'], '货车疲劳驾驶记3分。'),
      entry('b', '货车司机常见违法', ['开车的违法行为'], '比如开车接打手机，要扣分。'),
    ], repositoryLanguage());
    expect(small.search('开车玩手机扣几分')[0]?.entry.id).toBe('b');
    const without = buildKnowledgeIndex([entry('a', '疲劳驾驶扣几分', ['开车累了扣分吗', '开车超过4小时扣分'], '货车疲劳驾驶记3分。')], repositoryLanguage());
    expect(without.confidence('开车玩手机扣几分')).toBeLessThan(ANSWER_THRESHOLD);
    expect(without.confidence('开车超过4小时扣几分')).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it('reads pinyin typed in place of characters, and leaves English alone', () => {
    expect(index.repair('劳动zhongcai要收钱不')).toContain('劳动仲裁');
    // One syllable glued to a character that the two spell a heading word with; a Latin word the base uses stays.
    expect(index.repair('挂kao的车撞了人')).toContain('挂靠');
    expect(index.repair('gong资不发')).toContain('工资');
    expect(index.repair('用app怎么投诉')).toContain('app');
    expect(index.repair('taolu贷是啥')).toContain('套路贷');
    expect(index.repair('hello 你好')).toBe('hello 你好');
    expect(top('laodong zhongcai shixiao')?.entry.id).toBe('labour-arbitration-time-limit');
  });

  it('reads a message typed wholly in pinyin, short words included, as one run of characters', () => {
    expect(index.repair('laodong zhongcai yao jiao qian ma')).toBe('劳动仲裁要收费吗');
    expect(top('guakao che chu shigu shei pei')?.entry.id).toBe('affiliation-accident-liability');
    // One pinyin word in a sentence of characters, or an English sentence, keeps its other words as written.
    expect(index.repair('我想问 shei 管')).toBe('我想问 shei 管');
  });

  it('reads a transcript\'s words spaced apart as one run, as retrieval reads typed characters', () => {
    expect(index.repair('工伤 保险 是不是 要 我 自己 出钱 买')).toBe(index.repair('工伤保险是不是要我自己出钱买'));
    expect(top('工伤 保险 是不是 要 我 自己 出钱 买')?.entry.id).toBe('work-injury-premium');
    expect(index.repair('small claims 小额诉讼 appeal?')).toBe('small claims 小额诉讼 appeal?');
  });

  it('re-reads a misheard word whose neighbour joins the knowledge base\'s words, and leaves it alone elsewhere', () => {
    expect(index.repair('法律圆柱那个电话是多少')).toContain('法律援助');
    expect(index.repair('我买了个圆柱形的油桶')).toContain('圆柱');
  });

  it('reads syllables typed apart ("shi gu", "gong zi") beside characters as the words they spell, and leaves English alone', () => {
    // The spaces between the words it read are a transcript's, not word breaks: retrieval reads them as one run.
    expect(index.repair('guakao che chu shi gu 谁赔')).toBe('挂靠车出事故谁赔');
    expect(top('guakao che chu shi gu 谁赔')?.entry.id).toBe('affiliation-accident-liability');
    expect(index.repair('wo lao ban qian wo gong zi 三个月了')).toContain('工资');
    // Three syllables of one word read as two overlapping pairs.
    expect(index.repair('chu shi gu le shei pei')).toContain('出事故');
    // …unless the syllables after the shared one are a word themselves.
    expect(index.repair('南充那一段有没有 si ji zhi jia')).toContain('司机之家');
    expect(index.repair('small claims 小额诉讼 appeal?')).toBe('small claims 小额诉讼 appeal?');
  });

  it('reads drivers\' topics written in English as the indexed words, and leaves other English alone', () => {
    expect(top('legal aid hotline number in China? 我想问法律问题')?.entry.id).toBe('hotline-12348');
    expect(top('truck driver fatigue driving rule, how many hours?')?.entry.id).toBe('fatigue-driving-rule');
    expect(index.repair('hello 你好')).toBe('hello 你好');
  });

  it.each([
    // Places the knowledge base never names say where the driver is, not what is asked.
    ['从成都拉货到昆明 货主公司在广州 要去哪个地方的法院告他', 'freight-where-to-sue'],
    // "几个" is answered by an entry that states a number of them.
    ['四川一共建了几个暖心之家', 'nuanxin-home-locations'],
    // A run of unplaced characters (搞|套路贷) is split where no known pair joins it.
    ['搞套路贷的被抓了一般定个啥罪', 'taolu-dai-what-is'],
    // Statute and article numbers are searchable through the entries' sources.
    ['民法典836条讲的啥', 'freight-carrier-lien'],
  ])('answers %s', (q, id) => {
    expect(top(q)?.entry.id).toBe(id);
    expect(top(q)?.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it('stays below the threshold on subjects no entry names (vehicle tax, naming a child)', () => {
    expect(index.confidence('货车车船税大概要交多少')).toBeLessThan(ANSWER_THRESHOLD);
    expect(index.confidence('帮我家娃儿取个名字 姓王')).toBeLessThan(ANSWER_THRESHOLD);
    expect(index.confidence('到底是个什么意思')).toBeLessThan(ANSWER_THRESHOLD);
  });

  it('answers the same after prepare() as when each entry is built on first use', () => {
    const questions = ['超载百分之三十以上怎么罚', '打了12328投诉多久给回复', '法律援助要不要收費', '车挂在公司名下怎么证明是我的'];
    const lazy = buildKnowledgeIndex(loadEntries(), repositoryLanguage());
    const prepared = buildKnowledgeIndex(loadEntries(), repositoryLanguage());
    prepared.prepare();
    for (const q of questions) expect(prepared.explain(q, 8)).toEqual(lazy.explain(q, 8));
  });

  it('returns nothing from an empty index', () => {
    expect(buildKnowledgeIndex([], repositoryLanguage()).search('疲劳驾驶')).toEqual([]);
    expect(buildKnowledgeIndex([], repositoryLanguage()).confidence('疲劳驾驶')).toBe(0);
  });
});
