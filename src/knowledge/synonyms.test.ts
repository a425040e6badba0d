// Synonym rewriting: questions take the canonical word, entries keep theirs and gain it, homophone spellings survive.
import { describe, expect, it } from 'vitest';
import { canonicalWords, withCanonicalWords } from './synonyms.js';

describe('synonyms', () => {
  it('rewrites colloquial words in a question', () => {
    expect(canonicalWords('挂靠的车出了车祸')).toBe('挂靠的车出了交通事故');
    expect(canonicalWords('恶意欠薪会判刑吗')).toBe('恶意欠薪会坐牢吗');
  });

  it('reads keeping the load, disasters and height limits as the words entries use', () => {
    expect(canonicalWords('货能不能扣着')).toContain('留置货物');
    expect(canonicalWords('我能先不卸吗')).toContain('留置货物');
    expect(canonicalWords('遇到泥石流货没了')).toContain('不可抗力');
    expect(canonicalWords('货车限高多少米')).toBe('货车高度多少米');
    expect(canonicalWords('什么情况能申请法援')).toBe('什么情况能申请法律援助');
    expect(canonicalWords('货车最宽是多少')).toBe('货车宽度是多少');
    expect(canonicalWords('路政乱罚款')).toBe('交通执法乱罚款');
    expect(canonicalWords('拉鸡蛋过高速要钱不')).toBe('拉鲜活农产品过高速要钱不');
    expect(canonicalWords('运费不给可以扣车上的货不')).toContain('留置货物');
    expect(canonicalWords('单位不承认是工伤')).toBe('单位不给报工伤');
    expect(canonicalWords('打劳动仲裁收钱不')).toBe('打劳动仲裁收费不');
    expect(canonicalWords('讨薪能申请法律援助吗')).toBe('欠薪能申请法律援助吗');
    expect(canonicalWords('法律援助法哪年施行')).toBe('法律援助法哪年实施');
  });

  it('reads injuries, family, poverty and state-paid lawyers as the legal words', () => {
    expect(canonicalWords('被大车撞断了腿')).toBe('交通事故受伤');
    expect(canonicalWords('搬货把腰闪了')).toBe('搬货把受伤');
    expect(canonicalWords('家里困难想找公家的律师')).toBe('经济困难想找法律援助');
    expect(canonicalWords('家属能自己去申请吗')).toBe('近亲属能自己去申请吗');
    expect(canonicalWords('这算不算工伤')).toBe('这算不算工伤');
    expect(canonicalWords('公司说不算工伤')).toBe('公司说不给报工伤');
  });

  it('reads freight stories in the entries\' words', () => {
    expect(canonicalWords('一车瓷砖碎了一半要我全赔')).toBe('一车货物货损一半要我赔偿');
    expect(canonicalWords('发大水把货冲走了')).toBe('不可抗力把货冲走了');
    expect(canonicalWords('我把货拉回停车场')).toBe('我留置货物停车场');
    expect(canonicalWords('车子挂在一家运输公司')).toBe('车子挂靠公司');
    expect(canonicalWords('我不让查')).toBe('我拒绝查验');
    expect(canonicalWords('货主一分钱没给')).toBe('货主不给钱');
  });

  it('keeps an entry\'s own word beside the canonical one', () => {
    expect(withCanonicalWords('三角架放哪里')).toBe('三角架（警告标志）放哪里');
    expect(withCanonicalWords('放警告标志')).toBe('放警告标志');
  });

  it('leaves the recogniser spelling of 车货无忧 for homophone repair', () => {
    expect(canonicalWords('车祸无忧保险')).toBe('车祸无忧保险');
  });
});
