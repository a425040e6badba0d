// Intent detection for grievances: filing phrases, stories, dialect, and emergencies that must never fall through.
import { describe, expect, it } from 'vitest';
import { testDetectIntent as detectIntent } from '../../tests/support/intent-words.js';

const intent = (text: string) => detectIntent({ text }, undefined);

describe('grievance intents', () => {
  it.each(['老板欠我运费三个月了', '被乱罚款', '我要投诉', '帮我登记一下', '遭罚了两百块', '运费拖起不给', '货主不拿钱'])(
    '%s → grievance',
    (text) => {
      expect(intent(text).intent).toBe('grievance');
    },
  );

  it.each([
    ['救命，有人拿刀威胁要弄死我', 'emergency-words'],
    ['我不想活了', 'emergency-words'],
    ['我想不开了', 'emergency-words'],
    ['刚出了车祸，人受伤了', 'emergency-words'],
    ['我受伤了转人工', 'emergency-words'],
  ])('%s → grievance by %s, before anything else', (text, rule) => {
    expect(intent(text)).toMatchObject({ intent: 'grievance', rule });
  });

  it.each(['我的诉求办得怎么样了', '查一下我的投诉', 'SC-2026-000123 进度', '我上回投诉的那个事情办得怎么样了'])('%s → case_status', (text) => {
    expect(intent(text).intent).toBe('case_status');
  });

  it.each(['我前几天反映的欠运费那个事 有下文没', 'sc-2026-000321 处理到哪一步了'])('%s → case_status (lower-case number, 有下文)', (text) => {
    expect(intent(text).intent).toBe('case_status');
  });

  it.each(['我前天投诉的那个问题处理了没', '我替我爸登记过一个诉求 有人管没'])('%s → case_status (a time word or family between)', (text) => {
    expect(intent(text).intent).toBe('case_status');
  });

  it.each(['叫你们管事的来', '有没有真人啊', '我要跟客服直接通电话'])('%s → handoff (by role, or a call with staff)', (text) => {
    expect(intent(text).intent).toBe('handoff');
  });

  it.each(['我儿子在停车场被人打了 我要替他反映'])('%s → grievance (family files for the driver)', (text) => {
    expect(intent(text).intent).toBe('grievance');
  });

  it.each(['执法队把我行驶证扣了半个月还不还', '货站扣了押金不退'])('%s → grievance (held and not returned)', (text) => {
    expect(intent(text).intent).toBe('grievance');
  });

  it.each(['你是机器吧 给我找个真人来', '能不能 叫 工作人员 跟我 说', '说了半天你都听不懂 换人工', '請幫我轉接人工客服'])('%s → handoff', (text) => {
    expect(intent(text).intent).toBe('handoff');
  });

  it.each(['好嘞 谢了哈师傅', '收到 谢谢', '晓得了'])('%s → smalltalk', (text) => {
    expect(intent(text).intent).toBe('smalltalk');
  });

  it.each(['小额诉讼立案以后多久能判', '劳动监察大队立案了 最多多少天要给我查清楚'])('%s: asking about 立案 files nothing', (text) => {
    expect(intent(text).intent).not.toBe('grievance');
  });

  it.each(['你好', '附近哪里可以洗澡', '转人工'])('%s is not a grievance', (text) => {
    expect(intent(text).intent).not.toBe('grievance');
  });
});

describe('smalltalk', () => {
  it.each(['好的谢谢', '嗯嗯 知道了', '好的，拜拜', '收到', '要得', 'ok'])('%s → smalltalk', (text) => {
    expect(intent(text).intent).toBe('smalltalk');
  });

  it.each(['好的 那疲劳驾驶怎么规定', '知道了 我要投诉'])('%s is more than an acknowledgement', (text) => {
    expect(intent(text).intent).not.toBe('smalltalk');
  });
});
