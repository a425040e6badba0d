// Optional model help for the FAQ: restate follow-ups and reword curated answers, with timeouts and a grounding guard.
import type { KnowledgeEntry } from '../knowledge/entry-schema.js';
import type { AnswerAssistant } from '../knowledge/faq-skill.js';
import type { Logger } from '../log.js';
import { createCompletion, type LlmConfig, type ModelOptions } from './complete.js';
import { ungroundedFigures } from './grounding-guard.js';
import { fillPrompt, type Prompts } from './prompts.js';

const MAX_ANSWER_CHARS = 600;
const MAX_QUESTION_CHARS = 200;

function entryText(entry: KnowledgeEntry): string {
  return `【${entry.title}】\n${entry.answer}`;
}

export function createAnswerAssistant(config: LlmConfig, log: Logger, prompts: Prompts, model: ModelOptions = {}): AnswerAssistant {
  const complete = createCompletion(config, log, 'curated text', 'answer', model);

  return {
    async rewriteQuestion(history, question) {
      if (history.length === 0) return undefined;
      const prompt = fillPrompt(prompts['rewrite-question'], {
        history: history.map((q, i) => `${i + 1}. ${q}`).join('\n'),
        question,
      });
      const rewritten = (await complete(prompt, 120))?.split('\n')[0]?.trim();
      if (!rewritten || [...rewritten].length > MAX_QUESTION_CHARS) return undefined;
      // A restated question must not smuggle in figures the driver never said.
      if (ungroundedFigures(rewritten, [question, ...history]).length > 0) return undefined;
      return rewritten;
    },

    async phraseAnswer(question, entries) {
      if (entries.length === 0) return undefined;
      const texts = entries.map(entryText);
      const prompt = fillPrompt(prompts['phrase-answer'], { question, entries: texts.join('\n\n') });
      const answer = await complete(prompt, 500);
      if (!answer || [...answer].length > MAX_ANSWER_CHARS) return undefined;
      const ungrounded = ungroundedFigures(answer, [...texts, ...entries.map((e) => e.speech)]);
      if (ungrounded.length > 0) {
        log.warn('llm answer rejected: figures not in the cited entries', { figures: ungrounded.slice(0, 5), entries: entries.map((e) => e.id) });
        return undefined;
      }
      return answer;
    },
  };
}
