// The model's reading of a grievance story as form fields: one short completion whose first JSON object is the proposal; the cases domain checks it against the driver's words.
import { CASE_CATEGORIES, CATEGORY_INFO } from '../cases/categories.js';
import type { Logger } from '../log.js';
import { createCompletion, type LlmConfig, type ModelOptions } from './complete.js';
import { fillPrompt, type Prompts } from './prompts.js';

/** A story is worth a call; an answer to one question of the form ("金堂", "不知道", "同意") is the rules' work. */
export const MIN_STORY_CHARS = 8;
/** The driver is waiting for the next question: a slower model is skipped and the rules' reading stands. */
export const SLOT_TIMEOUT_MS = 3_000;
const MAX_TEXT_CHARS = 600;
const MAX_TOKENS = 200;

/** The text of the first balanced {…} in a reply (strings and escapes respected), or undefined. */
export function firstJsonObject(reply: string): string | undefined {
  const start = reply.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < reply.length; i++) {
    const c = reply[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return reply.slice(start, i + 1);
  }
  return undefined;
}

function parseReply(reply: string): unknown {
  const json = firstJsonObject(reply);
  if (!json) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

const categoryLines = () => CASE_CATEGORIES.map((c) => `  - ${c}：${CATEGORY_INFO[c].label}`).join('\n');

/**
 * `propose(text)` for the cases module: the model's raw JSON for a story, or {} for a short reply, a failure, a timeout,
 * a 429/5xx or anything that is not a JSON object. Logs carry lengths, never the driver's words.
 */
export function createSlotProposer(config: LlmConfig, log: Logger, prompts: Prompts, model: ModelOptions = {}): (text: string) => Promise<unknown> {
  const bounded = { ...config, timeoutMs: Math.min(config.timeoutMs, SLOT_TIMEOUT_MS) };
  const complete = createCompletion(bounded, log, 'the offline slot rules', 'extract-slots', model);
  const categories = categoryLines();
  return async (text) => {
    const said = Array.from(text.trim());
    if (said.length < MIN_STORY_CHARS) return {};
    const reply = await complete(fillPrompt(prompts['extract-slots'], { categories, text: said.slice(0, MAX_TEXT_CHARS).join('') }), MAX_TOKENS);
    if (reply === undefined) return {};
    const value = parseReply(reply);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      log.warn('slot extraction reply is no JSON object, using the offline slot rules', { replyChars: reply.length, textChars: said.length });
      return {};
    }
    return value;
  };
}
