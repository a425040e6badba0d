// The model's digest of a conversation for staff taking over: one line, checked so it adds no figure the conversation lacks.
import type { HandoffDigest } from '../handoff/digest.js';
import type { Logger } from '../log.js';
import { createCompletion, type LlmConfig, type ModelOptions } from './complete.js';
import { ungroundedFigures } from './grounding-guard.js';
import { fillPrompt, type Prompts } from './prompts.js';

const MAX_DIGEST_CHARS = 160;
const MAX_MESSAGES = 30;
const MAX_MESSAGE_CHARS = 300;
const AUTHOR = { driver: '司机', bot: '助手', staff: '工作人员' } as const;
// A statute title or article number is a fact for the knowledge base to state, not a digest.
const LEGAL_CITATION = /《[^》]*》|第[0-9零〇一二两三四五六七八九十百]+条/g;

const clip = (text: string) => {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > MAX_MESSAGE_CHARS ? `${chars.slice(0, MAX_MESSAGE_CHARS).join('')}…` : chars.join('');
};

export function createHandoffDigest(config: LlmConfig, log: Logger, prompts: Prompts, model: ModelOptions = {}): HandoffDigest {
  const complete = createCompletion(config, log, 'the template summary', 'handoff-digest', model);
  return async ({ reason, transcript }) => {
    const recent = transcript.slice(-MAX_MESSAGES);
    const lines = recent.map((m) => `${AUTHOR[m.author]}：${clip(m.text)}`);
    const text = await complete(fillPrompt(prompts['handoff-digest'], { reason, transcript: lines.join('\n') }), 200);
    const line = text
      ?.split('\n')
      .map((l) => l.trim())
      .find(Boolean);
    if (!line || Array.from(line).length > MAX_DIGEST_CHARS) return undefined;
    const sources = recent.map((m) => m.text);
    const ungrounded = [
      ...ungroundedFigures(line, sources),
      ...(line.match(LEGAL_CITATION) ?? []).filter((c) => !sources.some((s) => s.includes(c))),
    ];
    if (ungrounded.length > 0) {
      log.warn('handoff digest rejected: figures or citations not in the conversation', { figures: ungrounded.slice(0, 5) });
      return undefined;
    }
    return line;
  };
}
