// Policy Q&A through /api/chat, offline: citations, the legal line, voice speech, off-topic refusal, not-found and pay routing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOICE_MAX_CHARS } from '../../src/core/render.js';
import { LEGAL_DISCLAIMER } from '../../src/knowledge/faq-answer.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';

describe(`FAQ over /api/chat (${testDriver})`, () => {
  let t: TestRuntime;
  let n = 0;
  beforeAll(async () => {
    t = await createTestRuntime();
  });
  afterAll(async () => t.close());

  const ask = async (text: string, channel: 'web' | 'voice' = 'web') => {
    const { status, body } = await t.chat({ userId: `faq-${n++}`, text, channel });
    expect(status).toBe(200);
    return body as { intent: string; replies: Array<{ text: string; citations?: Array<{ id: string; title: string; source?: string }> }> };
  };

  it('answers with the curated entry, cites it with its source, and ends legal answers with the 12348 line', async () => {
    const body = await ask('劳动仲裁收费吗');
    expect(body.intent).toBe('faq');
    const reply = body.replies[0];
    expect(reply?.text).toMatch(/不收费|免费/);
    expect(reply?.citations?.[0]).toMatchObject({ id: 'labour-arbitration-cost-and-timeline', title: expect.any(String) });
    expect(reply?.citations?.[0]?.source).toContain('劳动争议调解仲裁法');
    expect(reply?.text).toContain('来源：');
    const lines = reply?.text.trim().split('\n') ?? [];
    expect(lines.at(-1)).toBe(LEGAL_DISCLAIMER);
    expect(lines.at(-1)).toContain('12348');
  });

  it('does not add the legal line to a non-legal answer', async () => {
    const body = await ask('暖心之家有什么服务');
    expect(body.intent).toBe('faq');
    expect(body.replies[0]?.text).not.toContain(LEGAL_DISCLAIMER);
    expect(body.replies[0]?.citations?.[0]?.id).toBe('nuanxin-home-services');
  });

  it('answers traditional, dialect, spoken-digit and homophone questions', async () => {
    expect((await ask('勞動仲裁要錢嗎')).replies[0]?.citations?.[0]?.id).toBe('labour-arbitration-cost-and-timeline');
    expect((await ask('疲劳驾驶咋个算的')).replies[0]?.text).toMatch(/20\s*分钟/);
    expect((await ask('幺二三二八是干啥子的')).replies[0]?.citations?.[0]?.id).toBe('hotline-12328');
    expect((await ask('公伤保险怎么申请', 'voice')).replies[0]?.text).toContain('工伤');
  });

  it('speaks the short version on the voice channel, without markdown or the source list', async () => {
    const body = await ask('嗯 那个 劳动仲裁的时效是好久', 'voice');
    expect(body.intent).toBe('faq');
    const text = body.replies[0]?.text ?? '';
    expect([...text].length).toBeLessThanOrEqual(VOICE_MAX_CHARS);
    expect(text).not.toMatch(/\*\*|来源：|\n/);
    expect(text).toMatch(/1\s*年|一年/);
    expect(body.replies[0]?.citations?.length).toBeGreaterThan(0);
  });

  it('refuses off-topic questions briefly with no citation', async () => {
    for (const q of ['帮我写一首诗', '最近买哪支股票好']) {
      const body = await ask(q);
      expect(body.intent).toBe('unknown');
      expect(body.replies[0]?.citations ?? []).toEqual([]);
      expect(body.replies[0]?.text).toMatch(/不在我能帮忙的范围/);
    }
  });

  it('says plainly when a driver question is not in the knowledge base, offering the hotline and a human', async () => {
    const body = await ask('四川货车车船税一年交好多');
    expect(body.intent).toBe('unknown');
    expect(body.replies[0]?.citations ?? []).toEqual([]);
    expect(body.replies[0]?.text).toContain('12328');
    expect(body.replies[0]?.text).toContain('转人工');
    expect(body.replies[0]?.text).not.toMatch(/\d+\s*元/);
  });

  it('answers an ETC discount question without a rate of its own, saying where the rate is published', async () => {
    const body = await ask('四川高速货车ETC夜间打几折');
    expect(body.intent).toBe('faq');
    expect(body.replies[0]?.text).toMatch(/交通运输厅/);
    expect(body.replies[0]?.text).toContain('12328');
    expect(body.replies[0]?.text.replace(/"[^"]*"/g, '')).not.toMatch(/\d+\s*%|百分之|[一二三四五六七八九]折/);
  });

  it('admits the gap for a driver topic no entry names, instead of answering with a neighbouring entry', async () => {
    for (const q of ['开车玩手机扣几分', '驾照年审要带什么', '闯了红灯扣几分嘛']) {
      const body = await ask(q);
      expect(body.intent).toBe('unknown');
      expect(body.replies[0]?.citations ?? []).toEqual([]);
      expect(body.replies[0]?.text).toContain('转人工');
      expect(body.replies[0]?.text).not.toMatch(/疲劳|不在我能帮忙的范围/);
    }
  });

  it('covers both routes when a driver owed money does not say whether they are employed', async () => {
    const body = await ask('老板不给钱咋办');
    expect(body.intent).toBe('faq');
    expect(body.replies[0]?.citations?.[0]?.id).toBe('employee-or-owner-operator');
    expect(body.replies[0]?.text).toMatch(/仲裁/);
    expect(body.replies[0]?.text).toMatch(/运费/);
  });

  it('sends an owner-operator owed freight to the contract route, not labour arbitration', async () => {
    const body = await ask('我是个体车主，货主拖欠运费怎么起诉');
    const reply = body.replies[0];
    expect(reply?.citations?.[0]?.id).toMatch(/^freight-/);
    expect(reply?.text).not.toMatch(/申请劳动仲裁/);
  });
});
