// Which turns reach the 未答问题 page and how: not found, unsure, rejected with the rejection words of the lexicon, a 👎 stored once, nothing for a confident answer or an off-topic message.
import { describe, expect, it } from 'vitest';
import type { CommittedTurn } from '../core/ports.js';
import type { KnowledgeOutcome, TurnContext } from '../core/types.js';
import { createLearningLoop, rejectsAnswer, unansweredReason } from './learning-loop.js';
import type { NewUnansweredQuestion } from './learning-types.js';
import { repositoryLanguage } from './repository-language.js';

const rejections = repositoryLanguage().lexicon.set('knowledge/answer-rejected');
const outcome = (decision: KnowledgeOutcome['decision'], confidence: number, extra: Partial<KnowledgeOutcome> = {}): KnowledgeOutcome => ({
  question: 'q',
  decision,
  confidence,
  candidates: [{ id: 'hotline-12328', score: 3, confidence }],
  reason: 'test',
  decidedBy: 'search',
  ...extra,
});
const answeredState = { lastIntent: 'faq' as const, faqQuestions: ['疲劳驾驶扣几分'], faqEntry: 'fatigue-driving-penalty' };

function turn(text: string, over: Partial<CommittedTurn> = {}, state: TurnContext['state'] = {}): CommittedTurn {
  const ctx: TurnContext = { driverId: 'd', conversationId: 'c', channel: 'web', render: 'text', text, rawText: text, transcript: false, state, now: new Date() };
  return { inboundId: 7, conversation: { id: 'c', driverId: 'd', channel: 'web', mode: 'bot', state, version: 1 }, ctx, intent: 'unknown', missed: true, ...over };
}

function loop() {
  const stored: NewUnansweredQuestion[] = [];
  const keys = new Set<string>();
  const l = createLearningLoop({
    store: {
      async recordQuestion(q) {
        const key = `${q.messageId}/${q.reason}`;
        if (keys.has(key)) return false;
        keys.add(key);
        stored.push(q);
        return true;
      },
      findAnswered: async (_channel, user, id) => (user === 'me' && id === 'm1' ? { messageId: 3, conversationId: 'c', text: '超载了怎么罚', intent: 'faq', entryId: 'overload-penalty' } : undefined),
    },
    rejections,
    probe: { assess: (text) => outcome('answer', 0.9, { question: text }) },
    regionOf: (text) => (text.includes('金堂') ? '510121' : null),
  });
  return { l, stored };
}

describe('unansweredReason', () => {
  it('names not-found, unsure and clarify turns, and leaves confident, off-topic and other intents alone', () => {
    expect(unansweredReason({ intent: 'unknown', knowledge: outcome('not-found', 0.2) })).toBe('not_found');
    expect(unansweredReason({ intent: 'faq', knowledge: outcome('clarify', 0.6) })).toBe('low_confidence');
    expect(unansweredReason({ intent: 'faq', knowledge: outcome('answer', 0.55) })).toBe('low_confidence');
    expect(unansweredReason({ intent: 'faq', knowledge: outcome('answer', 0.95) })).toBeUndefined();
    expect(unansweredReason({ intent: 'faq', knowledge: outcome('answer', 0.55, { decidedBy: 'follow-up' }) })).toBeUndefined();
    expect(unansweredReason({ intent: 'unknown', knowledge: outcome('off-topic', 0.1) })).toBeUndefined();
    expect(unansweredReason({ intent: 'station', knowledge: outcome('not-found', 0.1) })).toBeUndefined();
    expect(unansweredReason({ intent: 'handoff', knowledge: outcome('not-found', 0.3), handoff: { reason: 'bot_failed' } })).toBe('not_found');
  });
});

describe('rejection words (knowledge/lexicon/knowledge/answer-rejected.yaml)', () => {
  it('count only right after a knowledge answer', () => {
    expect(rejectsAnswer(rejections, '不对', answeredState)).toBe(true);
    expect(rejectsAnswer(rejections, '答非所问', answeredState)).toBe(true);
    expect(rejectsAnswer(rejections, '不对', { lastIntent: 'station' })).toBe(false);
    expect(rejectsAnswer(rejections, '不对劲', answeredState)).toBe(false);
  });
});

describe('the learning loop', () => {
  it('records a not-found question with its region and candidates, and a retried turn once', async () => {
    const { l, stored } = loop();
    await l.observe(turn('我在金堂 挂车年检多久一次', { knowledge: outcome('not-found', 0.29) }));
    await l.observe(turn('我在金堂 挂车年检多久一次', { knowledge: outcome('not-found', 0.29) }));
    expect(stored).toEqual([expect.objectContaining({ reason: 'not_found', regionCode: '510121', text: '我在金堂 挂车年检多久一次', candidates: [{ id: 'hotline-12328', confidence: 0.29 }] })]);
  });

  it('records the answered question, not the word 不对, when a driver rejects the answer', async () => {
    const { l, stored } = loop();
    await l.observe(turn('不对', { knowledge: outcome('off-topic', 0) }, answeredState));
    expect(stored).toEqual([expect.objectContaining({ reason: 'rejected', text: '疲劳驾驶扣几分', entryId: 'fatigue-driving-penalty' })]);
  });

  it('records the rejection and judges the restated question on its own', async () => {
    const { l, stored } = loop();
    await l.observe(turn('不对 我问的是挂车年检', { knowledge: outcome('not-found', 0.2) }, answeredState));
    expect(stored.map((q) => q.reason)).toEqual(['rejected', 'not_found']);
  });

  it('clips a long story to 500 characters', async () => {
    const { l, stored } = loop();
    await l.observe(turn('好'.repeat(3000), { knowledge: outcome('not-found', 0.2) }));
    expect(Array.from(stored[0]?.text ?? '')).toHaveLength(500);
  });

  it('takes a 👎 for the driver\u2019s own message once, and refuses a message it cannot find', async () => {
    const { l, stored } = loop();
    expect(await l.thumbsDown('web', 'me', 'm1')).toBe('recorded');
    expect(await l.thumbsDown('web', 'me', 'm1')).toBe('already');
    expect(await l.thumbsDown('web', 'someone-else', 'm1')).toBe('unknown-message');
    expect(stored).toEqual([expect.objectContaining({ reason: 'thumbs_down', text: '超载了怎么罚', entryId: 'overload-penalty', messageId: 3 })]);
  });
});
