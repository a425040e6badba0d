// The model chooses which candidate entry answers a question, by id or none, as a LangChain runnable; every failure means "no choice" and the offline decision stands.
import { RunnableLambda, RunnableSequence, type Runnable } from '@langchain/core/runnables';
import { z } from 'zod';
import type { KnowledgeEntry } from '../knowledge/entry-schema.js';
import type { CandidateChooser } from '../knowledge/faq-skill.js';
import type { Logger } from '../log.js';
import { createCompletion, type Complete, type LlmConfig, type ModelOptions } from './complete.js';
import type { KnowledgeRetriever } from './knowledge-retriever.js';
import { fillPrompt, type Prompts } from './prompts.js';

export interface ChoiceInput {
  question: string;
  candidates: KnowledgeEntry[];
}

/** The model's answer: an entry id among the candidates, or null for none of them. */
export type Choice = { id: string | null };

const choiceSchema = z.object({ id: z.string().min(1).nullable() }).strict();
const MAX_QUESTION_CHARS = 400;
const SAMPLE_QUESTIONS = 3;

/** What the model sees of one candidate: id, title, a few of its curated questions and its one-line answer. */
function describe(entry: KnowledgeEntry): string {
  return [`[${entry.id}] ${entry.title}`, `  常见问法：${entry.questions.slice(0, SAMPLE_QUESTIONS).join('；')}`, `  要点：${entry.speech}`].join('\n');
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

/** prompt → model → parse, as one runnable over a question and its candidates. */
export function createChoiceRunnable(complete: Complete, prompts: Prompts, log: Logger): Runnable<ChoiceInput, Choice | undefined> {
  return RunnableSequence.from([
    RunnableLambda.from((input: ChoiceInput) => ({
      ids: input.candidates.map((e) => e.id),
      prompt: fillPrompt(prompts['choose-entry'], {
        question: Array.from(input.question).slice(0, MAX_QUESTION_CHARS).join(''),
        candidates: input.candidates.map(describe).join('\n'),
      }),
    })),
    RunnableLambda.from(async ({ ids, prompt }: { ids: string[]; prompt: string }) => ({ ids, raw: await complete(prompt, 60) })),
    RunnableLambda.from(({ ids, raw }: { ids: string[]; raw: string | undefined }) => {
      const choice = parseChoice(raw, ids);
      if (raw !== undefined && !choice) log.warn('llm choice rejected, using the offline decision', { reply: raw.slice(0, 80) });
      return choice;
    }),
  ]);
}

/** The FAQ skill's chooser: the runnable above over the candidates of the turn's one search. */
export function createKnowledgeChooser(config: LlmConfig, log: Logger, prompts: Prompts, model: ModelOptions = {}): CandidateChooser {
  const runnable = createChoiceRunnable(createCompletion(config, log, 'offline decision', 'choose-entry', model), prompts, log);
  return {
    async choose(question, candidates) {
      if (candidates.length === 0) return undefined;
      return runnable.invoke({ question, candidates }).catch(() => undefined);
    },
  };
}

/**
 * For LangChain applications: question → the knowledge retriever's documents → the model's choice → the curated entry
 * (or undefined for none / no choice). The assistant itself hands the choice runnable the candidates it already has.
 */
export function createRetrievalChoiceChain(
  retriever: KnowledgeRetriever,
  choose: Runnable<ChoiceInput, Choice | undefined>,
  entry: (id: string) => KnowledgeEntry | undefined,
): Runnable<string, KnowledgeEntry | undefined> {
  return RunnableSequence.from([
    RunnableLambda.from(async (question: string) => {
      const docs = await retriever.invoke(question);
      const candidates = docs.map((d) => entry(d.metadata.id)).filter((e): e is KnowledgeEntry => e !== undefined);
      return { question, candidates };
    }),
    RunnableLambda.from(async (input: ChoiceInput) => (input.candidates.length === 0 ? undefined : await choose.invoke(input))),
    RunnableLambda.from((choice: Choice | undefined) => (choice?.id ? entry(choice.id) : undefined)),
  ]);
}
