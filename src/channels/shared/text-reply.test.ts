// The WeChat renderer over every knowledge entry: plain text, 【】 headings, numbered lines, one source line, short with “详细”.
import { describe, expect, it } from 'vitest';
import { CHAT_ANSWER_MAX_CHARS, MORE_PROMPT } from '../../core/answer-text.js';
import { answerReply } from '../../knowledge/faq-answer.js';
import { loadEntries } from '../../knowledge/load-entries.js';
import { replyAsText, splitByBytes } from './text-reply.js';

const entries = loadEntries();
const len = (s: string) => Array.from(s).length;

describe('WeChat rendering of every entry', () => {
  it('has entries to check', () => expect(entries.length).toBeGreaterThan(50));

  it.each(entries.map((e) => [e.id, e] as const))('%s', (_id, entry) => {
    const reply = answerReply(entry);
    for (const full of [false, true]) {
      const text = replyAsText({ ...reply, full }, { links: 'html' });
      expect(text).not.toMatch(/\*\*|__|`/);
      expect(text).not.toMatch(/^\s*#/m);
      expect(text).not.toMatch(/^\s*[-*+]\s/m);
      // One citation line, never a second 依据 line under it.
      expect(text.match(/来源：/g)).toHaveLength(1);
      expect(text).not.toContain('依据：');
      for (const part of splitByBytes(text, 2048)) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(2048);
    }
    const short = replyAsText(reply, { links: 'html' });
    const whole = replyAsText({ ...reply, full: true }, { links: 'html' });
    if (short.includes(MORE_PROMPT)) {
      // The conclusion (the first block) leads, and the cut is at a block boundary within the budget unless that block alone is longer.
      expect(whole.startsWith(short.split('\n\n')[0] as string)).toBe(true);
      const kept = short.slice(0, short.indexOf('\n\n来源：'));
      expect(whole.startsWith(kept)).toBe(true);
      if (kept.includes('\n\n')) expect(len(short)).toBeLessThanOrEqual(CHAT_ANSWER_MAX_CHARS);
    } else {
      expect(short).toBe(whole);
      expect(len(short)).toBeLessThanOrEqual(CHAT_ANSWER_MAX_CHARS);
    }
  });

  it('renders the affiliation answer with 【】 labels and numbered advice', () => {
    const entry = entries.find((e) => e.id === 'affiliation-accident-liability');
    expect(entry).toBeDefined();
    const text = replyAsText(answerReply(entry!), { links: 'plain' });
    expect(text.startsWith('【责任】（《民法典》第1211条）：以挂靠形式')).toBe(true);
    expect(text).toContain('【建议】\n1. 出事先打122报警，拿事故认定书；\n2. 保险要买足');
    expect(text).toContain('来源：《民法典》 第1211条');
  });

  it('turns bullets into numbered lines', () => {
    const bulleted = entries.find((e) => /^- /m.test(e.answer));
    expect(bulleted).toBeDefined();
    const text = replyAsText({ ...answerReply(bulleted!), full: true }, { links: 'plain' });
    expect(text).toMatch(/^1\. /m);
  });
});
