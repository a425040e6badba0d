// Voice and read-aloud over every knowledge entry: the whole speech form, cut only at sentence ends, numbers as words.
import { describe, expect, it } from 'vitest';
import { answerReply } from '../knowledge/faq-answer.js';
import { loadEntries } from '../knowledge/load-entries.js';
import { answerForChat } from './answer-text.js';
import { renderReplies, VOICE_MAX_CHARS } from './render.js';

const entries = loadEntries();
const SENTENCE_END = /[。！？]$/u;

describe('speech of every entry', () => {
  it.each(entries.map((e) => [e.id, e] as const))('%s', (_id, entry) => {
    const reply = answerReply(entry, { question: entry.questions[0] });
    const [voice] = renderReplies([reply], 'voice');
    const [page] = renderReplies([reply], 'text');
    for (const spoken of [voice?.text, voice?.speech, page?.speech]) {
      expect(spoken).toBeDefined();
      expect(spoken).toMatch(SENTENCE_END);
      expect(spoken).not.toMatch(/\*|#|https?:|\n/);
    }
    expect(Array.from(voice?.text ?? '').length).toBeLessThanOrEqual(VOICE_MAX_CHARS);
    // The curated speech is said whole on the page, and the synthesiser never gets digits.
    expect(page?.speech?.length).toBeGreaterThanOrEqual(Math.min(entry.speech.length, 20));
    expect(voice?.speech).not.toMatch(/\d/);
    expect(page?.speech).not.toMatch(/\d/);
  });
});

describe('chat shortening of every entry', () => {
  // No entry is longer than a phone screen today; a small budget exercises the cut on all of them.
  it.each(entries.map((e) => [e.id, e] as const))('%s at 150 characters', (_id, entry) => {
    const answer = answerReply(entry).answer;
    expect(answer).toBeDefined();
    const { text, cut } = answerForChat(answer!, 150);
    if (!cut) return;
    expect(text).toContain('回复“详细”看全文和法条');
    expect(text.match(/来源：/g)).toHaveLength(1);
    // A heading is never the last thing before the cut.
    const body = text.slice(0, text.indexOf('\n\n来源：'));
    expect(body).not.toMatch(/】$/u);
  });
});
