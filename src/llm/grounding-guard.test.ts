// The grounding guard: figures in a model's answer must all come from the cited entries.
import { describe, expect, it } from 'vitest';
import { canonicalFigures, chineseToNumber, extractFigures, ungroundedFigures } from './grounding-guard.js';

const SOURCE = '连续驾驶超过4小时要停车休息不少于20分钟，货车记3分，罚款20元以上200元以下（实施条例第62条）。劳动仲裁时效1年。生效日期2022-01-01。';

describe('grounding guard', () => {
  it('reads Chinese numerals before units', () => {
    expect(chineseToNumber('三十')).toBe(30);
    expect(chineseToNumber('十五')).toBe(15);
    expect(chineseToNumber('两万')).toBe(20000);
    expect(canonicalFigures('百分之八十')).toBe('80%');
    expect(canonicalFigures('四个小时歇二十分钟')).toBe('4小时歇20分钟');
    expect(canonicalFigures('2022年1月1日')).toBe(canonicalFigures('2022-01-01'));
    expect(canonicalFigures('八千块')).toBe('8000元');
    expect(canonicalFigures('两百块钱')).toBe('200元');
  });

  it('accepts an answer whose figures are all in the sources, in any spelling', () => {
    expect(ungroundedFigures('开四个小时就要歇至少二十分钟，记3分，罚二十元到两百元。', [SOURCE])).toEqual([]);
    expect(ungroundedFigures('依据第62条，时效是一年。', [SOURCE])).toEqual([]);
    expect(ungroundedFigures('没有数字的回答也可以。', [SOURCE])).toEqual([]);
  });

  it('rejects a hallucinated number, hotline, article, amount or date', () => {
    expect(ungroundedFigures('货车疲劳驾驶记12分。', [SOURCE])).toEqual(['12分']);
    expect(ungroundedFigures('可以打12345问。', [SOURCE])).toEqual(['12345']);
    expect(ungroundedFigures('依据第63条。', [SOURCE])).toEqual(['第63条']);
    expect(ungroundedFigures('罚款500元。', [SOURCE])).toEqual(['500元']);
    expect(ungroundedFigures('2023年1月1日起施行。', [SOURCE])).toContain('2023年');
    expect(ungroundedFigures('时效是三年。', [SOURCE])).toEqual(['3年']);
  });

  it('extracts each figure once', () => {
    expect(extractFigures('4小时，4小时，12328')).toEqual(['4小时', '12328']);
  });
});
