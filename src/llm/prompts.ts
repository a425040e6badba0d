// Loads the prompt templates in prompts/*.md and fills their {{placeholders}}.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const PROMPTS_DIR = resolve(import.meta.dirname, '../../prompts');
const cache = new Map<string, string>();

export type PromptName = 'rewrite-question' | 'phrase-answer';

export function loadPrompt(name: PromptName): string {
  let text = cache.get(name);
  if (text === undefined) {
    // The first line is an HTML comment naming the template's purpose; the model does not need it.
    text = readFileSync(resolve(PROMPTS_DIR, `${name}.md`), 'utf8').replace(/^<!--[\s\S]*?-->\s*/, '');
    cache.set(name, text);
  }
  return text;
}

export function fillPrompt(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (all, key: string) => values[key] ?? all);
}
