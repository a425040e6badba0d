// Voice rendering: short, speakable, no URLs or markdown, cut at a sentence end.
import { describe, expect, it } from 'vitest';
import { renderReplies, toSpeakable, truncateSpeech, VOICE_MAX_CHARS } from './render.js';

describe('voice rendering', () => {
  it('strips markdown and links', () => {
    expect(toSpeakable('**重点**：见 [说明](https://x.cn/a) 或 https://y.cn\n- 第一\n- 第二')).toBe('重点：见 说明 或，第一，第二');
  });
  it('cuts long text at a sentence boundary', () => {
    const long = `${'连续驾驶不超过四小时。'.repeat(20)}`;
    const cut = truncateSpeech(long);
    expect(Array.from(cut).length).toBeLessThanOrEqual(VOICE_MAX_CHARS);
    expect(cut.endsWith('。')).toBe(true);
  });
  it('prefers the speech version on voice; text keeps its text and gets the speech form for reading aloud', () => {
    const replies = [{ text: '长文本 https://a.cn', speech: '罚款200元，打12328。' }];
    expect(renderReplies(replies, 'voice')[0]).toEqual({ text: '罚款200元，打12328。', speech: '罚款两百元，打一二三二八。' });
    expect(renderReplies(replies, 'text')[0]).toEqual({ text: '长文本 https://a.cn', speech: '罚款两百元，打一二三二八。' });
  });
  it('reads both ends of a range of amounts as amounts, and a hotline still digit by digit', () => {
    const [reply] = renderReplies([{ text: '罚200到500元；超过30%的，罚500到2000元，可打12328。' }], 'voice');
    expect(reply?.speech).toBe('罚两百到五百元；超过百分之三十的，罚五百到两千元，可打一二三二八。');
  });
  it('never cuts mid-sentence when a sentence end fits', () => {
    const text = `短句一。${'很长的第二句话'.repeat(30)}。`;
    expect(truncateSpeech(text)).toBe('短句一。');
  });
});
