// The model's choice among candidate entries without LangChain: the prompt, the zod-validated reply, and an openai-only chooser (what the Worker bundles).
import { z } from 'zod';
import type { KnowledgeEntry } from '../knowledge/entry-schema.js';
import type { CandidateChooser } from '../knowledge/faq-skill.js';
import type { Logger } from '../log.js';
import { createCompletion, type Complete, type LlmConfig, type ModelOptions } from './complete.js';
import { fillPrompt, type Prompts } from './prompts.js';

export interface ChoiceInput {
  question: string;
  candidates: KnowledgeEntry[];
}

/** The model's answer: an entry id among the candidates, or null for none of them. */
export type Choice = { id: string | null };

/** Builds a chooser from a model configuration (the composition root's option: LangChain on Node, this file's on Workers). */
export type ChooserFactory = (config: LlmConfig, log: Logger, prompts: Prompts, model?: ModelOptions) => CandidateChooser;

const choiceSchema = z.object({ id: z.string().min(1).nullable() }).strict();
const MAX_QUESTION_CHARS = 400;
const SAMPLE_QUESTIONS = 3;
/** A choice is an id in a short JSON object. */
export const CHOICE_MAX_TOKENS = 60;

/** What the model sees of one candidate: id, title, a few of its curated questions and its one-line answer. */
function describe(entry: KnowledgeEntry): string {
  return [`[${entry.id}] ${entry.title}`, `  常见问法：${entry.questions.slice(0, SAMPLE_QUESTIONS).join('；')}`, `  要点：${entry.speech}`].join(
    '\n',
  );
}

/** The choose-entry prompt filled with the (shortened) question and every candidate. */
export function choicePrompt(prompts: Prompts, input: ChoiceInput): string {
  return fillPrompt(prompts['choose-entry'], {
    question: Array.from(input.question).slice(0, MAX_QUESTION_CHARS).join(''),
    candidates: input.candidates.map(describe).join('\n'),
  });
}

/**
 * The model's reply as a choice: the first JSON object in it, validated with zod, with an id among the candidates.
 * Anything else — prose, broken JSON, extra keys, an id it made up — is undefined, i.e. no choice.
 */
export function parseChoice(raw: string | undefined, ids: readonly string[]): Choice | undefined {
  const json = raw?.match(/\{[^{}]*\}/u)?.[0];
  if (!json) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = choiceSchema.safeParse(value);
  if (!parsed.success) return undefined;
  if (parsed.data.id !== null && !ids.includes(parsed.data.id)) return undefined;
  return parsed.data;
}

/** The reply parsed against the candidates' ids; a rejected reply is logged (without the question). */
export function acceptChoice(raw: string | undefined, ids: readonly string[], log: Logger): Choice | undefined {
  const choice = parseChoice(raw, ids);
  // Its length only: a rambling reply can repeat the driver's question.
  if (raw !== undefined && !choice) log.warn('llm choice rejected, using the offline decision', { replyChars: raw.length });
  return choice;
}

/** prompt → one completion → parse, with no framework: the same contract as the LangChain chooser. */
export function chooseWith(complete: Complete, prompts: Prompts, log: Logger): CandidateChooser {
  return {
    async choose(question, candidates) {
      if (candidates.length === 0) return undefined;
      try {
        const raw = await complete(choicePrompt(prompts, { question, candidates }), CHOICE_MAX_TOKENS);
        return acceptChoice(
          raw,
          candidates.map((e) => e.id),
          log,
        );
      } catch {
        return undefined;
      }
    },
  };
}

/** The openai-only chooser: the default of the composition root, so a bundle that never names LangChain still has one. */
export const createPlainKnowledgeChooser: ChooserFactory = (config, log, prompts, model = {}) =>
  chooseWith(createCompletion(config, log, 'offline decision', 'choose-entry', model), prompts, log);
