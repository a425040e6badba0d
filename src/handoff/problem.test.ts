// Unit tests for the handoff problem: form fields in staff words, the failed questions, and no form answers passed off as the problem.
import { describe, expect, it } from 'vitest';
import { handoffProblem } from './problem.js';
import type { TranscriptMessage } from './types.js';

let id = 0;
const said = (author: TranscriptMessage['author'], text: string): TranscriptMessage => ({
  id: ++id,
  direction: author === 'driver' ? 'in' : 'out',
  author,
  text,
  createdAt: new Date(),
});

describe('handoffProblem', () => {
  it('takes category, place, amount, description, name and phone from the form, not the last answers', () => {
    const p = handoffProblem({
      reason: 'driver_asked',
      regionName: '自贡沿滩区',
      slots: {
        slots: { category: 'freight', description: '货主欠我运费8000元', amountYuan: 8000, place: '沿滩', name: '王师傅', phone: '13800138000' },
        asking: 'consent',
      },
      valueLabels: { 'category:freight': '运费结算' },
      transcript: [
        said('driver', '货主欠我运费8000元'),
        said('bot', '要留电话吗？'),
        said('driver', '确认'),
        said('driver', '不留'),
        said('driver', '同意'),
        said('driver', '转人工'),
      ],
    });
    expect(p).toEqual({
      category: '运费结算',
      place: '沿滩',
      amountYuan: 8000,
      description: '货主欠我运费8000元',
      name: '王师傅',
      phone: '13800138000',
      questions: [],
    });
  });

  it('names the two questions the bot failed, without the request for a person', () => {
    const p = handoffProblem({
      reason: 'bot_failed',
      regionName: null,
      slots: undefined,
      transcript: [said('driver', '你好'), said('driver', '货车年审可以异地办吗'), said('bot', '不知道'), said('driver', '火星上能开货车不')],
    });
    expect(p).toEqual({ questions: ['货车年审可以异地办吗', '火星上能开货车不'] });
  });

  it('outside a form, keeps the last thing the driver asked before asking for a person, and the routed region as the place', () => {
    const p = handoffProblem({
      reason: 'driver_asked',
      regionName: '成都锦江区',
      slots: undefined,
      transcript: [said('driver', '高速口被罚了200元合理吗'), said('bot', '……'), said('driver', '找人工客服')],
    });
    expect(p).toEqual({ place: '成都锦江区', questions: ['高速口被罚了200元合理吗'] });
  });
});
