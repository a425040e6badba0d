// The prompt templates' names and the filler for their {{placeholders}}; the texts come with the runtime's assets (prompts/*.md).
export const PROMPT_NAMES = ['rewrite-question', 'phrase-answer', 'handoff-digest', 'choose-entry', 'extract-slots'] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];
export type Prompts = Record<PromptName, string>;

/** The first line of a template file is an HTML comment naming its purpose; the model does not need it. */
export function stripPromptHeader(text: string): string {
  return text.replace(/^<!--[\s\S]*?-->\s*/, '');
}

export function fillPrompt(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (all, key: string) => values[key] ?? all);
}
