// Synonym rewriting: questions take the canonical word, entries keep theirs and gain it, homophone spellings survive.
import { describe, expect, it } from 'vitest';
import { repositoryLanguage } from './repository-language.js';
import { canonicalWords, withCanonicalWords } from './synonyms.js';

const synonyms = repositoryLanguage().words.synonyms;

describe('synonyms', () => {
  it('rewrites colloquial words in a question', () => {
    expect(canonicalWords('挂靠的车出了车祸', synonyms)).toBe('挂靠的车出了交通事故');
    expect(canonicalWords('恶意欠薪会判刑吗', synonyms)).toBe('恶意欠薪会坐牢吗');
  });

  it('reads keeping the load, disasters and height limits as the words entries use', () => {
    expect(canonicalWords('货能不能扣着', synonyms)).toContain('留置货物');
    expect(canonicalWords('我能先不卸吗', synonyms)).toContain('留置货物');
    expect(canonicalWords('遇到泥石流货没了', synonyms)).toContain('不可抗力');
    expect(canonicalWords('货车限高多少米', synonyms)).toBe('货车高度多少米');
    expect(canonicalWords('什么情况能申请法援', synonyms)).toBe('什么情况能申请法律援助');
    expect(canonicalWords('货车最宽是多少', synonyms)).toBe('货车宽度是多少');
    expect(canonicalWords('路政乱罚款', synonyms)).toBe('交通执法乱罚款');
    expect(canonicalWords('拉鸡蛋过高速要钱不', synonyms)).toBe('拉鲜活农产品过高速要钱不');
    expect(canonicalWords('运费不给可以扣车上的货不', synonyms)).toContain('留置货物');
    expect(canonicalWords('单位不承认是工伤', synonyms)).toBe('单位不给报工伤');
    expect(canonicalWords('打劳动仲裁收钱不', synonyms)).toBe('打劳动仲裁收费不');
    expect(canonicalWords('讨薪能申请法律援助吗', synonyms)).toBe('欠薪能申请法律援助吗');
    expect(canonicalWords('法律援助法哪年施行', synonyms)).toBe('法律援助法哪年实施');
  });

  it('reads injuries, family, poverty and state-paid lawyers as the legal words', () => {
    expect(canonicalWords('被大车撞断了腿', synonyms)).toBe('交通事故受伤');
    expect(canonicalWords('搬货把腰闪了', synonyms)).toBe('搬货把受伤');
    expect(canonicalWords('家里困难想找公家的律师', synonyms)).toBe('经济困难想找法律援助');
    expect(canonicalWords('家属能自己去申请吗', synonyms)).toBe('近亲属能自己去申请吗');
    expect(canonicalWords('这算不算工伤', synonyms)).toBe('这算不算工伤');
    expect(canonicalWords('公司说不算工伤', synonyms)).toBe('公司说不给报工伤');
  });

  it('reads freight stories in the entries\' words', () => {
    expect(canonicalWords('一车瓷砖碎了一半要我全赔', synonyms)).toBe('一车货物货损一半要我赔偿');
    expect(canonicalWords('发大水把货冲走了', synonyms)).toBe('不可抗力把货冲走了');
    expect(canonicalWords('我把货拉回停车场', synonyms)).toBe('我留置货物停车场');
    expect(canonicalWords('车子挂在一家运输公司', synonyms)).toBe('车子挂靠公司');
    expect(canonicalWords('我不让查', synonyms)).toBe('我拒绝查验');
    expect(canonicalWords('货主一分钱没给', synonyms)).toBe('货主不给钱');
  });

  it('keeps an entry\'s own word beside the canonical one', () => {
    expect(withCanonicalWords('三角架放哪里', synonyms)).toBe('三角架（警告标志）放哪里');
    expect(withCanonicalWords('放警告标志', synonyms)).toBe('放警告标志');
  });

  it('leaves the recogniser spelling of 车货无忧 for homophone repair', () => {
    expect(canonicalWords('车祸无忧保险', synonyms)).toBe('车祸无忧保险');
  });
});
