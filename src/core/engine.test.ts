// Engine behaviour without a database: idempotency, human-mode silence, failures, flows with interruptions, repeat.
import { describe, expect, it, vi } from 'vitest';
import { createEngine } from './engine.js';
import { createMemoryConversationStore } from '../../tests/support/memory-store.js';
import { testDetectIntent as detectIntent, testLexicon } from '../../tests/support/intent-words.js';
import { createSmalltalkSkill } from './basic-skills.js';
import type { Flow, InboundMessage, Skill } from './types.js';
import type { KnowledgeProbe } from './types.js';

/** A probe whose outcome carries only a confidence, for engine tests that do not need the knowledge base. */
const probeOf = (confidence: (text: string) => number): KnowledgeProbe => ({
  confidence,
  assess: (text) => ({
    question: text,
    decision: confidence(text) >= 0.5 ? 'answer' : 'not-found',
    confidence: confidence(text),
    candidates: [],
    reason: 'test',
  }),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const msg = (text: string, extra: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'test',
  externalUserId: 'u',
  text,
  render: 'text',
  ...extra,
});

describe('engine', () => {
  it('returns the stored reply for a re-delivered message without running the skill again', async () => {
    const skill: Skill = { handle: vi.fn(async () => ({ replies: [{ text: `第${Math.random()}次` }] })) };
    const engine = createEngine({ detectIntent, store: createMemoryConversationStore(), skills: { unknown: skill } });
    const a = await engine.handle(msg('随便说说', { messageId: 'x' }));
    const b = await engine.handle(msg('随便说说', { messageId: 'x' }));
    expect(b.replies).toEqual(a.replies);
    expect(b.duplicate).toBe(true);
    expect(skill.handle).toHaveBeenCalledTimes(1);
  });

  it('stays silent in human mode but for one acknowledgement, and reports each message', async () => {
    const store = createMemoryConversationStore();
    const onHumanModeMessage = vi.fn(async () => undefined);
    const onHandoff = vi.fn(async () => undefined);
    const handoff: Skill = { handle: async () => ({ replies: [{ text: '正在为您转人工' }], mode: 'human', handoff: { reason: 'driver_asked' } }) };
    const engine = createEngine({ detectIntent, store, skills: { handoff }, onHumanModeMessage, onHandoff });
    const first = await engine.handle(msg('转人工'));
    expect(first.mode).toBe('human');
    expect(onHandoff).toHaveBeenCalledTimes(1);
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await engine.handle(msg(`第${i}条 疲劳驾驶怎么规定`)));
    expect(replies[0]!.replies.map((r) => r.text)).toEqual(['已转人工，工作人员会尽快回复。']);
    for (const r of replies.slice(1)) expect(r.replies).toEqual([]);
    expect(replies.every((r) => r.mode === 'human')).toBe(true);
    expect(onHumanModeMessage).toHaveBeenCalledTimes(5);
  });

  it('answers with an apology when a skill throws, and keeps working', async () => {
    const broken: Skill = { handle: async () => Promise.reject(new Error('boom')) };
    const error = vi.fn();
    const engine = createEngine({ detectIntent, store: createMemoryConversationStore(), skills: { unknown: broken }, log: { warn: vi.fn(), error } });
    const r = await engine.handle(msg('啥'));
    expect(r.replies[0]?.text).toMatch(/出了点问题/);
    expect(error).toHaveBeenCalled();
    expect((await engine.handle(msg('你好'))).intent).toBe('smalltalk');
  });

  it('lets a retryable failure propagate without storing an apology, so the retry of the same message runs the skill again', async () => {
    const unavailable = Object.assign(new Error('database restarting'), { code: 'retry-me' });
    let calls = 0;
    const flaky: Skill = { handle: async () => (++calls === 1 ? Promise.reject(unavailable) : { replies: [{ text: '已登记' }] }) };
    const engine = createEngine({
      detectIntent,
      store: createMemoryConversationStore(),
      skills: { unknown: flaky },
      isRetryable: (err) => (err as { code?: string }).code === 'retry-me',
    });
    await expect(engine.handle(msg('确认', { messageId: 'm-1' }))).rejects.toBe(unavailable);
    const retried = await engine.handle(msg('确认', { messageId: 'm-1' }));
    expect(retried.replies.map((r) => r.text)).toEqual(['已登记']);
    expect(calls).toBe(2);
  });

  it('answers a re-delivery that reaches another engine while the turn runs with the same replies, running the skill once', async () => {
    const store = createMemoryConversationStore();
    let calls = 0;
    const slow: Skill = { handle: async () => (calls++, await sleep(2_500), { replies: [{ text: '查到了' }] }) };
    // A lease shorter than the turn: the running engine renews it, so the other one never takes over. The margins are wide
    // (renewal every 333 ms for a 1 s lease) because a busy machine can hold a timer back by a few hundred milliseconds.
    const a = createEngine({ detectIntent, store, skills: { unknown: slow }, turnLeaseMs: 1_000 });
    const b = createEngine({ detectIntent, store, skills: { unknown: slow }, turnLeaseMs: 1_000, duplicateWaitMs: 10_000 });
    const first = a.handle(msg('随便说说', { messageId: 'slow-1' }));
    await sleep(30);
    const retry = await b.handle(msg('随便说说', { messageId: 'slow-1' }));
    expect(retry).toMatchObject({ duplicate: true, replies: [{ text: '查到了' }] });
    expect((await first).replies).toEqual(retry.replies);
    expect(calls).toBe(1);
  });

  it('takes over a message whose lease ran out with nobody answering it', async () => {
    const store = createMemoryConversationStore();
    // What a process that died mid-turn leaves behind: the inbound message and its lease, no replies.
    const begun = await store.beginTurn({
      channel: 'test',
      externalUserId: 'u',
      text: '你好',
      messageId: 'orphan',
      lease: { owner: 'gone', ms: 150 },
    });
    const engine = createEngine({ detectIntent, store, duplicateWaitMs: 2_000 });
    const started = Date.now();
    const result = await engine.handle(msg('你好', { messageId: 'orphan' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(result.intent).toBe('smalltalk');
    expect(result.replies.length).toBeGreaterThan(0);
    expect(await store.turnFor(begun.inboundId)).toMatchObject({ intent: 'smalltalk' });
  });

  it('when a stalled holder loses its lease, the turn that took over returns the first commit instead of failing', async () => {
    const store = createMemoryConversationStore();
    let calls = 0;
    const slow: Skill = { handle: async () => (calls++, await sleep(200), { replies: [{ text: `第${calls}次` }] }) };
    // The first engine cannot renew (its renewals never reach the store), so its lease runs out mid-turn.
    const stalled = createEngine({ detectIntent, store: { ...store, leaseTurn: async () => false }, skills: { unknown: slow }, turnLeaseMs: 50 });
    const other = createEngine({ detectIntent, store, skills: { unknown: slow }, turnLeaseMs: 50 });
    const first = stalled.handle(msg('随便说说', { messageId: 'stall' }));
    await sleep(80);
    const second = await other.handle(msg('随便说说', { messageId: 'stall' }));
    expect(calls).toBe(2);
    expect(second).toMatchObject({ duplicate: true, replies: (await first).replies });
  });

  it('routes messages to an active flow, answers interruptions and resumes the form', async () => {
    const flow: Flow = {
      name: 'form',
      async continue(ctx) {
        if (/疲劳/.test(ctx.text)) return undefined;
        return { replies: [{ text: `收到：${ctx.text}` }], state: { ...ctx.state, flow: undefined } };
      },
      resumePrompt: () => ({ text: '我们接着填表：请说金额。' }),
    };
    const start: Skill = {
      handle: async (ctx) => ({
        replies: [{ text: '请说金额' }],
        state: { ...ctx.state, flow: { name: 'form', data: {}, startedAt: ctx.now.toISOString() } },
      }),
    };
    const faq: Skill = { handle: async () => ({ replies: [{ text: '连续驾驶不超过4小时' }] }) };
    const engine = createEngine({
      detectIntent,
      store: createMemoryConversationStore(),
      skills: { grievance: start, faq },
      flows: [flow],
      knowledge: probeOf((t) => (/疲劳/.test(t) ? 0.9 : 0)),
    });
    await engine.handle(msg('我要投诉'));
    const interrupted = await engine.handle(msg('疲劳驾驶怎么规定'));
    expect(interrupted.replies.map((r) => r.text)).toEqual(['连续驾驶不超过4小时', '我们接着填表：请说金额。']);
    const done = await engine.handle(msg('三万'));
    expect(done.replies[0]?.text).toBe('收到：三万');
  });

  it('ends a transient flow when the driver asks something else, without a reminder', async () => {
    const where: Flow = {
      name: 'where',
      transient: true,
      async continue(ctx) {
        if (!/我在/.test(ctx.text)) return undefined;
        return { replies: [{ text: `在${ctx.text.slice(2)}找` }], state: { ...ctx.state, flow: undefined } };
      },
      resumePrompt: () => ({ text: '您在哪里？' }),
    };
    const station: Skill = {
      handle: async (ctx) => ({
        replies: [{ text: '您在哪里？' }],
        state: { ...ctx.state, flow: { name: 'where', data: {}, startedAt: ctx.now.toISOString() } },
      }),
    };
    const faq: Skill = { handle: async () => ({ replies: [{ text: '连续驾驶不超过4小时' }] }) };
    const unknown: Skill = { handle: async () => ({ replies: [{ text: '不懂' }] }) };
    const engine = createEngine({
      detectIntent,
      store: createMemoryConversationStore(),
      skills: { station, faq, unknown },
      flows: [where],
      knowledge: probeOf((t) => (/疲劳/.test(t) ? 0.9 : 0)),
    });
    await engine.handle(msg('附近的暖心之家'));
    const other = await engine.handle(msg('疲劳驾驶怎么规定'));
    expect(other.replies.map((r) => r.text)).toEqual(['连续驾驶不超过4小时']);
    // The question was dropped: a place said now is not taken as its answer.
    expect((await engine.handle(msg('我在金堂'))).replies[0]?.text).toBe('不懂');
  });

  it('acknowledges 好的 and thanks briefly instead of repeating the introduction, and cares for a tired driver', async () => {
    const smalltalk = createSmalltalkSkill(testLexicon.set('core/pleasantries'), testLexicon.set('core/capability-question'));
    const engine = createEngine({ detectIntent, store: createMemoryConversationStore(), skills: { smalltalk } });
    expect((await engine.handle(msg('好的谢谢'))).replies[0]?.text).toMatch(/^不客气/);
    expect((await engine.handle(msg('知道了'))).replies[0]?.text).toBe('好的，还有什么需要随时说。');
    expect((await engine.handle(msg('好的，拜拜'))).replies[0]?.text).toBe('好的，一路平安！');
    expect((await engine.handle(msg('到家了 好累'))).replies[0]?.text).toMatch(/^辛苦了！好好休息/);
    // Asking what the assistant does is answered, however tired the driver says he is.
    expect((await engine.handle(msg('累死了，你能干什么'))).replies[0]?.text).toMatch(/^辛苦了！我是暖心助手/);
    expect((await engine.handle(msg('今天跑了八百公里，累死了。你平时都干啥？'))).replies[0]?.text).toMatch(/^辛苦了！我是暖心助手/);
    expect((await engine.handle(msg('哈哈 你好嘛 吃饭没得'))).replies[0]?.text).toMatch(/^谢谢关心/);
    expect((await engine.handle(msg('这个还挺好用'))).replies[0]?.text).toMatch(/^谢谢夸奖/);
    // 好 inside 你好 is a greeting, not an acknowledgement.
    expect((await engine.handle(msg('你好'))).replies[0]?.text).toMatch(/^您好，我是暖心助手/);
  });

  it('repeats the last answer on request', async () => {
    const engine = createEngine({ detectIntent, store: createMemoryConversationStore() });
    const first = await engine.handle(msg('你好'));
    const again = await engine.handle(msg('重复一遍'));
    expect(again.replies[0]?.text).toBe(first.replies.map((r) => r.text).join('\n'));
  });

  it('normalises traditional and full-width input before understanding it', async () => {
    const seen: string[] = [];
    const faq: Skill = { handle: async (ctx) => (seen.push(ctx.text), { replies: [{ text: 'ok' }] }) };
    const engine = createEngine({ detectIntent, store: createMemoryConversationStore(), skills: { faq }, knowledge: probeOf(() => 0.9) });
    await engine.handle(msg('勞動仲裁要錢嗎？１２３２８'));
    expect(seen[0]).toBe('劳动仲裁要钱吗?12328');
  });

  it('counts misses so a second unknown turn offers a human', async () => {
    const engine = createEngine({ detectIntent, store: createMemoryConversationStore() });
    const a = await engine.handle(msg('量子力学'));
    const b = await engine.handle(msg('相对论'));
    expect(a.intent).toBe('unknown');
    expect(b.replies[0]?.text).toMatch(/转人工/);
  });

  it('searches the knowledge base once per turn and hands the outcome to the skill', async () => {
    let searches = 0;
    const probe: KnowledgeProbe = {
      assess: (text) => (
        searches++,
        { question: text, decision: 'answer', confidence: 0.9, candidates: [{ id: 'e1', score: 1, confidence: 0.9 }], reason: 'test' }
      ),
      confidence: () => {
        throw new Error('intent detection must read the turn outcome');
      },
    };
    const seen: unknown[] = [];
    const faq: Skill = { handle: async (ctx) => (seen.push(ctx.knowledge), { replies: [{ text: 'ok' }] }) };
    const engine = createEngine({ detectIntent, store: createMemoryConversationStore(), skills: { faq }, knowledge: probe });
    const result = await engine.handle(msg('疲劳驾驶怎么规定'));
    expect(result.intent).toBe('faq');
    expect(searches).toBe(1);
    expect(seen[0]).toMatchObject({ question: '疲劳驾驶怎么规定', decision: 'answer' });
  });
});
