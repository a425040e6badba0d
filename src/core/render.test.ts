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
  it('prefers the speech version on voice and drops it on text', () => {
    const replies = [{ text: '长文本 https://a.cn', speech: '短的' }];
    expect(renderReplies(replies, 'voice')[0]).toEqual({ text: '短的' });
    expect(renderReplies(replies, 'text')[0]).toEqual({ text: '长文本 https://a.cn' });
  });
});
