// Speakable numbers: hotlines and IDs spelt digit by digit, quantities and article numbers left for natural reading.
import { describe, expect, it } from 'vitest';
import { spellNumbers } from './speakable.js';

describe('spellNumbers', () => {
  it.each([
    ['请拨打12328', '请拨打一二三二八'],
    ['报警请打110，急救120', '报警请打一一零，急救一二零'],
    ['编号SC-2025-014', '编号SC-二零二五，零一四'],
    ['电话028-86543210', '电话零二八，八六五四三二一零'],
    ['罚款200元', '罚款200元'],
    ['连续驾驶4小时', '连续驾驶4小时'],
    ['第42条', '第42条'],
    ['还有3公里', '还有3公里'],
  ])('%s → %s', (input, expected) => {
    expect(spellNumbers(input)).toBe(expected);
  });
});
