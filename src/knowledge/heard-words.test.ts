// Misheard domain words: one same-sounding character is read back, two wrong characters or a different sound are not.
import { describe, expect, it } from 'vitest';
import { heardWords } from './heard-words.js';
import { repositoryLanguage } from './repository-language.js';
import { isDictionaryWord, syllables } from './text-features.js';

const sound = (ch: string) => syllables(ch)[0] ?? ch;

describe('heardWords', () => {
  const heard = heardWords(['暖心之家', '超限站', '屏蔽器'], sound);

  it('reads one misheard character of the same sound as the word, spaced or not', () => {
    expect(heard.rewrite('广元那个暖心只家在哪')).toBe('广元那个暖心之家在哪');
    expect(heard.rewrite('那个 超线站 能不能 绕过去')).toBe('那个 超限站 能不能 绕过去');
    expect(heard.rewrite('我在 暖心 只家 门口')).toBe('我在 暖心之家 门口');
    expect(heard.rewrite('装个屏蔽气')).toBe('装个屏蔽器');
  });

  it('leaves a different sound, two wrong characters and right words alone', () => {
    expect(heard.rewrite('暖心大家')).toBe('暖心大家');
    expect(heard.rewrite('超现在')).toBe('超现在');
    expect(heard.rewrite('超限站在哪 暖心之家')).toBe('超限站在哪 暖心之家');
  });

  it('reads a two-character word only where what was written is no word and breaks none beside it', () => {
    const short = heardWords(['工伤', '仲裁', '工资'], sound, isDictionaryWord);
    expect(short.rewrite('出车祸了 这个算公伤不')).toBe('出车祸了 这个算工伤不');
    expect(short.rewrite('老公伤心了')).toBe('老公伤心了');
    expect(short.rewrite('足球中裁判罚')).toBe('足球中裁判罚');
    expect(short.rewrite('他是个公子哥')).toBe('他是个公子哥');
  });

  it('is wired into the normaliser with the reviewed word list', () => {
    const { normalise } = repositoryLanguage();
    // A function character or a word beside the window is what was meant.
    for (const text of ['帮我记录一下', '等一下，我先停车去', '定位起来', '拉的水果超鲜的', '他车超在我前面']) expect(normalise(text)).toBe(normalise(text.replace(/\s+/g, ' ')));
    expect(normalise('帮我记录一下')).toBe('帮我记录一下');
    expect(normalise('等一下，我先停车去')).toContain('停车去');
    expect(normalise('北斗 能不能 装个 屏蔽气')).toBe('北斗 能不能 装个 屏蔽器');
    expect(normalise('最近的司机知家在哪')).toBe('最近的司机之家在哪');
  });
});
