// The web renderer over every knowledge entry: escaped HTML of the allowlist only, no Markdown left, one source line.
import { describe, expect, it } from 'vitest';
import { answerReply } from '../../knowledge/faq-answer.js';
import { loadEntries } from '../../knowledge/load-entries.js';
import { ANSWER_HTML_TAGS, answerAsHtml } from './answer-html.js';

const entries = loadEntries();

describe('web rendering of every entry', () => {
  it.each(entries.map((e) => [e.id, e] as const))('%s', (_id, entry) => {
    const html = answerAsHtml(answerReply(entry).answer!);
    const tags = [...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]);
    for (const tag of tags) expect(ANSWER_HTML_TAGS).toContain(tag);
    expect(html).not.toMatch(/\*\*|^#|<script|on\w+=/m);
    expect(html.match(/来源：/g)).toHaveLength(1);
    // Every sentence of the body is there, as text.
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'");
    for (const line of entry.answer.split('\n')) {
      const words = line.replace(/\*\*|^\s*(?:[-*+]|\d+[.)])\s+/g, '').trim();
      // Table rows are list items of their cells; the separator and header rows are layout.
      if (words && !words.startsWith('|')) expect(text).toContain(words.replace(/^#+\s*/, ''));
    }
  });

  it('escapes what a model might write', () => {
    const html = answerAsHtml({ blocks: [{ kind: 'paragraph', runs: [{ text: '<img src=x onerror=alert(1)> & "x"' }] }], source: '《a》' });
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;x&quot;</p><p class="cite">来源：《a》</p>');
  });
});
