// Asking for a person, as typed and as a transcript that spaces every word.
import { describe, expect, it } from 'vitest';
import { loadNodeAssets } from '../assets/node-assets.js';
import { compileLexicon } from '../lexicon/compile.js';
import { handoffIntentWords } from './intent-words.js';

const { askForPerson } = handoffIntentWords(compileLexicon(loadNodeAssets().lexicon));

describe('asking for a person', () => {
  it('reads a word-spaced transcript as one run', () => {
    expect(askForPerson.test('不想听机器人讲了 找个人来跟我说')).toBe(true);
    expect(askForPerson.test('不想 听 机器人 讲 了 找 个 人 来 跟 我 说')).toBe(true);
  });

  it('does not join a message spaced only at pauses, nor one that asks for no person', () => {
    expect(askForPerson.test('暖心之家 有没有工作人员 帮忙搬东西')).toBe(false);
    expect(askForPerson.test('工 伤 认 定 要 多 久')).toBe(false);
  });
});
