// The model chooses which candidate entry answers a question, by id or none, as a LangChain runnable; every failure means "no choice" and the offline decision stands.
import { RunnableLambda, RunnableSequence, type Runnable } from '@langchain/core/runnables';
import type { KnowledgeEntry } from '../knowledge/entry-schema.js';
import type { Logger } from '../log.js';
import { createCompletion, type Complete } from './complete.js';
import { acceptChoice, choicePrompt, CHOICE_MAX_TOKENS, type Choice, type ChoiceInput, type ChooserFactory } from './entry-choice.js';
import type { KnowledgeRetriever } from './knowledge-retriever.js';
import type { Prompts } from './prompts.js';

export { parseChoice, type Choice, type ChoiceInput } from './entry-choice.js';

/** prompt → model → parse, as one runnable over a question and its candidates. */
export function createChoiceRunnable(complete: Complete, prompts: Prompts, log: Logger): Runnable<ChoiceInput, Choice | undefined> {
  return RunnableSequence.from([
    RunnableLambda.from((input: ChoiceInput) => ({ ids: input.candidates.map((e) => e.id), prompt: choicePrompt(prompts, input) })),
    RunnableLambda.from(async ({ ids, prompt }: { ids: string[]; prompt: string }) => ({ ids, raw: await complete(prompt, CHOICE_MAX_TOKENS) })),
    RunnableLambda.from(({ ids, raw }: { ids: string[]; raw: string | undefined }) => acceptChoice(raw, ids, log)),
  ]);
}

/** The FAQ skill's chooser on Node: the runnable above over the candidates of the turn's one search (src/runtime.ts injects it). */
export const createKnowledgeChooser: ChooserFactory = (config, log, prompts, model = {}) => {
  const runnable = createChoiceRunnable(createCompletion(config, log, 'offline decision', 'choose-entry', model), prompts, log);
  return {
    async choose(question, candidates) {
      if (candidates.length === 0) return undefined;
      return runnable.invoke({ question, candidates }).catch(() => undefined);
    },
  };
};

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
