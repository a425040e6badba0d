// Speakable numbers: hotlines and IDs spelt digit by digit, amounts, article numbers and dates read as number words.
import { describe, expect, it } from 'vitest';
import { spellNumbers } from './speakable.js';

describe('spellNumbers', () => {
  it.each([
    ['请拨打12328', '请拨打一二三二八'],
    ['报警请打110，急救120', '报警请打一一零，急救一二零'],
    ['编号SC-2025-014', '编号SC-二零二五，零一四'],
    ['电话028-86543210', '电话零二八，八六五四三二一零'],
    ['罚款200元', '罚款两百元'],
    ['处20元以上200元以下罚款', '处二十元以上两百元以下罚款'],
    ['连续驾驶4小时', '连续驾驶四小时'],
    ['歇2小时', '歇两小时'],
    ['第42条', '第四十二条'],
    ['《民法典》第1211条', '《民法典》第一千二百一十一条'],
    ['还有3公里', '还有三公里'],
    ['12月8日起施行', '十二月八日起施行'],
    ['2025年12月', '二〇二五年十二月'],
    ['上午9:00开门', '上午九点开门'],
    ['赔偿1.5万元', '赔偿一点五万元'],
    ['扣分超过50%', '扣分超过百分之五十'],
    ['10005元', '一万零五元'],
    ['30000元', '三万元'],
  ])('%s → %s', (input, expected) => {
    expect(spellNumbers(input)).toBe(expected);
  });
});
