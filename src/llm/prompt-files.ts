// Reads the prompt templates in prompts/*.md from disk (Node only).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROMPT_NAMES, stripPromptHeader, type Prompts } from './prompts.js';

export const PROMPTS_DIR = resolve(import.meta.dirname, '../../prompts');

export function loadPrompts(dir: string = PROMPTS_DIR): Prompts {
  return Object.fromEntries(PROMPT_NAMES.map((name) => [name, stripPromptHeader(readFileSync(resolve(dir, `${name}.md`), 'utf8'))])) as Prompts;
}
