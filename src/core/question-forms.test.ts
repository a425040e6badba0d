// What reads as a question: the reviewed question forms, the A-not-A shape and bare topics, against stories told.
import { describe, expect, it } from 'vitest';
import { testLexicon } from '../../tests/support/intent-words.js';
import { questionForms, questionFormsOf } from './question-forms.js';

const { asks, asksExplicitly } = questionForms(testLexicon);

describe('question forms', () => {
  it('takes a choice of what to do first, a tag question with 吧 and a belief told as hearsay for questions', () => {
    for (const text of [
      '撞车了先打110还是122',
      '申请法律援助应该也不用审查经济状况吧，跟讨薪一样',
      '听说欠工资超过一年就不能去劳动仲裁了，可是我还在上班',
    ]) {
      expect(asks(text), text).toBe(true);
    }
  });

  it('does not take a suggestion, a plain story, hearsay inside a word or 没…多少 (not much) for a question', () => {
    for (const text of ['那我们走吧', '老板欠了我三个月工资一共两万四', '我去打听说明书的事', '加了四百块钱的油，油表根本没动多少，他们不认账']) {
      expect(asks(text), text).toBe(false);
    }
  });

  it('reads A-not-A whatever the verb, and only when the same character repeats', () => {
    expect(asksExplicitly('这种情况公司赔不赔')).toBe(true);
    expect(asksExplicitly('平台管没管这个事')).toBe(true);
    expect(asksExplicitly('公司 赔 不 赔')).toBe(true);
    expect(asksExplicitly('老板不给钱，我不干了')).toBe(false);
  });

  it('takes a short bare topic for a question and a short story for a statement', () => {
    expect(asks('套路贷')).toBe(true);
    expect(asksExplicitly('套路贷')).toBe(false);
    expect(asks('车被扣了')).toBe(false);
  });

  it('asks only the given words: a form added to the data is a question without a code change', () => {
    const forms = questionFormsOf({ test: (t) => t.includes('噻') }, { test: () => false });
    expect(forms.asksExplicitly('这个要交钱噻')).toBe(true);
    expect(forms.asksExplicitly('这个要交钱')).toBe(false);
  });
});
